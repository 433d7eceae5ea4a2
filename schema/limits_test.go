package schema

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLimits feeds inputs past each limit: each must end in one positioned
// error, quickly, without exhausting memory. The inputs are built here:
// files this large do not belong in testdata.
func TestLimits(t *testing.T) {
	many := func(n int, format string) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, format, i)
		}
		return b.String()
	}
	deep := "kind: BaseCategory\nname: deep\nvalues:\n"
	for i := 0; i <= MaxCategoryDepth; i++ {
		deep += strings.Repeat(" ", 2+4*i) + "v:\n" + strings.Repeat(" ", 4+4*i) + "values:\n"
	}
	deep += strings.Repeat(" ", 2+4*(MaxCategoryDepth+1)) + "leaf: ~\n"
	// Ten levels of ten aliases each: 10^10 values if expanded.
	laughs := "kind: BaseCategory\nname: laughs\nvalues:\n  l0: &l0 {values: {a: ~, b: ~, c: ~, d: ~, e: ~, f: ~, g: ~, h: ~, i: ~, j: ~}}\n"
	for i := 1; i <= 10; i++ {
		p := fmt.Sprintf("*l%d", i-1)
		laughs += fmt.Sprintf("  l%d: &l%d {values: {a: %s, b: %s, c: %s, d: %s, e: %s, f: %s, g: %s, h: %s, i: %s, j: %s}}\n", i, i, p, p, p, p, p, p, p, p, p, p)
	}
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"file size", "# " + strings.Repeat("x", MaxFileSize), fmt.Sprintf("f.yaml:1:1: file is %d bytes; the limit is %d", MaxFileSize+2, MaxFileSize)},
		{"documents", many(MaxDocuments+1, "kind: BaseCategory\nname: b%d\n---\n"), fmt.Sprintf("f.yaml:%d:1: file has more than %d documents; split it", 3*MaxDocuments, MaxDocuments)},
		{"properties", "kind: PropertySheet\nname: Big\nproperties:\n" + many(MaxProperties+1, "  - {id: p%d, type: string}\n"),
			fmt.Sprintf("f.yaml:4:3: property sheet Big has %d properties; the limit is %d", MaxProperties+1, MaxProperties)},
		{"name length", "kind: PropertySheet\nname: " + strings.Repeat("a", MaxNameLength+1) + "\n",
			fmt.Sprintf("f.yaml:2:7: property sheet name is %d bytes long; the limit is %d", MaxNameLength+1, MaxNameLength)},
		{"category id length", "kind: BaseCategory\nname: b\nvalues:\n  " + strings.Repeat("a", MaxNameLength+1) + ": ~\n",
			fmt.Sprintf("f.yaml:4:3: category id is %d bytes long; the limit is %d", MaxNameLength+1, MaxNameLength)},
		{"category depth", deep, fmt.Sprintf("category tree is more than %d levels deep at deep/", MaxCategoryDepth)},
		{"alias expansion", laughs, fmt.Sprintf("base category has more than %d values (aliases expanded)", MaxCategoryValues)},
		{"invalid UTF-8", "kind: PropertySheet\nname: Caf\xe9\n", "f.yaml:2:10: invalid YAML: incomplete UTF-8 octet sequence"},
		{"invalid UTF-8 lead byte", "kind: PropertySheet\ndescription: \xff\n", "f.yaml:2:14: invalid YAML: invalid leading UTF-8 octet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compile([]File{{Name: "f.yaml", Data: []byte(tt.src)}})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v\nwant an error containing %q", err, tt.want)
			}
			if n := strings.Count(err.Error(), "\n") + 1; n > 3 {
				t.Errorf("%d errors for one limit:\n%s", n, err)
			}
		})
	}
}

