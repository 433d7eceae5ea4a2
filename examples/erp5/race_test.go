package main

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/accessorgen/accessorgen/examples/erp5/portaltype"
	"github.com/accessorgen/accessorgen/holders"
	"github.com/google/go-cmp/cmp"
)

// The tests of this file exercise what docs/generated-code.md promises is
// safe for concurrent use; run them with go test -race. Each runs in well
// under a second without -race and a few seconds with it.

const (
	raceGoroutines = 8
	raceIterations = 60
)

// raceGuard denies the salary permissions and allows the rest; it is a
// pure function, safe for concurrent use as a Guard must be.
var raceGuard = holders.GuardFunc(func(perm string, obj holders.Object) bool {
	return perm != "View private data" && perm != "Manage salaries"
})

// raceCategories are paths LookupCategory is asked for, known or not.
var raceCategories = []string{
	"region", "region/europe", "region/europe/france", "region/asia/japan",
	"group", "group/acme", "function/sales", "subordination",
	"", "region/", "region/europe/spain", "nope",
}

// raceParallel runs f(g) on raceGoroutines goroutines and waits.
func raceParallel(f func(g int)) {
	var wg sync.WaitGroup
	for g := range raceGoroutines {
		wg.Go(func() { f(g) })
	}
	wg.Wait()
}

// tablesAnswer is everything the package-level tables say about one type.
type tablesAnswer struct {
	info     *holders.TypeInfo
	str      string
	mro      []string
	ids      []string
	allowed  []string
	inGroups [][]string
}

// TestConcurrentTables: the package-level tables and TypeInfo are
// immutable and safe for concurrent use.
func TestConcurrentTables(t *testing.T) {
	names := portaltype.TypeNames()
	want := map[string]tablesAnswer{}
	for _, name := range names {
		info, ok := portaltype.LookupType(name)
		if !ok {
			t.Fatalf("LookupType(%q) failed", name)
		}
		a := tablesAnswer{info: info, str: info.String(), mro: info.MRO(), ids: info.PropertyIDs(), allowed: portaltype.AllowedContentTypes(name)}
		for _, g := range info.Groups {
			a.inGroups = append(a.inGroups, portaltype.TypesInGroup(g))
		}
		want[name] = a
	}
	type catAnswer struct {
		info holders.CategoryInfo
		ok   bool
	}
	wantCats := map[string]catAnswer{}
	for _, path := range raceCategories {
		c, ok := portaltype.LookupCategory(path)
		wantCats[path] = catAnswer{c, ok}
	}
	if !wantCats["region/europe/france"].ok || wantCats["nope"].ok {
		t.Fatalf("LookupCategory: france %v, nope %v", wantCats["region/europe/france"], wantCats["nope"])
	}

	var failures atomic.Int32
	fail := func(format string, args ...any) {
		if failures.Add(1) <= 10 {
			t.Errorf(format, args...)
		}
	}
	raceParallel(func(g int) {
		for it := range raceIterations {
			if got := portaltype.TypeNames(); !slices.Equal(got, names) {
				fail("TypeNames = %q, want %q", got, names)
			}
			for _, name := range names {
				a := want[name]
				obj, err := portaltype.New(name)
				if err != nil || obj.PortalType() != name || obj.TypeInfo() != a.info {
					fail("New(%q) = %v, %v", name, obj, err)
					continue
				}
				info, ok := portaltype.LookupType(name)
				if !ok || info != a.info {
					fail("LookupType(%q) = %p, %v", name, info, ok)
					continue
				}
				if it%8 == g%8 { // String is the slowest; enough to call it sometimes
					if s := info.String(); s != a.str {
						fail("%s: String() changed:\n%s\nwant\n%s", name, s, a.str)
					}
				}
				if got := info.MRO(); !slices.Equal(got, a.mro) {
					fail("%s: MRO = %q, want %q", name, got, a.mro)
				}
				ids := info.PropertyIDs()
				if !slices.Equal(ids, a.ids) || !slices.Equal(obj.PropertyIDs(), a.ids) {
					fail("%s: PropertyIDs = %q, want %q", name, ids, a.ids)
				}
				for i, id := range ids {
					p, ok := info.Property(id)
					if !ok || info.Index(id) != i || p != info.Properties[i] {
						fail("%s: Property(%q) = %v, %v at %d", name, id, p, ok, info.Index(id))
					}
				}
				// PropertyIDs returns a new slice: writing to it is ours.
				ids[0] = fmt.Sprint("mine-", g)
				if _, ok := info.Property("mine-0"); ok || info.Index("") != -1 {
					fail("%s: Property found an id it does not have", name)
				}
				if got := portaltype.AllowedContentTypes(name); !slices.Equal(got, a.allowed) {
					fail("%s: AllowedContentTypes = %q, want %q", name, got, a.allowed)
				}
				for i, group := range info.Groups {
					if got := portaltype.TypesInGroup(group); !slices.Equal(got, a.inGroups[i]) || !slices.Contains(got, name) {
						fail("TypesInGroup(%q) = %q, want %q", group, got, a.inGroups[i])
					}
				}
				for _, o := range info.Overrides {
					if o.Property == nil || o.Method == "" {
						fail("%s: bad override %+v", name, o)
					}
				}
				for _, s := range info.Shadowed {
					if s.Winner == nil || s.Loser == nil || s.Winner.ID != s.Loser.ID && s.Method == "" {
						fail("%s: bad shadow %+v", name, s)
					}
				}
				gd := holders.Guarded(obj, raceGuard)
				if len(gd.PropertyIDs()) > len(a.ids) {
					fail("%s: guarded PropertyIDs longer than PropertyIDs", name)
				}
			}
			if _, err := portaltype.New("No Such Type"); !errors.Is(err, holders.ErrUnknownType) {
				fail("New(No Such Type) = %v", err)
			}
			if got := portaltype.TypesInGroup("no such group"); len(got) != 0 {
				fail("TypesInGroup(no such group) = %q", got)
			}
			if got := portaltype.AllowedContentTypes("No Such Type"); got != nil {
				fail("AllowedContentTypes(No Such Type) = %q", got)
			}
			for _, path := range raceCategories {
				c, ok := portaltype.LookupCategory(path)
				if w := wantCats[path]; !cmp.Equal(c, w.info) || ok != w.ok {
					fail("LookupCategory(%q) = %+v, %v; want %+v, %v", path, c, ok, w.info, w.ok)
				}
			}
		}
	})
}

