package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// project writes a small module with a config and schema into a temporary
// directory and returns the config path.
// thisModule returns the directory of accessorgen's module and its go.sum,
// for projects that require it through a replace directive.
func thisModule(t *testing.T) (repo string, gosum []byte) {
	t.Helper()
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if gosum, err = os.ReadFile(filepath.Join(repo, "go.sum")); err != nil {
		t.Fatal(err)
	}
	return repo, gosum
}

func project(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	base := map[string]string{
		"go.mod":           "module example.com/shop\n\ngo 1.26\n",
		"accessorgen.yaml": "schema: [schema]\nholders: {dir: accessorholder}\ntypes: {dir: portaltype}\n",
		"schema/sheets.yaml": `kind: PropertySheet
name: Person
properties:
  - {id: first_name, type: string}
  - {id: age, type: int}
---
kind: PropertySheet
name: Reference
properties:
  - {id: reference, type: string}
`,
		"schema/types.yaml": `kind: PortalType
name: Person
property_sheets: [Person, Reference]
---
kind: PortalType
name: Product
property_sheets: [Reference]
`,
	}
	for k, v := range files {
		base[k] = v
	}
	for name, content := range base {
		write(t, filepath.Join(dir, name), content)
	}
	return filepath.Join(dir, "accessorgen.yaml")
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// cli runs the command and returns its exit status, stdout and stderr.
func cli(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// snapshot records every file under dir with its content and mtime; a
// symbolic link, with "-> its target" for content.
type fileState struct {
	Data  string
	MTime time.Time
}

func snapshot(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	out := map[string]fileState{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if d.Type()&os.ModeSymlink != 0 {
			to, lerr := os.Readlink(path)
			data, err = []byte("-> "+to), lerr
		}
		rel, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(rel)] = fileState{string(data), info.ModTime()}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// age sets every file's mtime in the past, so a rewrite is visible.
func age(t *testing.T, dir string) {
	t.Helper()
	old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(path, old, old)
		}
		return err
	})
}

// written parses the "wrote X" lines of -v output, of a run whose config
// is in dir, given as an absolute path: the paths, relative to dir.
func written(dir, stdout string) []string {
	var out []string
	prefix := filepath.ToSlash(dir) + "/"
	for _, line := range strings.Split(stdout, "\n") {
		if p, ok := strings.CutPrefix(line, "wrote "+prefix); ok {
			out = append(out, p)
		}
		if p, ok := strings.CutPrefix(line, "removed "+prefix); ok {
			out = append(out, "-"+p)
		}
	}
	sort.Strings(out)
	return out
}

func TestGenerateThenNoop(t *testing.T) {
	config := project(t, nil)
	dir := filepath.Dir(config)
	code, stdout, stderr := cli("-config", config, "-v")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := []string{
		"accessorholder/accessorgen.go", "accessorholder/person.gen.go", "accessorholder/reference.gen.go",
		"portaltype/accessorgen.go", "portaltype/person.gen.go", "portaltype/product.gen.go",
	}
	if diff := cmp.Diff(want, written(dir, stdout)); diff != "" {
		t.Fatalf("first run wrote (-want +got):\n%s", diff)
	}
	age(t, dir)
	before := snapshot(t, dir)
	code, stdout, stderr = cli("-config", config, "-v")
	if code != 0 || len(written(dir, stdout)) != 0 {
		t.Fatalf("no-op run: exit %d, wrote %v, stderr %s", code, written(dir, stdout), stderr)
	}
	if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
		t.Fatalf("no-op run touched files (-before +after):\n%s", diff)
	}
	if code, _, stderr := cli("-config", config, "check"); code != 0 {
		t.Fatalf("check after generate: exit %d: %s", code, stderr)
	}
}

