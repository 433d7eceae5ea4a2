package holders_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/accessorgen/accessorgen/examples/erp5/portaltype"
	"github.com/accessorgen/accessorgen/holders"
	"github.com/google/go-cmp/cmp"
)

// refusing is a person whose constraints are the test's and whose
// SetProperty can be made to fail, as a hand-written override may.
type refusing struct {
	*portaltype.Person
	info   holders.TypeInfo
	refuse error
}

func (o *refusing) TypeInfo() *holders.TypeInfo { return &o.info }

func (o *refusing) SetProperty(id string, v any) error {
	if o.refuse != nil {
		return o.refuse
	}
	return o.Person.SetProperty(id, v)
}

// coveredElsewhere are the message ids that gen's TestConstraintKinds
// checks on the constraints golden case (generated code end to end).
var coveredElsewhere = []string{
	"message_property_not_set", "message_invalid_attribute_value", "message_invalid_attribute_value_fixed",
	"message_incorrect_type", "message_incorrect_type_fixed", "message_attribute_not_match",
	"message_invalid_attribute_blacklisted", "message_category_not_set", "message_arity_not_in_range",
	"message_arity_with_portal_type_not_in_range", "message_invalid_attribute_unicity",
	"message_no_subobject_portal_type", "message_expression_false", holders.MessageError,
}

