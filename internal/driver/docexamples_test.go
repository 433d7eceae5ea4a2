package driver

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/accessorgen/accessorgen/schema"
)

// exampleMark is the line before a fenced block of the docs that a
// project of TestDocExamples is made of: <!-- example: NAME FILE -->.
var exampleMark = regexp.MustCompile("(?m)^<!-- example: (\\S+) (\\S+) -->\n```[a-z]*\n((?s:.*?))^```")

// TestDocExamples loads, binds and generates the examples the docs mark
// with exampleMark. The blocks of one NAME are the files of one project
// (blocks for the same FILE are joined, in order); the table adds what the
// docs leave to the reader, such as the sheets a portal type names, before
// the blocks of the same file.
func TestDocExamples(t *testing.T) {
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	gosum, err := os.ReadFile(filepath.Join(repo, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOFLAGS", "-mod=mod")
	for _, c := range []struct {
		doc, name string
		extra     map[string]string
	}{
		{"README.md", "readme", nil},
		{"docs/schema.md", "schema", map[string]string{
			"accessorgen.yaml": "schema: [schema]\nholders: {dir: accessorholder}\ntypes: {dir: portaltype}\ndocuments: ./document\n",
			"schema/support.yaml": `kind: PortalType
name: Person
property_sheets: [Person]
registered: false
---
kind: PortalType
name: Sale Order Line
registered: false
---
kind: PropertySheet
name: Order
---
kind: PropertySheet
name: Reference
---
kind: PropertySheet
name: DublinCore
---
kind: BaseCategory
name: subordination
---
kind: BaseCategory
name: group
---
kind: BaseCategory
name: function
---
kind: BaseCategory
name: source
`,
			"document/document.go": "package document\n\ntype SaleOrder struct{}\n\ntype Auditable struct{}\n\n" +
				"func OrderCategories() []string { return []string{\"source\"} }\n",
		}},
		{"docs/documents.md", "documents", map[string]string{
			"schema/sheets.yaml": `kind: PropertySheet
name: Person
properties:
  - {id: first_name, type: string}
  - {id: last_name, type: string}
  - {id: title, type: string}
---
kind: PropertySheet
name: Reference
---
kind: PropertySheet
name: DublinCore
properties:
  - {id: title, type: string}
`,
			"document/document.go": "package document\n\nimport (\n\t\"strings\"\n\n\t\"example.com/docs/accessorholder\"\n)\n\n" +
				"type Auditable struct{}\n\n",
		}},
		{"docs/registry.md", "registry", map[string]string{
			"accessorgen.yaml":    "schema: [schema]\nholders: {dir: accessorholder}\ntypes: {dir: registry}\ndocuments: ./document\n",
			"schema/session.yaml": "kind: PropertySheet\nname: Session\n",
			"document/document.go": `package document

type Logger struct{}

type JSONSerializer struct{}

type KVClient struct{}

func NewLogger() *Logger { return &Logger{} }

func NewJSONSerializer() *JSONSerializer { return &JSONSerializer{} }

func NewKVClient(log *Logger, codec *JSONSerializer) (*KVClient, error) { return &KVClient{}, nil }
`,
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(repo, c.doc))
			if err != nil {
				t.Fatal(err)
			}
			files := map[string]string{
				"go.mod": "module example.com/docs\n\ngo 1.26\n\nrequire github.com/accessorgen/accessorgen v0.0.0\n\n" +
					"replace github.com/accessorgen/accessorgen => " + repo + "\n",
				"go.sum": string(gosum),
			}
			for name, text := range c.extra {
				files[name] = text
			}
			blocks := 0
			for _, m := range exampleMark.FindAllStringSubmatch(string(data), -1) {
				if m[1] == c.name {
					files[m[2]] += m[3]
					blocks++
				}
			}
			if blocks == 0 {
				t.Fatalf("%s marks no block <!-- example: %s FILE -->", c.doc, c.name)
			}
			dir := t.TempDir()
			for name, text := range files {
				path := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			cfg, err := schema.LoadConfig(filepath.Join(dir, schema.DefaultConfig))
			if err != nil {
				t.Fatalf("%s, example %s: %v", c.doc, c.name, err)
			}
			out, _, err := Generate(dir, cfg, nil)
			if err != nil {
				t.Fatalf("%s, example %s: %v", c.doc, c.name, err)
			}
			if len(out) == 0 {
				t.Errorf("%s, example %s: nothing generated", c.doc, c.name)
			}
			for _, f := range out {
				if !strings.HasSuffix(f.Path, ".go") {
					t.Errorf("%s, example %s: generated %s", c.doc, c.name, f.Path)
				}
			}
		})
	}
}
