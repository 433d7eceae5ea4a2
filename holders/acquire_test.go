package holders_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/accessorgen/accessorgen/examples/erp5/portaltype"
	"github.com/accessorgen/accessorgen/holders"
)

// titleOf is the Remote of these tests: an Organisation's title, if set.
func titleOf(_ context.Context, obj holders.Object) (string, bool, error) {
	o, ok := obj.(*portaltype.Organisation)
	if !ok || !o.DublinCoreHolder.HasTitle() {
		return "", false, nil
	}
	return o.DublinCoreHolder.Title(), true, nil
}

// TestAcquireSemantics covers ERP5's order for each combination of
// mask_value, copy_value, sub-object ids, memberships and alternative
// accessors.
func TestAcquireSemantics(t *testing.T) {
	type setup struct {
		local     string // "" = unset
		related   []string
		subObject string // title of the sub-object "contact", "" = none
		alt       string // "" = the alternative accessor has no value
	}
	cases := []struct {
		name      string
		mask      bool
		copy      bool
		objectIDs bool
		alt       bool
		setup     setup
		want      string
		wantLocal string // the local value afterwards
	}{
		{name: "nothing anywhere: the default", want: "default"},
		{name: "related value", setup: setup{related: []string{"org/titled"}}, want: "Titled"},
		{name: "first related with a value wins", setup: setup{related: []string{"org/untitled", "org/titled", "org/other"}}, want: "Titled"},
		{name: "unresolvable and wrong-type related are skipped", setup: setup{related: []string{"org/missing", "person_module/2", "org/other"}}, want: "Other"},
		{name: "self is skipped", setup: setup{related: []string{"person_module/1", "org/titled"}}, want: "Titled"},
		{name: "mask: local wins", mask: true, setup: setup{local: "Mine", related: []string{"org/titled"}}, want: "Mine", wantLocal: "Mine"},
		{name: "mask, no local: acquired", mask: true, setup: setup{related: []string{"org/titled"}}, want: "Titled"},
		{name: "no mask: acquired wins over local", setup: setup{local: "Mine", related: []string{"org/titled"}}, want: "Titled", wantLocal: "Mine"},
		{name: "no mask, nothing acquired: local", setup: setup{local: "Mine"}, want: "Mine", wantLocal: "Mine"},
		{name: "copy: acquired value stored", copy: true, setup: setup{related: []string{"org/titled"}}, want: "Titled", wantLocal: "Titled"},
		{name: "copy, nothing acquired: nothing stored", copy: true, want: "default"},
		{name: "copy, no mask, local set: acquired, local kept", copy: true, setup: setup{local: "Mine", related: []string{"org/titled"}}, want: "Titled", wantLocal: "Mine"},
		{name: "copy from a sub-object: stored", copy: true, objectIDs: true, setup: setup{subObject: "Sub"}, want: "Sub", wantLocal: "Sub"},
		{name: "object id first", objectIDs: true, setup: setup{subObject: "Sub", related: []string{"org/titled"}}, want: "Sub"},
		{name: "object id absent: related", objectIDs: true, setup: setup{related: []string{"org/titled"}}, want: "Titled"},
		{name: "alt accessor when nothing acquired", alt: true, setup: setup{alt: "Alt"}, want: "Alt"},
		{name: "acquired before alt", alt: true, setup: setup{alt: "Alt", related: []string{"org/titled"}}, want: "Titled"},
		{name: "alt without value: default", alt: true, want: "default"},
		{name: "mask beats all", mask: true, copy: true, objectIDs: true, alt: true,
			setup: setup{local: "Mine", subObject: "Sub", related: []string{"org/titled"}, alt: "Alt"}, want: "Mine", wantLocal: "Mine"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			store := holders.NewMemory()
			put := func(url string, obj holders.Object) {
				if err := store.Put(url, obj); err != nil {
					t.Fatal(err)
				}
			}
			titled, other, untitled := new(portaltype.Organisation), new(portaltype.Organisation), new(portaltype.Organisation)
			titled.DublinCoreHolder.SetTitle("Titled")
			other.DublinCoreHolder.SetTitle("Other")
			put("org/titled", titled)
			put("org/other", other)
			put("org/untitled", untitled)
			put("person_module/2", new(portaltype.Person))
			self := new(portaltype.Person)
			put("person_module/1", self)
			if c.setup.subObject != "" {
				sub := new(portaltype.Organisation)
				sub.DublinCoreHolder.SetTitle(c.setup.subObject)
				put("person_module/1/contact", sub)
			}
			local, localSet := c.setup.local, c.setup.local != ""
			a := &holders.Acquisition[string]{
				Property:    "title",
				Mask:        c.mask,
				Copy:        c.copy,
				Memberships: []func() []string{func() []string { return c.setup.related }},
				Bases:       []string{"subordination"},
				Trees:       []bool{false},
				Local:       func() (string, bool, error) { return local, localSet, nil },
				SetLocal:    func(v string) { local, localSet = v, true },
				Remote:      titleOf,
				Default:     func() string { return "default" },
			}
			if c.objectIDs {
				a.ObjectIDs = []string{"contact"}
			}
			if c.alt {
				a.Alt = []func() (string, bool, error){func() (string, bool, error) { return c.setup.alt, c.setup.alt != "", nil }}
			}
			got, err := holders.Acquire(holders.WithResolver(context.Background(), store), self, a)
			if err != nil || got != c.want {
				t.Errorf("Acquire = %q, %v; want %q", got, err, c.want)
			}
			if local != c.wantLocal {
				t.Errorf("local value afterwards %q, want %q", local, c.wantLocal)
			}
		})
	}
}