// raceFilled returns a new object of portal type name with every writable
// property set to sample(p, variant).
func raceFilled(t testing.TB, name string, variant int) holders.Object {
	obj, err := portaltype.New(name)
	if err != nil {
		t.Fatal(err)
	}
	changes := map[string]any{}
	for _, p := range obj.TypeInfo().Properties {
		if !p.ReadOnly {
			changes[p.ID] = sample(p, variant)
		}
	}
	if err := obj.EditMap(changes); err != nil {
		t.Fatal(err)
	}
	return obj
}

// byNameState reads every property of o by name.
type byNameState struct {
	ids  []string
	vals []any
	has  []bool
	strs []string
}

func readByName(o holders.Object) (byNameState, error) {
	s := byNameState{ids: o.PropertyIDs()}
	for _, id := range s.ids {
		v, err := o.Value(id)
		if err != nil {
			return s, err
		}
		a, err := o.GetProperty(id)
		if err != nil {
			return s, err
		}
		if !reflect.DeepEqual(a, v.Any()) {
			return s, fmt.Errorf("%s: GetProperty %#v, Value %#v", id, a, v.Any())
		}
		s.vals = append(s.vals, a)
		s.has = append(s.has, o.HasProperty(id))
		s.strs = append(s.strs, v.String())
	}
	return s, nil
}

