package goldenrun_test

// These tests run the generated code of the constraints golden case, which
// they import (see doc.go for why they are not in gen).

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/accessorgen/accessorgen/holders"
	"github.com/accessorgen/accessorgen/testdata/golden/constraints/portaltype"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// world is a Resolver holding a valid person at person_module/1, an
// organisation and the person's address, as every constraint of the
// constraints golden case wants them.
func world(t *testing.T) (*holders.Memory, *portaltype.Person) {
	t.Helper()
	m := holders.NewMemory()
	org := new(portaltype.Organisation)
	p := new(portaltype.Person)
	p.SetLastName("Curie")
	p.SetReference("ABC-1")
	if err := p.SetStatus("draft"); err != nil {
		t.Fatal(err)
	}
	p.SetTagsList([]string{"physics"})
	p.SetGroup("nexedi")
	p.SetSubordination("organisation_module/1")
	for url, obj := range map[string]holders.Object{
		"organisation_module/1":           org,
		"person_module/1":                 p,
		"person_module/1/default_address": new(portaltype.Address),
	} {
		if err := m.Put(url, obj); err != nil {
			t.Fatal(err)
		}
	}
	return m, p
}

// unset makes property id of p unset, keeping the others and the URL:
// generated types have no clear accessor, so p is rebuilt by name.
func unset(p *portaltype.Person, id string) {
	q := new(portaltype.Person)
	for _, other := range p.PropertyIDs() {
		if other != id && p.HasProperty(other) {
			v, _ := p.GetProperty(other)
			if err := q.SetProperty(other, v); err != nil {
				panic(err)
			}
		}
	}
	q.SetRelativeURL(p.RelativeURL())
	*p = *q
}

// msg is what a test compares of a holders.Message.
type msg struct {
	ID, Constraint, Text string
	Mapping              map[string]string
	Fixed                bool
}

func summarize(ms []holders.Message) []msg {
	var out []msg
	for _, m := range ms {
		out = append(out, msg{m.ID, m.Constraint, m.Text(), m.Mapping, m.Fixed})
	}
	return out
}