// TestCheckLineEndings: generated files checked out with CRLF (git's
// core.autocrlf) are stale, and check says that line endings are the
// only difference and what to put in .gitattributes; a file with another
// change too gets its diff.
func TestCheckLineEndings(t *testing.T) {
	t.Setenv("ACCESSORGEN_CACHE", "off")
	crlf := func(t *testing.T, name string, also string) {
		t.Helper()
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		write(t, name, strings.ReplaceAll(string(data), "\n", "\r\n")+also)
	}
	hint := "only in line endings (CRLF on disk, LF generated), as git's core.autocrlf checks files out: add `*.go text eol=lf` (or `* text=auto eol=lf`) to .gitattributes, then run go generate\n"
	for _, tc := range []struct {
		name    string
		files   []string // made CRLF
		edited  string   // made CRLF and changed too
		stderr  string
		inDiff  []string
		notDiff string
	}{
		{"one file", []string{"accessorholder/person.gen.go"}, "",
			"accessorgen: 1 generated file is out of date; run go generate\naccessorgen: it differs " + hint,
			[]string{"--- a/accessorholder/person.gen.go\n+++ b/accessorholder/person.gen.go\n(differs only in line endings: CRLF on disk, LF generated)\n"}, "@@"},
		{"two files", []string{"accessorholder/person.gen.go", "portaltype/person.gen.go"}, "",
			"accessorgen: 2 generated files are out of date; run go generate\naccessorgen: they differ " + hint,
			[]string{"--- a/portaltype/person.gen.go\n+++ b/portaltype/person.gen.go\n(differs only in line endings"}, "@@"},
		{"and another change", []string{"accessorholder/person.gen.go"}, "portaltype/person.gen.go",
			"accessorgen: 2 generated files are out of date; run go generate\naccessorgen: 1 of them differs " + hint,
			[]string{"(differs only in line endings", "--- a/portaltype/person.gen.go\n+++ b/portaltype/person.gen.go\n@@"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			config := project(t, nil)
			dir := filepath.Dir(config)
			t.Chdir(dir) // the diff's paths are then relative to dir
			if code, _, stderr := cli("-config", config); code != 0 {
				t.Fatal(stderr)
			}
			for _, f := range tc.files {
				crlf(t, filepath.Join(dir, f), "")
			}
			if tc.edited != "" {
				crlf(t, filepath.Join(dir, tc.edited), "// edited\r\n")
			}
			code, stdout, stderr := cli("check")
			if code != 1 || stderr != tc.stderr {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, tc.stderr)
			}
			for _, want := range tc.inDiff {
				if !strings.Contains(stdout, want) {
					t.Errorf("diff lacks %q:\n%s", want, stdout)
				}
			}
			if tc.notDiff != "" && strings.Contains(stdout, tc.notDiff) {
				t.Errorf("diff has %q:\n%s", tc.notDiff, stdout)
			}
			// Generating fixes it: the files are LF again.
			if code, _, stderr := cli("-config", config); code != 0 {
				t.Fatal(stderr)
			}
			if code, _, stderr := cli("-config", config, "check"); code != 0 {
				t.Errorf("check after generate: exit %d: %s", code, stderr)
			}
		})
	}
}

// TestCheckDiffPaths: check's diff names each file as it opens from where
// the command ran: under the config's directory as -config gives it.
func TestCheckDiffPaths(t *testing.T) {
	t.Setenv("ACCESSORGEN_CACHE", "off")
	config := project(t, nil)
	dir := filepath.Dir(config)
	if code, _, stderr := cli("-config", config); code != 0 {
		t.Fatal(stderr)
	}
	write(t, filepath.Join(dir, "accessorholder", "person.gen.go"), "// Code generated by accessorgen. DO NOT EDIT.\n\npackage accessorholder\n")
	if err := os.Remove(filepath.Join(dir, "portaltype", "product.gen.go")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Dir(dir))
	project := filepath.Base(dir)
	for _, tc := range []struct {
		config string
		want   []string
	}{
		{filepath.Join(project, "accessorgen.yaml"), []string{
			"--- a/" + project + "/accessorholder/person.gen.go\n+++ b/" + project + "/accessorholder/person.gen.go\n",
			"--- /dev/null\n+++ b/" + project + "/portaltype/product.gen.go\n",
		}},
		{config, []string{
			"--- " + filepath.ToSlash(dir) + "/accessorholder/person.gen.go\n+++ " + filepath.ToSlash(dir) + "/accessorholder/person.gen.go\n",
		}},
	} {
		code, stdout, stderr := cli("-config", tc.config, "check")
		if code != 1 {
			t.Fatalf("-config %s check: exit %d: %s", tc.config, code, stderr)
		}
		for _, want := range tc.want {
			if !strings.Contains(stdout, want) {
				t.Errorf("-config %s check: diff lacks %q:\n%s", tc.config, want, stdout)
			}
		}
	}
}

