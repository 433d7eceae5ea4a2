package holders_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/accessorgen/accessorgen/examples/erp5/portaltype"
	"github.com/accessorgen/accessorgen/holders"
	"github.com/google/go-cmp/cmp"
)

// badPaths are paths CheckPath refuses, with the reason its message gives.
var badPaths = []struct{ path, why string }{
	{"", "it is empty"},
	{"/abs", "it starts with /"},
	{"/", "it starts with /"},
	{"trailing/", "it ends with /"},
	{"x//y", "it has an empty segment (//)"},
	{".", `its segment "." names the current object`},
	{"..", `its segment ".." names the parent object`},
	{"a/../b", `its segment ".." names the parent object`},
	{"europe/.", `its segment "." names the current object`},
	{"./europe", `its segment "." names the current object`},
	{"europe/..", `its segment ".." names the parent object`},
}

func TestCheckPath(t *testing.T) {
	for _, good := range []string{"europe", "europe/france", "organisation_module/acme", "a.b/..c/d..", "...", "x/.y"} {
		if err := holders.CheckPath(good); err != nil {
			t.Errorf("CheckPath(%q) = %v, want nil", good, err)
		}
	}
	for _, c := range badPaths {
		err := holders.CheckPath(c.path)
		if !errors.Is(err, holders.ErrInvalidValue) || !strings.HasSuffix(err.Error(), " is not a relative URL: "+c.why) {
			t.Errorf("CheckPath(%q) = %v, want ErrInvalidValue ending %q", c.path, err, c.why)
		}
	}
	if n := testing.AllocsPerRun(100, func() { _ = holders.CheckPath("organisation_module/acme/sub") }); n != 0 {
		t.Errorf("CheckPath of a valid path: %v allocations, want 0", n)
	}
	var valid any = []string{"europe/france", "asia/japan"} // boxed once, as SetProperty's argument
	if n := testing.AllocsPerRun(100, func() { _, _ = holders.ToCategories(valid) }); n != 0 {
		t.Errorf("ToCategories of valid paths: %v allocations, want 0", n)
	}
}

func TestToCategories(t *testing.T) {
	cases := []struct {
		v    any
		want []string
		err  error
	}{
		{"europe/france", []string{"europe/france"}, nil},
		{[]string{"a", "b/c"}, []string{"a", "b/c"}, nil},
		{[]string{}, []string{}, nil}, // no membership
		{"a/../b", nil, holders.ErrInvalidValue},
		{[]string{"a", "x//y"}, nil, holders.ErrInvalidValue},
		{[]string{""}, nil, holders.ErrInvalidValue},
		{3, nil, holders.ErrWrongType},
	}
	for _, c := range cases {
		got, err := holders.ToCategories(c.v)
		if diff := cmp.Diff(c.want, got); diff != "" || !errors.Is(err, c.err) || (c.err == nil) != (err == nil) {
			t.Errorf("ToCategories(%#v) = %q, %v; want %q, %v", c.v, got, err, c.want, c.err)
		}
	}
}

// TestMemoryPutRefusesBadPaths: Memory.Put refuses a URL, or an object
// with a membership, that is not a relative URL, and then stores nothing,
// indexes nothing and leaves the object's URL as it was.
func TestMemoryPutRefusesBadPaths(t *testing.T) {
	ctx := t.Context()
	for _, c := range badPaths {
		m := holders.NewMemory()
		p := new(portaltype.Person)
		if err := m.Put(c.path, p); !errors.Is(err, holders.ErrInvalidValue) || !strings.Contains(err.Error(), c.why) {
			t.Errorf("Put(%q) = %v, want ErrInvalidValue: %s", c.path, err, c.why)
		}
		if p.RelativeURL() != "" {
			t.Errorf("Put(%q) refused but set the URL %q", c.path, p.RelativeURL())
		}

		p.SetSubordinationList([]string{"organisation_module/acme", c.path})
		err := m.Put("person_module/1", p)
		var pe *holders.PropertyError
		if !errors.As(err, &pe) || pe.Property != "subordination" || !errors.Is(err, holders.ErrInvalidValue) {
			t.Errorf("Put of a membership %q = %v, want a PropertyError about subordination", c.path, err)
		}
		if _, err := m.Get(ctx, "person_module/1"); !errors.Is(err, holders.ErrNotFound) {
			t.Errorf("Put of a membership %q refused but stored the object: %v", c.path, err)
		}
		if objs, _ := m.Related(ctx, "subordination", "organisation_module/acme"); len(objs) != 0 || p.RelativeURL() != "" {
			t.Errorf("Put of a membership %q refused but indexed %v, URL %q", c.path, urls(objs), p.RelativeURL())
		}
	}
}