func TestConstraintKinds(t *testing.T) {
	type check func(t *testing.T, p *portaltype.Person)
	tests := []struct {
		name       string
		constraint string // the id the test filters on
		break_     func(m *holders.Memory, p *portaltype.Person)
		want       []msg // CheckConsistency after break_
		wantFix    []msg // FixConsistency after break_; nil: the same as want
		after      check // the object after FixConsistency
	}{
		{
			name: "PropertyExistence", constraint: "last_name_required",
			break_: func(_ *holders.Memory, p *portaltype.Person) { unset(p, "last_name") },
			want: []msg{{ID: "message_property_not_set", Constraint: "last_name_required", Text: "The last name must be set.",
				Mapping: map[string]string{"property_id": "last_name"}}},
		},
		{
			name: "AttributeEquality", constraint: "attribute_equality_2",
			break_: func(_ *holders.Memory, p *portaltype.Person) { _ = p.SetStatus("validated") },
			want: []msg{{ID: "message_invalid_attribute_value", Constraint: "attribute_equality_2",
				Text:    `Attribute status value is "validated" but should be "draft"`,
				Mapping: map[string]string{"attribute_name": "status", "current_value": `"validated"`, "expected_value": `"draft"`}}},
			wantFix: []msg{{ID: "message_invalid_attribute_value_fixed", Constraint: "attribute_equality_2",
				Text:    `Attribute status value is "validated" but should be "draft" (Fixed)`,
				Mapping: map[string]string{"attribute_name": "status", "current_value": `"validated"`, "expected_value": `"draft"`}, Fixed: true}},
			after: func(t *testing.T, p *portaltype.Person) {
				if p.Status() != "draft" {
					t.Errorf("status after fix = %q, want draft", p.Status())
				}
			},
		},
		{
			// As ERP5's: an unset property is PropertyExistence's business,
			// and fixing would write the value into every fresh object.
			name: "AttributeEquality/unset", constraint: "attribute_equality_2",
			break_: func(_ *holders.Memory, p *portaltype.Person) { unset(p, "status") },
			after: func(t *testing.T, p *portaltype.Person) {
				if p.HasStatus() {
					t.Errorf("FixConsistency set the unset status to %q", p.Status())
				}
			},
		},
		{
			name: "AttributeEquality/condition false", constraint: "attribute_equality_2",
			break_: func(_ *holders.Memory, p *portaltype.Person) { _ = p.SetStatus("validated"); p.SetGroupList(nil) },
		},
		{
			name: "PropertyTypeValidity", constraint: "property_type_validity_3",
			break_: func(_ *holders.Memory, p *portaltype.Person) {
				p.SetTagsList([]string{"a\nb", "c"})
				p.SetBorn(time.Date(2020, 1, 2, 3, 4, 5, 0, time.FixedZone("X", 3600)))
			},
			want: []msg{
				{ID: "message_incorrect_type", Constraint: "property_type_validity_3", Text: "tags is wrong",
					Mapping: map[string]string{"attribute_name": "tags", "expected_type": "lines", "actual_type": "text (a line holds line breaks)"}},
				{ID: "message_incorrect_type", Constraint: "property_type_validity_3", Text: "born is wrong",
					Mapping: map[string]string{"attribute_name": "born", "expected_type": "date", "actual_type": "date in X"}},
			},
			wantFix: []msg{
				{ID: "message_incorrect_type_fixed", Constraint: "property_type_validity_3",
					Text:    "Attribute tags should be of type lines but is of type text (a line holds line breaks) (Fixed)",
					Mapping: map[string]string{"attribute_name": "tags", "expected_type": "lines", "actual_type": "text (a line holds line breaks)"}, Fixed: true},
				{ID: "message_incorrect_type_fixed", Constraint: "property_type_validity_3",
					Text:    "Attribute born should be of type date but is of type date in X (Fixed)",
					Mapping: map[string]string{"attribute_name": "born", "expected_type": "date", "actual_type": "date in X"}, Fixed: true},
			},
			after: func(t *testing.T, p *portaltype.Person) {
				if diff := cmp.Diff([]string{"a", "b", "c"}, p.TagsList()); diff != "" {
					t.Errorf("tags after fix (-want +got):\n%s", diff)
				}
				if p.Born().Location() != time.UTC || p.Born().Hour() != 2 {
					t.Errorf("born after fix = %v, want 02:04:05 UTC", p.Born())
				}
			},
		},
		{
			name: "StringAttributeMatch", constraint: "reference_format",
			break_: func(_ *holders.Memory, p *portaltype.Person) { p.SetReference("abc-1") },
			want: []msg{{ID: "message_attribute_not_match", Constraint: "reference_format",
				Text:    `Attribute reference is "abc-1" and does not match ^[A-Z]{3}-[0-9]+$.`,
				Mapping: map[string]string{"attribute_name": "reference", "attribute_value": `"abc-1"`, "regular_expression": "^[A-Z]{3}-[0-9]+$"}}},
		},
		{
			name: "StringAttributeMatch/default regex on a list and unset", constraint: "string_attribute_match_5",
			break_: func(_ *holders.Memory, p *portaltype.Person) {
				unset(p, "last_name")
				p.SetTagsList([]string{"ok", " padded"})
			},
			want: []msg{
				{ID: "message_property_not_set", Constraint: "string_attribute_match_5",
					Text:    "Property existence error for property last_name, this property is not defined",
					Mapping: map[string]string{"property_id": "last_name"}},
				{ID: "message_attribute_not_match", Constraint: "string_attribute_match_5",
					Text:    `Attribute tags is " padded" and does not match ^[^ ].`,
					Mapping: map[string]string{"attribute_name": "tags", "attribute_value": `" padded"`, "regular_expression": "^[^ ]"}},
			},
		},
		{
			name: "AttributeBlacklisted", constraint: "attribute_blacklisted_6",
			break_: func(_ *holders.Memory, p *portaltype.Person) { p.SetTagsList([]string{"physics", "junk"}) },
			want: []msg{{ID: "message_invalid_attribute_blacklisted", Constraint: "attribute_blacklisted_6",
				Text: `Attribute tags value "junk" is blacklisted`, Mapping: map[string]string{"attribute_name": "tags", "current_value": `"junk"`}}},
		},
		{
			// ERP5's AttributeBlacklisted is a PropertyExistence first.
			name: "AttributeBlacklisted/unset", constraint: "attribute_blacklisted_6",
			break_: func(_ *holders.Memory, p *portaltype.Person) { unset(p, "tags") },
			want: []msg{{ID: "message_property_not_set", Constraint: "attribute_blacklisted_6",
				Text:    "Property existence error for property tags, this property is not defined",
				Mapping: map[string]string{"property_id": "tags"}}},
		},
		{
			name: "CategoryExistence", constraint: "category_existence_7",
			break_: func(_ *holders.Memory, p *portaltype.Person) { p.SetGroupList(nil) },
			want: []msg{{ID: "message_category_not_set", Constraint: "category_existence_7",
				Text:    "Category existence error for base category group, this category is not defined",
				Mapping: map[string]string{"base_category": "group"}}},
		},
		{
			name: "CategoryExistence/acquired from the container", constraint: "category_existence_7",
			break_: func(m *holders.Memory, p *portaltype.Person) {
				// p moves below a container that has the group it lacks.
				parent := new(portaltype.Person)
				parent.SetGroup("nexedi")
				_ = m.Put("person_module/0", parent)
				unset(p, "group")
				m.Delete("person_module/1")
				_ = m.Put("person_module/0/1", p)
			},
		},
		{
			name: "CategoryMembershipArity/too few", constraint: "one_employer",
			break_: func(_ *holders.Memory, p *portaltype.Person) { p.SetSubordinationList(nil) },
			want: []msg{{ID: "message_arity_with_portal_type_not_in_range", Constraint: "one_employer",
				Text: "Arity error for relation subordination and portal type Organisation, arity is equal to 0 but should be between 1 and 1",
				Mapping: map[string]string{"base_category": "subordination", "portal_type": "Organisation", "current_arity": "0",
					"min_arity": "1", "max_arity": "1"}}},
		},
		{
			name: "CategoryMembershipArity/wrong portal type", constraint: "one_employer",
			break_: func(_ *holders.Memory, p *portaltype.Person) {
				p.SetSubordinationList([]string{"person_module/1/default_address"})
			},
			want: []msg{{ID: "message_arity_with_portal_type_not_in_range", Constraint: "one_employer",
				Text: "Arity error for relation subordination and portal type Organisation, arity is equal to 0 but should be between 1 and 1",
				Mapping: map[string]string{"base_category": "subordination", "portal_type": "Organisation", "current_arity": "0",
					"min_arity": "1", "max_arity": "1"}}},
		},
		{
			name: "CategoryMembershipArity/condition func false", constraint: "one_employer",
			break_: func(_ *holders.Memory, p *portaltype.Person) { p.SetSubordinationList(nil); unset(p, "reference") },
		},
		{
			name: "CategoryMembershipArity/no resolver", constraint: "one_employer",
			break_: func(m *holders.Memory, p *portaltype.Person) { m.Delete("organisation_module/1") },
			want: []msg{{ID: holders.MessageError, Constraint: "one_employer",
				Text:    `Constraint one_employer could not be checked: not found: "organisation_module/1"`,
				Mapping: map[string]string{"constraint": "one_employer", "error_text": `not found: "organisation_module/1"`}}},
		},
		{
			name: "CategoryRelatedMembershipArity", constraint: "category_related_membership_arity_9",
			break_: func(m *holders.Memory, p *portaltype.Person) {
				for _, id := range []string{"2", "3", "4", "5"} {
					q := new(portaltype.Person)
					q.SetSubordination("person_module/1")
					_ = m.Put("person_module/"+id, q)
				}
			},
			want: []msg{{ID: "message_arity_not_in_range", Constraint: "category_related_membership_arity_9",
				Text:    "Arity error for relation subordination, arity is equal to 4 but should be between 0 and 3",
				Mapping: map[string]string{"base_category": "subordination", "portal_type": "", "current_arity": "4", "min_arity": "0", "max_arity": "3"}}},
		},
		{
			name: "AttributeUnicity", constraint: "attribute_unicity_10",
			break_: func(m *holders.Memory, p *portaltype.Person) {
				q := new(portaltype.Person)
				q.SetReference("ABC-1")
				_ = m.Put("person_module/2", q)
			},
			want: []msg{{ID: "message_invalid_attribute_unicity", Constraint: "attribute_unicity_10",
				Text: `Value "ABC-1" for reference is not unique`, Mapping: map[string]string{"property_id": "reference", "attribute_name": "reference", "value": `"ABC-1"`}}},
		},
		{
			name: "ContentExistence", constraint: "content_existence_11",
			break_: func(m *holders.Memory, p *portaltype.Person) { m.Delete("person_module/1/default_address") },
			want: []msg{{ID: "message_no_subobject_portal_type", Constraint: "content_existence_11",
				Text:    "The document does not contain any subobject of portal type Address",
				Mapping: map[string]string{"portal_type": "Address"}}},
		},
		{
			name: "Expression", constraint: "expression_12",
			break_: func(_ *holders.Memory, p *portaltype.Person) { p.SetLastName("Wolfeschlegelsteinhausenbergerdorff") },
			want: []msg{{ID: "message_expression_false", Constraint: "expression_12", Text: "Expression was false",
				Mapping: map[string]string{"expression": "NameIsShort"}}},
		},
		{
			name: "Script", constraint: "script_13",
			break_: func(_ *holders.Memory, p *portaltype.Person) { p.SetLastName("curie") },
			want: []msg{{ID: "message_name_not_capitalised", Constraint: "script_13", Text: "Last name curie must start with a capital letter",
				Mapping: map[string]string{"name": "curie"}}},
			wantFix: []msg{{ID: "message_name_not_capitalised", Constraint: "script_13", Text: "Last name curie must start with a capital letter",
				Mapping: map[string]string{"name": "curie"}, Fixed: true}},
			after: func(t *testing.T, p *portaltype.Person) {
				if p.LastName() != "Curie" {
					t.Errorf("last name after fix = %q, want Curie", p.LastName())
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, p := world(t)
			ctx := holders.WithResolver(context.Background(), m)
			// Valid first: every constraint passes on the world as built.
			if got := p.CheckConsistency(ctx); len(got) != 0 {
				t.Fatalf("a valid person has messages: %v", got)
			}
			tt.break_(m, p)
			only := holders.OnlyIDs(tt.constraint)
			got := summarize(p.CheckConsistency(ctx, only))
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("CheckConsistency (-want +got):\n%s", diff)
			}
			wantFix := tt.wantFix
			if wantFix == nil {
				wantFix = tt.want
			}
			if diff := cmp.Diff(wantFix, summarize(p.FixConsistency(ctx, only)), cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("FixConsistency (-want +got):\n%s", diff)
			}
			if tt.after != nil {
				tt.after(t, p)
				// What was fixed stays fixed.
				if got := p.CheckConsistency(ctx, only); len(got) != 0 {
					t.Errorf("after FixConsistency, CheckConsistency still reports %v", got)
				}
			}
		})
	}
}

