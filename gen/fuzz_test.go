package gen_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/accessorgen/accessorgen/binding"
	"github.com/accessorgen/accessorgen/gen"
	"github.com/accessorgen/accessorgen/schema"
)

// fuzzOpts places the generated packages of a fuzzed schema.
var fuzzOpts = gen.Options{
	Holders: gen.Package{Dir: "accessorholder", Path: "example.com/fuzz/accessorholder", Name: "accessorholder"},
	Types:   gen.Package{Dir: "portaltype", Path: "example.com/fuzz/portaltype", Name: "portaltype"},
}

// FuzzGenerate feeds arbitrary schema files through the whole pipeline
// without a documents package: a schema the loader and the binding accept
// must render, and what it renders must type-check against the holders
// runtime. Otherwise accepted YAML would give a panic in gen or Go that
// does not compile, the two failures a user cannot fix from the error.
// The seeds are the golden cases' schema files and the examples'.
func FuzzGenerate(f *testing.F) {
	for _, pattern := range []string{"../testdata/golden/*/*.yaml", "../testdata/golden/*/*/*.yaml", "../examples/*/schema/*.yaml"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			if filepath.Base(p) == schema.DefaultConfig {
				continue
			}
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := schema.Compile([]schema.File{{Name: "f.yaml", Data: data}})
		if err != nil {
			return // FuzzCompile checks the loader's errors
		}
		holderFiles, err := gen.Holders(m, fuzzOpts)
		if err != nil {
			t.Fatalf("gen.Holders of an accepted schema: %v", err)
		}
		b, err := binding.Resolve(m, nil, fuzzOpts.Holders.Path, nil)
		if err != nil {
			var list schema.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("binding error is not a non-empty ErrorList: %T %v", err, err)
			}
			return
		}
		typeFiles, err := gen.Types(m, b, fuzzOpts)
		if err != nil {
			t.Fatalf("gen.Types of an accepted schema: %v", err)
		}
		if err := typeCheck(holderFiles, typeFiles); err != nil {
			t.Fatalf("the generated code does not type-check: %v", err)
		}
	})
}

// runtimeImporter imports the holders runtime and the standard library
// from source once per process: fuzzing calls typeCheck thousands of times.
var runtimeImporter = sync.OnceValue(func() types.ImporterFrom {
	return importer.ForCompiler(token.NewFileSet(), "source", nil).(types.ImporterFrom)
})

// typeCheck type-checks the generated holders package, then the types
// package (and its parts, when split) against it.
func typeCheck(holderFiles, typeFiles []gen.File) error {
	fset := token.NewFileSet()
	byDir := map[string][]*ast.File{}
	for _, f := range append(holderFiles, typeFiles...) {
		file, err := parser.ParseFile(fset, f.Path, f.Data, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(f.Path))
		byDir[dir] = append(byDir[dir], file)
	}
	checked := map[string]*types.Package{}
	imp := &generatedImporter{checked: checked, byPath: map[string]string{}}
	for dir := range byDir {
		imp.byPath["example.com/fuzz/"+dir] = dir
	}
	imp.check = func(dir string) (*types.Package, error) {
		conf := types.Config{Importer: imp}
		pkg, err := conf.Check("example.com/fuzz/"+dir, fset, byDir[dir], nil)
		if err != nil {
			return nil, fmt.Errorf("package %s: %w", dir, err)
		}
		checked["example.com/fuzz/"+dir] = pkg
		return pkg, nil
	}
	for dir := range byDir {
		if _, err := imp.Import("example.com/fuzz/" + dir); err != nil {
			return err
		}
	}
	return nil
}

// generatedImporter resolves the generated packages from the files at
// hand, checking each once, and everything else from source.
type generatedImporter struct {
	checked map[string]*types.Package
	byPath  map[string]string // import path → directory of generated files
	check   func(dir string) (*types.Package, error)
}

func (g *generatedImporter) Import(path string) (*types.Package, error) {
	return g.ImportFrom(path, "", 0)
}

func (g *generatedImporter) ImportFrom(path, dir string, mode types.ImportMode) (*types.Package, error) {
	if pkg, ok := g.checked[path]; ok {
		return pkg, nil
	}
	if d, ok := g.byPath[path]; ok {
		return g.check(d)
	}
	if strings.HasPrefix(path, "example.com/fuzz/") {
		return nil, fmt.Errorf("no generated package %s", path)
	}
	return runtimeImporter().ImportFrom(path, dir, mode)
}
