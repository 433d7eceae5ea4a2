package main

import (
	"testing"
)

// TestPathAllocations counts the allocations of the run-time paths the
// benchmarks of docs/performance.md do not cover, as an application uses
// them: each count is what the path needs, so that a change that adds
// one fails here.
func TestPathAllocations(t *testing.T) {
	ctx, p, _ := employee()
	_, masked, _ := employee()
	masked.SetPreferredCurrency("CHF")
	_, member, _ := employee()
	var memberships any = []string{"organisation_module/acme", "organisation_module/globex"}
	cases := []struct {
		name string
		want float64
		f    func()
	}{
		// The Acquisition a generated accessor passes stays on the stack;
		// a read of another object costs the cycle guard's context, one
		// node and the property's id.
		{"AcquirePreferredCurrency, own value (mask_value)", 0, func() { sinkString, _ = masked.AcquirePreferredCurrency(ctx) }},
		{"AcquirePreferredCurrency, the employer's", 2, func() { sinkString, _ = p.AcquirePreferredCurrency(ctx) }},
		// A content property read through the employer: Memory's
		// not-found error for the person's own (missing) address is not
		// formatted unless printed.
		{"DefaultAddressCity, the employer's address", 5, func() { sinkString, _ = p.DefaultAddressCity(ctx) }},
		// A by-name write of a category checks its paths without
		// allocating: the one allocation is the setter's copy.
		{"SetProperty of a category", 1, func() { _ = member.SetProperty("subordination", memberships) }},
	}
	for _, c := range cases {
		c.f()
		if n := testing.AllocsPerRun(100, c.f); n != c.want {
			t.Errorf("%s: %v allocations, want %v", c.name, n, c.want)
		}
	}
	if cur, err := p.AcquirePreferredCurrency(ctx); cur != "EUR" || err != nil {
		t.Errorf("AcquirePreferredCurrency = %q, %v; want the employer's default EUR", cur, err)
	}
	if city, err := p.DefaultAddressCity(ctx); city != "Lyon" || err != nil {
		t.Errorf("DefaultAddressCity = %q, %v; want the employer's Lyon", city, err)
	}
	if cur, err := masked.AcquirePreferredCurrency(ctx); cur != "CHF" || err != nil {
		t.Errorf("AcquirePreferredCurrency = %q, %v; want its own CHF", cur, err)
	}
}