// typedRead reads o through typed getters, the document's overrides and
// mixin included.
func typedRead(o holders.Object) []any {
	switch o := o.(type) {
	case *portaltype.Person:
		return []any{o.FirstName(), o.LastName(), o.Title(), o.Birthday(), o.ChildCount(), o.CareerRoleList(), o.CareerRole(),
			o.Salary(), o.SalaryRangeMin(), o.Gender(), o.Photo(), o.RegionList(), o.Region(), o.SubordinationList(),
			o.Reference(), o.Description(), o.SubjectList(), o.Language(), o.CreationDate(), o.GroupList(), o.Group(),
			o.FunctionList(), o.HasTitle(), o.HasPhoto(), o.DublinCoreHolder.Title(), o.Notes()}
	case *portaltype.Organisation:
		return []any{o.CorporateName(), o.Title(), o.SocialCapital(), o.EmployeeCount(), o.FoundingDate(), o.VatLiable(),
			o.ActivityList(), o.Activity(), o.RegionList(), o.Reference(), o.SubjectList(), o.GroupList(), o.Notes()}
	case *portaltype.Email:
		return []any{o.URLString(), o.ValidationDatesList(), o.ValidationDates(), o.Title(), o.Language()}
	case *portaltype.Telephone:
		return []any{o.TelephoneNumber(), o.TelephoneExtension(), o.Preferred(), o.HasPreferred(), o.Title()}
	case *portaltype.Address:
		return []any{o.StreetAddress(), o.City(), o.ZipCode(), o.RegionList(), o.Title()}
	case *portaltype.PersonModule:
		return []any{o.Title(), o.Description(), o.SubjectList(), o.Language(), o.CreationDate()}
	}
	panic(fmt.Sprintf("typedRead: no getters for %T", o))
}

// TestConcurrentReadersOfOneObject: any number of goroutines may read one
// object at the same time, by name, through typed getters and through
// holders.Guarded, while no one writes.
func TestConcurrentReadersOfOneObject(t *testing.T) {
	for _, name := range portaltype.TypeNames() {
		t.Run(name, func(t *testing.T) {
			obj := raceFilled(t, name, 1)
			if p, ok := obj.(*portaltype.Person); ok {
				p.SetCareerRole("boss") // the default setter
				p.SetRegion("europe/france")
				p.Note("filled")
			}
			shared := holders.Guarded(obj, raceGuard)
			want, err := readByName(obj)
			if err != nil {
				t.Fatal(err)
			}
			wantGuarded, err := readByName(shared)
			if err != nil {
				t.Fatal(err)
			}
			if len(wantGuarded.ids) == len(want.ids) && name == "Person" {
				t.Fatalf("the guard hides nothing of Person: %q", wantGuarded.ids)
			}
			wantTyped := typedRead(obj)

			var failures atomic.Int32
			fail := func(format string, args ...any) {
				if failures.Add(1) <= 10 {
					t.Errorf(format, args...)
				}
			}
			raceParallel(func(g int) {
				own := holders.Guarded(obj, raceGuard)
				for range raceIterations {
					if got, err := readByName(obj); err != nil || !reflect.DeepEqual(got, want) {
						fail("by-name read: %v\n%s", err, cmp.Diff(want, got, cmp.AllowUnexported(byNameState{})))
					}
					for _, o := range []holders.Object{shared, own} {
						if got, err := readByName(o); err != nil || !reflect.DeepEqual(got, wantGuarded) {
							fail("guarded read: %v\n%s", err, cmp.Diff(wantGuarded, got, cmp.AllowUnexported(byNameState{})))
						}
						if _, err := o.GetProperty("salary"); name == "Person" && !errors.Is(err, holders.ErrPermission) {
							fail("guarded salary: %v, want ErrPermission", err)
						}
					}
					if got := typedRead(obj); !reflect.DeepEqual(got, wantTyped) {
						fail("typed read:\n%s", cmp.Diff(wantTyped, got))
					}
					if _, err := obj.Value("no_such_property"); !errors.Is(err, holders.ErrUnknownProperty) {
						fail("Value(no_such_property) = %v", err)
					}
					_ = obj.TypeInfo().String()
				}
			})
		})
	}
}

