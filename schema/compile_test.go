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
	want := `a.yaml:4:19: unknown property type "strin"; did you mean "string"? (types: string, text, int, float, boolean, date, lines, tokens, data, selection, multiple selection, content)
a.yaml:5:33: default of y: want an int, not a string
b.yaml:3:19: unknown property sheet "Nope"`
	if err == nil || err.Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", err, want)
	}
}
