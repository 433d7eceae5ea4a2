package driver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputDirIsAFile: an output directory that is a file is an error
// naming it, in a generate and a check, with nothing written; a file of
// the user's named like the types' parts directory (internal) stops no
// run that does not split the types.
func TestOutputDirIsAFile(t *testing.T) {
	t.Setenv("ACCESSORGEN_CACHE", "off")
	for _, tc := range []struct {
		name, file, err string
	}{
		{"holders", "accessorholder", "output directory " + filepath.Join("DIR", "accessorholder") + " is a file, not a directory"},
		{"types", "portaltype", "output directory " + filepath.Join("DIR", "portaltype") + " is a file, not a directory"},
		{"parts directory", "portaltype/internal", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{
				"go.mod":             "module example.com/shop\n\ngo 1.26\n",
				"accessorgen.yaml":   "schema: [schema]\nholders: {dir: accessorholder}\ntypes: {dir: portaltype}\n",
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
