package goldenrun_test

// These tests run the all_types golden case's getters of unset members
// with list and data defaults: they return one shared package variable,
// so reading a default, typed or by name, allocates nothing.

import (
	"testing"
	"unsafe"

	"github.com/accessorgen/accessorgen/holders"
	"github.com/accessorgen/accessorgen/testdata/golden/all_types/portaltype"
	"github.com/google/go-cmp/cmp"
)

// array is the address of s's first element: two slices with the same
// one share their array.
func array[T any](s []T) unsafe.Pointer { return unsafe.Pointer(unsafe.SliceData(s)) }

func TestSliceDefaultsAreShared(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want any
		get  func(*portaltype.SaleOrder) any
		// data returns the first element's address, to tell whether
		// two reads share one array.
		data func(*portaltype.SaleOrder) unsafe.Pointer
	}{
		{"tags", []string{"a", "b"},
			func(o *portaltype.SaleOrder) any { return o.TagsList() },
			func(o *portaltype.SaleOrder) unsafe.Pointer { return array(o.TagsList()) }},
		{"channels", []string{"web"},
			func(o *portaltype.SaleOrder) any { return o.ChannelsList() },
			func(o *portaltype.SaleOrder) unsafe.Pointer { return array(o.ChannelsList()) }},
		{"scores", []int{1, 2},
			func(o *portaltype.SaleOrder) any { return o.ScoresList() },
			func(o *portaltype.SaleOrder) unsafe.Pointer { return array(o.ScoresList()) }},
		{"blob", []byte("bytes"),
			func(o *portaltype.SaleOrder) any { return o.Blob() },
			func(o *portaltype.SaleOrder) unsafe.Pointer { return array(o.Blob()) }},
	} {
		t.Run(tc.id, func(t *testing.T) {
			a, b := new(portaltype.SaleOrder), new(portaltype.SaleOrder)
			if diff := cmp.Diff(tc.want, tc.get(a)); diff != "" {
				t.Fatalf("unset %s (-want +got):\n%s", tc.id, diff)
			}
			if tc.data(a) != tc.data(b) {
				t.Errorf("two objects' unset %s are different arrays, want the one shared default", tc.id)
			}
			var v holders.Value
			var err error
			if n := testing.AllocsPerRun(100, func() { v, err = a.Value(tc.id) }); n != 0 {
				t.Errorf("Value(%q) of the default: %v allocations, want 0", tc.id, n)
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, v.Any()); diff != "" {
				t.Errorf("Value(%q) (-want +got):\n%s", tc.id, diff)
			}
			if n := testing.AllocsPerRun(100, func() { _ = tc.data(a) }); n != 0 {
				t.Errorf("typed getter of the default: %v allocations, want 0", n)
			}
			// Setting one object leaves the other's default alone.
			if err := a.SetProperty(tc.id, tc.want); err != nil {
				t.Fatal(err)
			}
			if tc.data(a) == tc.data(b) {
				t.Errorf("after SetProperty, %s still shares the default's array, want a copy", tc.id)
			}
			if diff := cmp.Diff(tc.want, tc.get(b)); diff != "" {
				t.Errorf("the other object's unset %s (-want +got):\n%s", tc.id, diff)
			}
		})
	}
}
