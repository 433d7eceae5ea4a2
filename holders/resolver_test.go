package holders_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/accessorgen/accessorgen/examples/erp5/portaltype"
	"github.com/accessorgen/accessorgen/holders"
	"github.com/google/go-cmp/cmp"
)

// urls lists the relative URLs of objs.
func urls(objs []holders.Object) []string {
	out := []string{}
	for _, o := range objs {
		out = append(out, o.RelativeURL())
	}
	return out
}

func TestMemory(t *testing.T) {
	ctx := context.Background()
	m := holders.NewMemory()
	acme := new(portaltype.Organisation)
	acme.SetCorporateName("Acme")
	jean, ada := new(portaltype.Person), new(portaltype.Person)
	jean.SetSubordination("organisation_module/acme")
	jean.SetRegion("europe/france")
	ada.SetSubordinationList([]string{"organisation_module/acme", "organisation_module/other"})
	addr := new(portaltype.Address)
	for url, obj := range map[string]holders.Object{
		"organisation_module/acme": acme, "person_module/jean": jean, "person_module/ada": ada,
		"person_module/jean/default_address": addr,
	} {
		if err := m.Put(url, obj); err != nil {
			t.Fatal(err)
		}
	}
	if jean.RelativeURL() != "person_module/jean" {
		t.Errorf("Put did not set the URL: %q", jean.RelativeURL())
	}
	if got, err := m.Get(ctx, "organisation_module/acme"); err != nil || got != acme {
		t.Errorf("Get = %v, %v", got, err)
	}
	if _, err := m.Get(ctx, "nope"); !errors.Is(err, holders.ErrNotFound) || err.Error() != `not found: "nope"` {
		t.Errorf("Get(nope) = %v, want ErrNotFound, "+`not found: "nope"`, err)
	}
	tests := []struct {
		name string
		got  func() ([]holders.Object, error)
		want []string
	}{
		{"related to acme", func() ([]holders.Object, error) { return m.Related(ctx, "subordination", "organisation_module/acme") },
			[]string{"person_module/ada", "person_module/jean"}},
		{"related to other", func() ([]holders.Object, error) { return m.Related(ctx, "subordination", "organisation_module/other") },
			[]string{"person_module/ada"}},
		{"in a region", func() ([]holders.Object, error) { return m.Related(ctx, "region", "europe/france") }, []string{"person_module/jean"}},
		{"related to nothing", func() ([]holders.Object, error) { return m.Related(ctx, "subordination", "nope") }, []string{}},
		{"children of a module", func() ([]holders.Object, error) { return m.Children(ctx, "person_module") },
			[]string{"person_module/ada", "person_module/jean"}},
		{"sub-objects", func() ([]holders.Object, error) { return m.Children(ctx, "person_module/jean") },
			[]string{"person_module/jean/default_address"}},
		{"top level", func() ([]holders.Object, error) { return m.Children(ctx, "") }, []string{}},
	}
	for _, tt := range tests {
		objs, err := tt.got()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, urls(objs)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}

	// Memberships changed after Put are seen after the next Put, as in
	// ERP5's catalog.
	jean.SetSubordination("organisation_module/other")
	if objs, _ := m.Related(ctx, "subordination", "organisation_module/other"); len(objs) != 1 {
		t.Errorf("index changed before Put: %v", urls(objs))
	}
	if err := m.Put("person_module/jean", jean); err != nil {
		t.Fatal(err)
	}
	objs, _ := m.Related(ctx, "subordination", "organisation_module/other")
	if diff := cmp.Diff([]string{"person_module/ada", "person_module/jean"}, urls(objs)); diff != "" {
		t.Errorf("after Put again (-want +got):\n%s", diff)
	}
	if objs, _ := m.Children(ctx, "person_module"); len(objs) != 2 {
		t.Errorf("putting an object again duplicated it among its siblings: %v", urls(objs))
	}

	m.Delete("person_module/ada")
	m.Delete("person_module/ada") // twice: no effect
	objs, _ = m.Related(ctx, "subordination", "organisation_module/other")
	if diff := cmp.Diff([]string{"person_module/jean"}, urls(objs)); diff != "" {
		t.Errorf("after Delete (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"", "/abs", "trailing/", "a//b"} {
		if err := m.Put(bad, new(portaltype.Person)); !errors.Is(err, holders.ErrInvalidValue) {
			t.Errorf("Put(%q) = %v, want ErrInvalidValue", bad, err)
		}
	}
}

// TestMemoryConcurrent: Memory is safe for concurrent use (run with -race).
func TestMemoryConcurrent(t *testing.T) {
	ctx := context.Background()
	m := holders.NewMemory()
	org := new(portaltype.Organisation)
	if err := m.Put("organisation_module/acme", org); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				url := fmt.Sprintf("person_module/%d_%d", g, i)
				p := new(portaltype.Person)
				p.SetSubordination("organisation_module/acme")
				if err := m.Put(url, p); err != nil {
					t.Error(err)
					return
				}
				if _, err := m.Get(ctx, url); err != nil {
					t.Error(err)
				}
				m.Related(ctx, "subordination", "organisation_module/acme")
				m.Children(ctx, "person_module")
				if i%3 == 0 {
					m.Delete(url)
				}
			}
		}()
	}
	wg.Wait()
	objs, _ := m.Related(ctx, "subordination", "organisation_module/acme")
	if want := 8 * (200 - 67); len(objs) != want {
		t.Errorf("%d related after concurrent puts and deletes, want %d", len(objs), want)
	}
}