// TestOnlyDependentsRewritten: changing one property of the Reference
// sheet rewrites its holder and the types that use it, nothing else.
func TestOnlyDependentsRewritten(t *testing.T) {
	config := project(t, nil)
	dir := filepath.Dir(config)
	if code, _, stderr := cli("-config", config); code != 0 {
		t.Fatal(stderr)
	}
	sheets := filepath.Join(dir, "schema/sheets.yaml")
	data, _ := os.ReadFile(sheets)
	write(t, sheets, strings.Replace(string(data), "{id: reference, type: string}", "{id: reference, type: string, description: The code.}", 1))

	code, stdout, stderr := cli("-config", config, "check")
	if code != 1 || !strings.Contains(stdout, "--- "+filepath.ToSlash(dir)+"/accessorholder/reference.gen.go") || !strings.Contains(stdout, "+// The code.") {
		t.Fatalf("check on a stale tree: exit %d, stdout:\n%s\nstderr: %s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "accessorgen: 1 generated file is out of date; run go generate") {
		t.Errorf("check stderr = %q", stderr)
	}

	// Only Reference's holder changes: the types refer to its info tables,
	// which keep their names and indexes.
	code, stdout, stderr = cli("-config", config, "-v")
	if code != 0 {
		t.Fatal(stderr)
	}
	if diff := cmp.Diff([]string{"accessorholder/reference.gen.go"}, written(dir, stdout)); diff != "" {
		t.Errorf("after a description change (-want +got):\n%s", diff)
	}

	// A new property changes the holder and every type that uses the sheet.
	data, _ = os.ReadFile(sheets)
	write(t, sheets, strings.Replace(string(data), "  - {id: reference, type: string", "  - {id: code, type: string}\n  - {id: reference, type: string", 1))
	_, stdout, _ = cli("-config", config, "-v")
	want := []string{"accessorholder/reference.gen.go", "portaltype/person.gen.go", "portaltype/product.gen.go"}
	if diff := cmp.Diff(want, written(dir, stdout)); diff != "" {
		t.Errorf("after adding a property (-want +got):\n%s", diff)
	}
}

// TestSchemaErrorWritesNothing: a mistyped key fails with file:line:col
// and leaves every generated file as it was.
func TestSchemaErrorWritesNothing(t *testing.T) {
	config := project(t, nil)
	dir := filepath.Dir(config)
	if code, _, stderr := cli("-config", config); code != 0 {
		t.Fatal(stderr)
	}
	age(t, dir)
	write(t, filepath.Join(dir, "schema/types.yaml"), "kind: PortalType\nname: Person\nproperty_sheet: [Person]\n")
	before := snapshot(t, dir)
	code, stdout, stderr := cli("-config", config)
	if code != 1 || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	wantErr := filepath.ToSlash(dir) + `/schema/types.yaml:3:1: unknown key "property_sheet" in portal type; did you mean "property_sheets"?` + "\n"
	if diff := cmp.Diff(wantErr, stderr); diff != "" {
		t.Errorf("stderr (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
		t.Errorf("a failed run changed files (-before +after):\n%s", diff)
	}
	if code, _, _ := cli("-config", config, "check"); code != 1 {
		t.Errorf("check with schema errors: exit %d, want 1", code)
	}
	// Relative to the current directory, by the shortest way.
	for _, tt := range []struct{ cwd, config, file string }{
		{dir, "accessorgen.yaml", "schema/types.yaml"},
		{filepath.Join(dir, "schema"), "../accessorgen.yaml", "types.yaml"},
		{filepath.Join(dir, "accessorholder"), "../accessorgen.yaml", "../schema/types.yaml"},
		{filepath.Dir(dir), filepath.Join(filepath.Base(dir), "accessorgen.yaml"), filepath.Base(dir) + "/schema/types.yaml"},
	} {
		t.Run(tt.config, func(t *testing.T) {
			t.Chdir(tt.cwd)
			_, _, stderr := cli("-config", tt.config, "check")
			if want := tt.file + ":3:1: unknown key"; !strings.HasPrefix(stderr, want) {
				t.Errorf("from %s: stderr %q, want it to start %q", tt.cwd, stderr, want)
			}
		})
	}
}

// TestVerbosePaths: -v names the files it wrote and removed as they open
// from where the command ran, as schema errors and check's diff do.
func TestVerbosePaths(t *testing.T) {
	config := project(t, nil)
	dir := filepath.Dir(config)
	if code, _, stderr := cli("-config", config); code != 0 {
		t.Fatal(stderr)
	}
	for _, tt := range []struct{ cwd, config, file string }{
		{dir, "accessorgen.yaml", "portaltype/person.gen.go"},
		{filepath.Join(dir, "portaltype"), "../accessorgen.yaml", "person.gen.go"},
		{filepath.Join(dir, "schema"), "../accessorgen.yaml", "../portaltype/person.gen.go"},
		{filepath.Dir(dir), filepath.Join(filepath.Base(dir), "accessorgen.yaml"), filepath.Base(dir) + "/portaltype/person.gen.go"},
		{filepath.Join(dir, "schema"), config, filepath.ToSlash(dir) + "/portaltype/person.gen.go"},
	} {
		t.Run(tt.config, func(t *testing.T) {
			if err := os.Remove(filepath.Join(dir, "portaltype/person.gen.go")); err != nil {
				t.Fatal(err)
			}
			t.Chdir(tt.cwd)
			code, stdout, stderr := cli("-config", tt.config, "-v")
			if want := "wrote " + tt.file + "\n"; code != 0 || !strings.HasPrefix(stdout, want) {
				t.Errorf("from %s: exit %d, stdout %q, stderr %q; want stdout to start %q", tt.cwd, code, stdout, stderr, want)
			}
		})
	}
}

// TestRemovedTypeAndUserFiles: a type that disappears takes its file with
// it; files accessorgen did not write are never touched or overwritten.
func TestRemovedTypeAndUserFiles(t *testing.T) {
	config := project(t, map[string]string{"portaltype/helpers.go": "package portaltype\n\n// Hand-written.\n"})
	dir := filepath.Dir(config)
	if code, _, stderr := cli("-config", config); code != 0 {
		t.Fatal(stderr)
	}
	write(t, filepath.Join(dir, "schema/types.yaml"), "kind: PortalType\nname: Person\nproperty_sheets: [Person]\n")
	code, stdout, stderr := cli("-config", config, "-v")
	if code != 0 {
		t.Fatal(stderr)
	}
	if !strings.Contains(stdout, "removed "+filepath.ToSlash(dir)+"/portaltype/product.gen.go") {
		t.Errorf("product.gen.go not removed:\n%s", stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "portaltype/product.gen.go")); !os.IsNotExist(err) {
		t.Errorf("product.gen.go still exists: %v", err)
	}
	if data, err := os.ReadFile(filepath.Join(dir, "portaltype/helpers.go")); err != nil || string(data) != "package portaltype\n\n// Hand-written.\n" {
		t.Errorf("hand-written file changed: %q, %v", data, err)
	}

	// A hand-written file where a generated one would go is refused.
	user := "package portaltype\n// mine\n"
	write(t, filepath.Join(dir, "portaltype/product.gen.go"), user)
	write(t, filepath.Join(dir, "schema/types.yaml"), "kind: PortalType\nname: Person\nproperty_sheets: [Person, Reference]\n---\nkind: PortalType\nname: Product\n")
	before := snapshot(t, dir)
	code, _, stderr = cli("-config", config)
	if code != 1 || !strings.Contains(stderr, "portaltype/product.gen.go exists and was not generated by accessorgen") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
		t.Errorf("a refused run changed files (-before +after):\n%s", diff)
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{[]string{"-version"}, 0, "accessorgen ", ""},
		{[]string{"-h"}, 0, "", "usage: accessorgen"},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"` + "\n"},
		{[]string{"explian", "Person"}, 2, "", `unknown command "explian"; did you mean "explain"?`},
		{[]string{"json"}, 2, "", `unknown command "json"; did you mean "jsonschema"?`},
		{[]string{"-confg", "x.yaml"}, 2, "", "usage: accessorgen [flags]"},
		{[]string{"-confg", "x.yaml"}, 2, "", "\naccessorgen: -confg: did you mean -config?\n"},
		{[]string{"explain", "-jsn", "Person"}, 2, "", "\naccessorgen: -jsn: did you mean -json?\n"},
		{[]string{"check", "extra"}, 2, "", "too many arguments"},
		{[]string{"generate", "-v"}, 2, "", "flag -v goes before the command: accessorgen -v generate"},
		{[]string{"check", "-config=x.yaml"}, 2, "", "flag -config=x.yaml goes before the command"},
		{[]string{"generate", "-h"}, 0, "", "usage: accessorgen [flags] generate"},
		{[]string{"check", "-h"}, 0, "", "usage: accessorgen [flags] check"},
		{[]string{"check", "-config", "x.yaml"}, 2, "", "flag -config goes before the command: accessorgen -config check"},
		{[]string{"generate", "extra", "-v"}, 2, "", "flag -v goes before the command"},
		{[]string{"-h"}, 0, "", "import-erp5 [-o DIR] [-v] PATH..."},
		{[]string{"-nope"}, 2, "", "flag provided but not defined"},
		{[]string{"-config", filepath.Join(t.TempDir(), "missing.yaml")}, 1, "", "missing.yaml: config file not found"},
		// A directory: the config file in it, if any, is suggested.
		{[]string{"-config", filepath.Dir(erp5), "check"}, 1, "", "../../examples/erp5 is a directory, not a config file: did you mean -config ../../examples/erp5/accessorgen.yaml?"},
		{[]string{"-config", filepath.Dir(erp5), "docs"}, 1, "", "is a directory, not a config file: did you mean -config"},
		{[]string{"-config", "testdata"}, 1, "", "testdata is a directory, not a config file, and holds no accessorgen.yaml: -config names the config file itself"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := cli(tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.inStdout) || !strings.Contains(stderr, tt.inStderr) {
				t.Errorf("exit %d (want %d)\nstdout: %q (want %q in it)\nstderr: %q (want %q in it)", code, tt.code, stdout, tt.inStdout, stderr, tt.inStderr)
			}
		})
	}
}