// TestAcquireCycle: two objects acquiring the same property from each
// other end with the default, not in a loop.
func TestAcquireCycle(t *testing.T) {
	store := holders.NewMemory()
	ctx := holders.WithResolver(context.Background(), store)
	a, b := new(portaltype.Person), new(portaltype.Person)
	store.Put("p/a", a)
	store.Put("p/b", b)
	var acquire func(ctx context.Context, self holders.Object, other string) (string, error)
	acquire = func(ctx context.Context, self holders.Object, other string) (string, error) {
		return holders.Acquire(ctx, self, &holders.Acquisition[string]{
			Property:    "x",
			Memberships: []func() []string{func() []string { return []string{other} }},
			Bases:       []string{"subordination"},
			Trees:       []bool{false},
			Remote: func(ctx context.Context, obj holders.Object) (string, bool, error) {
				back := "p/a"
				if obj.RelativeURL() == "p/a" {
					back = "p/b"
				}
				v, err := acquire(ctx, obj, back)
				return v, v != "default", err
			},
			Default: func() string { return "default" },
		})
	}
	if got, err := acquire(ctx, a, "p/b"); got != "default" || err != nil {
		t.Errorf("cyclic acquisition = %q, %v", got, err)
	}
	// Without a resolver, acquisition through objects is an error.
	_, err := holders.Acquire(context.Background(), a, &holders.Acquisition[string]{
		Memberships: []func() []string{func() []string { return []string{"p/b"} }},
		Bases:       []string{"subordination"}, Trees: []bool{false}, Remote: titleOf,
	})
	if !errors.Is(err, holders.ErrNoResolver) {
		t.Errorf("without a resolver: %v", err)
	}
}

// TestAcquireLocalError: an error reading the local value (a sub-object of
// the wrong type) is returned, not skipped.
func TestAcquireLocalError(t *testing.T) {
	boom := errors.New("boom")
	for _, mask := range []bool{true, false} {
		_, err := holders.Acquire(context.Background(), new(portaltype.Person), &holders.Acquisition[string]{
			Mask:  mask,
			Local: func() (string, bool, error) { return "", false, boom },
		})
		if !errors.Is(err, boom) {
			t.Errorf("mask %v: %v", mask, err)
		}
	}
}

// failingResolver is a Memory whose Get fails, other than with
// ErrNotFound, for the URLs in fail: a storage that is down.
type failingResolver struct {
	*holders.Memory
	fail map[string]bool
}

var errStorage = errors.New("storage down")

func (r failingResolver) Get(ctx context.Context, url string) (holders.Object, error) {
	if r.fail[url] {
		return nil, errStorage
	}
	return r.Memory.Get(ctx, url)
}

