package holders_test

import (
	"context"
	"testing"
	"time"

	"github.com/accessorgen/accessorgen/examples/erp5/portaltype"
	"github.com/accessorgen/accessorgen/holders"
)

// TestConstraintsThatHoldDoNotAllocate checks one constraint of each kind,
// and of each value shape, on an object that satisfies it: reporting
// nothing, CheckConsistency allocates nothing (the values compared are
// not boxed, the related objects not gathered in lists).
func TestConstraintsThatHoldDoNotAllocate(t *testing.T) {
	ctx, p, cases := holding(t)
	for _, tc := range cases {
		p.info.Constraints = []*holders.ConstraintInfo{tc.c}
		if msgs := holders.CheckConsistency(ctx, p, false); len(msgs) != 0 {
			t.Errorf("%s: %v", tc.name, msgs)
			continue
		}
		if n := testing.AllocsPerRun(100, func() { _ = holders.CheckConsistency(ctx, p, false) }); n != 0 {
			t.Errorf("%s: %v allocations, want 0", tc.name, n)
		}
	}
}

func BenchmarkConstraintsThatHold(b *testing.B) {
	ctx, p, cases := holding(b)
	for _, tc := range cases {
		p.info.Constraints = []*holders.ConstraintInfo{tc.c}
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				_ = holders.CheckConsistency(ctx, p, false)
			}
		})
	}
}

type holdingCase struct {
	name string
	c    *holders.ConstraintInfo
}

