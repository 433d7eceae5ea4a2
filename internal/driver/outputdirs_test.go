package driver

import (
	stdcmp "cmp"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestOutputDirIsAFile: an output directory that is a file is an error
// naming it, in a generate and a check, with nothing written; a file of
// the user's named like the types' parts directory (internal) stops no
// run that does not split the types.
func TestOutputDirIsAFile(t *testing.T) {
	t.Setenv("ACCESSORGEN_CACHE", "off")
	for _, tc := range []struct {
		name, file, err string
		types           string // the config's types entry; {dir: portaltype} if empty
	}{
		{"holders", "accessorholder", "accessorgen.yaml:2:16: holders directory accessorholder is a file, not a directory: move it away or choose another directory; nothing was written", ""},
		{"types", "portaltype", "accessorgen.yaml:3:14: types directory portaltype is a file, not a directory: move it away or choose another directory; nothing was written", ""},
		{"parts directory", "portaltype/internal", "", ""},
		// A split run must make that directory: it says why it cannot.
		{"parts directory of a split run", "portaltype/internal", "accessorgen.yaml:3:14: types directory portaltype/internal/part0 is below DIR/portaltype/internal, a file, not a directory: move it away or choose another directory; nothing was written", "{dir: portaltype, types_per_package: 1}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{
				"go.mod":             "module example.com/shop\n\ngo 1.26\n",
				"accessorgen.yaml":   "schema: [schema]\nholders: {dir: accessorholder}\ntypes: " + stdcmp.Or(tc.types, "{dir: portaltype}") + "\n",
				"schema/sheets.yaml": sheets,
				"schema/types.yaml":  types,
				tc.file:              "the user's\n",
			})
			config := filepath.Join(dir, "accessorgen.yaml")
			for _, check := range []bool{true, false} {
				_, err := Run(config, Options{Check: check})
				want := strings.ReplaceAll(tc.err, "DIR", dir)
				switch {
				case tc.err == "" && err != nil:
					t.Errorf("check %v: %v", check, err)
				case tc.err != "" && (err == nil || !strings.Contains(err.Error(), want)):
					t.Errorf("check %v: got %v; want an error with %q", check, err, want)
				}
			}
			if data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(tc.file))); err != nil || string(data) != "the user's\n" {
				t.Errorf("the user's %s changed: %q, %v", tc.file, data, err)
			}
		})
	}
}

// TestOutputDirsOneThroughALink: holders and types directories that are
// one directory through a symbolic link are an error, with nothing
// written: each package's files would replace the other's at every run.
func TestOutputDirsOneThroughALink(t *testing.T) {
	t.Setenv("ACCESSORGEN_CACHE", "off")
	for _, tc := range []struct {
		holders  string // the config's holders dir
		link, to string // link is a symbolic link to to, relative to its directory
		real     string // the directory both resolve to
	}{
		{"accessorholder", "portaltype", "accessorholder", "accessorholder"},
		{"accessorholder", "accessorholder", "portaltype", "portaltype"},
		{"gen/holders", "portaltype", "gen/holders", "gen/holders"},
	} {
		t.Run(tc.link+" to "+tc.to, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{
				"go.mod":              "module example.com/shop\n\ngo 1.26\n",
				"accessorgen.yaml":    "schema: [schema]\nholders: {dir: " + tc.holders + "}\ntypes: {dir: portaltype}\n",
				"schema/sheets.yaml":  sheets,
				"schema/types.yaml":   types,
				tc.real + "/mine.txt": "the user's\n",
			})
			if err := os.Symlink(filepath.FromSlash(tc.to), filepath.Join(dir, tc.link)); err != nil {
				t.Skip("cannot make links here:", err)
			}
			for _, check := range []bool{true, false} {
				_, err := Run(filepath.Join(dir, "accessorgen.yaml"), Options{Check: check})
				if err == nil || !strings.Contains(err.Error(), "through a symbolic link: each package's files would replace the other's") {
					t.Errorf("check %v: got %v, want an error", check, err)
				}
			}
			entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(tc.real)))
			if err != nil || len(entries) != 1 {
				t.Errorf("%s holds %v (%v), want the user's file alone", tc.real, entries, err)
			}
		})
	}
}