// TestDocumentClashWritesNothing: in a project with a documents package,
// renaming a document method so that it takes an accessor's name with
// another signature fails with the schema and Go positions, and leaves
// every file as it was.
func TestDocumentClashWritesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("loads Go packages; skipped with -short")
	}
	repo, gosum := thisModule(t)
	doc := `package document

import "example.com/shop/accessorholder"

// Person is a document.
type Person struct {
	accessorholder.PersonHolder
}

// Describe is not an accessor.
func (p *Person) Describe(v string) {}
`
	config := project(t, map[string]string{
		"go.mod":           "module example.com/shop\n\ngo 1.26\n\nrequire github.com/accessorgen/accessorgen v0.0.0\n\nreplace github.com/accessorgen/accessorgen => " + repo + "\n",
		"go.sum":           string(gosum),
		"accessorgen.yaml": "schema: [schema]\nholders: {dir: accessorholder}\ntypes: {dir: portaltype}\ndocuments: ./document\n",
		"schema/types.yaml": `kind: PortalType
name: Person
type_class: Person
property_sheets: [Person, Reference]
`,
		"document/person.go": doc,
	})
	dir := filepath.Dir(config)
	t.Setenv("GOFLAGS", "-mod=mod")
	if code, _, stderr := cli("-config", config); code != 0 {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	write(t, filepath.Join(dir, "document/person.go"), strings.Replace(doc, "Describe(v string)", "SetAge(v string)", 1))
	before := snapshot(t, dir)
	code, _, stderr := cli("-config", config)
	want := filepath.ToSlash(dir) + `/schema/types.yaml:3:13: Person.SetAge (document/person.go:11) has the name of an accessor but the signature func(string); the accessor of property "age" (sheet Person) is func(int)` + "\n"
	if code != 1 || stderr != want {
		t.Fatalf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
		t.Errorf("a failed run changed files (-before +after):\n%s", diff)
	}
}

