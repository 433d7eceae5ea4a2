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

// TestAcquiredFromAnAcquiringTarget: size (default 7) is acquired from a
// parent Node, which acquires size too. A value the parent holds counts
// even when it is the zero value, as it does for a Leaf parent, which does
// not acquire: ERP5 acquires whatever the target's getter returns.
func TestAcquiredFromAnAcquiringTarget(t *testing.T) {
	for _, c := range []struct {
		name   string
		parent holders.Object
		want   int
	}{
		{name: "Node parent holding 0", parent: func() holders.Object { n := new(portaltype.Node); n.SetSize(0); return n }(), want: 0},
		{name: "Leaf parent holding 0", parent: func() holders.Object { l := new(portaltype.Leaf); l.SetSize(0); return l }(), want: 0},
		{name: "Node parent holding 3", parent: func() holders.Object { n := new(portaltype.Node); n.SetSize(3); return n }(), want: 3},
		{name: "Node parent without size: its default", parent: new(portaltype.Node), want: 7},
	} {
		t.Run(c.name, func(t *testing.T) {
			store := holders.NewMemory()
			ctx := holders.WithResolver(context.Background(), store)
			store.Put("n/parent", c.parent)
			child := new(portaltype.Node)
			child.SetParentList([]string{"n/parent"})
			store.Put("n/child", child)
			got, err := child.AcquireSize(ctx)
			if err != nil || got != c.want {
				t.Errorf("AcquireSize = %d, %v; want %d", got, err, c.want)
			}
		})
	}
}

// TestAcquiredFromAnAltAccessorWithADefault: slogan (default "none")
// falls back on nickname, then motto (default "carpe diem"). As ERP5
// calls the alternative getters, an unset motto gives its default.
func TestAcquiredFromAnAltAccessorWithADefault(t *testing.T) {
	for _, c := range []struct {
		name, nickname, motto, want string
	}{
		{name: "nickname set", nickname: "Nick", want: "Nick"},
		{name: "motto set", motto: "veni", want: "veni"},
		{name: "neither set: motto's default", want: "carpe diem"},
	} {
		t.Run(c.name, func(t *testing.T) {
			n := new(portaltype.Node)
			if c.nickname != "" {
				n.SetNickname(c.nickname)
			}
			if c.motto != "" {
				n.SetMotto(c.motto)
			}
			got, err := n.AcquireSlogan(context.Background())
			if err != nil || got != c.want {
				t.Errorf("AcquireSlogan = %q, %v; want %q", got, err, c.want)
			}
		})
	}
}
