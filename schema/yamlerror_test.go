package schema

import (
	"fmt"
	"testing"
)

// TestUnknownAnchorPosition: yaml.v3 says which anchor an alias names but
// not where the alias is. The text "*name" earlier in a comment, in a
// string or as the start of a longer alias is not it.
func TestUnknownAnchorPosition(t *testing.T) {
	runErrorCases(t, []errorCase{
		{"alone", "kind: PropertySheet\nname: A\ndescription: *zz\n", "f.yaml:3:14: invalid YAML: unknown anchor 'zz' referenced"},
		{"after a comment", "# see *foo below\nkind: PropertySheet\nname: A\ndescription: *foo\n", "f.yaml:4:14: invalid YAML: unknown anchor 'foo' referenced"},
		{"after a string", "kind: PropertySheet\nname: &ab A\ndescription: \"a *a b\"\ntitle: *a\n", "f.yaml:4:8: invalid YAML: unknown anchor 'a' referenced"},
		{"after a longer alias", "kind: PropertySheet\nname: &ab A\nproperties:\n  - {id: x, type: string, description: *ab}\n  - {id: y, type: string, description: *a}\n", "f.yaml:5:40: invalid YAML: unknown anchor 'a' referenced"},
		{"column in characters", "kind: PropertySheet\nname: A\nproperties: [{id: \"\u00e9\", type: string, description: *zz}]\n", "f.yaml:3:51: invalid YAML: unknown anchor 'zz' referenced"},
		{"a key in a later document", "kind: PropertySheet\nname: A\n---\nkind: PropertySheet\nname: B\n*q : x\n", "f.yaml:6:1: invalid YAML: unknown anchor 'q' referenced"},
	})
}

// TestBlockErrorLine: for an error in a block mapping or sequence, yaml.v3
// names the line where the block starts; the loader points at the line
// that broke it, and says where the block starts.
func TestBlockErrorLine(t *testing.T) {
	runErrorCases(t, []errorCase{
		{"key misindented in a list item",
			"kind: PropertySheet\nname: A\nproperties:\n  - id: a\n    type: string\n  - id: b\n    type: string\n   description: x\n  - id: c\n",
			"f.yaml:8:4: invalid YAML: did not find expected '-' indicator (in the block that starts at line 4)"},
		{"after a quoted string over two lines",
			"kind: PropertySheet\nname: A\nproperties:\n  - id: a\n    description: \"spans\n      two lines\"\n    type: string\n  read_permission: x\n",
			"f.yaml:8:3: invalid YAML: did not find expected '-' indicator (in the block that starts at line 4)"},
		{"key misindented in a nested mapping",
			"kind: PropertySheet\nname: A\nproperties:\n  - id: a\n    acquisition:\n      base_category: region\n      portal_type: Organisation\n     accessor: x\n",
			"f.yaml:8:6: invalid YAML: did not find expected key (in the block that starts at line 4)"},
		{"in a later document",
			"kind: PropertySheet\nname: A\n---\nkind: PropertySheet\nname: B\nproperties:\n  - id: a\n    type: string\n\n   mode: r\n",
			"f.yaml:10:4: invalid YAML: did not find expected '-' indicator (in the block that starts at line 7)"},
		{"at the block's own line",
			"config:\n  a: 1\n  b: 2\n - d\n",
			"f.yaml:4:1: invalid YAML: did not find expected key"},
	})
}

// TestUTF16Hint: a zero byte in every other place is UTF-16 without a byte
// order mark, which the YAML reader sees as control characters; one zero
// byte in UTF-8 text is only a control character.
func TestUTF16Hint(t *testing.T) {
	const hint = ": the file looks like UTF-16 without a byte order mark; save it as UTF-8"
	utf16 := func(s string, bigEndian bool) string {
		var b []byte
		for _, c := range []byte(s) {
			if bigEndian {
				b = append(b, 0, c)
			} else {
				b = append(b, c, 0)
			}
		}
		return string(b)
	}
	runErrorCases(t, []errorCase{
		{"little-endian", utf16("kind: PropertySheet\nname: A\n", false), "f.yaml:1:2: invalid YAML: control characters are not allowed (U+0000)" + hint},
		{"big-endian", utf16("kind: PropertySheet\nname: A\n", true), "f.yaml:1:1: invalid YAML: control characters are not allowed (U+0000)" + hint},
		{"one zero byte in UTF-8", "kind: PropertySheet\nname: A\x00\n", "f.yaml:2:8: invalid YAML: control characters are not allowed (U+0000)"},
		{"zero bytes only", "\x00\x00\x00\x00", "f.yaml:1:1: invalid YAML: control characters are not allowed (U+0000)"},
	})
}

// errorCase is a file f.yaml and the whole error compiling it gives.
type errorCase struct{ name, src, want string }

// runErrorCases compiles each case's file and compares the error.
func runErrorCases(t *testing.T, cases []errorCase) {
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compile([]File{{Name: "f.yaml", Data: []byte(tt.src)}})
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestMappingValueHint: "mapping values are not allowed", which yaml.v3
// reports at column 1, points at the colon at fault and says why: a line
// indented under the value of the key above it, or a plain value that
// holds ": ".
func TestMappingValueHint(t *testing.T) {
	const indented = ` (the line is indented more than the key %q on line %d, so YAML reads it as part of that key's value: line it up with the keys of its mapping)`
	const quote = ` (a value that holds ": " must be quoted)`
	runErrorCases(t, []errorCase{
		{"top-level key indented", "kind: PortalType\nname: Bundle\n  property_sheets: [Product]\n",
			"f.yaml:3:3: invalid YAML: mapping values are not allowed in this context" + fmt.Sprintf(indented, "name", 2)},
		{"key of a list item indented, after a blank line", "kind: PropertySheet\nname: A\nproperties:\n  - id: x\n    type: string\n\n      default: y\n",
			"f.yaml:7:7: invalid YAML: mapping values are not allowed in this context" + fmt.Sprintf(indented, "type", 5)},
		{"under the item's first key", "kind: PropertySheet\nname: A\nproperties:\n  - id: x\n      type: string\n",
			"f.yaml:5:7: invalid YAML: mapping values are not allowed in this context" + fmt.Sprintf(indented, "id", 4)},
		{"CRLF", "kind: PortalType\r\nname: Bundle\r\n   groups: [a]\r\n",
			"f.yaml:3:4: invalid YAML: mapping values are not allowed in this context" + fmt.Sprintf(indented, "name", 2)},
		{"colon in a value", "kind: PropertySheet\nname: A\ndescription: Price: in euros\n",
			"f.yaml:3:19: invalid YAML: mapping values are not allowed in this context" + quote},
		{"colon in a list item's value", "kind: PropertySheet\nname: A\nproperties:\n  - id: x\n    description: a: b\n",
			"f.yaml:5:19: invalid YAML: mapping values are not allowed in this context" + quote},
	})
}