// TestDefaultConfigInCurrentDirectory runs as go generate does: from the
// project's directory, with the default, relative config path.
func TestDefaultConfigInCurrentDirectory(t *testing.T) {
	config := project(t, nil)
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(filepath.Dir(config)); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := cli(); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, stderr)
	}
	if code, stdout, stderr := cli("check"); code != 0 {
		t.Fatalf("check: exit %d: %s%s", code, stdout, stderr)
	}
	write(t, "schema/types.yaml", "kind: PortalType\nname: Person\nproperty_sheets: [Persn]\n")
	code, _, stderr := cli()
	if want := `schema/types.yaml:3:19: unknown property sheet "Persn"; did you mean "Person"?` + "\n"; code != 1 || stderr != want {
		t.Errorf("exit %d, stderr %q; want %q", code, stderr, want)
	}
}

// With a stamp, a second run says that nothing changed.
func TestStampCLI(t *testing.T) {
	t.Setenv("ACCESSORGEN_CACHE", t.TempDir())
	config := project(t, nil)
	if code, _, stderr := cli("-config", config); code != 0 {
		t.Fatal(stderr)
	}
	code, stdout, stderr := cli("-config", config, "-v")
	if code != 0 || stdout != "nothing changed since the last run: 6 files up to date\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// TestDocumentSetterRefusalAppliesNothing: a document's setter of a
// selection may refuse a value only as Edit applies it, after earlier
// changes were applied; Edit and EditMap must then put those back. The
// generated project runs its own test of that.
func TestDocumentSetterRefusalAppliesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests a generated project; skipped with -short")
	}
	repo, gosum := thisModule(t)
	config := project(t, map[string]string{
		"go.mod":           "module example.com/shop\n\ngo 1.26\n\nrequire github.com/accessorgen/accessorgen v0.0.0\n\nreplace github.com/accessorgen/accessorgen => " + repo + "\n",
		"go.sum":           string(gosum),
		"accessorgen.yaml": "schema: [schema]\nholders: {dir: accessorholder}\ntypes: {dir: portaltype}\ndocuments: ./document\n",
		"schema/sheets.yaml": `kind: PropertySheet
name: Ticket
properties:
  - {id: name, type: string}
  - {id: state, type: selection, values: [open, closed]}
`,
		"schema/types.yaml": "kind: PortalType\nname: Ticket\ntype_class: Ticket\nproperty_sheets: [Ticket]\n",
		"document/ticket.go": `package document

import (
	"errors"

	"example.com/shop/accessorholder"
)

// Ticket refuses to reopen a closed ticket.
type Ticket struct {
	accessorholder.TicketHolder
}

// SetState overrides the generated setter of the selection.
func (d *Ticket) SetState(v string) error {
	if d.State() == "closed" && v == "open" {
		return errors.New("closed tickets cannot be reopened")
	}
	return d.TicketHolder.SetState(v)
}
`,
		"portaltype/edit_test.go": `package portaltype

import (
	"testing"

	"github.com/accessorgen/accessorgen/holders"
)

func TestRefusedEditAppliesNothing(t *testing.T) {
	for _, edit := range []func(*Ticket) error{
		func(o *Ticket) error { return o.Edit(holders.Change{ID: "name", Value: "new"}, holders.Change{ID: "state", Value: "open"}) },
		func(o *Ticket) error { return o.EditMap(map[string]any{"name": "new", "state": "open"}) },
	} {
		o := new(Ticket)
		if err := o.SetState("closed"); err != nil {
			t.Fatal(err)
		}
		if err := edit(o); err == nil {
			t.Fatal("Edit reopened a closed ticket")
		}
		if o.Name() != "" || o.HasName() || o.State() != "closed" {
			t.Errorf("a refused Edit applied changes: name %q (set %v), state %q", o.Name(), o.HasName(), o.State())
		}
		if err := o.Edit(holders.Change{ID: "name", Value: "new"}, holders.Change{ID: "state", Value: "closed"}); err != nil || o.Name() != "new" {
			t.Errorf("an accepted Edit: %v, name %q", err, o.Name())
		}
	}
}
`,
	})
	dir := filepath.Dir(config)
	t.Setenv("GOFLAGS", "-mod=mod")
	if code, _, stderr := cli("-config", config); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, stderr)
	}
	cmd := exec.Command("go", "test", "./portaltype")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the generated project's test: %v\n%s", err, out)
	}
}

