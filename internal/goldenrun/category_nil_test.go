package goldenrun_test

// These tests set categories of the acquisition golden case from nil
// objects: ERP5's setRegionValue(None) clears region.

import (
	"slices"
	"testing"

	"github.com/accessorgen/accessorgen/holders"
	"github.com/accessorgen/accessorgen/testdata/golden/acquisition/portaltype"
)

func TestSetCategoryValueNil(t *testing.T) {
	var nilNode *portaltype.Node
	europe := new(portaltype.Node)
	europe.SetRelativeURL("region/europe")
	for _, c := range []struct {
		name string
		set  func(n *portaltype.Node)
		want []string
	}{
		{name: "nil clears", set: func(n *portaltype.Node) { n.SetRegionValue(nil) }, want: nil},
		{name: "nil pointer clears", set: func(n *portaltype.Node) { n.SetRegionValue(nilNode) }, want: nil},
		{name: "object", set: func(n *portaltype.Node) { n.SetRegionValue(europe) }, want: []string{"europe", "asia"}},
		{name: "list leaves nil out", set: func(n *portaltype.Node) {
			n.SetRegionValueList([]holders.Object{nil, europe, nilNode})
		}, want: []string{"europe"}},
		{name: "list of nil only", set: func(n *portaltype.Node) { n.SetRegionValueList([]holders.Object{nil}) }, want: nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			n := new(portaltype.Node)
			n.SetRegionList([]string{"asia", "europe"})
			c.set(n)
			if got := n.RegionList(); !slices.Equal(got, c.want) {
				t.Errorf("RegionList = %q; want %q", got, c.want)
			}
		})
	}
}