// TestOutputDirsUnsafe: an output directory that a run could not write
// into, or must not (it is the user's inputs, or holds the config, through a link
// or a path such as out/../schema), is an error at the config's dir
// entry, in a generate and a check, with nothing written.
func TestOutputDirsUnsafe(t *testing.T) {
	t.Setenv("ACCESSORGEN_CACHE", "off")
	for _, tc := range []struct {
		name     string
		schema   string // the config's schema directory
		holders  string // the config's holders dir
		link, to string // if not empty: link is a symbolic link to to, relative to its directory
		err      string // DIR is the project's directory
	}{
		{"dangling link", "schema", "accessorholder", "accessorholder", "nowhere",
			"accessorgen.yaml:2:16: holders directory accessorholder is a symbolic link to nowhere, which does not exist: create the link's target or remove the link"},
		{"below a dangling link", "schema", "gen/holders", "gen", "nowhere",
			"accessorgen.yaml:2:16: holders directory gen/holders is below " + filepath.Join("DIR", "gen") + ", a symbolic link to nowhere, which does not exist"},
		{"link to the config's directory", "schema", "gen", "gen", ".",
			"accessorgen.yaml:2:16: holders directory gen resolves to DIR, which is the config file's directory: a run writes generated files there and removes stale ones"},
		{"link to the config's parent", "schema", "gen", "gen", "..",
			"accessorgen.yaml:2:16: holders directory gen resolves to " + filepath.Join("MODULE", "app") + ", which holds the config file's directory"},
		{"link to the schema", "schema", "gen", "gen", "schema",
			"accessorgen.yaml:2:16: holders directory gen resolves to " + filepath.Join("DIR", "schema") + ", which is the schema directory schema"},
		{"the schema through ..", "schema", "out/../schema", "", "",
			"accessorgen.yaml:2:16: holders directory schema resolves to " + filepath.Join("DIR", "schema") + ", which is the schema directory schema"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The config is below the module's root, as go.mod is not in
			// the config's directory (which would be another module's,
			// through the link to it).
			module := t.TempDir()
			if real, err := filepath.EvalSymlinks(module); err == nil {
				module = real // messages name resolved paths
			}
			writeFiles(t, module, map[string]string{"go.mod": "module example.com/shop\n\ngo 1.26\n"})
			dir := filepath.Join(module, "app", "model")
			writeFiles(t, dir, map[string]string{
				"accessorgen.yaml":          "schema: [" + tc.schema + "]\nholders: {dir: " + tc.holders + "}\ntypes: {dir: portaltype}\n",
				tc.schema + "/sheets.yaml":  sheets,
				tc.schema + "/types.yaml":   types,
				tc.schema + "/stale.gen.go": "// Code generated by accessorgen. DO NOT EDIT.\n\npackage schema\n",
			})
			if tc.link != "" {
				if err := os.Symlink(filepath.FromSlash(tc.to), filepath.Join(dir, tc.link)); err != nil {
					t.Skip("cannot make links here:", err)
				}
			}
			before := snapshot(t, module)
			t.Chdir(dir)
			for _, check := range []bool{true, false} {
				_, err := Run("accessorgen.yaml", Options{Check: check})
				want := strings.ReplaceAll(strings.ReplaceAll(tc.err, "DIR", dir), "MODULE", module)
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("check %v: got %v\nwant an error with %q", check, err, want)
				}
			}
			if diff := cmp.Diff(before, snapshot(t, module)); diff != "" {
				t.Errorf("files changed (-before +after):\n%s", diff)
			}
		})
	}
}

// TestOutputDirHoldingInputs: a schema or documents directory below an
// output directory is no danger (a run writes and removes only the output
// directory's own generated files) and is accepted; the files below are
// left alone.
func TestOutputDirHoldingInputs(t *testing.T) {
	t.Setenv("ACCESSORGEN_CACHE", "off")
	module := t.TempDir()
	stale := "// Code generated by accessorgen. DO NOT EDIT.\n\npackage schema\n"
	writeFiles(t, module, map[string]string{
		"go.mod":                    "module example.com/shop\n\ngo 1.26\n",
		"accessorgen.yaml":          "schema: [model/schema]\nholders: {dir: model}\ntypes: {dir: portaltype}\n",
		"model/schema/sheets.yaml":  sheets,
		"model/schema/types.yaml":   types,
		"model/schema/stale.gen.go": stale,
	})
	t.Chdir(module)
	if _, err := Run("accessorgen.yaml", Options{}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"model/schema/sheets.yaml": sheets, "model/schema/types.yaml": types, "model/schema/stale.gen.go": stale} {
		if got, err := os.ReadFile(filepath.FromSlash(name)); err != nil || string(got) != want {
			t.Errorf("%s: %v; want it left as it was", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join("model", "person.gen.go")); err != nil {
		t.Errorf("holders not generated into model: %v", err)
	}
}

// snapshot maps each file below dir (its slash path) to its content, and
// each symbolic link to its target.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(name string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, name)
		var data []byte
		if d.Type()&os.ModeSymlink != 0 {
			target, err := os.Readlink(name)
			files[filepath.ToSlash(rel)] = "-> " + target
			return err
		}
		data, err = os.ReadFile(name)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestOutputDirIsTheDocuments: documents in an output directory are
// refused before the documents are loaded (loaded with the generated
// holders laid over them, they failed with "could not import" errors that
// did not say why), in a generate and a check, with nothing written.
func TestOutputDirIsTheDocuments(t *testing.T) {
	t.Setenv("ACCESSORGEN_CACHE", "off")
	for _, tc := range []struct{ key, documents string }{
		{"holders", "./model"},
		{"types", "./model"},
		{"holders", "example.com/shop/model"}, // an import path in the module
	} {
		key := tc.key
		t.Run(key+" "+tc.documents, func(t *testing.T) {
			dir := t.TempDir()
			holdersDir, typesDir := "accessorholder", "portaltype"
			if key == "holders" {
				holdersDir = "model"
			} else {
				typesDir = "model"
			}
			writeFiles(t, dir, map[string]string{
				"go.mod":             "module example.com/shop\n\ngo 1.26\n",
				"accessorgen.yaml":   "schema: [schema]\nholders: {dir: " + holdersDir + "}\ntypes: {dir: " + typesDir + "}\ndocuments: " + tc.documents + "\n",
				"schema/sheets.yaml": sheets,
				"schema/types.yaml":  types,
				"model/doc.go":       "package model\n\n// Person is the document.\ntype Person struct{}\n",
			})
			before := snapshot(t, dir)
			for _, check := range []bool{true, false} {
				_, err := Run(filepath.Join(dir, "accessorgen.yaml"), Options{Check: check})
				want := key + " directory model resolves to " + filepath.Join(dir, "model") + ", which is the documents directory " + tc.documents
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("check %v: got %v\nwant an error with %q", check, err, want)
				}
			}
			if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
				t.Errorf("files changed (-before +after):\n%s", diff)
			}
		})
	}
}
