package holders_test

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/accessorgen/accessorgen/examples/erp5/portaltype"
	"github.com/accessorgen/accessorgen/holders"
	"github.com/google/go-cmp/cmp"
)

func TestMessageText(t *testing.T) {
	tests := []struct {
		template string
		mapping  map[string]string
		want     string
	}{
		{"plain", nil, "plain"},
		{"${a} and ${b}", map[string]string{"a": "1", "b": "2"}, "1 and 2"},
		{"${missing} stays", nil, "${missing} stays"},
		{"unclosed ${a", map[string]string{"a": "1"}, "unclosed ${a"},
		{"${a}${a}", map[string]string{"a": "x"}, "xx"},
		{"$a {a}", map[string]string{"a": "x"}, "$a {a}"},
	}
	for _, tt := range tests {
		m := holders.Message{Template: tt.template, Mapping: tt.mapping}
		if got := m.Text(); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.template, got, tt.want)
		}
	}
	m := holders.Message{Template: "x", URL: "person_module/1"}
	if got := m.String(); got != "person_module/1: x" {
		t.Errorf("String() = %q", got)
	}
}

// Every message id a kind reports has a default text.
func TestMessageIDsHaveTemplates(t *testing.T) {
	for _, k := range holders.ConstraintKinds {
		ids := k.MessageIDs()
		if len(ids) == 0 {
			t.Errorf("%s reports no message ids", k)
		}
		for _, id := range ids {
			if holders.DefaultTemplate(id) == "" {
				t.Errorf("%s reports %s, which has no default text", k, id)
			}
		}
	}
	if holders.ConstraintKind("Nope").MessageIDs() != nil {
		t.Error("an unknown kind has message ids")
	}
}

// overridden is a person whose by-name values can be replaced, as a
// document method overriding a getter may do, and whose constraints are
// the test's.
type overridden struct {
	*portaltype.Person
	values map[string]holders.Value
	info   holders.TypeInfo
}

func (o *overridden) Value(id string) (holders.Value, error) {
	if v, ok := o.values[id]; ok {
		return v, nil
	}
	return o.Person.Value(id)
}

func (o *overridden) TypeInfo() *holders.TypeInfo { return &o.info }

// PropertyTypeValidity checks the domain of values the Go types cannot:
// what a hand-written override may return.
func TestPropertyTypeValidityDomains(t *testing.T) {
	tests := []struct {
		id    string
		value holders.Value
		want  string // actual_type; "" for no message
	}{
		{"gender", holders.StringValue("female"), ""},
		{"gender", holders.StringValue("unknown"), `string "unknown" outside its values`},
		{"salary", holders.FloatValue(math.NaN()), "float NaN (not finite)"},
		{"salary", holders.FloatValue(math.Inf(1)), "float +Inf (not finite)"},
		{"salary", holders.FloatValue(1.5), ""},
		{"first_name", holders.StringValue("ok"), ""},
		{"first_name", holders.StringValue("\xff"), "bytes (invalid UTF-8)"},
		{"career_role", holders.StringsValue([]string{"ok", "\xff"}), "bytes (invalid UTF-8)"},
		{"subject", holders.StringsValue([]string{"\xff"}), "bytes (invalid UTF-8)"},
		{"career_role", holders.StringsValue([]string{"ok"}), ""},
	}
	for _, tt := range tests {
		p := &overridden{Person: new(portaltype.Person), values: map[string]holders.Value{tt.id: tt.value}}
		p.info = *p.Person.TypeInfo()
		p.info.Constraints = []*holders.ConstraintInfo{{ID: "types", Kind: holders.PropertyTypeValidity, Properties: []string{tt.id}}}
		msgs := holders.CheckConsistency(context.Background(), p, true)
		var got string
		if len(msgs) > 0 {
			got = msgs[0].Mapping["actual_type"]
			if msgs[0].ID != "message_incorrect_type" || msgs[0].Fixed {
				t.Errorf("%s = %v: %s (fixed %v); not fixable, want message_incorrect_type", tt.id, tt.value, msgs[0].ID, msgs[0].Fixed)
			}
		}
		if got != tt.want || len(msgs) > 1 {
			t.Errorf("%s = %v: got %v, want actual_type %q", tt.id, tt.value, msgs, tt.want)
		}
	}
}

// withConstraints is an email whose constraints are the test's.
type withConstraints struct {
	*portaltype.Email
	info holders.TypeInfo
}

func (o *withConstraints) TypeInfo() *holders.TypeInfo { return &o.info }

// A multivalued date is checked, and fixed, item by item, as a date is.
func TestPropertyTypeValidityDates(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	e := &withConstraints{Email: new(portaltype.Email)}
	e.info = *e.Email.TypeInfo()
	e.info.Constraints = []*holders.ConstraintInfo{{ID: "types", Kind: holders.PropertyTypeValidity, Properties: []string{"validation_dates"}}}
	e.SetValidationDatesList([]time.Time{time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 1, 2, 1, 0, 0, 0, cet)})
	msgs := holders.CheckConsistency(context.Background(), e, true)
	if len(msgs) != 1 || msgs[0].ID != "message_incorrect_type_fixed" || msgs[0].Mapping["actual_type"] != "date in CET" {
		t.Fatalf("FixConsistency = %v, want validation_dates fixed", msgs)
	}
	want := []time.Time{time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)}
	if got := e.ValidationDatesList(); !slices.EqualFunc(got, want, func(a, b time.Time) bool { return a.Equal(b) && a.Location() == time.UTC }) {
		t.Errorf("after the fix: %v, want %v", got, want)
	}
	if msgs := holders.CheckConsistency(context.Background(), e, false); len(msgs) != 0 {
		t.Errorf("after the fix: %v", msgs)
	}
}

func TestMemoryFind(t *testing.T) {
	m := holders.NewMemory()
	for url, ref := range map[string]string{"person_module/1": "A", "person_module/2": "B", "person_module/3": "A"} {
		p := new(portaltype.Person)
		p.SetReference(ref)
		if err := m.Put(url, p); err != nil {
			t.Fatal(err)
		}
	}
	org := new(portaltype.Organisation)
	org.SetReference("A")
	if err := m.Put("organisation_module/1", org); err != nil {
		t.Fatal(err)
	}
	found, err := m.Find(context.Background(), "Person", "reference", "A")
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, o := range found {
		urls = append(urls, o.RelativeURL())
	}
	if diff := cmp.Diff([]string{"person_module/1", "person_module/3"}, urls); diff != "" {
		t.Errorf("Find (-want +got):\n%s", diff)
	}
}
