package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accessorgen/accessorgen/internal/exampletest"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/golden")

const (
	erp5     = "../../examples/erp5/accessorgen.yaml"
	services = "../../examples/services/accessorgen.yaml"
)

// The reports of the examples, pinned: explain (text and JSON), explain
// sheet, docs, graph and jsonschema. Each runs twice and must give the
// same bytes.
func TestReportGoldens(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
	}{
		{"explain_person.txt", []string{"-config", erp5, "explain", "Person"}},
		{"explain_person.json", []string{"-config", erp5, "explain", "-json", "Person"}},
		{"explain_sheet_person.txt", []string{"-config", erp5, "explain", "sheet", "Person"}},
		{"explain_session.txt", []string{"-config", services, "explain", "Session"}},
		{"docs_erp5.md", []string{"-config", erp5, "docs"}},
		{"docs_services.md", []string{"-config", services, "docs"}},
		{"graph_erp5.dot", []string{"-config", erp5, "graph"}},
		{"graph_services.dot", []string{"-config", services, "graph"}},
		{"jsonschema.json", []string{"jsonschema"}},
		{"jsonschema_config.json", []string{"jsonschema", "-config"}},
	}
	// explain and docs read the examples' documents through go list.
	exampletest.TrackInputs(t, filepath.Dir(erp5), filepath.Dir(services))
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			code, stdout, stderr := cli(tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if _, again, _ := cli(tt.args...); again != stdout {
				t.Fatal("a second run printed something else")
			}
			if strings.HasSuffix(tt.golden, ".json") && !json.Valid([]byte(stdout)) {
				t.Fatal("output is not valid JSON")
			}
			golden := filepath.Join("testdata", "golden", tt.golden)
			if *update {
				if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), stdout); diff != "" {
				t.Errorf("output differs (-want +got); go test ./cmd/accessorgen -update rewrites it:\n%s", diff)
			}
		})
	}
}

func TestReportErrors(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inStderr string
	}{
		{[]string{"-config", erp5, "explain", "Persn"}, 1, `no portal type "Persn"; did you mean "Person"?`},
		{[]string{"-config", erp5, "explain", "sheet", "Persn"}, 1, `no property sheet "Persn"; did you mean "Person"?`},
		{[]string{"-config", erp5, "explain"}, 2, "explain takes a portal type name"},
		{[]string{"-config", erp5, "explain", "a", "b", "c"}, 2, "explain takes a portal type name"},
		{[]string{"-config", erp5, "explain", "Person", "-json"}, 2, "flag -json goes before the arguments of explain: accessorgen explain -json"},
		{[]string{"-config", erp5, "explain", "Person", "-v"}, 2, "flag -v goes before the command"},
		{[]string{"-config", erp5, "docs", "extra"}, 2, "docs takes no arguments"},
		{[]string{"-config", erp5, "docs", "-o", "x.md", "-v"}, 2, "flag -v goes before the command: accessorgen -v docs"},
		{[]string{"-config", erp5, "graph", "-nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"-config", erp5, "graph", "-x"}, 2, "flag provided but not defined: -x"},
		{[]string{"jsonschema", "x"}, 2, "jsonschema takes no arguments"},
		{[]string{"-config", "missing.yaml", "docs"}, 1, "config file not found"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := cli(tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.inStderr) {
				t.Errorf("exit %d (want %d), stderr %q (want %q in it)", code, tt.code, stderr, tt.inStderr)
			}
		})
	}
}

// docs -o writes the file, atomically, and the same bytes as stdout.
func TestReportToFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sub", "SCHEMA.md")
	if code, _, stderr := cli("-config", erp5, "docs", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	_, stdout, _ := cli("-config", erp5, "docs")
	if string(got) != stdout {
		t.Error("docs -o wrote something else than docs prints")
	}
}

// docs -o LINK writes the link's target and keeps the link.
func TestReportThroughLink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "SCHEMA.md")
	if err := os.WriteFile(target, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink("SCHEMA.md", link); err != nil {
		t.Skip("cannot make links here:", err)
	}
	if code, _, stderr := cli("-config", erp5, "docs", "-o", link); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("docs -o replaced the link: %v", err)
	}
	got, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	if _, stdout, _ := cli("-config", erp5, "docs"); string(got) != stdout {
		t.Error("the link's target does not hold what docs prints")
	}
}

