package holders

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestComparePath: comparePath(p, b, v) is strings.Compare(p, b+"/"+v),
// over strings of bytes on either side of '/'.
func TestComparePath(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		const alphabet = "-./0a"
		b := make([]byte, r.IntN(5))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	for range 100000 {
		path, base, value := word(), word(), word()
		if r.IntN(2) == 0 {
			path = base + "/" + path // share the base, as in a table
		}
		if got, want := comparePath(path, base, value), strings.Compare(path, base+"/"+value); got != want {
			t.Fatalf("comparePath(%q, %q, %q) = %d, want %d", path, base, value, got, want)
		}
	}
}

// TestTreeLookupsDoNotAllocate: titles and checks of memberships longer
// than the 32 bytes a concatenation can build on the stack.
func TestTreeLookupsDoNotAllocate(t *testing.T) {
	table := []CategoryInfo{{Path: "region"}, {Path: "region/europe"}, {Path: "region/europe/western_europe/france", Title: "France"}, {Path: "skill"}}
	long := "europe/western_europe/france"
	if title, err := TreeTitle(table, "region", long); title != "France" || err != nil {
		t.Fatalf("TreeTitle = %q, %v", title, err)
	}
	if err := CheckTree(table, "region", []string{long, "europe"}); err != nil {
		t.Fatal(err)
	}
	var title string
	var err error
	if n := testing.AllocsPerRun(100, func() { title, err = TreeTitle(table, "region", long) }); n != 0 {
		t.Errorf("TreeTitle: %v allocations, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { err = CheckTree(table, "region", []string{long, "europe"}) }); n != 0 {
		t.Errorf("CheckTree: %v allocations, want 0", n)
	}
	_, _ = title, err
}