// The message paths the golden case does not reach: arities without a
// maximum, category existence of a portal type, content existence of any
// type, and fixes that fail. Together with coveredElsewhere, every message
// id of every kind is checked by a test.
func TestConstraintMessagePaths(t *testing.T) {
	tests := []struct {
		name  string
		c     *holders.ConstraintInfo
		setup func(m *holders.Memory, p *refusing)
		fix   bool
		want  []msg
	}{
		{
			name: "arity too small, no maximum",
			c:    &holders.ConstraintInfo{ID: "a", Kind: holders.CategoryMembershipArity, BaseCategories: []string{"subordination"}, Min: 2, Max: -1},
			setup: func(_ *holders.Memory, p *refusing) {
				p.SetSubordinationList([]string{"organisation_module/1"})
			},
			want: []msg{{ID: "message_arity_too_small", Constraint: "a",
				Text:    "Arity error for relation subordination, arity is equal to 1 but should be at least 2",
				Mapping: map[string]string{"base_category": "subordination", "portal_type": "", "current_arity": "1", "min_arity": "2", "max_arity": ""}}},
		},
		{
			name: "arity with portal type too small, no maximum",
			c: &holders.ConstraintInfo{ID: "b", Kind: holders.CategoryMembershipArity, BaseCategories: []string{"subordination"},
				PortalTypes: []string{"Organisation"}, Min: 1, Max: -1},
			want: []msg{{ID: "message_arity_with_portal_type_too_small", Constraint: "b",
				Text:    "Arity error for relation subordination and portal type Organisation, arity is equal to 0 but should be at least 1",
				Mapping: map[string]string{"base_category": "subordination", "portal_type": "Organisation", "current_arity": "0", "min_arity": "1", "max_arity": ""}}},
		},
		{
			name: "arity without maximum holds",
			c:    &holders.ConstraintInfo{ID: "c", Kind: holders.CategoryMembershipArity, BaseCategories: []string{"subordination"}, Min: 1, Max: -1},
			setup: func(_ *holders.Memory, p *refusing) {
				p.SetSubordinationList([]string{"organisation_module/1", "organisation_module/1"})
			},
		},
		{
			name: "category of a portal type not set",
			c: &holders.ConstraintInfo{ID: "d", Kind: holders.CategoryExistence, BaseCategories: []string{"subordination"},
				PortalTypes: []string{"Organisation"}},
			setup: func(_ *holders.Memory, p *refusing) {
				p.SetSubordinationList([]string{"person_module/2"}) // a person, not an organisation
			},
			want: []msg{{ID: "message_category_portal_type_not_set", Constraint: "d",
				Text:    "Category existence error for base category subordination, this category is not defined for portal type Organisation",
				Mapping: map[string]string{"base_category": "subordination", "portal_type": "Organisation"}}},
		},
		{
			name: "category of a portal type set",
			c: &holders.ConstraintInfo{ID: "e", Kind: holders.CategoryExistence, BaseCategories: []string{"subordination"},
				PortalTypes: []string{"Organisation"}},
			setup: func(_ *holders.Memory, p *refusing) { p.SetSubordinationList([]string{"organisation_module/1"}) },
		},
		{
			name: "no sub-object at all",
			c:    &holders.ConstraintInfo{ID: "f", Kind: holders.ContentExistence},
			want: []msg{{ID: "message_no_subobject", Constraint: "f", Text: "The document does not contain any subobject", Mapping: map[string]string{}}},
		},
		{
			name: "a sub-object of any type",
			c:    &holders.ConstraintInfo{ID: "g", Kind: holders.ContentExistence},
			setup: func(m *holders.Memory, p *refusing) {
				_ = m.Put("person_module/1/default_address", new(portaltype.Address))
			},
		},
		{
			name: "equality fix refused",
			c:    &holders.ConstraintInfo{ID: "h", Kind: holders.AttributeEquality, Properties: []string{"first_name"}, Value: "Marie"},
			setup: func(_ *holders.Memory, p *refusing) {
				p.SetFirstName("Pierre")
				p.refuse = errors.New("locked")
			},
			fix: true,
			want: []msg{{ID: "message_invalid_attribute_value_not_fixed", Constraint: "h",
				Text:    `Attribute first_name value is "Pierre" but should be "Marie"; it could not be fixed: locked`,
				Mapping: map[string]string{"attribute_name": "first_name", "current_value": `"Pierre"`, "expected_value": `"Marie"`, "error_text": "locked"}}},
		},
		{
			name:  "equality fix of a read-only property",
			c:     &holders.ConstraintInfo{ID: "i", Kind: holders.AttributeEquality, Properties: []string{"nickname"}, Value: "Marie"},
			setup: func(_ *holders.Memory, p *refusing) { p.SetNickname("Jo") },
			fix:   true,
			want: []msg{{ID: "message_invalid_attribute_value_not_fixed", Constraint: "i",
				Text:    `Attribute nickname value is "Jo" but should be "Marie"; it could not be fixed: Person: property "nickname": read-only property`,
				Mapping: map[string]string{"attribute_name": "nickname", "current_value": `"Jo"`, "expected_value": `"Marie"`, "error_text": `Person: property "nickname": read-only property`}}},
		},
		{
			name: "type fix refused",
			c:    &holders.ConstraintInfo{ID: "j", Kind: holders.PropertyTypeValidity, Properties: []string{"birthday"}},
			setup: func(_ *holders.Memory, p *refusing) {
				p.SetBirthday(time.Date(2000, 1, 2, 3, 4, 5, 0, time.FixedZone("X", 3600)))
				p.refuse = errors.New("locked")
			},
			fix: true,
			want: []msg{{ID: "message_incorrect_type_fix_failed", Constraint: "j",
				Text:    "Attribute birthday should be of type date but is of type date in X; it could not be fixed: locked",
				Mapping: map[string]string{"attribute_name": "birthday", "expected_type": "date", "actual_type": "date in X", "error_text": "locked", "type_cast_error": "locked"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := holders.NewMemory()
			p := &refusing{Person: new(portaltype.Person)}
			for url, obj := range map[string]holders.Object{"organisation_module/1": new(portaltype.Organisation), "person_module/2": new(portaltype.Person)} {
				if err := m.Put(url, obj); err != nil {
					t.Fatal(err)
				}
			}
			if err := m.Put("person_module/1", p); err != nil {
				t.Fatal(err)
			}
			p.info = *p.Person.TypeInfo()
			p.info.Constraints = []*holders.ConstraintInfo{tt.c}
			if tt.setup != nil {
				tt.setup(m, p)
			}
			ctx := holders.WithResolver(context.Background(), m)
			got := summarize(holders.CheckConsistency(ctx, p, tt.fix))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CheckConsistency(fix %v) (-want +got):\n%s", tt.fix, diff)
			}
		})
	}

	// Every message id of every kind is checked here or in coveredElsewhere.
	covered := slices.Clone(coveredElsewhere)
	for _, tt := range tests {
		for _, w := range tt.want {
			covered = append(covered, w.ID)
		}
	}
	for _, k := range holders.ConstraintKinds {
		for _, id := range k.MessageIDs() {
			if !slices.Contains(covered, id) {
				t.Errorf("no test checks %s's message %s", k, id)
			}
		}
	}
}

// msg is what the test compares of a holders.Message.
type msg struct {
	ID, Constraint, Text string
	Mapping              map[string]string
}

func summarize(ms []holders.Message) []msg {
	var out []msg
	for _, m := range ms {
		out = append(out, msg{m.ID, m.Constraint, m.Text(), m.Mapping})
	}
	return out
}