// explain -json is for tools: a position is file:line and nothing else,
// the layer and what a definition replaces are fields of their own, a
// location's aliases are objects, and a constraint says what it checks in
// fields. Decoded from a layered schema with aliases, type and sheet.
func TestExplainJSONIsStructured(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/layered\n\ngo 1.26\n",
		"accessorgen.yaml": `layers:
  - {name: core, priority: 10, dir: core}
  - {name: project, priority: 60, dir: project}
holders: {dir: accessorholder}
types: {dir: portaltype}
`,
		"core/schema.yaml": `kind: PropertySheet
name: Widget
properties:
  - {id: code, type: string}
---
kind: BaseCategory
name: region
values: {europe: Europe}
---
kind: PortalType
name: Widget
location: shop.widget
property_sheets: [Widget]
`,
		"project/schema.yaml": `kind: PropertySheet
name: Widget
properties:
  - {id: code, type: string, description: The project's code.}
  - {id: tags, type: string, multivalued: true}
categories: [region]
constraints:
  - kind: CategoryMembershipArity
    id: one_region
    base_category: region
    min: 1
    max: 2
    condition: {portal_type: Widget}
  - {kind: StringAttributeMatch, id: code_format, property: code, regex: '^[A-Z]+$'}
---
kind: PortalType
name: Widget
location: shop.widget
aliases:
  - {path: old.widget, deprecated: use shop.widget}
  - store.widget
property_sheets: [Widget]
`,
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	config := filepath.Join(dir, "accessorgen.yaml")
	decode := func(v any, args ...string) {
		t.Helper()
		code, stdout, stderr := cli(append([]string{"-config", config, "explain", "-json"}, args...)...)
		if code != 0 {
			t.Fatalf("explain -json %s: exit %d: %s", strings.Join(args, " "), code, stderr)
		}
		if _, again, _ := cli(append([]string{"-config", config, "explain", "-json"}, args...)...); again != stdout {
			t.Fatalf("explain -json %s: a second run printed something else", strings.Join(args, " "))
		}
		dec := json.NewDecoder(strings.NewReader(stdout))
		if err := dec.Decode(v); err != nil {
			t.Fatalf("explain -json %s: %v in\n%s", strings.Join(args, " "), err, stdout)
		}
	}
	type replaced struct{ Pos, Layer string }
	type member struct {
		ID          string
		Type        string
		Multivalued bool
		Layer       string
		Pos         string
		Replaces    *replaced
	}
	type condition struct {
		PortalTypes []string `json:"portal_types"`
	}
	type constraint struct {
		ID             string
		Pos            string
		Properties     []string
		BaseCategories []string `json:"base_categories"`
		Regex          string
		Min, Max       *int
		Condition      *condition
	}
	one, two := 1, 2
	wantMembers := []member{
		{ID: "code", Type: "string", Layer: "project", Pos: "project/schema.yaml:4", Replaces: &replaced{"core/schema.yaml:4", "core"}},
		{ID: "tags", Type: "string", Multivalued: true, Layer: "project", Pos: "project/schema.yaml:5"},
		{ID: "region", Type: "category", Multivalued: true, Layer: "project", Pos: "project/schema.yaml:6"},
	}
	wantConstraints := []constraint{
		{ID: "one_region", Pos: "project/schema.yaml:8", BaseCategories: []string{"region"}, Min: &one, Max: &two,
			Condition: &condition{PortalTypes: []string{"Widget"}}},
		{ID: "code_format", Pos: "project/schema.yaml:14", Properties: []string{"code"}, Regex: "^[A-Z]+$"},
	}

	var typ struct {
		Pos         string
		Layer       string
		Replaces    *replaced
		Composition []struct {
			Kind, Sheet, Pos, Layer string
			EmbeddedBy              string `json:"embedded_by"`
		}
		Properties  []member
		Constraints []constraint
		Location    struct {
			Path, Pos string
			Aliases   []struct{ Path, Deprecated, Pos string }
		}
	}
	decode(&typ, "Widget")
	if typ.Pos != "project/schema.yaml:17" || typ.Layer != "project" || typ.Replaces == nil || *typ.Replaces != (replaced{"core/schema.yaml:11", "core"}) {
		t.Errorf("type at %q, layer %q, replaces %+v; want project/schema.yaml:17, project, {core/schema.yaml:11 core}", typ.Pos, typ.Layer, typ.Replaces)
	}
	if len(typ.Composition) == 0 {
		t.Fatal("no composition")
	}
	if c := typ.Composition[0]; c.Kind != "holder" || c.Sheet != "Widget" || c.Pos != "project/schema.yaml:2" || c.Layer != "project" || c.EmbeddedBy != "" {
		t.Errorf("first holder %+v; want kind holder, sheet Widget, pos project/schema.yaml:2, layer project", c)
	}
	for _, c := range typ.Composition {
		if strings.Contains(c.Pos, " ") {
			t.Errorf("composition pos %q is not file:line", c.Pos)
		}
	}
	if diff := cmp.Diff(wantMembers, typ.Properties); diff != "" {
		t.Errorf("properties (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantConstraints, typ.Constraints); diff != "" {
		t.Errorf("constraints (-want +got):\n%s", diff)
	}
	wantAliases := []struct{ Path, Deprecated, Pos string }{
		{"old.widget", "use shop.widget", "project/schema.yaml:20"},
		{"store.widget", "", "project/schema.yaml:21"},
	}
	if typ.Location.Path != "shop.widget" || typ.Location.Pos != "project/schema.yaml:18" {
		t.Errorf("location %s at %s; want shop.widget at project/schema.yaml:18", typ.Location.Path, typ.Location.Pos)
	}
	if diff := cmp.Diff(wantAliases, typ.Location.Aliases); diff != "" {
		t.Errorf("aliases (-want +got):\n%s", diff)
	}

	var sheet struct {
		Pos         string
		Layer       string
		Replaces    *replaced
		Properties  []member
		Constraints []constraint
		UsedBy      []struct {
			Type            string
			Holder, Holders int
		} `json:"used_by"`
	}
	decode(&sheet, "sheet", "Widget")
	if sheet.Pos != "project/schema.yaml:2" || sheet.Layer != "project" || sheet.Replaces == nil || *sheet.Replaces != (replaced{"core/schema.yaml:2", "core"}) {
		t.Errorf("sheet at %q, layer %q, replaces %+v; want project/schema.yaml:2, project, {core/schema.yaml:2 core}", sheet.Pos, sheet.Layer, sheet.Replaces)
	}
	if diff := cmp.Diff(wantMembers, sheet.Properties); diff != "" {
		t.Errorf("sheet properties (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantConstraints, sheet.Constraints); diff != "" {
		t.Errorf("sheet constraints (-want +got):\n%s", diff)
	}
	if len(sheet.UsedBy) != 1 || sheet.UsedBy[0].Type != "Widget" || sheet.UsedBy[0].Holder != 1 || sheet.UsedBy[0].Holders != 1 {
		t.Errorf("used by %+v; want Widget, holder 1 of 1", sheet.UsedBy)
	}
}