// TestConcurrentOwnObjects: goroutines that each write and read their own
// objects share nothing: no hidden package-level state in the setters,
// Edit, conversions or guards.
func TestConcurrentOwnObjects(t *testing.T) {
	names := portaltype.TypeNames()
	var failures atomic.Int32
	fail := func(format string, args ...any) {
		if failures.Add(1) <= 10 {
			t.Errorf(format, args...)
		}
	}
	raceParallel(func(g int) {
		for it := range raceIterations {
			for _, name := range names {
				obj, err := portaltype.New(name)
				if err != nil {
					fail("New(%q): %v", name, err)
					return
				}
				info := obj.TypeInfo()
				variant := g*raceIterations + it
				changes := map[string]any{}
				for i, p := range info.Properties {
					if p.ReadOnly {
						continue
					}
					v := sample(p, variant)
					if i%2 == 0 {
						changes[p.ID] = v
					} else if err := obj.SetProperty(p.ID, v); err != nil {
						fail("%s: SetProperty(%q): %v", name, p.ID, err)
					}
				}
				if err := obj.EditMap(changes); err != nil {
					fail("%s: EditMap: %v", name, err)
				}
				// The same changes again through Edit, which applies them
				// by index (setAt); the values are unchanged.
				var args []holders.Change
				for _, id := range slices.Sorted(maps.Keys(changes)) {
					args = append(args, holders.Change{ID: id, Value: changes[id]})
				}
				if err := obj.Edit(args...); err != nil {
					fail("%s: Edit: %v", name, err)
				}
				// A refused Edit, concurrently with the others' writes.
				bad := map[string]any{"no_such_property": 1, info.Properties[0].ID: struct{}{}}
				if err := obj.EditMap(bad); err == nil {
					fail("%s: Edit(%v) accepted", name, bad)
				}
				gd := holders.Guarded(obj, raceGuard)
				for _, p := range info.Properties {
					got, err := obj.GetProperty(p.ID)
					if err != nil {
						fail("%s: GetProperty(%q): %v", name, p.ID, err)
						continue
					}
					if !p.ReadOnly && !overridden(info, p) && !cmp.Equal(got, sample(p, variant)) {
						fail("%s: %s = %#v, want %#v", name, p.ID, got, sample(p, variant))
					}
					if err := gd.SetProperty(p.ID, sample(p, variant+1)); err == nil && (p.ReadOnly || p.WritePermission == "Manage salaries") {
						fail("%s: guarded SetProperty(%q) accepted", name, p.ID)
					}
				}
				typedRead(obj)
				if p, ok := obj.(*portaltype.Person); ok {
					p.SetCareerRole(fmt.Sprint("role-", g))
					p.SetGroup("acme")
					p.Note("x")
					if p.CareerRole() != fmt.Sprint("role-", g) || p.Group() != "acme" {
						fail("Person default setters: %q %q", p.CareerRole(), p.Group())
					}
				}
			}
		}
	})
}

