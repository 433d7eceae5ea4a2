package driver

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Splitting the types over internal packages, changing the split and
// ending it each remove the generated files of packages no longer
// generated, so no stale package is left to break the build.
func TestSplitTypesRemovesStalePackages(t *testing.T) {
	t.Setenv("ACCESSORGEN_CACHE", "off")
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"go.mod":             "module example.com/shop\n\ngo 1.26\n",
		"schema/sheets.yaml": sheets,
		"schema/types.yaml":  types,
	})
	// Files of the user's own under the internal directory, one in a
	// directory named like a part, are never touched.
	mine := map[string]string{
		"portaltype/internal/util/util.go":  "package util\n",
		"portaltype/internal/part7/keep.go": "package part7\n",
	}
	writeFiles(t, dir, mine)
	config := filepath.Join(dir, "accessorgen.yaml")
	type outcome struct{ Written, Removed []string }
	steps := []struct {
		name, types string
		want        outcome
	}{
		{"one package", "{dir: portaltype}", outcome{Written: []string{
			"accessorholder/accessorgen.go", "accessorholder/note.gen.go", "accessorholder/person.gen.go", "accessorholder/reference.gen.go",
			"portaltype/accessorgen.go", "portaltype/memo.gen.go", "portaltype/person.gen.go", "portaltype/product.gen.go"}}},
		{"one type per package", "{dir: portaltype, types_per_package: 1}", outcome{
			Written: []string{
				"portaltype/accessorgen.go",
				"portaltype/internal/part0/accessorgen.go", "portaltype/internal/part0/memo.gen.go",
				"portaltype/internal/part1/accessorgen.go", "portaltype/internal/part1/person.gen.go",
				"portaltype/internal/part2/accessorgen.go", "portaltype/internal/part2/product.gen.go"},
			Removed: []string{"portaltype/memo.gen.go", "portaltype/person.gen.go", "portaltype/product.gen.go"}}},
		{"two per package", "{dir: portaltype, types_per_package: 2}", outcome{
			Written: []string{"portaltype/accessorgen.go",
				"portaltype/internal/part0/accessorgen.go", "portaltype/internal/part0/person.gen.go",
				"portaltype/internal/part1/product.gen.go"}, // part1's doc still says it holds one type
			Removed: []string{
				"portaltype/internal/part1/person.gen.go",
				"portaltype/internal/part2/accessorgen.go", "portaltype/internal/part2/product.gen.go"}}},
		{"one package again", "{dir: portaltype}", outcome{
			Written: []string{"portaltype/accessorgen.go", "portaltype/memo.gen.go", "portaltype/person.gen.go", "portaltype/product.gen.go"},
			Removed: []string{
				"portaltype/internal/part0/accessorgen.go", "portaltype/internal/part0/memo.gen.go", "portaltype/internal/part0/person.gen.go",
				"portaltype/internal/part1/accessorgen.go", "portaltype/internal/part1/product.gen.go"}}},
	}
	for _, s := range steps {
		writeFiles(t, dir, map[string]string{"accessorgen.yaml": "schema: [schema]\nholders: {dir: accessorholder}\ntypes: " + s.types + "\n"})
		res, err := Run(config, Options{})
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		sort.Strings(res.Written)
		if diff := cmp.Diff(s.want, outcome{res.Written, res.Removed}); diff != "" {
			t.Fatalf("%s (-want +got):\n%s", s.name, diff)
		}
		if res, err := Run(config, Options{Check: true}); err != nil || res.Stale() {
			t.Fatalf("%s: a check right after reports stale files (%v): %+v", s.name, err, res)
		}
	}
	left, err := filepath.Glob(filepath.Join(dir, "portaltype", "internal", "*", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range left {
		rel, _ := filepath.Rel(dir, f)
		want, ok := mine[filepath.ToSlash(rel)]
		if !ok {
			t.Errorf("%s is left in the internal packages", rel)
			continue
		}
		if data, err := os.ReadFile(f); err != nil || string(data) != want {
			t.Errorf("the user's %s changed: %q, %v", rel, data, err)
		}
	}
	if len(left) != len(mine) {
		t.Errorf("internal packages hold %v, want the user's %d files", left, len(mine))
	}
	if _, err := os.Stat(filepath.Join(dir, "portaltype", "memo.gen.go")); err != nil {
		t.Error(err)
	}
}
