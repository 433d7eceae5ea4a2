package goldenrun_test

// These tests run the acquisition golden case's content accessors against
// a holders.Memory.

import (
	"context"
	"testing"

	"github.com/accessorgen/accessorgen/holders"
	"github.com/accessorgen/accessorgen/testdata/golden/acquisition/portaltype"
)

// TestAcquiredContentOfSeveralTypes: either (Leaf or Node) acquires home
// (a Leaf) from its parent. A parent without a home gives no value, not a
// nil *Leaf in a holders.Object that EitherLabel would dereference.
func TestAcquiredContentOfSeveralTypes(t *testing.T) {
	for _, c := range []struct {
		name      string
		home      string // the parent's home label, "" = no home
		wantNil   bool
		wantLabel string
	}{
		{name: "parent without home", wantNil: true},
		{name: "parent with home", home: "attic", wantLabel: "attic"},
	} {
		t.Run(c.name, func(t *testing.T) {
			store := holders.NewMemory()
			ctx := holders.WithResolver(context.Background(), store)
			parent, child := new(portaltype.Node), new(portaltype.Node)
			store.Put("n/parent", parent)
			if c.home != "" {
				home := new(portaltype.Leaf)
				home.SetLabel(c.home)
				store.Put("n/parent/home", home)
			}
			child.SetParentList([]string{"n/parent"})
			store.Put("n/child", child)
			v, err := child.EitherValue(ctx)
			if err != nil || (v == nil) != c.wantNil {
				t.Fatalf("EitherValue = %#v, %v; want nil %v", v, err, c.wantNil)
			}
			label, err := child.EitherLabel(ctx)
			if err != nil || label != c.wantLabel {
				t.Errorf("EitherLabel = %q, %v; want %q", label, err, c.wantLabel)
			}
		})
	}
}
