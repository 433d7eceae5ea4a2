package holders_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/accessorgen/accessorgen/holders"
	"github.com/google/go-cmp/cmp"
)

// find is what generated code does with an IDTable: the candidate, then
// one comparison.
func find(t *holders.IDTable, ids []string, id string) int {
	if i := t.Candidate(id); i >= 0 && ids[i] == id {
		return i
	}
	return -1
}

func TestIDTable(t *testing.T) {
	many := func(n int, format string) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf(format, i%20, i/20%10, i))
		}
		return out
	}
	tests := []struct {
		name string
		ids  []string
		ends bool // the first and last eight bytes with the length tell the ids apart
	}{
		{"none", nil, false},
		{"one", []string{"config"}, true},
		{"short and empty", []string{"", "a", "ab", "abc", "abcdefg", "abcdefgh", "abcdefghi"}, true},
		{"shared prefixes", []string{"data.serializers.json", "data.serializers.yaml", "data.serializers.toml", "data.serializer", "data"}, true},
		{"eight-byte boundaries", []string{"12345678", "123456789", "1234567812345678", "12345678123456789", "x2345678", "1234567x"}, true},
		{"2,000 registry paths", many(2000, "area%02d.group%02d.service%04d"), true},
		{"5,000 ids differing in the middle", many(5000, "prefix_%02d_%02d_%05d_suffix"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table := holders.NewIDTable(tt.ids)
			if table.Ends != tt.ends && len(tt.ids) > 0 {
				t.Errorf("Ends = %v, want %v", table.Ends, tt.ends)
			}
			for i, id := range tt.ids {
				if got := find(&table, tt.ids, id); got != i {
					t.Fatalf("find(%q) = %d, want %d", id, got, i)
				}
			}
			for _, other := range []string{"", "nope", "config.", "data.serializers.jso", "area00.group00.service0000x", "123456781234567"} {
				if !slices.Contains(tt.ids, other) && find(&table, tt.ids, other) != -1 {
					t.Errorf("find(%q) found an id it does not have", other)
				}
			}
			if n := len(tt.ids); n > 0 && len(table.Index) > 4*n+2 {
				t.Errorf("%d ids take an Index of %d", n, len(table.Index))
			}
			// Generated code depends on it: the same ids, the same table.
			if diff := cmp.Diff(table, holders.NewIDTable(slices.Clone(tt.ids))); diff != "" {
				t.Errorf("a second table differs (-first +second):\n%s", diff)
			}
		})
	}
}

func TestIDTableRefusesDuplicates(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("NewIDTable of two equal ids did not panic")
		}
	}()
	holders.NewIDTable([]string{"a", "b", "a"})
}

// FuzzIDTable: for any set of distinct strings, the table finds each one
// at its index and refuses the others.
func FuzzIDTable(f *testing.F) {
	f.Add("config\ndata.serializers.json\ndata.serializers.yaml\n\nx")
	f.Add("12345678\n123456789\n1234567812345678\nabcdefgh12345678abcdefgh")
	f.Add("prefix_01_middle_suffix\nprefix_02_middle_suffix")
	f.Fuzz(func(t *testing.T, data string) {
		var ids []string
		seen := map[string]bool{}
		for _, id := range strings.Split(data, "\n") {
			if !seen[id] && len(ids) < 500 {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		table := holders.NewIDTable(ids)
		for i, id := range ids {
			if got := find(&table, ids, id); got != i {
				t.Fatalf("find(%q) = %d, want %d (Ends %v)", id, got, i, table.Ends)
			}
			for _, other := range []string{id + "x", "x" + id, strings.ToUpper(id)} {
				if !seen[other] && find(&table, ids, other) != -1 {
					t.Fatalf("find(%q) found an id the table does not have", other)
				}
			}
		}
	})
}
