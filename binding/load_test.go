package binding

import (
	"errors"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accessorgen/accessorgen/schema"
	"golang.org/x/tools/go/packages"
)

// TestLoadFailures covers what go/packages itself can do wrong, with fake
// loaders: fail, return nothing, return a package without types.
func TestLoadFailures(t *testing.T) {
	pos := schema.Pos{File: "accessorgen.yaml", Line: 4, Col: 12}
	cases := []struct {
		name string
		load Loader
		want string
	}{
		{"load fails", func(*packages.Config, ...string) ([]*packages.Package, error) {
			return nil, errors.New("go: command not found")
		}, "accessorgen.yaml:4:12: loading documents package ./document: go: command not found"},
		{"nothing loaded", func(*packages.Config, ...string) ([]*packages.Package, error) {
			return nil, nil
		}, "accessorgen.yaml:4:12: documents package ./document could not be loaded: "},
		{"no types", func(*packages.Config, ...string) ([]*packages.Package, error) {
			return []*packages.Package{{PkgPath: "example.com/document"}}, nil
		}, "accessorgen.yaml:4:12: documents package ./document gave no types and no error"},
	}
	// A missing import: the type checker says only "could not import",
	// the import's own error says why.
	missing := func(*packages.Config, ...string) ([]*packages.Package, error) {
		return []*packages.Package{{
			PkgPath: "example.com/document", Name: "document", Types: types.NewPackage("example.com/document", "document"),
			Errors: []packages.Error{{Pos: "document/document.go:3:8", Msg: `could not import example.com/helper (invalid package name: "")`}},
			Imports: map[string]*packages.Package{"example.com/helper": {
				PkgPath: "example.com/helper",
				Errors:  []packages.Error{{Pos: "document/document.go:3:8", Msg: "no required module provides package example.com/helper; to add it:\n\tgo get example.com/helper"}},
			}},
		}}, nil
	}
	cases = append(cases, struct {
		name string
		load Loader
		want string
	}{"missing import", missing, "accessorgen.yaml:4:12: documents package ./document does not compile:\n" +
		"\tdocument/document.go:3:8: could not import example.com/helper (invalid package name: \"\")\n" +
		"\tdocument/document.go:3:8: no required module provides package example.com/helper; to add it:\n" +
		"\tgo get example.com/helper"})
	for _, c := range cases {
		_, err := Load(c.load, "../testdata/golden/doc_binding", "./document", pos, nil, "example.com/portaltype")
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: got %v\nwant a message starting %q", c.name, err, c.want)
		}
	}
}

// TestInternalParent: which packages may import a documents package with
// an internal element, as the go command decides.
func TestInternalParent(t *testing.T) {
	cases := []struct {
		path, parent string
		internal     bool
	}{
		{"example.com/shop/document", "", false},
		{"example.com/shop/internal", "example.com/shop", true},
		{"example.com/shop/internal/document", "example.com/shop", true},
		{"example.com/shop/internal/a/internal/document", "example.com/shop/internal/a", true},
		{"internal/document", "", true},
		{"example.com/shop/internals/document", "", false},
	}
	for _, c := range cases {
		if parent, internal := internalParent(c.path); parent != c.parent || internal != c.internal {
			t.Errorf("internalParent(%q) = %q, %v; want %q, %v", c.path, parent, internal, c.parent, c.internal)
		}
	}
}

// TestPositionsOutsideTheConfigDirectory: Go positions end up in generated
// code (TypeInfo.Overrides), which must not depend on where the documents
// are checked out: a documents package outside the config directory (in
// another module, the module cache) is shown by import path.
func TestPositionsOutsideTheConfigDirectory(t *testing.T) {
	const docs = "github.com/accessorgen/accessorgen/testdata/golden/doc_binding/document"
	p, err := Load(packages.Load, "../testdata/golden/empty", docs, schema.Pos{File: "accessorgen.yaml"}, nil, "example.com/portaltype")
	if err != nil {
		t.Fatal(err)
	}
	var errs schema.ErrorList
	g := p.lookup("Memo", "type_class", schema.Pos{File: "schema.yaml"}, newHolderSet("example.com/accessorholder", &schema.Model{}), &errs)
	if g == nil {
		t.Fatal(errs)
	}
	f, err := p.LookupFunc(schema.Ref{Name: "Classify"}, "func(*document.Person) []string")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ what, got, want string }{
		{"type", g.Pos, docs + "/document.go:23"},
		{"method", g.methods["Description"].pos, docs + "/document.go:26"},
		{"func", f.Pos, docs + "/document.go:41"},
	} {
		if c.got != c.want {
			t.Errorf("%s position %q; want %q", c.what, c.got, c.want)
		}
	}
}

// TestSyntaxErrorOnce: a documents package that does not parse is
// reported with the compiler's syntax error alone, as go build reports
// it: not again by go/packages' parser ("expected ';', found 'EOF'"), nor
// by the type checker on what the parser kept ("declared and not used").
func TestSyntaxErrorOnce(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"unclosed struct", "package document\n\ntype Person struct {\n\tName string\n",
			"document/document.go:5:1: syntax error: unexpected EOF, expected }"},
		{"missing operand", "package document\n\nfunc F() {\n\tx :=\n}\n\ntype Person struct{}\n",
			"document/document.go:5:1: syntax error: unexpected }, expected expression"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			write := func(name, data string) {
				if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			write("go.mod", "module example.com/m\n\ngo 1.22\n")
			write("document/document.go", c.src)
			_, err := Load(packages.Load, dir, "./document", schema.Pos{File: "accessorgen.yaml", Line: 4, Col: 12}, nil, "example.com/m/portaltype")
			want := "accessorgen.yaml:4:12: documents package ./document does not compile:\n\t" + c.want
			if err == nil || err.Error() != want {
				t.Errorf("got %v\nwant %s", err, want)
			}
		})
	}
}