// A constructor that looks up, through the Registry it receives, its own
// entry, or an entry that needs it, gets a holders.CycleError instead of
// waiting for itself forever; so do two constructors that look each other
// up from two goroutines.
func TestRegistryCycleIsAnError(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests a generated project; skipped with -short")
	}
	repo, gosum := thisModule(t)
	service := func(location, fn string) string {
		return "kind: Service\nlocation: " + location + "\nfunc: " + fn + "\n"
	}
	config := project(t, map[string]string{
		"go.mod":           "module example.com/loops\n\ngo 1.26\n\nrequire github.com/accessorgen/accessorgen v0.0.0\n\nreplace github.com/accessorgen/accessorgen => " + repo + "\n",
		"go.sum":           string(gosum),
		"accessorgen.yaml": "schema: [schema]\nholders: {dir: accessorholder}\ntypes: {dir: registry}\ndocuments: ./document\n",
		"schema/services.yaml": strings.Join([]string{
			service("loop.self", "NewSelf"), service("ping.a", "NewPingA"), service("ping.b", "NewPingB"),
			service("mix.front", "NewFront"), service("mix.back", "NewBack"),
			service("cope.front", "NewCopingFront"), service("cope.back", "NewCopingBack"),
		}, "---\n"),
		"schema/sheets.yaml": "kind: PropertySheet\nname: Note\nproperties:\n  - {id: text, type: string}\n",
		"schema/types.yaml":  "kind: PortalType\nname: Note\nproperty_sheets: [Note]\nregistered: false\n",
		"document/services.go": `package document

import (
	"sync"

	"github.com/accessorgen/accessorgen/holders"
)

// Self looks itself up while it is built, and keeps what it got.
type Self struct{ Err error }

func NewSelf(root holders.Registry) *Self {
	_, err := root.Lookup("loop.self")
	return &Self{Err: err}
}

// PingA and PingB look each other up once both are being built.
type PingA struct{ Err error }
type PingB struct{ Err error }

// BothStarted is done when both ping constructors run.
var BothStarted sync.WaitGroup

func NewPingA(root holders.Registry) *PingA {
	BothStarted.Done()
	BothStarted.Wait()
	_, err := root.Lookup("ping.b")
	return &PingA{Err: err}
}

func NewPingB(root holders.Registry) *PingB {
	BothStarted.Done()
	BothStarted.Wait()
	_, err := root.Lookup("ping.a")
	return &PingB{Err: err}
}

// Front needs Back, whose constructor looks Front up.
type Front struct{}
type Back struct{}

func NewFront(*Back) *Front { return new(Front) }

func NewBack(root holders.Registry) (*Back, error) {
	if _, err := root.Lookup("mix.front"); err != nil {
		return nil, err
	}
	return new(Back), nil
}

// CopingFront needs CopingBack, whose constructor looks CopingFront up and
// copes with not getting it.
type CopingFront struct{}
type CopingBack struct{ FrontErr error }

func NewCopingFront(*CopingBack) *CopingFront { return new(CopingFront) }

func NewCopingBack(root holders.Registry) *CopingBack {
	_, err := root.Lookup("cope.front")
	return &CopingBack{FrontErr: err}
}
`,
		"registry/cycle_test.go": `package registry

import (
	"errors"
	"testing"
	"time"

	"example.com/loops/document"
	"github.com/accessorgen/accessorgen/holders"
)

// within fails the test instead of hanging when f does not return.
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("%s hangs", what)
	}
}

func TestSelf(t *testing.T) {
	r := NewRoot()
	var self *document.Self
	var err error
	within(t, "loop.self", func() { self, err = r.Loop().Self() })
	if err != nil || !errors.Is(self.Err, holders.ErrCycle) || self.Err.Error() != "registry cycle: loop.self -> loop.self" {
		t.Fatalf("loop.self = %+v, %v; want a value holding the cycle error", self, err)
	}
	if v, err := r.Lookup("loop.self"); v != self || err != nil {
		t.Errorf("Lookup after the build = %v, %v", v, err)
	}
}

func TestStaticDependencyLooksBack(t *testing.T) {
	r := NewRoot()
	var err error
	within(t, "mix.front", func() { _, err = r.Mix().Front() })
	const want = "mix.front needs mix.back: registry cycle: mix.front -> mix.back -> mix.front"
	if err == nil || err.Error() != want || !errors.Is(err, holders.ErrCycle) {
		t.Fatalf("mix.front: %v; want %s", err, want)
	}
}

// Built first, cope.back's look-up of cope.front fails with the cycle
// (cope.front needs cope.back, being built); cope.front keeps no error of
// it, since its constructor never ran: accessed next, it is built.
func TestCycleErrorIsNotKeptByAnEntryNeverBuilt(t *testing.T) {
	r := NewRoot()
	var back *document.CopingBack
	var err error
	within(t, "cope.back", func() { back, err = r.Cope().Back() })
	if err != nil || !errors.Is(back.FrontErr, holders.ErrCycle) {
		t.Fatalf("cope.back = %+v, %v; want a value holding the cycle error", back, err)
	}
	var front *document.CopingFront
	within(t, "cope.front", func() { front, err = r.Cope().Front() })
	if front == nil || err != nil {
		t.Fatalf("cope.front after cope.back = %v, %v; want it built", front, err)
	}
}

func TestTwoGoroutines(t *testing.T) {
	r := NewRoot()
	document.BothStarted.Add(2)
	var a *document.PingA
	var b *document.PingB
	within(t, "ping.a and ping.b from two goroutines", func() {
		done := make(chan struct{})
		go func() { defer close(done); b, _ = r.Ping().B() }()
		a, _ = r.Ping().A()
		<-done
	})
	// One of the two gets the cycle error; the other waits for it, then
	// gets its value.
	if errors.Is(a.Err, holders.ErrCycle) == errors.Is(b.Err, holders.ErrCycle) {
		t.Fatalf("ping.a got %v, ping.b %v; want the cycle error in exactly one", a.Err, b.Err)
	}
}
`,
	})
	dir := filepath.Dir(config)
	t.Setenv("GOFLAGS", "-mod=mod")
	if code, _, stderr := cli("-config", config); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, stderr)
	}
	cmd := exec.Command("go", "test", "-race", "-timeout", "2m", "./registry")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the generated project's test: %v\n%s", err, out)
	}
}

