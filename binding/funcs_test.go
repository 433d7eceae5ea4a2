package binding

import (
	"testing"

	"github.com/accessorgen/accessorgen/schema"
	"golang.org/x/tools/go/packages"
)

// loadDocBinding loads the documents package of the doc_binding golden
// case, whose generated holders are on disk.
func loadDocBinding(t *testing.T) *Package {
	t.Helper()
	const dir = "../testdata/golden/doc_binding"
	p, err := Load(packages.Load, dir, "./document", schema.Pos{File: "accessorgen.yaml"}, nil, "github.com/accessorgen/accessorgen/testdata/golden/doc_binding/portaltype")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLookupFunc(t *testing.T) {
	p := loadDocBinding(t)
	pos := schema.Pos{File: "schema.yaml", Line: 3, Col: 9}
	cases := []struct {
		name string
		want []string
		sig  string // on success
		err  string // on failure
	}{
		{name: "Classify", want: []string{"func(*document.Person) []string"}, sig: "func(*document.Person) []string"},
		{name: "Person.Greeting", want: []string{"func() bool", "func() string"}, sig: "func() string"},
		{name: "Person.Title", want: []string{"func() string"}, sig: "func() string"},
		{name: "Classify", want: []string{"func() []string"},
			err: "schema.yaml:3:9: func Classify (document/document.go:41) has the signature func(*document.Person) []string; want func() []string"},
		{name: "Clasify", want: []string{"func() bool"},
			err: `schema.yaml:3:9: func Clasify is not an exported function of package github.com/accessorgen/accessorgen/testdata/golden/doc_binding/document; did you mean "Classify"?`},
		{name: "Person", want: []string{"func() bool"},
			err: "schema.yaml:3:9: func Person is not a function: document.Person (document/document.go:8) is a type"},
		{name: "Person.Greet", want: []string{"func() bool"},
			err: `schema.yaml:3:9: func Person.Greet: document.Person has no method Greet; did you mean "Greeting"?`},
		{name: "Nobody.Greeting", want: []string{"func() bool"},
			err: "schema.yaml:3:9: func Nobody.Greeting: Nobody is not a type of package github.com/accessorgen/accessorgen/testdata/golden/doc_binding/document"},
		// Export data holds only exported functions.
		{name: "rank", want: []string{"func() int"},
			err: "schema.yaml:3:9: func rank is not an exported function of package github.com/accessorgen/accessorgen/testdata/golden/doc_binding/document"},
		{name: "Memo.Description", want: []string{"func() string"}, sig: "func() string"},
	}
	for _, c := range cases {
		f, err := p.LookupFunc(schema.Ref{Name: c.name, Pos: pos}, c.want...)
		switch {
		case c.err != "" && (err == nil || err.Error() != c.err):
			t.Errorf("LookupFunc(%q) error = %v\nwant %s", c.name, err, c.err)
		case c.err == "" && err != nil:
			t.Errorf("LookupFunc(%q): %v", c.name, err)
		case c.err == "" && f.Sig != c.sig:
			t.Errorf("LookupFunc(%q).Sig = %q, want %q", c.name, f.Sig, c.sig)
		}
	}
}