// TestConcurrentOldValuesWhileWriting: Values and slices read before a
// write stay valid after it because setters replace slices instead of
// modifying them, so other goroutines may keep reading them while the
// object's owner writes to the object.
func TestConcurrentOldValuesWhileWriting(t *testing.T) {
	p := new(portaltype.Person)
	if err := p.EditMap(map[string]any{
		"subject":     []string{"a", "b", "c"},
		"career_role": []string{"x", "y"},
		"region":      []string{"europe/france", "asia/japan"},
		"group":       []string{"acme"},
		"photo":       []byte("photo"),
		"first_name":  "Ada",
	}); err != nil {
		t.Fatal(err)
	}
	ids := []string{"subject", "career_role", "region", "group", "photo", "first_name"}
	var old []holders.Value
	var want []any
	for _, id := range ids {
		v, err := p.Value(id)
		if err != nil {
			t.Fatal(err)
		}
		old = append(old, v)
		want = append(want, cloneValue(v.Any()))
	}
	typedOld := [][]string{p.SubjectList(), p.CareerRoleList(), p.RegionList(), p.GroupList()}
	typedWant := [][]string{{"a", "b", "c"}, {"x", "y"}, {"europe/france", "asia/japan"}, {"acme"}}

	done := make(chan struct{})
	var failures atomic.Int32
	fail := func(format string, args ...any) {
		if failures.Add(1) <= 10 {
			t.Errorf(format, args...)
		}
	}
	var readers, ready sync.WaitGroup
	for range raceGoroutines - 1 {
		ready.Add(1)
		readers.Go(func() {
			for n := 0; ; n++ {
				if n == 1 {
					ready.Done()
				}
				for i, v := range old {
					if got := v.Any(); !reflect.DeepEqual(got, want[i]) {
						fail("old Value of %s = %#v, want %#v", ids[i], got, want[i])
					}
				}
				for i, l := range typedOld {
					if !slices.Equal(l, typedWant[i]) {
						fail("old typed slice %d = %q, want %q", i, l, typedWant[i])
					}
				}
				select {
				case <-done:
					return
				default:
				}
			}
		})
	}
	ready.Wait() // every reader is reading: the writes below overlap them
	for i := range 1000 {
		s := fmt.Sprint(i)
		p.SetSubject(s)
		p.SetSubjectList([]string{s, "b"})
		p.SetCareerRole(s)
		p.SetRegion("europe/germany")
		p.SetGroup("acme")
		p.SetGroupList([]string{s})
		p.SetPhoto([]byte(s))
		p.SetFirstName(s)
		if err := p.SetProperty("subject", s); err != nil {
			t.Fatal(err)
		}
		region := []string{"europe/france", "asia/japan"}[i%2]
		function := []string{"sales", "engineering"}[i%2]
		if err := p.EditMap(map[string]any{"career_role": []string{s}, "region": region, "photo": s, "function": []string{function}}); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	readers.Wait()
}

// cloneValue deep-copies what Value.Any returns.
func cloneValue(v any) any {
	switch v := v.(type) {
	case []string:
		return slices.Clone(v)
	case []byte:
		return slices.Clone(v)
	case []time.Time:
		return slices.Clone(v)
	case []int:
		return slices.Clone(v)
	case []float64:
		return slices.Clone(v)
	case []bool:
		return slices.Clone(v)
	}
	return v
}

// oldValuesCase is one list or data property and the ways to write it.
type oldValuesCase struct {
	typ, id string
	first   any                 // the value set first
	writes  []any               // by-name values written after
	typed   func(o any) any     // the typed getter
	setters []func(o any) error // typed setters, each storing something else
}

// TestOldValuesSurviveWrites: Values, GetProperty results and typed getter
// slices obtained before a write keep their contents, whatever the write
// (typed setter, default setter, SetProperty, Edit), for lines, multivalued,
// category and multiple selection properties and data; and setters store a
// copy of the slice they are given.
func TestOldValuesSurviveWrites(t *testing.T) {
	d1 := time.Date(2001, 2, 3, 4, 5, 6, 7, time.UTC)
	d2 := time.Date(2002, 3, 4, 5, 6, 7, 8, time.FixedZone("X", 3600))
	person := func(o any) *portaltype.Person { return o.(*portaltype.Person) }
	org := func(o any) *portaltype.Organisation { return o.(*portaltype.Organisation) }
	cases := []oldValuesCase{
		{"Person", "subject", []string{"a", "b"}, []any{[]string{"c"}, "d", []string{}},
			func(o any) any { return person(o).SubjectList() },
			[]func(o any) error{
				func(o any) error { person(o).SetSubject("b"); return nil }, // reorders: b, a
				func(o any) error { person(o).SetSubjectList([]string{"z"}); return nil },
			}},
		{"Person", "career_role", []string{"x", "y", "z"}, []any{[]string{"y"}, "x"},
			func(o any) any { return person(o).CareerRoleList() },
			[]func(o any) error{
				func(o any) error { person(o).SetCareerRole("z"); return nil },
				func(o any) error { person(o).SetCareerRoleList(nil); return nil },
			}},
		{"Person", "region", []string{"europe/france", "asia"}, []any{"asia/japan", []string{"europe"}},
			func(o any) any { return person(o).RegionList() },
			[]func(o any) error{
				func(o any) error { person(o).SetRegion("asia"); return nil },
				func(o any) error { person(o).SetRegionList([]string{"europe/germany"}); return nil },
			}},
		{"Person", "subordination", []string{"organisation_module/1"}, []any{[]string{"organisation_module/2"}},
			func(o any) any { return person(o).SubordinationList() },
			[]func(o any) error{
				func(o any) error { person(o).SetSubordination("organisation_module/3"); return nil },
			}},
		{"Person", "group", []string{"acme", "acme/europe"}, []any{"acme", []string{}},
			func(o any) any { return person(o).GroupList() },
			[]func(o any) error{
				func(o any) error { person(o).SetGroup("acme/europe"); return nil },
				func(o any) error { person(o).SetGroupList([]string{"x"}); return nil },
			}},
		{"Person", "function", []string{"sales"}, []any{"engineering"},
			func(o any) any { return person(o).FunctionList() },
			[]func(o any) error{
				func(o any) error { person(o).SetFunction("engineering"); return nil },
			}},
		{"Person", "photo", []byte("photo-1"), []any{[]byte("photo-2"), "photo-3", []byte{}},
			func(o any) any { return person(o).Photo() },
			[]func(o any) error{
				func(o any) error { person(o).SetPhoto([]byte("photo-4")); return nil },
			}},
		{"Organisation", "activity", []string{"trade", "industry"}, []any{[]string{"services"}, "public"},
			func(o any) any { return org(o).ActivityList() },
			[]func(o any) error{
				func(o any) error { return org(o).SetActivity("industry") },
				func(o any) error { return org(o).SetActivityList([]string{"public", "trade"}) },
			}},
		{"Organisation", "region", []string{"asia"}, []any{"europe"},
			func(o any) any { return org(o).RegionList() },
			[]func(o any) error{
				func(o any) error { org(o).SetRegion("europe/france"); return nil },
			}},
		{"Organisation", "group", []string{"acme"}, []any{[]string{"acme/europe", "acme/asia"}},
			func(o any) any { return org(o).GroupList() },
			[]func(o any) error{
				func(o any) error { org(o).SetGroup("acme/europe"); return nil },
			}},
		{"Email", "validation_dates", []time.Time{d1, d2}, []any{[]time.Time{d2}, d1},
			func(o any) any { return o.(*portaltype.Email).ValidationDatesList() },
			[]func(o any) error{
				func(o any) error { o.(*portaltype.Email).SetValidationDates(d2); return nil },
				func(o any) error { o.(*portaltype.Email).SetValidationDatesList([]time.Time{d1}); return nil },
			}},
	}
	eq := cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) && a.Location().String() == b.Location().String() })
	for _, c := range cases {
		t.Run(c.typ+"/"+c.id, func(t *testing.T) {
			obj, err := portaltype.New(c.typ)
			if err != nil {
				t.Fatal(err)
			}
			in := cloneValue(c.first)
			if err := obj.SetProperty(c.id, in); err != nil {
				t.Fatal(err)
			}
			want := cloneValue(c.first)
			// The setter stored a copy: changing what we gave changes nothing.
			switch in := in.(type) {
			case []string:
				in[0] = "changed"
			case []byte:
				in[0] = '!'
			case []time.Time:
				in[0] = time.Time{}
			}
			v, err := obj.Value(c.id)
			if err != nil {
				t.Fatal(err)
			}
			got, err := obj.GetProperty(c.id)
			if err != nil {
				t.Fatal(err)
			}
			typed := c.typed(obj)
			for what, x := range map[string]any{"Value": v.Any(), "GetProperty": got, "typed getter": typed} {
				if !cmp.Equal(want, x, eq) {
					t.Fatalf("%s after set (-want +got):\n%s", what, cmp.Diff(want, x, eq))
				}
			}
			check := func(after string) {
				t.Helper()
				for what, x := range map[string]any{"Value": v.Any(), "GetProperty": got, "typed getter": typed} {
					if !cmp.Equal(want, x, eq) {
						t.Errorf("%s read before %s changed (-want +got):\n%s", what, after, cmp.Diff(want, x, eq))
					}
				}
				now, _ := obj.GetProperty(c.id)
				if cmp.Equal(want, now, eq) {
					t.Errorf("%s did not change %s: test is not testing", after, c.id)
				}
			}
			for i, w := range c.writes {
				if err := obj.SetProperty(c.id, w); err != nil {
					t.Fatal(err)
				}
				check(fmt.Sprintf("SetProperty %d (%#v)", i, w))
				if err := obj.SetProperty(c.id, c.first); err != nil {
					t.Fatal(err)
				}
				if err := obj.EditMap(map[string]any{c.id: w}); err != nil {
					t.Fatal(err)
				}
				check(fmt.Sprintf("Edit %d (%#v)", i, w))
			}
			for i, set := range c.setters {
				if err := obj.SetProperty(c.id, c.first); err != nil {
					t.Fatal(err)
				}
				if err := set(obj); err != nil {
					t.Fatal(err)
				}
				check(fmt.Sprintf("typed setter %d", i))
			}
		})
	}
}