func TestCategoryHelpers(t *testing.T) {
	if diff := cmp.Diff([]string{"a", "b/c", "d"}, holders.CategorySet([]string{"a", "b/c", "a", "d", "b/c"})); diff != "" {
		t.Errorf("CategorySet (-want +got):\n%s", diff)
	}
	for in, want := range map[string]string{"europe/france": "france", "acme": "acme", "": ""} {
		if got := holders.CategoryID(in); got != want {
			t.Errorf("CategoryID(%q) = %q", in, got)
		}
	}
	table := []holders.CategoryInfo{{Path: "region", ID: "region", Title: "Region"}, {Path: "region/europe", ID: "europe", Title: "Europe"}}
	if title, err := holders.TreeTitle(table, "region", "europe"); title != "Europe" || err != nil {
		t.Errorf("TreeTitle = %q, %v", title, err)
	}
	if title, err := holders.TreeTitle(table, "region", ""); title != "" || err != nil {
		t.Errorf("TreeTitle of nothing = %q, %v", title, err)
	}
	if _, err := holders.TreeTitle(table, "region", "mars"); !errors.Is(err, holders.ErrNotFound) {
		t.Errorf("TreeTitle(mars) = %v", err)
	}
	if err := holders.CheckTree(table, "region", []string{"europe"}); err != nil {
		t.Error(err)
	}
	for _, bad := range [][]string{{"mars"}, {""}, {"europe", "europe/x"}} {
		if err := holders.CheckTree(table, "region", bad); !errors.Is(err, holders.ErrInvalidValue) {
			t.Errorf("CheckTree(%q) = %v", bad, err)
		}
	}

	// Accessors that need a Resolver say so when the context has none.
	p := new(portaltype.Person)
	p.SetSubordination("organisation_module/acme")
	if _, err := p.SubordinationValue(context.Background()); !errors.Is(err, holders.ErrNoResolver) {
		t.Errorf("SubordinationValue without a resolver = %v", err)
	}
	// Tree titles need none.
	p.SetRegion("asia/japan")
	if title, err := p.RegionTitle(context.Background()); title != "Japan" || err != nil {
		t.Errorf("RegionTitle = %q, %v", title, err)
	}
	// An object nobody stored is no one's target.
	ctx := holders.WithResolver(context.Background(), holders.NewMemory())
	if objs, err := new(portaltype.Organisation).SubordinationRelatedValueList(ctx); objs != nil || err != nil {
		t.Errorf("related of an unstored object = %v, %v", objs, err)
	}
}
