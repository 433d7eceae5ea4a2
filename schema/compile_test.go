package schema

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func compile(t *testing.T, src string) *Model {
	t.Helper()
	m, err := Compile([]File{{Name: "s.yaml", Data: []byte(src)}})
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	return m
}

const twoSheets = `
kind: PropertySheet
name: First
properties:
  - {id: title, type: string}
  - {id: code, type: string, multivalued: true}
categories: [region]
---
kind: PropertySheet
name: Second
properties:
  - {id: title, type: int}
  - {id: code_list, type: string}
  - {id: amount, type: float, range: true, default: 1.5}
---
kind: BaseCategory
name: region
---
kind: BaseCategory
name: group
---
kind: PortalType
name: Thing
property_sheets: [First, Second]
base_categories: [group, region]
groups: [b, a]
`

// TestResolveType checks the by-name table, forwards, call paths and
// shadows of a type whose sheets overlap.
func TestResolveType(t *testing.T) {
	m := compile(t, twoSheets)
	thing := m.Types[0]
	var ids []string
	for _, p := range thing.Properties {
		origin := "type"
		if p.Sheet != nil {
			origin = p.Sheet.Name
		}
		ids = append(ids, origin+"."+p.ID)
	}
	want := []string{"First.title", "First.code", "First.region", "Second.code_list", "Second.amount",
		"Second.amount_range_min", "Second.amount_range_max", "type.group"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("by-name table (-want +got):\n%s", diff)
	}

	var forwards []string
	for _, f := range thing.Forwards {
		forwards = append(forwards, f.Name+"→"+f.Property.Sheet.Name+"."+f.Property.ID)
	}
	wantForwards := []string{"Title→First.title", "SetTitle→First.title", "HasTitle→First.title", "CodeList→First.code", "SetCodeList→First.code"}
	if diff := cmp.Diff(wantForwards, forwards); diff != "" {
		t.Errorf("forwards (-want +got):\n%s", diff)
	}
	if thing.Forwards[3].Role != GetList {
		t.Errorf("CodeList forward has role %v, want GetList (the winner's)", thing.Forwards[3].Role)
	}

	// code_list's getter is CodeList, which First.code wins: by-name code
	// must call it through Second's holder.
	codeList := thing.Calls[3][Get]
	if codeList.Name != "CodeList" || codeList.Holder == nil || codeList.Holder.Name != "Second" {
		t.Errorf("code_list getter call = %+v, want CodeList through Second", codeList)
	}
	if c := thing.Calls[0][Get]; c.Holder != nil {
		t.Errorf("title getter call = %+v, want a direct call", c)
	}

	var shadows []string
	for _, s := range thing.Shadowed {
		shadows = append(shadows, s.String())
	}
	wantShadows := []string{
		"property title from sheet First shadows the one from sheet Second",
		"method CodeList of property code (sheet First) shadows the one of property code_list (sheet Second)",
		"method SetCodeList of property code (sheet First) shadows the one of property code_list (sheet Second)",
	}
	if diff := cmp.Diff(wantShadows, shadows); diff != "" {
		t.Errorf("shadows (-want +got):\n%s", diff)
	}

	if len(thing.Own) != 1 || thing.Own[0].ID != "group" {
		t.Errorf("own members = %v, want only group (region comes from First)", thing.Own)
	}
	if diff := cmp.Diff([]string{"a", "b"}, thing.Groups); diff != "" {
		t.Errorf("groups are sorted (-want +got):\n%s", diff)
	}
	amountMin := thing.Properties[5]
	if amountMin.RangeOf == nil || amountMin.RangeOf.ID != "amount" || amountMin.Type != Float || amountMin.Default != nil {
		t.Errorf("amount_range_min = %+v", amountMin)
	}
}

func TestDefaults(t *testing.T) {
	m := compile(t, `
kind: PropertySheet
name: D
properties:
  - {id: s, type: string, default: x}
  - {id: i, type: int, default: 0x10}
  - {id: f, type: float, default: 2}
  - {id: b, type: boolean, default: false}
  - {id: d, type: date, default: 2024-02-29}
  - {id: t, type: date, default: "2024-02-29T10:00:00+02:00"}
  - {id: l, type: lines, default: [a, b]}
  - {id: n, type: int, multivalued: true, default: [1, 2]}
  - {id: x, type: data, default: raw}
  - {id: m, type: multiple selection, values: [p, q], default: [q]}
`)
	got := map[string]any{}
	for _, p := range m.Sheets[0].Properties {
		got[p.ID] = p.Default
	}
	want := map[string]any{
		"s": "x", "i": 16, "f": 2.0, "b": false,
		"d": time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC),
		"t": time.Date(2024, 2, 29, 10, 0, 0, 0, time.FixedZone("", 2*3600)),
		"l": []string{"a", "b"}, "n": []int{1, 2}, "x": []byte("raw"), "m": []string{"q"},
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
}

// TestDeterministicOrder: the model does not depend on file order.
func TestDeterministicOrder(t *testing.T) {
	a := File{Name: "a.yaml", Data: []byte("kind: PropertySheet\nname: Zed\n---\nkind: PortalType\nname: Beta\n")}
	b := File{Name: "b.yaml", Data: []byte("kind: PropertySheet\nname: Alpha\n---\nkind: PortalType\nname: Alpha Type\n")}
	m1, err1 := Compile([]File{a, b})
	m2, err2 := Compile([]File{b, a})
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	names := func(m *Model) string {
		var s []string
		for _, x := range m.Sheets {
			s = append(s, x.Name)
		}
		for _, x := range m.Types {
			s = append(s, x.Name)
		}
		return strings.Join(s, ",")
	}
	if names(m1) != "Alpha,Zed,Alpha Type,Beta" || names(m1) != names(m2) {
		t.Errorf("order: %s vs %s", names(m1), names(m2))
	}
}

// TestAllErrorsReported: errors in several files come back together, sorted.
func TestAllErrorsReported(t *testing.T) {
	_, err := Compile([]File{
		{Name: "b.yaml", Data: []byte("kind: PortalType\nname: T\nproperty_sheets: [Nope]\n")},
		{Name: "a.yaml", Data: []byte("kind: PropertySheet\nname: S\nproperties:\n  - {id: x, type: strin}\n  - {id: y, type: int, default: no}\n")},
	})
	want := `a.yaml:4:19: unknown property type "strin"; did you mean "string"? (types: string, text, int, float, boolean, date, lines, tokens, data, selection, multiple selection)
a.yaml:5:33: default of y: want an int, not a string
b.yaml:3:19: unknown property sheet "Nope"`
	if err == nil || err.Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", err, want)
	}
}