// TestAcquireResolverError: a Resolver error other than ErrNotFound, for
// a sub-object or a related object, is returned, not taken for an absent
// object (which would give the next object's value, or the default).
func TestAcquireResolverError(t *testing.T) {
	for _, c := range []struct {
		name      string
		objectIDs []string
		related   []string
		fail      string
	}{
		{name: "sub-object", objectIDs: []string{"contact"}, related: []string{"org/titled"}, fail: "person_module/1/contact"},
		{name: "related object", related: []string{"org/down", "org/titled"}, fail: "org/down"},
	} {
		t.Run(c.name, func(t *testing.T) {
			store := holders.NewMemory()
			titled := new(portaltype.Organisation)
			titled.DublinCoreHolder.SetTitle("Titled")
			store.Put("org/titled", titled)
			self := new(portaltype.Person)
			store.Put("person_module/1", self)
			r := failingResolver{store, map[string]bool{c.fail: true}}
			got, err := holders.Acquire(holders.WithResolver(context.Background(), r), self, &holders.Acquisition[string]{
				Property:    "title",
				ObjectIDs:   c.objectIDs,
				Memberships: []func() []string{func() []string { return c.related }},
				Bases:       []string{"subordination"},
				Trees:       []bool{false},
				Remote:      titleOf,
				Default:     func() string { return "default" },
			})
			if !errors.Is(err, errStorage) {
				t.Errorf("Acquire = %q, %v; want an error wrapping %v", got, err, errStorage)
			}
		})
	}
}

// TestAcquireCycleThroughThree: a cycle a → b → c → a is cut where it
// comes back to a, and the reads of other objects see the caller's
// context values and cancellation.
func TestAcquireCycleThroughThree(t *testing.T) {
	store := holders.NewMemory()
	type key struct{}
	ctx, cancel := context.WithCancel(context.WithValue(holders.WithResolver(context.Background(), store), key{}, "mine"))
	objs := map[string]*portaltype.Person{"p/a": new(portaltype.Person), "p/b": new(portaltype.Person), "p/c": new(portaltype.Person)}
	next := map[string]string{"p/a": "p/b", "p/b": "p/c", "p/c": "p/a"}
	for url, o := range objs {
		store.Put(url, o)
	}
	var visits []string
	var acquire func(ctx context.Context, self holders.Object) (string, error)
	acquire = func(ctx context.Context, self holders.Object) (string, error) {
		visits = append(visits, self.RelativeURL())
		return holders.Acquire(ctx, self, &holders.Acquisition[string]{
			Property:    "x",
			Memberships: []func() []string{func() []string { return []string{next[self.RelativeURL()]} }},
			Bases:       []string{"subordination"},
			Trees:       []bool{false},
			Remote: func(ctx context.Context, obj holders.Object) (string, bool, error) {
				if ctx.Value(key{}) != "mine" || ctx.Err() != nil {
					t.Errorf("the context of a read: value %v, err %v", ctx.Value(key{}), ctx.Err())
				}
				v, err := acquire(ctx, obj)
				return v, v != "", err
			},
		})
	}
	if got, err := acquire(ctx, objs["p/a"]); got != "" || err != nil {
		t.Errorf("cyclic acquisition = %q, %v", got, err)
	}
	if want := []string{"p/a", "p/b", "p/c", "p/a"}; !slices.Equal(visits, want) {
		t.Errorf("visits %v, want %v", visits, want)
	}
	cancel()
	visits = nil
	holders.Acquire(ctx, objs["p/a"], &holders.Acquisition[string]{
		Property:    "x",
		Memberships: []func() []string{func() []string { return []string{"p/b"} }},
		Bases:       []string{"subordination"},
		Trees:       []bool{false},
		Remote: func(ctx context.Context, obj holders.Object) (string, bool, error) {
			if ctx.Err() == nil {
				t.Error("the read's context is not cancelled with the caller's")
			}
			return "", false, nil
		},
	})
}

// TestContentWrongType: a sub-object of another type is ErrWrongType, and
// the message says what was wanted and what is there.
func TestContentWrongType(t *testing.T) {
	store := holders.NewMemory()
	ctx := holders.WithResolver(context.Background(), store)
	person := new(portaltype.Person)
	store.Put("person_module/3", person)
	store.Put("person_module/3/default_address", new(portaltype.Organisation))
	for _, tt := range []struct {
		name string
		get  func() (holders.Object, error)
		want string
	}{
		{"Content", func() (holders.Object, error) {
			return holders.Content[*portaltype.Address](ctx, person, "default_address")
		},
			`wrong type: "person_module/3/default_address": want *portaltype.Address, got *portaltype.Organisation (portal type "Organisation")`},
		{"ContentOfTypes", func() (holders.Object, error) {
			return holders.ContentOfTypes(ctx, person, "default_address", "Address", "Email")
		}, `wrong type: "person_module/3/default_address": want portal type "Address" or "Email", got "Organisation"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.get()
			if !errors.Is(err, holders.ErrWrongType) || err.Error() != tt.want {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
		})
	}
}
