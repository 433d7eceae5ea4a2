package describe

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/accessorgen/accessorgen/binding"
	"github.com/accessorgen/accessorgen/schema"
)

// project compiles one schema file for a report, without documents.
func project(t *testing.T, yaml string) *Project {
	t.Helper()
	m, err := schema.Compile([]schema.File{{Name: "s.yaml", Data: []byte(yaml)}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := binding.Resolve(m, nil, "example.com/t/holders", nil)
	if err != nil {
		t.Fatal(err)
	}
	return &Project{Model: m, Binding: b, TypesPackage: "types", HoldersPackage: "holders"}
}

const conditioned = `kind: PropertySheet
name: Item
properties: [{id: code, type: string}]
categories: [region]
constraints:
  - kind: CategoryMembershipArity
    id: one_region
    base_category: region
    min: 1
    max: 2
    condition: {portal_type: Widget}
  - kind: CategoryMembershipArity
    id: some_region
    base_category: region
    min: 1
  - kind: StringAttributeMatch
    id: code_format
    property: code
    regex: '^[A-Z]+$'
---
kind: BaseCategory
name: region
---
kind: PortalType
name: Widget
property_sheets: [Item]
---
kind: PortalType
name: Gadget
property_sheets: [Item]
`

// A sheet's constraint says which portal types its condition limits it
// to, and an arity its bounds: the sheet report and docs list the
// constraint for every type of the sheet.
func TestConstraintChecksSayConditionAndBounds(t *testing.T) {
	p := project(t, conditioned)
	s, err := p.FindSheet("Item")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"one_region":  "region, at least 1, at most 2, when portal type Widget",
		"some_region": "region, at least 1",
		"code_format": "code, matching ^[A-Z]+$",
	}
	for _, c := range p.Sheet(s).Constraints {
		if c.Checks != want[c.ID] {
			t.Errorf("constraint %s checks %q, want %q", c.ID, c.Checks, want[c.ID])
		}
	}
	md := string(p.Markdown())
	if !strings.Contains(md, "| `one_region` | CategoryMembershipArity | region, at least 1, at most 2, when portal type Widget |") {
		t.Errorf("docs do not say where one_region applies:\n%s", md)
	}
	var text bytes.Buffer
	p.Sheet(s).WriteText(&text)
	if !strings.Contains(text.String(), "when portal type Widget") {
		t.Errorf("explain sheet does not say where one_region applies:\n%s", text.String())
	}
}

const untranslated = `kind: PropertySheet
name: Item
categories: [region]
---
kind: BaseCategory
name: region
unsupported: [{item: region_script, kind: Python Script, reason: code in a category}]
---
kind: BaseCategory
name: colour
unsupported: [{item: colour_tales, kind: TALES, reason: an expression}]
---
kind: PortalType
name: Widget
property_sheets: [Item]
base_categories: [colour]
unsupported: [{item: widget_action, kind: Action, reason: no actions}]
`

// What an import could not translate is reported wherever it was found:
// on the type, its sheets and its base categories (explain), and on every
// definition (docs).
func TestUnsupportedOfEveryKindReported(t *testing.T) {
	p := project(t, untranslated)
	typ, err := p.FindType("Widget")
	if err != nil {
		t.Fatal(err)
	}
	var items []string
	for _, u := range p.Type(typ).Unsupported {
		items = append(items, u.Item)
	}
	if got, want := strings.Join(items, " "), "widget_action region_script colour_tales"; got != want {
		t.Errorf("explain Widget reports unsupported %q, want %q", got, want)
	}
	md := string(p.Markdown())
	for _, item := range []string{"widget_action", "region_script", "colour_tales"} {
		if !strings.Contains(md, "`"+item+"`") {
			t.Errorf("docs do not report %s:\n%s", item, md)
		}
	}
}

const detailed = `kind: PropertySheet
name: Item
properties:
  - {id: plain, type: string}
  - {id: count, type: int, default: 3}
  - {id: ratio, type: float, default: 0.5}
  - {id: code, type: string, default: "A|B"}
  - {id: tags, type: lines, default: [x, y]}
  - {id: since, type: date, default: 2024-01-02}
  - {id: active, type: boolean, default: false}
  - {id: size, type: selection, values: [s, m, l], default: m}
  - {id: colours, type: multiple selection, values: [red, blue]}
  - {id: secret, type: string, read_permission: View secrets}
  - {id: pay, type: float, write_permission: Manage pay}
---
kind: PortalType
name: Widget
property_sheets: [Item]
`

// explain and docs say what a property's type does not: its default as
// the getter's doc comment writes it, a selection's values, and
// permissions other than ERP5's defaults.
func TestMemberDetails(t *testing.T) {
	p := project(t, detailed)
	s, err := p.FindSheet("Item")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"plain":   "",
		"count":   "default 3",
		"ratio":   "default 0.5",
		"code":    `default "A|B"`,
		"tags":    `default ["x" "y"]`,
		"since":   "default 2024-01-02T00:00:00Z",
		"active":  "default false",
		"size":    `default "m"; one of s, m, l`,
		"colours": "any of red, blue",
		"secret":  `read permission "View secrets"`,
		"pay":     `write permission "Manage pay"`,
	}
	members := p.Sheet(s).Properties
	if len(members) != len(want) {
		t.Fatalf("sheet has %d properties, want %d", len(members), len(want))
	}
	for _, m := range members {
		if got := m.DetailsText(); got != want[m.ID] {
			t.Errorf("%s: details %q, want %q", m.ID, got, want[m.ID])
		}
	}
	// For tools, the default is a JSON value, not text to parse.
	wantJSON := map[string]string{
		"count": `3`, "ratio": `0.5`, "code": `"A|B"`, "tags": `["x","y"]`,
		"since": `"2024-01-02T00:00:00Z"`, "active": `false`, "size": `"m"`,
	}
	for _, m := range members {
		data, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(data, &fields); err != nil {
			t.Fatal(err)
		}
		if got := string(fields["default"]); got != wantJSON[m.ID] {
			t.Errorf("%s: JSON default %s, want %s", m.ID, got, wantJSON[m.ID])
		}
	}
	md := string(p.Markdown())
	for _, row := range []string{
		"| property | type | description | details |",
		"| `plain` | string |  |  |",
		"| `code` | string |  | default \"A\\|B\" |",
	} {
		if !strings.Contains(md, row+"\n") {
			t.Errorf("docs lack the row %q:\n%s", row, md)
		}
	}
	var text bytes.Buffer
	p.Sheet(s).WriteText(&text)
	if !strings.Contains(text.String(), "\n"+strings.Repeat(" ", 27)+`default "m"; one of s, m, l`+"\n") {
		t.Errorf("explain sheet does not give size's details on a line of their own:\n%s", text.String())
	}
}
