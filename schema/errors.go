package schema

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Pos is a position in a schema or config file: the file's path relative to
// the directory of the config file, with forward slashes, and a 1-based line
// and column. The zero Pos means "no position".
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col, the form editors recognise.
func (p Pos) String() string {
	switch {
	case p.File == "":
		return "-"
	case p.Line == 0:
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Short formats the position as file:line, used in generated doc comments.
func (p Pos) Short() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// Error is one problem found in the input, at a position.
type Error struct {
	Pos Pos
	Msg string
}

// Error formats the error as "file:line:col: message".
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// ErrorList is every problem found in one run. Load and Resolve return all of
// them at once, sorted by position, so that a user fixes a schema in one pass.
type ErrorList []*Error

// Error formats the list one error per line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// add records a formatted error at pos. A string argument longer than
// maxShown bytes (a value of megabytes on one line) is shown cut, as
// "prefix"… (N bytes), so that one error stays one readable line; so is a
// message that is still longer than maxMessage.
func (l *ErrorList) add(pos Pos, format string, args ...any) {
	args = slices.Clone(args)
	for i, a := range args {
		if s, ok := a.(string); ok && len(s) > maxShown {
			args[i] = cutString(s)
		}
	}
	msg := fmt.Sprintf(format, args...)
	if len(msg) > maxMessage {
		msg = fmt.Sprint(cutString(msg))
	}
	*l = append(*l, &Error{Pos: pos, Msg: msg})
}

const (
	maxShown   = 256      // bytes of a string argument an error message shows
	maxMessage = 4 * 1024 // bytes of a message
)

// cutString is a string too long to show whole in a message: it formats
// as its first maxShown bytes (whole characters), then how long it is;
// with %q the quotes close before the ellipsis, so it reads as cut.
type cutString string

func (s cutString) Format(f fmt.State, verb rune) {
	n := maxShown
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	head := string(s[:n])
	if verb == 'q' {
		head = strconv.Quote(head)
	}
	fmt.Fprintf(f, "%s… (%d bytes)", head, len(s))
}

// OrNil returns the list as an error, or nil when it is empty.
func (l ErrorList) OrNil() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Sorted returns the list sorted by position, without exact duplicates.
func (l ErrorList) Sorted() ErrorList {
	if err := l.err(); err != nil {
		return err.(ErrorList)
	}
	return nil
}

// err sorts the list and removes exact duplicates, returning nil when empty.
func (l ErrorList) err() error {
	if len(l) == 0 {
		return nil
	}
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return l[i].Msg < l[j].Msg
	})
	out := l[:1]
	for _, e := range l[1:] {
		if last := out[len(out)-1]; last.Pos == e.Pos && last.Msg == e.Msg {
			continue
		}
		out = append(out, e)
	}
	if len(out) > MaxErrors {
		more := len(out) - MaxErrors
		out = append(out[:MaxErrors:MaxErrors], &Error{Pos: out[MaxErrors].Pos, Msg: fmt.Sprintf("too many errors: %d more not shown; fix these first", more)})
	}
	return out
}

// Suggest returns `; did you mean "x"?`, naming the closest candidate to
// word, or "" when none is close enough to be a likely typo.
func Suggest(word string, candidates []string) string {
	if c := Closest(word, candidates); c != "" {
		return fmt.Sprintf("; did you mean %q?", c)
	}
	return ""
}

// Closest returns the candidate nearest to word, ignoring case, when it is
// close enough to be a likely typo; "" otherwise. A word of three bytes or
// more that begins exactly one candidate is taken for its abbreviation
// first ("prio" is priority, not dir), and one of four or more that is
// exactly one candidate's last words for its short form ("sheets" is
// property_sheets). Otherwise the distance allowed grows with the word, a
// third of its length and at least one, so that a short word is not
// matched to an unrelated one of its length ("tree" is not "name").
func Closest(word string, candidates []string) string {
	lower := strings.ToLower(word)
	if only := onlyOne(candidates, func(c string) bool {
		return len(word) >= 3 && len(c) > len(word) && strings.HasPrefix(c, lower)
	}); only != "" {
		return only
	}
	if only := onlyOne(candidates, func(c string) bool {
		return len(word) >= 4 && strings.HasSuffix(c, "_"+lower)
	}); only != "" {
		return only
	}
	best, bestDist := "", max(1, len(word)/3)+1
	for _, c := range candidates {
		if d := editDistance(lower, strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// onlyOne returns the one candidate whose lower case satisfies match, or ""
// when none or several do.
func onlyOne(candidates []string, match func(lower string) bool) string {
	found := ""
	for _, c := range candidates {
		if match(strings.ToLower(c)) {
			if found != "" {
				return ""
			}
			found = c
		}
	}
	return found
}

// editDistance is the optimal string alignment distance between a and b,
// in bytes: Levenshtein's, with two adjacent bytes swapped counting as one
// edit, the commonest typo ("titel", "mdoe").
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
