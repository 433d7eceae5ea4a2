package gen

import (
	"strings"
	"testing"

	"github.com/accessorgen/accessorgen/binding"
	"github.com/accessorgen/accessorgen/schema"
	"github.com/google/go-cmp/cmp"
)

// graph builds portal types named by the letters of names, where edges
// "ab" means a acquires from b.
func graph(names string, edges ...string) []*binding.Type {
	byName := map[rune]*binding.Type{}
	var types []*binding.Type
	for _, r := range names {
		t := &binding.Type{PortalType: &schema.PortalType{Name: string(r), GoName: strings.ToUpper(string(r))}}
		byName[r] = t
		types = append(types, t)
	}
	for _, e := range edges {
		from, to := byName[rune(e[0])], byName[rune(e[1])]
		from.Acquired = append(from.Acquired, &binding.Acquired{Targets: []*binding.Type{to}})
	}
	return types
}

func TestSplitTypes(t *testing.T) {
	tests := []struct {
		name  string
		types []*binding.Type
		size  int
		want  []string // the Go names of each package, joined
	}{
		{"no references, in name order", graph("abcde"), 2, []string{"AB", "CD", "E"}},
		{"one package", graph("abc"), 5, []string{"ABC"}},
		{"one type each", graph("abc"), 1, []string{"A", "B", "C"}},
		{"a referenced type comes first", graph("abc", "ac"), 2, []string{"AC", "B"}},
		{"a cycle shares a package", graph("abcd", "ab", "ba"), 1, []string{"AB", "C", "D"}},
		{"a cycle larger than size stays whole", graph("abcd", "ab", "bc", "ca"), 2, []string{"ABC", "D"}},
		{"a chain, deepest first", graph("abc", "ab", "bc"), 1, []string{"C", "B", "A"}},
		{"a self-reference is no dependency", graph("ab", "aa"), 1, []string{"A", "B"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := splitTypes(tt.types, tt.size)
			var got []string
			part := map[*binding.Type]int{}
			for k, p := range parts {
				var names string
				for _, ty := range p {
					names += ty.GoName
					part[ty] = k
				}
				got = append(got, names)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
			// Every package imports only packages before it: no cycle.
			for _, ty := range tt.types {
				for _, u := range references(ty, nil) {
					if part[u] > part[ty] {
						t.Errorf("%s (package %d) references %s in the later package %d", ty.GoName, part[ty], u.GoName, part[u])
					}
				}
			}
		})
	}
}

func TestPartName(t *testing.T) {
	tests := []struct {
		k, n int
		want string
	}{
		{0, 1, "part0"}, {9, 10, "part9"}, {0, 11, "part00"}, {10, 11, "part10"}, {7, 101, "part007"},
	}
	for _, tt := range tests {
		if got := partName(tt.k, tt.n); got != tt.want || !IsPartDir(got) {
			t.Errorf("partName(%d, %d) = %q (IsPartDir %v), want %q", tt.k, tt.n, got, IsPartDir(got), tt.want)
		}
	}
	for _, name := range []string{"part", "parts", "part1a", "Part1", "internal"} {
		if IsPartDir(name) {
			t.Errorf("IsPartDir(%q) = true", name)
		}
	}
}
