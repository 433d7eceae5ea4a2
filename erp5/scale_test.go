package erp5_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/accessorgen/accessorgen/erp5/importer"
	"github.com/accessorgen/accessorgen/internal/corpus"
	"github.com/accessorgen/accessorgen/internal/driver"
)

// scaleEnv turns the scale test on: it imports, generates and compiles the
// whole ERP5 model, about a minute of work, so plain go test ./... skips it.
// .ci/run sets it when ../shared/erp5 exists.
const scaleEnv = "ACCESSORGEN_ERP5_SCALE"

// TestScale imports the whole ERP5 corpus into a temporary module that
// uses this repository through a replace directive, generates the model
// without a documents package, builds and vets it, and runs a program that
// creates every portal type by name and round-trips every property through
// SetProperty and GetProperty; then it does the same with the types split
// over internal packages (types_per_package). It logs the numbers
// docs/erp5.md reports.
func TestScale(t *testing.T) {
	if os.Getenv(scaleEnv) == "" {
		t.Skip("set " + scaleEnv + "=1 to import, generate and build the whole ERP5 model (.ci/run does when ../shared/erp5 exists)")
	}
	dir, ok := corpus.Dir()
	if !ok {
		t.Skip(corpus.SkipMessage(dir))
	}
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	mod := t.TempDir()
	goMod := fmt.Sprintf("module erp5model\n\ngo 1.26.0\n\nrequire github.com/accessorgen/accessorgen v0.0.0\n\nreplace github.com/accessorgen/accessorgen => %s\n", repo)
	write(t, filepath.Join(mod, "go.mod"), goMod)
	sum, err := os.ReadFile(filepath.Join(repo, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(mod, "go.sum"), string(sum))

	start := time.Now()
	res, err := importer.Import([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	w, err := res.Write(filepath.Join(mod, "schema"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("import: %d sheets, %d portal types, %d base categories, %d YAML files in %v",
		len(res.Sheets), len(res.Types), len(res.BaseCategories), len(w.Written), time.Since(start).Round(time.Millisecond))

	config := filepath.Join(mod, "accessorgen.yaml")
	write(t, config, "schema: [schema/property_sheets, schema/portal_types, schema/base_categories]\nholders: {dir: accessorholder}\ntypes: {dir: portaltype}\n")
	start = time.Now()
	gen, err := driver.Run(config, driver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cold := time.Since(start)
	start = time.Now()
	again, err := driver.Run(config, driver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	noop := time.Since(start)
	if len(again.Written) != 0 || len(again.Removed) != 0 {
		t.Errorf("a second generation wrote %d and removed %d files", len(again.Written), len(again.Removed))
	}
	files, lines := countGo(t, filepath.Join(mod, "accessorholder"), filepath.Join(mod, "portaltype"))
	props := 0
	for _, s := range res.Sheets {
		props += len(s.Properties) + len(s.Categories)
	}
	t.Logf("generate: %d files written, cold %v, no-op %v; %d Go files, %d lines, %.0f lines per sheet property or category",
		len(gen.Written), cold.Round(time.Millisecond), noop.Round(time.Millisecond), files, lines, float64(lines)/float64(props))

	write(t, filepath.Join(mod, "smoke", "main.go"), smokeProgram)
	goCmd(t, mod, "build", "./...")
	goCmd(t, mod, "vet", "./...")
	bin := filepath.Join(mod, "smoke.bin")
	goCmd(t, mod, "build", "-o", bin, "./smoke")
	fi, err := os.Stat(bin)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("smoke binary: %.1f MB", float64(fi.Size())/1e6)
	out, err := exec.Command(bin).CombinedOutput()
	if err != nil {
		t.Fatalf("smoke program: %v\n%s", err, out)
	}
	t.Logf("smoke: %s", bytes.TrimSpace(out))
	if !strings.Contains(string(out), fmt.Sprintf("%d portal types", len(res.Types))) {
		t.Errorf("the smoke program did not create every portal type: %s", out)
	}

	// The same model with its types split over internal packages: the
	// real graph of sub-objects and acquisition must give parts that
	// import each other without a cycle, and the program must behave the
	// same through the aliases.
	write(t, config, "schema: [schema/property_sheets, schema/portal_types, schema/base_categories]\nholders: {dir: accessorholder}\ntypes: {dir: portaltype, types_per_package: 100}\n")
	split, err := driver.Run(config, driver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(split.Removed) != len(res.Types) {
		t.Errorf("splitting removed %d files of the types package, want its %d type files", len(split.Removed), len(res.Types))
	}
	parts, err := filepath.Glob(filepath.Join(mod, "portaltype", "internal", "part*"))
	if err != nil {
		t.Fatal(err)
	}
	largest := 0
	for _, p := range parts {
		n, _ := countGo(t, p)
		largest = max(largest, n-1) // its accessorgen.go aside
	}
	t.Logf("split (types_per_package: 100): %d files written, %d removed; %d internal packages, the largest of %d types",
		len(split.Written), len(split.Removed), len(parts), largest)
	if len(parts) < len(res.Types)/100 {
		t.Errorf("%d internal packages for %d types of 100 per package", len(parts), len(res.Types))
	}
	goCmd(t, mod, "build", "./...")
	goCmd(t, mod, "vet", "./...")
	goCmd(t, mod, "build", "-o", bin, "./smoke")
	splitOut, err := exec.Command(bin).CombinedOutput()
	if err != nil {
		t.Fatalf("smoke program, split: %v\n%s", err, splitOut)
	}
	if !bytes.Equal(splitOut, out) {
		t.Errorf("the smoke program split says %s; in one package it said %s", bytes.TrimSpace(splitOut), bytes.TrimSpace(out))
	}
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// goCmd runs the go command in dir and logs how long it took.
func goCmd(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	t.Logf("go %s: %v", strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
}

// countGo counts the Go files and their lines under dirs.
func countGo(t *testing.T, dirs ...string) (files, lines int) {
	t.Helper()
	for _, d := range dirs {
		err := filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(p, ".go") {
				return err
			}
			data, err := os.ReadFile(p)
			files++
			lines += bytes.Count(data, []byte("\n"))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files, lines
}

// smokeProgram creates every portal type by name and round-trips every
// by-name property: a value of the property's type is set with
// SetProperty and must come back from GetProperty; a read-only property
// must be refused with ErrReadOnly.
const smokeProgram = `package main

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"time"

	"erp5model/accessorholder"
	"erp5model/portaltype"

	"github.com/accessorgen/accessorgen/holders"
)

func main() {
	types, checked, readOnly := 0, 0, 0
	for _, name := range portaltype.TypeNames() {
		obj, err := portaltype.New(name)
		if err != nil {
			fail("New(%q): %v", name, err)
		}
		if obj.PortalType() != name {
			fail("New(%q) made a %q", name, obj.PortalType())
		}
		types++
		info := obj.TypeInfo()
		for _, id := range obj.PropertyIDs() {
			p, ok := info.Property(id)
			if !ok {
				fail("%s: PropertyIDs lists %s, which TypeInfo does not have", name, id)
			}
			v := sample(p)
			err := obj.SetProperty(id, v)
			if p.ReadOnly {
				if !errors.Is(err, holders.ErrReadOnly) {
					fail("%s.%s is read-only, SetProperty said %v", name, id, err)
				}
				readOnly++
				continue
			}
			if err != nil {
				fail("%s.SetProperty(%q, %#v): %v", name, id, v, err)
			}
			got, err := obj.GetProperty(id)
			if err != nil {
				fail("%s.GetProperty(%q): %v", name, id, err)
			}
			if !same(got, v) {
				fail("%s.%s: set %#v, got %#v", name, id, v, got)
			}
			if !obj.HasProperty(id) {
				fail("%s.%s: HasProperty is false after a set", name, id)
			}
			checked++
		}
	}
	fmt.Printf("%d portal types created, %d properties round-tripped, %d read-only refused\n", types, checked, readOnly)
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

var when = time.Date(2024, 2, 29, 12, 30, 0, 0, time.UTC)

// sample is a valid value for p.
func sample(p *holders.PropertyInfo) any {
	var one any
	switch p.Type {
	case "string", "text":
		one = "v-" + p.ID
	case "int":
		one = 42
	case "float":
		one = 1.5
	case "boolean":
		one = true
	case "date":
		one = when
	case "data":
		return []byte("data")
	case "lines", "tokens":
		return []string{"a", "b"}
	case "selection":
		return p.Values[0]
	case "multiple selection":
		return p.Values[:1]
	case "category":
		return []string{categoryValue(p.ID)}
	default:
		fail("property %s has type %s, which the smoke test does not know", p.ID, p.Type)
	}
	if !p.Multivalued {
		return one
	}
	list := reflect.MakeSlice(reflect.SliceOf(reflect.TypeOf(one)), 0, 2)
	return reflect.Append(list, reflect.ValueOf(one), reflect.ValueOf(one)).Interface()
}

// categoryValue is a value of base category bc: a path of its tree when it
// has one, else the URL of an object.
func categoryValue(bc string) string {
	for _, c := range accessorholder.Categories() {
		if rest, ok := strings.CutPrefix(c.Path, bc+"/"); ok {
			return rest
		}
	}
	return "module/1"
}

func same(got, want any) bool {
	if w, ok := want.(time.Time); ok {
		g, ok := got.(time.Time)
		return ok && g.Equal(w)
	}
	if w, ok := want.([]time.Time); ok {
		g, ok := got.([]time.Time)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !g[i].Equal(w[i]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(got, want)
}
`
