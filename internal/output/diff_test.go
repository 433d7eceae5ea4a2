package output

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// numbered returns the lines "1\n" … "n\n", with the lines in change
// (1-based) replaced by "X\n".
func numbered(n int, change ...int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		line := strconv.Itoa(i)
		for _, c := range change {
			if c == i {
				line = "X"
			}
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

func TestUnified(t *testing.T) {
	cases := []struct {
		name string
		a, b string
		want string // without the ---/+++ lines; "" for no diff
	}{
		{name: "equal", a: "1\n2\n", b: "1\n2\n", want: ""},
		{name: "both empty", a: "", b: "", want: ""},
		{name: "equal without final newline", a: "1\n2", b: "1\n2", want: ""},
		{
			name: "insert at start",
			a:    "1\n2\n3\n4\n5\n",
			b:    "0\n1\n2\n3\n4\n5\n",
			want: "@@ -1,3 +1,4 @@\n+0\n 1\n 2\n 3\n",
		},
		{
			name: "insert in the middle",
			a:    numbered(10),
			b:    "1\n2\n3\n4\n5\nnew\n6\n7\n8\n9\n10\n",
			want: "@@ -3,6 +3,7 @@\n 3\n 4\n 5\n+new\n 6\n 7\n 8\n",
		},
		{
			name: "insert at end",
			a:    "1\n2\n3\n4\n5\n",
			b:    "1\n2\n3\n4\n5\n6\n",
			want: "@@ -3,3 +3,4 @@\n 3\n 4\n 5\n+6\n",
		},
		{
			name: "insert into a one-line file",
			a:    "1\n",
			b:    "1\n2\n",
			want: "@@ -1 +1,2 @@\n 1\n+2\n",
		},
		{
			name: "delete in the middle",
			a:    "1\n2\n3\n4\n5\n",
			b:    "1\n2\n4\n5\n",
			want: "@@ -1,5 +1,4 @@\n 1\n 2\n-3\n 4\n 5\n",
		},
		{
			name: "delete the first line",
			a:    numbered(6),
			b:    "2\n3\n4\n5\n6\n",
			want: "@@ -1,4 +1,3 @@\n-1\n 2\n 3\n 4\n",
		},
		{
			name: "delete the last line",
			a:    numbered(6),
			b:    numbered(5),
			want: "@@ -3,4 +3,3 @@\n 3\n 4\n 5\n-6\n",
		},
		{
			name: "delete several",
			a:    numbered(10),
			b:    "1\n2\n3\n4\n8\n9\n10\n",
			want: "@@ -2,9 +2,6 @@\n 2\n 3\n 4\n-5\n-6\n-7\n 8\n 9\n 10\n",
		},
		// Unified writes the inserted lines of a change before the deleted
		// ones. That is a valid unified diff (patch and git apply take it)
		// but GNU diff and git write the deletions first; see the report.
		{
			name: "replace one line",
			a:    "1\n2\n3\n4\n5\n",
			b:    "1\n2\nX\n4\n5\n",
			want: "@@ -1,5 +1,5 @@\n 1\n 2\n-3\n+X\n 4\n 5\n",
		},
		{
			name: "replace a one-line file",
			a:    "old\n",
			b:    "new\n",
			want: "@@ -1 +1 @@\n-old\n+new\n",
		},
		{
			name: "replace two lines by three",
			a:    numbered(8),
			b:    "1\n2\n3\na\nb\nc\n6\n7\n8\n",
			want: "@@ -1,8 +1,9 @@\n 1\n 2\n 3\n-4\n-5\n+a\n+b\n+c\n 6\n 7\n 8\n",
		},
		{
			name: "two hunks far apart",
			a:    numbered(20),
			b:    numbered(20, 2, 18),
			want: "@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5\n" +
				"@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+X\n 19\n 20\n",
		},
		{
			// 7 equal lines between the changes: more than twice the
			// context, so two hunks.
			name: "seven lines apart: two hunks",
			a:    numbered(20),
			b:    numbered(20, 5, 13),
			want: "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+X\n 6\n 7\n 8\n" +
				"@@ -10,7 +10,7 @@\n 10\n 11\n 12\n-13\n+X\n 14\n 15\n 16\n",
		},
		{
			// 6 equal lines between the changes: the contexts touch, so
			// one hunk.
			name: "six lines apart: one hunk",
			a:    numbered(20),
			b:    numbered(20, 5, 12),
			want: "@@ -2,14 +2,14 @@\n 2\n 3\n 4\n-5\n+X\n 6\n 7\n 8\n 9\n 10\n 11\n-12\n+X\n 13\n 14\n 15\n",
		},
		{
			name: "close together: one hunk",
			a:    numbered(12),
			b:    numbered(12, 4, 6),
			want: "@@ -1,9 +1,9 @@\n 1\n 2\n 3\n-4\n+X\n 5\n-6\n+X\n 7\n 8\n 9\n",
		},
		{
			name: "add the missing final newline",
			a:    "1\n2\n3",
			b:    "1\n2\n3\n",
			want: "@@ -1,3 +1,3 @@\n 1\n 2\n-3\n\\ No newline at end of file\n+3\n",
		},
		{
			name: "remove the final newline",
			a:    "1\n2\n3\n",
			b:    "1\n2\n3",
			want: "@@ -1,3 +1,3 @@\n 1\n 2\n-3\n+3\n\\ No newline at end of file\n",
		},
		{
			name: "change a last line without newline",
			a:    "1\nold",
			b:    "1\nnew",
			want: "@@ -1,2 +1,2 @@\n 1\n-old\n\\ No newline at end of file\n+new\n\\ No newline at end of file\n",
		},
		{
			name: "unchanged last line without newline, as context",
			a:    "1\n2\n3",
			b:    "0\n1\n2\n3",
			want: "@@ -1,3 +1,4 @@\n+0\n 1\n 2\n 3\n\\ No newline at end of file\n",
		},
		{
			name: "empty a",
			a:    "",
			b:    "1\n2\n",
			want: "@@ -0,0 +1,2 @@\n+1\n+2\n",
		},
		{
			name: "empty b",
			a:    "1\n2\n",
			b:    "",
			want: "@@ -1,2 +0,0 @@\n-1\n-2\n",
		},
		{
			name: "empty a, one line without newline",
			a:    "",
			b:    "x",
			want: "@@ -0,0 +1 @@\n+x\n\\ No newline at end of file\n",
		},
		{
			name: "blank lines",
			a:    "\n\n\n",
			b:    "\n\n",
			want: "@@ -1,3 +1,2 @@\n \n \n-\n",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Unified("a/f.go", "b/f.go", []byte(c.a), []byte(c.b))
			want := c.want
			if want != "" {
				want = "--- a/f.go\n+++ b/f.go\n" + want
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Unified (-want +got):\n%s", diff)
			}
			if c.want != "" {
				if res, err := applyUnified(splitLines(c.a), got); err != nil {
					t.Errorf("the diff does not apply: %v", err)
				} else if res != c.b {
					t.Errorf("the diff applied gives %q, want %q", res, c.b)
				}
			}
		})
	}
}

func TestUnifiedNames(t *testing.T) {
	got := Unified("/dev/null", "b/new.go", nil, []byte("x\n"))
	want := "--- /dev/null\n+++ b/new.go\n@@ -0,0 +1 @@\n+x\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n$`)

const noNewline = "\\ No newline at end of file\n"

type hunk struct {
	aStart, aLen, bStart, bLen int
	lines                      []string // kind byte then the line, with "\n" unless it had none
}

// parseUnified parses the output of Unified strictly.
func parseUnified(d string) ([]hunk, error) {
	lines := strings.SplitAfter(d, "\n")
	if lines[len(lines)-1] != "" {
		return nil, fmt.Errorf("the diff does not end with a newline")
	}
	lines = lines[:len(lines)-1]
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "--- ") || !strings.HasPrefix(lines[1], "+++ ") {
		return nil, fmt.Errorf("no ---/+++ header")
	}
	var hunks []hunk
	for i := 2; i < len(lines); i++ {
		l := lines[i]
		if m := hunkHeader.FindStringSubmatch(l); m != nil {
			num := func(s string, dflt int) int {
				if s == "" {
					return dflt
				}
				n, _ := strconv.Atoi(s)
				return n
			}
			hunks = append(hunks, hunk{num(m[1], 0), num(m[2], 1), num(m[3], 0), num(m[4], 1), nil})
			continue
		}
		if len(hunks) == 0 {
			return nil, fmt.Errorf("line %d outside a hunk: %q", i+1, l)
		}
		if l == noNewline {
			h := &hunks[len(hunks)-1]
			if len(h.lines) == 0 || !strings.HasSuffix(h.lines[len(h.lines)-1], "\n") {
				return nil, fmt.Errorf("misplaced %q", noNewline)
			}
			last := h.lines[len(h.lines)-1]
			h.lines[len(h.lines)-1] = last[:len(last)-1]
			continue
		}
		if l == "" || !strings.Contains(" -+", l[:1]) {
			return nil, fmt.Errorf("bad line %d: %q", i+1, l)
		}
		h := &hunks[len(hunks)-1]
		h.lines = append(h.lines, l)
	}
	for _, h := range hunks {
		na, nb := 0, 0
		for _, l := range h.lines {
			if l[0] != '+' {
				na++
			}
			if l[0] != '-' {
				nb++
			}
		}
		if na != h.aLen || nb != h.bLen {
			return nil, fmt.Errorf("hunk -%d,%d +%d,%d has %d and %d lines", h.aStart, h.aLen, h.bStart, h.bLen, na, nb)
		}
	}
	return hunks, nil
}

// applyUnified applies a unified diff to a, checking every context and
// deleted line and every hunk position, and returns the result.
func applyUnified(a []string, d string) (string, error) {
	hunks, err := parseUnified(d)
	if err != nil {
		return "", err
	}
	var out []string
	ai := 0 // next line of a to copy
	for _, h := range hunks {
		// An empty range names the line before it.
		first := h.aStart - 1
		if h.aLen == 0 {
			first = h.aStart
		}
		if first < ai || first > len(a) {
			return "", fmt.Errorf("hunk at -%d overlaps or is out of order (at line %d of %d)", h.aStart, ai+1, len(a))
		}
		out = append(out, a[ai:first]...)
		ai = first
		bFirst := h.bStart - 1
		if h.bLen == 0 {
			bFirst = h.bStart
		}
		if len(out) != bFirst {
			return "", fmt.Errorf("hunk +%d starts at line %d of the result", h.bStart, len(out)+1)
		}
		for _, l := range h.lines {
			kind, text := l[0], l[1:]
			switch kind {
			case ' ', '-':
				if ai >= len(a) || a[ai] != text {
					return "", fmt.Errorf("line %d: %q does not match %q", ai+1, text, at(a, ai))
				}
				if kind == ' ' {
					out = append(out, text)
				}
				ai++
			case '+':
				out = append(out, text)
			}
		}
	}
	out = append(out, a[ai:]...)
	return strings.Join(out, ""), nil
}

func at(a []string, i int) string {
	if i < len(a) {
		return a[i]
	}
	return "<end of file>"
}

// lcsLen is the length of a longest common subsequence of x and y.
func lcsLen(x, y []string) int {
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				cur[j] = prev[j+1] + 1
			} else {
				cur[j] = max(prev[j], cur[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[0]
}

func randomLines(r *rand.Rand) []string {
	alphabet := []string{"a", "b", "c", "d", "", "}"}
	n := r.IntN(40)
	lines := make([]string, n)
	for i := range lines {
		lines[i] = alphabet[r.IntN(len(alphabet))] + "\n"
	}
	if n > 0 && r.IntN(4) == 0 {
		lines[n-1] = strings.TrimSuffix(lines[n-1], "\n") + "eof" // no final newline
	}
	return lines
}

// mutate derives b from a by a few random edits, so that a and b share a
// lot, as an old and a new generated file do.
func mutate(r *rand.Rand, a []string) []string {
	b := append([]string(nil), a...)
	for range 1 + r.IntN(5) {
		switch i := r.IntN(len(b) + 1); r.IntN(3) {
		case 0:
			b = append(b[:i], append([]string{fmt.Sprintf("new%d\n", r.IntN(3))}, b[i:]...)...)
		case 1:
			if i < len(b) {
				b = append(b[:i], b[i+1:]...)
			}
		case 2:
			if i < len(b) {
				b[i] = "changed\n"
			}
		}
	}
	// Keep a missing final newline only at the end.
	for i := 0; i+1 < len(b); i++ {
		if !strings.HasSuffix(b[i], "\n") {
			b[i] += "\n"
		}
	}
	return b
}

func TestUnifiedApplies(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var multiHunk, noEOL, equal int // what the iterations covered
	for iter := range 200 {
		a := randomLines(r)
		var b []string
		if iter%2 == 0 {
			b = randomLines(r)
		} else {
			b = mutate(r, a)
		}
		as, bs := strings.Join(a, ""), strings.Join(b, "")
		d := Unified("a", "b", []byte(as), []byte(bs))
		if as == bs {
			if d != "" {
				t.Fatalf("iteration %d: equal inputs, diff %q", iter, d)
			}
			equal++
			continue
		}
		if strings.Contains(d, noNewline) {
			noEOL++
		}
		got, err := applyUnified(a, d)
		if err != nil {
			t.Fatalf("iteration %d: %v\na=%q\nb=%q\ndiff:\n%s", iter, err, as, bs, d)
		}
		if got != bs {
			t.Fatalf("iteration %d: applying the diff gives %q, want %q\ndiff:\n%s", iter, got, bs, d)
		}
		hunks, _ := parseUnified(d)
		checkHunkShape(t, iter, hunks, len(a))
		if len(hunks) > 1 {
			multiHunk++
		}
		// The script is minimal: it deletes exactly the lines outside an
		// LCS.
		deleted := 0
		for _, h := range hunks {
			for _, l := range h.lines {
				if l[0] == '-' {
					deleted++
				}
			}
		}
		if want := len(a) - lcsLen(a, b); deleted != want {
			t.Fatalf("iteration %d: %d lines deleted, want %d\ndiff:\n%s", iter, deleted, want, d)
		}
	}
	t.Logf("%d equal, %d with several hunks, %d with a missing final newline", equal, multiHunk, noEOL)
	if multiHunk < 10 || noEOL < 10 || equal == 0 {
		t.Errorf("the random inputs cover too little: %d equal, %d with several hunks, %d with a missing final newline", equal, multiHunk, noEOL)
	}
}

// checkHunkShape checks the context rules: at most three lines of context
// around changes, fewer only at the ends of the file, and hunks that would
// touch merged into one.
func checkHunkShape(t *testing.T, iter int, hunks []hunk, na int) {
	t.Helper()
	prevEnd := 0 // line of a after the previous hunk, 1-based exclusive
	for k, h := range hunks {
		lead, trail := 0, 0
		for lead < len(h.lines) && h.lines[lead][0] == ' ' {
			lead++
		}
		for trail < len(h.lines) && h.lines[len(h.lines)-1-trail][0] == ' ' {
			trail++
		}
		if lead == len(h.lines) {
			t.Fatalf("iteration %d: hunk %d has no change", iter, k)
		}
		first := h.aStart
		if h.aLen == 0 {
			first = h.aStart + 1
		}
		if lead > 3 || lead < 3 && first != 1 {
			t.Fatalf("iteration %d: hunk %d has %d lines of leading context at line %d", iter, k, lead, first)
		}
		end := first + h.aLen // exclusive
		if trail > 3 || trail < 3 && end-1 != na {
			t.Fatalf("iteration %d: hunk %d has %d lines of trailing context, ending at line %d of %d", iter, k, trail, end-1, na)
		}
		if k > 0 && first <= prevEnd {
			t.Fatalf("iteration %d: hunk %d starts at line %d, touching the previous one (ends before %d)", iter, k, first, prevEnd)
		}
		prevEnd = end
	}
}
