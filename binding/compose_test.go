package binding

import (
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"

	"github.com/accessorgen/accessorgen/schema"
	"github.com/google/go-cmp/cmp"
)

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
	m, err := schema.Compile([]schema.File{{Name: "s.yaml", Data: []byte(twoSheets)}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Resolve(m, nil, "example.com/accessorholder", nil)
	if err != nil {
		t.Fatal(err)
	}
	thing := b.Types[0]
	var ids []string
	for _, p := range thing.Properties {
		origin := "type"
		if p.Sheet != nil {
			origin = p.Sheet.Name
		}
		if p.Sheet != nil && p.Sheet.Category != nil {
			origin = "holder of " + p.Sheet.Name
		}
		ids = append(ids, origin+"."+p.ID)
	}
	want := []string{"First.title", "First.code", "First.region", "Second.code_list", "Second.amount",
		"Second.amount_range_min", "Second.amount_range_max", "holder of group.group"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("by-name table (-want +got):\n%s", diff)
	}

	var forwards []string
	for _, f := range thing.Forwards {
		forwards = append(forwards, f.Name+"→"+strings.Join(f.Target.Path, ".")+"."+f.Property.ID)
	}
	wantForwards := []string{"Title→FirstHolder.title", "SetTitle→FirstHolder.title", "HasTitle→FirstHolder.title", "CodeList→FirstHolder.code", "SetCodeList→FirstHolder.code"}
	if diff := cmp.Diff(wantForwards, forwards); diff != "" {
		t.Errorf("forwards (-want +got):\n%s", diff)
	}
	if thing.Forwards[3].Role != schema.GetList {
		t.Errorf("CodeList forward has role %v, want GetList (the winner's)", thing.Forwards[3].Role)
	}

	// code_list's getter is CodeList, which First.code wins: by-name code
	// must call it through Second's holder.
	codeList := thing.Calls[3][schema.Get]
	if codeList.Name != "CodeList" || !slices.Equal(codeList.Path, []string{"SecondHolder"}) {
		t.Errorf("code_list getter call = %+v, want CodeList through Second", codeList)
	}
	if c := thing.Calls[0][schema.Get]; c.Path != nil {
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
	if amountMin.RangeOf == nil || amountMin.RangeOf.ID != "amount" || amountMin.Type != schema.Float || amountMin.Default != nil {
		t.Errorf("amount_range_min = %+v", amountMin)
	}
}

// TestSignatureSeesThroughAliases: an override may spell an accessor's
// types with aliases (type Text = string, []uint8 for []byte): Go sees the
// same signature, and so must the check.
func TestSignatureSeesThroughAliases(t *testing.T) {
	doc := types.NewPackage("example.com/document", "document")
	timePkg := types.NewPackage("time", "time")
	timeT := types.NewNamed(types.NewTypeName(token.NoPos, timePkg, "Time", nil), types.NewStruct(nil, nil), nil)
	alias := func(name string, t types.Type) types.Type {
		return types.NewAlias(types.NewTypeName(token.NoPos, doc, name, nil), t)
	}
	named := types.NewNamed(types.NewTypeName(token.NoPos, doc, "Code", nil), types.Typ[types.String], nil)
	text := alias("Text", types.Typ[types.String])
	tuple := func(ts ...types.Type) *types.Tuple {
		var vs []*types.Var
		for _, t := range ts {
			vs = append(vs, types.NewParam(token.NoPos, doc, "", t))
		}
		return types.NewTuple(vs...)
	}
	for _, c := range []struct {
		params, results *types.Tuple
		want            string
	}{
		{tuple(text), nil, "func(string)"},
		{nil, tuple(text), "func() string"},
		{nil, tuple(types.NewSlice(text)), "func() []string"},
		{nil, tuple(alias("Texts", types.NewSlice(text))), "func() []string"},
		{nil, tuple(types.NewSlice(types.Typ[types.Uint8])), "func() []byte"},
		{nil, tuple(alias("Date", timeT)), "func() time.Time"},
		{tuple(text), tuple(types.Universe.Lookup("error").Type()), "func(string) error"},
		{nil, tuple(named), "func() document.Code"}, // a defined type is another type
	} {
		sig := types.NewSignatureType(nil, nil, nil, c.params, c.results, false)
		if got := signature(sig); got != c.want {
			t.Errorf("signature(%s) = %q; want %q", sig, got, c.want)
		}
	}
}