func TestConstraintFiltersAndInfo(t *testing.T) {
	m, p := world(t)
	ctx := holders.WithResolver(context.Background(), m)
	unset(p, "last_name")
	p.SetReference("bad")
	all := p.CheckConsistency(ctx)
	var ids []string
	for _, msg := range all {
		ids = append(ids, msg.Constraint+"/"+msg.ID)
	}
	want := []string{"last_name_required/message_property_not_set", "reference_format/message_attribute_not_match",
		"string_attribute_match_5/message_property_not_set"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("all constraints (-want +got):\n%s", diff)
	}
	for _, m := range all {
		if m.URL != "person_module/1" {
			t.Errorf("message %s has URL %q, want person_module/1", m.ID, m.URL)
		}
	}
	if got := p.CheckConsistency(ctx, holders.OnlyKinds(holders.StringAttributeMatch), holders.OnlyIDs("reference_format")); len(got) != 1 {
		t.Errorf("filters must all accept: got %d messages, want 1", len(got))
	}
	if got := p.CheckConsistency(context.Background(), holders.OnlyKinds(holders.ContentExistence)); len(got) != 1 || got[0].ID != holders.MessageError ||
		!strings.Contains(got[0].Mapping["error_text"], holders.ErrNoResolver.Error()) {
		t.Errorf("without a Resolver, ContentExistence reports %v; want one %s saying there is no resolver", got, holders.MessageError)
	}
	// The golden case, and so this test, covers every kind.
	kinds := map[holders.ConstraintKind]bool{}
	for _, c := range p.TypeInfo().Constraints {
		kinds[c.Kind] = true
	}
	for _, k := range holders.ConstraintKinds {
		if !kinds[k] {
			t.Errorf("the constraints golden case has no %s constraint", k)
		}
	}
}

// docs/constraints.md documents every kind and every message id with its
// default text.
func TestConstraintsDocumented(t *testing.T) {
	data, err := os.ReadFile("../../docs/constraints.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for _, k := range holders.ConstraintKinds {
		if !strings.Contains(doc, "\n### "+string(k)+"\n") {
			t.Errorf("docs/constraints.md has no section for %s", k)
		}
		for _, id := range k.MessageIDs() {
			if row := "| `" + id + "` | " + holders.DefaultTemplate(id) + " |"; !strings.Contains(doc, row) {
				t.Errorf("docs/constraints.md lacks the row %s", row)
			}
		}
	}
}