// holding returns a person, in a store, and constraints it satisfies.
func holding(t testing.TB) (context.Context, *refusing, []holdingCase) {
	m := holders.NewMemory()
	ctx := holders.WithResolver(context.Background(), m)
	org := new(portaltype.Organisation)
	if err := m.Put("organisation_module/1", org); err != nil {
		t.Fatal(err)
	}
	p := &refusing{Person: new(portaltype.Person)}
	p.info = *p.Person.TypeInfo()
	p.SetLastName("X")
	p.SetReference("PER-1")
	p.SetSubordination("organisation_module/1")
	p.SetRegionList([]string{"europe/france", "europe/western_europe_and_beyond_it/france"})
	p.SetGender("male")
	p.SetSubjectList([]string{"a", "b"})
	p.SetBirthday(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	p.SetSalary(12)
	p.SetChildCount(2)
	if err := m.Put("person_module/1", p); err != nil {
		t.Fatal(err)
	}
	type c = holders.ConstraintInfo
	cases := []holdingCase{
		{"existence", &c{Kind: holders.PropertyExistence, Properties: []string{"last_name", "reference"}}},
		{"equality of a string", &c{Kind: holders.AttributeEquality, Properties: []string{"reference"}, Value: "PER-1"}},
		{"equality of an int", &c{Kind: holders.AttributeEquality, Properties: []string{"child_count"}, Value: 2}},
		{"equality of a float", &c{Kind: holders.AttributeEquality, Properties: []string{"salary"}, Value: 12.0}},
		{"equality of a date", &c{Kind: holders.AttributeEquality, Properties: []string{"birthday"}, Value: time.Date(2000, 1, 1, 1, 0, 0, 0, time.FixedZone("CET", 3600))}},
		{"equality of lines", &c{Kind: holders.AttributeEquality, Properties: []string{"subject"}, Value: []string{"a", "b"}}},
		{"equality under a membership", &c{Kind: holders.AttributeEquality, Properties: []string{"reference"}, Value: "PER-1",
			Condition: &holders.Condition{Membership: []string{"region/europe"}}}},
		{"equality under a long membership", &c{Kind: holders.AttributeEquality, Properties: []string{"reference"}, Value: "PER-1",
			Condition: &holders.Condition{Membership: []string{"region/europe/western_europe_and_beyond_it"}}}},
		{"type validity of a selection", &c{Kind: holders.PropertyTypeValidity, Properties: []string{"gender", "subject", "salary", "birthday", "last_name"}}},
		{"match", &c{Kind: holders.StringAttributeMatch, Properties: []string{"reference"}, Regex: "^[A-Z]{3}-[0-9]+$"}},
		{"blacklist of a string", &c{Kind: holders.AttributeBlacklisted, Properties: []string{"reference"}, Values: []any{"BAD"}}},
		{"blacklist of lines", &c{Kind: holders.AttributeBlacklisted, Properties: []string{"subject"}, Values: []any{"BAD", "c"}}},
		{"blacklist of an int", &c{Kind: holders.AttributeBlacklisted, Properties: []string{"child_count"}, Values: []any{3}}},
		{"category existence", &c{Kind: holders.CategoryExistence, BaseCategories: []string{"region"}}},
		{"category existence of a portal type", &c{Kind: holders.CategoryExistence, BaseCategories: []string{"subordination"}, PortalTypes: []string{"Organisation"}}},
		{"arity", &c{Kind: holders.CategoryMembershipArity, BaseCategories: []string{"subordination"}, Min: 1, Max: 1}},
		{"arity of a portal type", &c{Kind: holders.CategoryMembershipArity, BaseCategories: []string{"subordination"}, PortalTypes: []string{"Organisation"}, Min: 1, Max: 1}},
		{"related arity", &c{Kind: holders.CategoryRelatedMembershipArity, BaseCategories: []string{"subordination"}, Min: 0, Max: 5}},
		{"expression", &c{Kind: holders.Expression, Func: func(context.Context, holders.Object) (bool, error) { return true, nil }}},
	}
	for _, tc := range cases {
		tc.c.ID = "c"
	}
	return ctx, p, cases
}

// TestEqualityAndBlacklistShapes: the comparisons that do not box report
// what the boxed ones did, for each value shape.
func TestEqualityAndBlacklistShapes(t *testing.T) {
	p := &refusing{Person: new(portaltype.Person)}
	p.info = *p.Person.TypeInfo()
	p.SetReference("PER-1")
	p.SetSubjectList([]string{"a", "b"})
	p.SetBirthday(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	p.SetSalary(12)
	p.SetChildCount(2)
	type c = holders.ConstraintInfo
	cases := []struct {
		c    *c
		want string // the message's current_value; "" for none
	}{
		{&c{Kind: holders.AttributeEquality, Properties: []string{"reference"}, Value: "PER-2"}, `"PER-1"`},
		{&c{Kind: holders.AttributeEquality, Properties: []string{"child_count"}, Value: 3}, "2"},
		{&c{Kind: holders.AttributeEquality, Properties: []string{"salary"}, Value: 12.5}, "12"},
		{&c{Kind: holders.AttributeEquality, Properties: []string{"birthday"}, Value: time.Date(2000, 1, 1, 0, 0, 0, 0, time.FixedZone("CET", 3600))}, "2000-01-01T00:00:00Z"},
		{&c{Kind: holders.AttributeEquality, Properties: []string{"subject"}, Value: []string{"a"}}, `["a", "b"]`},
		{&c{Kind: holders.AttributeEquality, Properties: []string{"subject"}, Value: []string{"a", "c"}}, `["a", "b"]`},
		{&c{Kind: holders.AttributeEquality, Properties: []string{"subject"}, Value: []string{"a", "b"}}, ""},
		{&c{Kind: holders.AttributeBlacklisted, Properties: []string{"subject"}, Values: []any{"x", "b"}}, `"b"`},
		{&c{Kind: holders.AttributeBlacklisted, Properties: []string{"reference"}, Values: []any{"PER-1"}}, `"PER-1"`},
		{&c{Kind: holders.AttributeBlacklisted, Properties: []string{"child_count"}, Values: []any{2}}, "2"},
		{&c{Kind: holders.AttributeBlacklisted, Properties: []string{"salary"}, Values: []any{12.0}}, "12"},
		{&c{Kind: holders.AttributeBlacklisted, Properties: []string{"child_count"}, Values: []any{"2"}}, ""},
	}
	for _, tc := range cases {
		tc.c.ID = "c"
		p.info.Constraints = []*holders.ConstraintInfo{tc.c}
		msgs := holders.CheckConsistency(context.Background(), p, false)
		got := ""
		if len(msgs) == 1 {
			got = msgs[0].Mapping["current_value"]
		}
		if len(msgs) > 1 || got != tc.want {
			t.Errorf("%s %s %v: %v, want current_value %q", tc.c.Kind, tc.c.Properties[0], tc.c.Value, msgs, tc.want)
		}
	}
}

// TestMembershipConditionBoundary: a membership condition holds for the
// category itself and those below it, not for a sibling that shares its
// prefix.
func TestMembershipConditionBoundary(t *testing.T) {
	p := &refusing{Person: new(portaltype.Person)}
	p.info = *p.Person.TypeInfo()
	p.SetReference("PER-1")
	p.info.Constraints = []*holders.ConstraintInfo{{ID: "c", Kind: holders.AttributeEquality, Properties: []string{"reference"}, Value: "PER-2",
		Condition: &holders.Condition{Membership: []string{"region/europe"}}}}
	for region, applies := range map[string]bool{"europe": true, "europe/france": true, "europeans": false, "europeans/france": false, "euro": false, "asia/europe": false} {
		p.SetRegionList([]string{region})
		if got := len(holders.CheckConsistency(context.Background(), p, false)) == 1; got != applies {
			t.Errorf("member of %s: the condition holds %v, want %v", region, got, applies)
		}
	}
}