// TestGeneratedFileThroughLink: a generated file the user replaced by a
// symbolic link (to keep it elsewhere) stays a link: generate writes the
// file it leads to, check compares that file, and a link to nothing stops
// the run before anything is written.
func TestGeneratedFileThroughLink(t *testing.T) {
	t.Setenv("ACCESSORGEN_CACHE", t.TempDir())
	config := project(t, nil)
	dir := filepath.Dir(config)
	if code, _, stderr := cli("-config", config); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, stderr)
	}
	link := filepath.Join(dir, "accessorholder", "person.gen.go")
	kept := filepath.Join(dir, "kept", "person.gen.go")
	if err := os.MkdirAll(filepath.Dir(kept), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(link, kept); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("..", "kept", "person.gen.go"), link); err != nil {
		t.Skip("cannot make a link here:", err)
	}
	if code, _, stderr := cli("-config", config, "check"); code != 0 {
		t.Fatalf("check through an up-to-date link: exit %d: %s", code, stderr)
	}
	write(t, filepath.Join(dir, "schema/sheets.yaml"), strings.Replace(
		mustRead(t, filepath.Join(dir, "schema/sheets.yaml")), "{id: age, type: int}", "{id: age, type: int}\n  - {id: nickname, type: string}", 1))
	if code, _, _ := cli("-config", config, "check"); code != 1 {
		t.Errorf("check after a schema change: exit %d, want 1", code)
	}
	if code, _, stderr := cli("-config", config); code != 0 {
		t.Fatalf("generate through the link: exit %d: %s", code, stderr)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("%s is no longer a link: %v", link, err)
	}
	if !strings.Contains(mustRead(t, kept), "func (h *PersonHolder) Nickname() string") {
		t.Errorf("the link's target was not regenerated:\n%s", mustRead(t, kept))
	}
	if code, _, stderr := cli("-config", config, "check"); code != 0 {
		t.Fatalf("check after generate: exit %d: %s", code, stderr)
	}

	if err := os.Remove(kept); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "schema/sheets.yaml"), strings.Replace(
		mustRead(t, filepath.Join(dir, "schema/sheets.yaml")), "nickname", "alias", 1))
	before := snapshot(t, dir)
	code, _, stderr := cli("-config", config)
	want := "accessorholder/person.gen.go is a symbolic link to ../kept/person.gen.go, which does not exist: create the link's target or remove the link; nothing was written"
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("generate through a link to nothing: exit %d, stderr %q; want 1 and %q", code, stderr, want)
	}
	if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
		t.Errorf("a refused run changed files (-before +after):\n%s", diff)
	}
}

func mustRead(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