// TestInvalidCharacters: a character YAML refuses (bad UTF-8, a surrogate,
// a control character) is reported where it is, in the schema and in the
// config. yaml.v3 gives no position for these; columns count characters,
// as the positions of nodes do, and the line endings count as yaml.v3
// counts them.
func TestInvalidCharacters(t *testing.T) {
	for _, tt := range []struct {
		name, src, want string
	}{
		{"control character", "kind: PropertySheet\nname: A\ndescription: \"a\x01\"\n", "f.yaml:3:16: invalid YAML: control characters are not allowed (U+0001)"},
		{"escape character after a BOM", "\ufeffkind: \x1bPropertySheet\n", "f.yaml:1:7: invalid YAML: control characters are not allowed (U+001B)"},
		{"DEL after CRLF lines", "kind: PropertySheet\r\nname: A\r\ndescription: a\x7f\r\n", "f.yaml:3:15: invalid YAML: control characters are not allowed (U+007F)"},
		{"noncharacter after CR lines", "kind: PropertySheet\rname: A\rdescription: a\uFFFE\r", "f.yaml:3:15: invalid YAML: control characters are not allowed (U+FFFE)"},
		{"surrogate", "kind: PropertySheet\nname: A\ndescription: \"\xed\xa0\x80\"\n", "f.yaml:3:15: invalid YAML: invalid Unicode character"},
		{"bad byte after accents", "kind: PropertySheet\nname: A\nproperties: [{id: \"\u00e9\u00e9\xff\", type: string}]\n", "f.yaml:3:22: invalid YAML: invalid leading UTF-8 octet"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compile([]File{{Name: "f.yaml", Data: []byte(tt.src)}})
			if err == nil || err.Error() != tt.want {
				t.Errorf("schema: got %v\nwant %s", err, tt.want)
			}
			_, err = ParseConfig("f.yaml", []byte(tt.src))
			if err == nil || err.Error() != tt.want {
				t.Errorf("config: got %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestLongValuesShownCut: an error about a value of megabytes on one line
// shows its start and its length, not the whole value: one error stays one
// readable line.
func TestLongValuesShownCut(t *testing.T) {
	long := strings.Repeat("s", 4<<20)
	for _, tt := range []struct {
		name, src, want string
	}{
		{"quoted", "kind: PropertySheet\nname: A\nproperties:\n  - {id: a, type: string, mode: " + long + "}\n",
			`f.yaml:4:33: mode must be r (read-only) or rw (read-write), not "` + long[:256] + `"… (4194304 bytes)`},
		{"cut between characters", "kind: PropertySheet\nname: A\nproperties:\n  - {id: a, type: string, mode: s" + strings.Repeat("é", 200) + "}\n",
			`f.yaml:4:33: mode must be r (read-only) or rw (read-write), not "s` + strings.Repeat("é", 127) + `"… (401 bytes)`},
		{"in a composed message", "kind: PropertySheet\nname: A\nproperties:\n  - {id: a, type: selection, values: [x], default: " + long + "}\n",
			`f.yaml:4:52: default of a: "` + long[:241] + `… (4194351 bytes)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compile([]File{{Name: "f.yaml", Data: []byte(tt.src)}})
			if err == nil || err.Error() != tt.want {
				got := fmt.Sprint(err)
				t.Errorf("got %d bytes: %.400s\nwant %.400s", len(got), got, tt.want)
			}
		})
	}
}

// TestBOMAndTabs: a UTF-8 byte order mark is accepted; tabs in values are
// text, tabs in indentation a positioned YAML error.
func TestBOMAndTabs(t *testing.T) {
	if _, err := Compile([]File{{Name: "f.yaml", Data: []byte("\ufeffkind: PropertySheet\nname: WithBOM\ndescription: \"a\\tb\"\n")}}); err != nil {
		t.Errorf("BOM: %v", err)
	}
	_, err := Compile([]File{{Name: "f.yaml", Data: []byte("kind: PropertySheet\nname: S\nproperties:\n\t- {id: a, type: string}\n")}})
	if err == nil || !strings.HasPrefix(err.Error(), "f.yaml:4:") {
		t.Errorf("tab indentation: %v", err)
	}
	// yaml.v3 says line 6 for this one: the error must point at the tab.
	_, err = Compile([]File{{Name: "f.yaml", Data: []byte("kind: PropertySheet\nname: S\nproperties:\n  - id: a\n    type: string\n  - id: b\n\ttype: string\n")}})
	if err == nil || !strings.HasPrefix(err.Error(), "f.yaml:7:1: ") {
		t.Errorf("tab indentation after a key: %v", err)
	}
}

// TestReadLimited: a file that never ends is read only up to the limit.
func TestReadLimited(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	dir := t.TempDir()
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml")); err != nil {
		t.Skip("cannot create symlinks:", err)
	}
	cfg := &Config{File: "accessorgen.yaml", Schema: []Dir{{Path: "."}}}
	_, err := Load(dir, cfg)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("zero.yaml:1:1: file is %d bytes; the limit is %d", MaxFileSize+1, MaxFileSize)) {
		t.Errorf("got %v", err)
	}
}

// TestTooManyErrors: a flood of errors is cut, with a line saying so.
func TestTooManyErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("kind: PropertySheet\nname: S\nproperties:\n")
	for i := 0; i < MaxErrors+5; i++ {
		fmt.Fprintf(&b, "  - {id: p%d, type: nope}\n", i)
	}
	_, err := Compile([]File{{Name: "f.yaml", Data: []byte(b.String())}})
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != MaxErrors+1 || !strings.HasSuffix(lines[MaxErrors], "too many errors: 5 more not shown; fix these first") {
		t.Errorf("%d lines, last %q", len(lines), lines[len(lines)-1])
	}
}

// TestHiddenFilesSkipped: a hidden file, such as the dangling link an
// editor leaves as its lock (.#a.yaml), is not read.
func TestHiddenFilesSkipped(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("kind: PropertySheet\nname: A\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("user@host.1234:1700000000", filepath.Join(dir, ".#a.yaml")); err != nil {
		t.Skip("cannot create symlinks:", err)
	}
	m, err := Load(dir, &Config{File: "accessorgen.yaml", Schema: []Dir{{Path: "."}}})
	if err != nil || len(m.Sheets) != 1 {
		t.Fatalf("got %v, %v; want one sheet", m, err)
	}
}
