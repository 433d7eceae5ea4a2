package goldenrun_test

// These tests run the acquisition golden case's content accessors against
// a holders.Memory.

import (
	"context"
	"errors"
	"testing"

	erp5 "github.com/accessorgen/accessorgen/examples/erp5/portaltype"
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

// TestAcquisitionCycle: two Nodes whose parent is each other. The cycle
// gives no value where it closes, so each ends with what the other holds
// (acquired values win, without mask_value), or its own value, or the
// default; and copy_value stores only values found, not what the cycle
// gave.
func TestAcquisitionCycle(t *testing.T) {
	for _, c := range []struct {
		name              string
		a, b              int // local sizes, 0 = unset
		wantB, wantLocalB int
		wantLocalAIsUnset bool
	}{
		{name: "a holds 5", a: 5, wantB: 5, wantLocalB: 5},
		// a gives its default, which b stores as a value a target's
		// schema gives; a found nothing and stores nothing.
		{name: "neither holds a size", wantB: 7, wantLocalB: 7, wantLocalAIsUnset: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			store := holders.NewMemory()
			ctx := holders.WithResolver(context.Background(), store)
			a, b := new(portaltype.Node), new(portaltype.Node)
			if c.a != 0 {
				a.SetSize(c.a)
			}
			a.SetParentList([]string{"n/b"})
			b.SetParentList([]string{"n/a"})
			store.Put("n/a", a)
			store.Put("n/b", b)
			got, err := b.AcquireSize(ctx)
			if err != nil || got != c.wantB {
				t.Errorf("b.AcquireSize = %d, %v; want %d", got, err, c.wantB)
			}
			if b.Size() != c.wantLocalB || b.HasSize() != (c.wantLocalB != 0) {
				t.Errorf("b's local size afterwards %d (set %v), want %d", b.Size(), b.HasSize(), c.wantLocalB)
			}
			if c.wantLocalAIsUnset && a.HasSize() {
				t.Errorf("a's local size afterwards %d, want unset", a.Size())
			}
		})
	}
}

// TestContentOfSeveralTypes: anything's sub-object is a Leaf or a Node;
// one of another portal type is ErrWrongType, as for a content property
// of one portal type.
func TestContentOfSeveralTypes(t *testing.T) {
	for _, c := range []struct {
		name    string
		sub     holders.Object
		wantErr error
	}{
		{name: "a Leaf", sub: new(portaltype.Leaf)},
		{name: "a Node", sub: new(portaltype.Node)},
		{name: "an Organisation", sub: new(erp5.Organisation), wantErr: holders.ErrWrongType},
		{name: "none"},
	} {
		t.Run(c.name, func(t *testing.T) {
			store := holders.NewMemory()
			ctx := holders.WithResolver(context.Background(), store)
			n := new(portaltype.Node)
			store.Put("n/1", n)
			if c.sub != nil {
				store.Put("n/1/anything", c.sub)
			}
			got, err := n.AnythingValue(ctx)
			if !errors.Is(err, c.wantErr) || (c.wantErr == nil && got != c.sub) {
				t.Errorf("AnythingValue = %T, %v; want %T, %v", got, err, c.sub, c.wantErr)
			}
		})
	}
}

// TestContentAltAccessor: refuge (a Leaf or a Node) falls back on the
// spare sub-object, then on home (acquired from the parent).
func TestContentAltAccessor(t *testing.T) {
	for _, c := range []struct {
		name        string
		spare, home bool // sub-objects the node has
		parentHome  bool // the parent's home, which home acquires
		want        string
	}{
		{name: "spare", spare: true, home: true, want: "n/1/spare"},
		{name: "home", home: true, want: "n/1/home"},
		{name: "home acquired", parentHome: true, want: "n/parent/home"},
		{name: "nothing", want: ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			store := holders.NewMemory()
			ctx := holders.WithResolver(context.Background(), store)
			parent, n := new(portaltype.Node), new(portaltype.Node)
			store.Put("n/parent", parent)
			n.SetParentList([]string{"n/parent"})
			store.Put("n/1", n)
			if c.spare {
				store.Put("n/1/spare", new(portaltype.Leaf))
			}
			if c.home {
				store.Put("n/1/home", new(portaltype.Leaf))
			}
			if c.parentHome {
				store.Put("n/parent/home", new(portaltype.Leaf))
			}
			got, err := n.RefugeValue(ctx)
			url := ""
			if got != nil {
				url = got.RelativeURL()
			}
			if err != nil || url != c.want {
				t.Errorf("RefugeValue = %q, %v; want %q", url, err, c.want)
			}
		})
	}
}
