package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/accessorgen/accessorgen/examples/erp5/portaltype"
	"github.com/accessorgen/accessorgen/holders"
	"github.com/accessorgen/accessorgen/internal/driver"
	"github.com/accessorgen/accessorgen/internal/exampletest"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/run.stdout")

// TestGeneratedCodeIsUpToDate fails when the checked-in generated packages
// differ from what the schema produces: run go generate ./examples/erp5.
func TestGeneratedCodeIsUpToDate(t *testing.T) { exampletest.UpToDate(t, "erp5") }

// TestRun pins the example's output.
func TestRun(t *testing.T) { exampletest.Output(t, "erp5", *update, run) }

// sample returns a value for property p; variants differ from each other.
func sample(p *holders.PropertyInfo, variant int) any {
	s := fmt.Sprintf("%s-%d", p.ID, variant)
	list := p.Multivalued
	switch p.Type {
	case "int":
		if list {
			return []int{variant, -7}
		}
		return 40 + variant
	case "float":
		if list {
			return []float64{1.25, float64(variant)}
		}
		return 1.5 + float64(variant)
	case "boolean":
		if list {
			return []bool{true, variant%2 == 0}
		}
		return variant%2 == 0
	case "date":
		d := time.Date(2001, time.February, 3+variant, 4, 5, 6, 7, time.UTC)
		if list {
			return []time.Time{d, d.Add(time.Hour)}
		}
		return d
	case "data":
		return []byte(s)
	case "selection":
		return p.Values[variant%len(p.Values)]
	case "multiple selection":
		return []string{p.Values[variant%len(p.Values)]}
	case "category":
		return []string{categorySample(p.ID, variant)}
	}
	if list {
		return []string{s, s + "b"}
	}
	return s
}

// categorySample returns a membership of base category base: a path of its
// tree when it has one (checked by by-name writes), else an object URL.
func categorySample(base string, variant int) string {
	c, ok := portaltype.LookupCategory(base)
	if !ok || len(c.Children) == 0 {
		return fmt.Sprintf("%s_module/%d", base, variant)
	}
	path := c.Children[variant%len(c.Children)]
	return strings.TrimPrefix(path, base+"/")
}

// TestEveryPropertyByName sets and reads every property of every type by
// name, and checks that Value, GetProperty and HasProperty agree and that
// read-only properties are refused.
func TestEveryPropertyByName(t *testing.T) {
	for _, name := range portaltype.TypeNames() {
		info, ok := portaltype.LookupType(name)
		if !ok {
			t.Fatalf("LookupType(%q) failed", name)
		}
		if len(info.Properties) == 0 {
			t.Fatalf("%s has no properties", name)
		}
		for _, p := range info.Properties {
			t.Run(name+"/"+p.ID, func(t *testing.T) {
				obj, err := portaltype.New(name)
				if err != nil {
					t.Fatal(err)
				}
				if obj.HasProperty(p.ID) {
					t.Fatalf("a new %s has %s", name, p.ID)
				}
				want := sample(p, 1)
				err = obj.SetProperty(p.ID, want)
				if p.ReadOnly {
					if !errors.Is(err, holders.ErrReadOnly) {
						t.Fatalf("SetProperty on read-only %s: got %v, want ErrReadOnly", p.ID, err)
					}
					if obj.HasProperty(p.ID) {
						t.Fatalf("refused SetProperty set %s", p.ID)
					}
					return
				}
				if err != nil {
					t.Fatalf("SetProperty(%q, %#v): %v", p.ID, want, err)
				}
				if overridden(info, p) {
					return // the document decides what it reads back: TestDocumentOverrides
				}
				got, err := obj.GetProperty(p.ID)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("GetProperty(%q) (-set +got):\n%s", p.ID, diff)
				}
				v, err := obj.Value(p.ID)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, v.Any()); diff != "" {
					t.Errorf("Value(%q) (-set +got):\n%s", p.ID, diff)
				}
				if !obj.HasProperty(p.ID) {
					t.Errorf("HasProperty(%q) = false after a set", p.ID)
				}
				if err := obj.SetProperty(p.ID, struct{}{}); !errors.Is(err, holders.ErrWrongType) {
					t.Errorf("SetProperty(%q, struct{}{}) = %v, want ErrWrongType", p.ID, err)
				}
			})
		}
	}
}

// TestEveryTypeEdit edits all writable properties of each type at once,
// then checks that one bad value leaves every property as it was.
func TestEveryTypeEdit(t *testing.T) {
	for _, name := range portaltype.TypeNames() {
		t.Run(name, func(t *testing.T) {
			obj, _ := portaltype.New(name)
			info := obj.TypeInfo()
			changes := map[string]any{}
			for _, p := range info.Properties {
				if !p.ReadOnly {
					changes[p.ID] = sample(p, 2)
				}
			}
			if err := obj.EditMap(changes); err != nil {
				t.Fatal(err)
			}
			for id, want := range changes {
				if p, _ := info.Property(id); overridden(info, p) {
					continue
				}
				got, _ := obj.GetProperty(id)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s after Edit (-want +got):\n%s", id, diff)
				}
			}

			fresh, _ := portaltype.New(name)
			bad := map[string]any{"no_such_property": 1}
			for id, v := range changes {
				bad[id] = v
			}
			err := fresh.EditMap(bad)
			var editErr *holders.EditError
			if !errors.As(err, &editErr) || len(editErr.Errors) != 1 || editErr.Errors[0].Property != "no_such_property" {
				t.Fatalf("Edit with an unknown key: got %v, want an EditError naming only no_such_property", err)
			}
			for _, id := range fresh.PropertyIDs() {
				if fresh.HasProperty(id) {
					t.Errorf("refused Edit changed %s", id)
				}
			}
		})
	}
}

// overridden reports whether a document method replaces an accessor of p.
func overridden(info *holders.TypeInfo, p *holders.PropertyInfo) bool {
	for _, o := range info.Overrides {
		if o.Property == p {
			return true
		}
	}
	return false
}

// TestDocumentOverrides: hand-written document methods win over generated
// accessors in typed and by-name access, and Edit goes through them.
func TestDocumentOverrides(t *testing.T) {
	p := new(portaltype.Person)
	p.SetFirstName("Ada")
	if err := p.SetProperty("last_name", "lovelace"); err != nil {
		t.Fatal(err)
	}
	if got, _ := p.GetProperty("last_name"); got != "LOVELACE" {
		t.Errorf("by-name set of last_name = %q, want the document's LOVELACE", got)
	}
	if got, _ := p.GetProperty("title"); got != "Ada LOVELACE" || p.Title() != "Ada LOVELACE" {
		t.Errorf("title = %q / %q, want the document's computed Ada LOVELACE", got, p.Title())
	}
	if err := p.EditMap(map[string]any{"title": "Countess", "last_name": "king"}); err != nil {
		t.Fatal(err)
	}
	if v, _ := p.Value("title"); v.Str() != "Countess" || p.LastName() != "KING" {
		t.Errorf("after Edit: title %q, last name %q", v.Str(), p.LastName())
	}
	// Person's holder is reached through the document, not embedded twice.
	if p.PersonHolder.FirstName() != "Ada" || p.Person.PersonHolder.FirstName() != "Ada" {
		t.Error("the document and the portal type do not share Person's holder")
	}
	var methods []string
	for _, o := range p.TypeInfo().Overrides {
		methods = append(methods, o.Method+":"+o.Property.ID+":"+o.Property.Sheet)
	}
	want := []string{"SetLastName:last_name:Person", "Title:title:Person", "Title:title:DublinCore"}
	if diff := cmp.Diff(want, methods); diff != "" {
		t.Errorf("Overrides (-want +got):\n%s", diff)
	}

	o := new(portaltype.Organisation)
	o.SetCorporateName("Acme")
	if got, _ := o.GetProperty("title"); got != "Acme" {
		t.Errorf("Organisation title = %q, want the corporate name", got)
	}
	o.SetTitle("Acme Group")
	if got, _ := o.GetProperty("title"); got != "Acme Group" || o.Organisation.DublinCoreHolder.Title() != "Acme Group" {
		t.Errorf("Organisation title = %q, want Acme Group in the document's holder", got)
	}
	o.Note("a")
	p.Note("b")
	if !cmp.Equal(o.Notes(), []string{"a"}) || !cmp.Equal(p.Notes(), []string{"b"}) {
		t.Errorf("mixin notes: %v %v", o.Notes(), p.Notes())
	}
}

// TestShadowingAndTypedAccess checks that by-name access reaches the
// winner of a shadowed property and the typed accessors agree.
func TestShadowingAndTypedAccess(t *testing.T) {
	p := new(portaltype.Person)
	if err := p.SetProperty("title", "By name"); err != nil {
		t.Fatal(err)
	}
	if p.Title() != "By name" || p.PersonHolder.Title() != "By name" || p.DublinCoreHolder.Title() != "" {
		t.Errorf("title went to the wrong holder: Person %q, DublinCore %q", p.PersonHolder.Title(), p.DublinCoreHolder.Title())
	}
	p.SetCareerRoleList([]string{"a", "b"})
	p.SetCareerRole("b")
	if diff := cmp.Diff([]string{"b", "a"}, p.CareerRoleList()); diff != "" {
		t.Errorf("SetCareerRole is ERP5's default setter (-want +got):\n%s", diff)
	}
	if p.Language() != "en" || p.HasLanguage() {
		t.Errorf("unset language: got %q (has %v), want the default en", p.Language(), p.HasLanguage())
	}
	if err := p.SetGender("robot"); !errors.Is(err, holders.ErrInvalidValue) {
		t.Errorf("SetGender(robot) = %v, want ErrInvalidValue", err)
	}
	p.SetSalaryRangeMin(1000)
	if v, _ := p.Value("salary_range_min"); v.Float() != 1000 {
		t.Errorf("salary_range_min by name = %v", v)
	}
	p.SetGroupList([]string{"acme"})
	if v, _ := p.GetProperty("group"); !cmp.Equal(v, []string{"acme"}) {
		t.Errorf("own category group by name = %v", v)
	}
}

// TestNoInitWork builds the example and checks that no generated package,
// nor the runtime, has initialisation code: importing them costs nothing.
func TestNoInitWork(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "erp5")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command("go", "tool", "nm", bin).CombinedOutput()
	if err != nil {
		t.Fatalf("go tool nm: %v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) < 3 {
			continue
		}
		sym := f[len(f)-1]
		for _, pkg := range []string{"examples/erp5/portaltype", "examples/erp5/accessorholder", "accessorgen/holders"} {
			if strings.HasSuffix(sym, pkg+".init") {
				t.Errorf("%s has init code (%s): tables must be static", pkg, sym)
			}
		}
	}
}

// TestRegenerateFromScratch copies the example's schema, documents and
// main into a new module outside this repository, with no generated file
// at all, generates, builds and runs it: what a fresh clone goes through.
// The documents package imports holders that do not exist yet on disk.
func TestRegenerateFromScratch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module; skipped with -short")
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	const from, to = "github.com/accessorgen/accessorgen/examples/erp5", "example.com/erp5copy"
	copyTree(t, ".", dir, func(rel string) bool {
		return rel == "accessorgen.yaml" || rel == "main.go" || strings.HasPrefix(rel, "schema/") || strings.HasPrefix(rel, "project/") || strings.HasPrefix(rel, "document/")
	}, func(data []byte) []byte { return bytes.ReplaceAll(data, []byte(from), []byte(to)) })
	gosum, err := os.ReadFile(filepath.Join(repo, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	gomod := "module " + to + "\n\ngo 1.26\n\nrequire github.com/accessorgen/accessorgen v0.0.0\n\nreplace github.com/accessorgen/accessorgen => " + repo + "\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), gosum, 0o644); err != nil {
		t.Fatal(err)
	}

	// The copy's go.mod lists only the direct requirement: let the go
	// command complete it, as go mod tidy would, from the module cache.
	t.Setenv("GOFLAGS", "-mod=mod")
	res, err := driver.Run(filepath.Join(dir, "accessorgen.yaml"), driver.Options{})
	if err != nil {
		t.Fatalf("generating from scratch: %v", err)
	}
	if len(res.Written) == 0 || res.Unchanged != 0 {
		t.Fatalf("from scratch: wrote %d files, %d unchanged", len(res.Written), res.Unchanged)
	}
	for _, name := range res.Written {
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(bytes.ReplaceAll(want, []byte(from), []byte(to))), string(got)); diff != "" {
			t.Errorf("%s generated from scratch differs from the checked-in one (-checked-in +scratch):\n%s", name, diff)
		}
	}
	cmd := exec.Command("go", "run", ".")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run in the fresh module: %v\n%s", err, out)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "golden", "run.stdout"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(out)); diff != "" {
		t.Errorf("the fresh module's output differs (-golden +fresh):\n%s", diff)
	}
}

// copyTree copies the files under src that keep selects into dst,
// passing their contents through edit.
func copyTree(t *testing.T, src, dst string, keep func(rel string) bool, edit func([]byte) []byte) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(path)
		if !keep(rel) {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, path)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, edit(data), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCategories exercises every category accessor family on the
// generated types, through a Memory resolver.
func TestCategories(t *testing.T) {
	store := holders.NewMemory()
	ctx := holders.WithResolver(context.Background(), store)
	acme, globex := new(portaltype.Organisation), new(portaltype.Organisation)
	acme.SetCorporateName("Acme SA")
	globex.SetTitle("Globex")
	for url, o := range map[string]holders.Object{"organisation_module/acme": acme, "organisation_module/globex": globex} {
		if err := store.Put(url, o); err != nil {
			t.Fatal(err)
		}
	}
	p := new(portaltype.Person)
	p.SetRegionList([]string{"europe/france", "asia/japan", "europe/france"})
	if diff := cmp.Diff([]string{"europe/france", "asia/japan"}, p.RegionSet()); diff != "" {
		t.Errorf("RegionSet (-want +got):\n%s", diff)
	}
	if p.Region() != "europe/france" || p.RegionID() != "france" {
		t.Errorf("Region %q, RegionID %q", p.Region(), p.RegionID())
	}
	if title, err := p.RegionTitle(context.Background()); title != "France" || err != nil {
		t.Errorf("RegionTitle without a resolver = %q, %v", title, err)
	}
	// A tree category's values resolve at "<base>/<value>".
	if _, err := p.RegionValue(ctx); !errors.Is(err, holders.ErrNotFound) || !strings.Contains(err.Error(), `"region/europe/france"`) {
		t.Errorf("RegionValue = %v, want not found at region/europe/france", err)
	}

	p.SetSubordinationValue(acme)
	p.SetSubordinationValueList([]holders.Object{acme, globex})
	if diff := cmp.Diff([]string{"organisation_module/acme", "organisation_module/globex"}, p.SubordinationList()); diff != "" {
		t.Errorf("SetSubordinationValueList (-want +got):\n%s", diff)
	}
	if v, err := p.SubordinationValue(ctx); v != acme || err != nil {
		t.Errorf("SubordinationValue = %v, %v", v, err)
	}
	vs, err := p.SubordinationValueList(ctx)
	if err != nil || len(vs) != 2 || vs[1] != globex {
		t.Errorf("SubordinationValueList = %v, %v", vs, err)
	}
	if title, err := p.SubordinationTitle(ctx); title != "Acme SA" || err != nil {
		t.Errorf("SubordinationTitle = %q, %v (the document's Title: the corporate name)", title, err)
	}
	if err := store.Put("person_module/1", p); err != nil {
		t.Fatal(err)
	}
	for _, org := range []*portaltype.Organisation{acme, globex} {
		staff, err := org.SubordinationRelatedValueList(ctx)
		if err != nil || len(staff) != 1 || staff[0] != p {
			t.Errorf("%s related = %v, %v", org.RelativeURL(), staff, err)
		}
	}

	// By-name writes of tree categories are checked against the tree.
	if err := p.SetProperty("region", []string{"europe/germany", "asia/japan"}); err != nil {
		t.Error(err)
	}
	err = p.EditMap(map[string]any{"region": "europe/atlantis", "first_name": "X"})
	if !errors.Is(err, holders.ErrInvalidValue) || p.FirstName() == "X" {
		t.Errorf("Edit with a region outside the tree = %v", err)
	}
	// Values of categories without a tree are URLs: any relative URL
	// (TestCategoryPaths has those refused).
	if err := p.SetProperty("subordination", "anything/at/all"); err != nil {
		t.Error(err)
	}
	// Trees have parents and children.
	europe, ok := portaltype.LookupCategory("region/europe")
	if diff := cmp.Diff([]string{"region/europe/france", "region/europe/germany"}, europe.Children); !ok || diff != "" || europe.Parent != "region" {
		t.Errorf("region/europe: parent %q, children (-want +got):\n%s", europe.Parent, diff)
	}
}

// TestCategoryPaths: every by-name write of a category, with a tree or
// without, refuses a membership that is not a relative URL with
// ErrInvalidValue naming the property, and changes nothing: not the
// category, and not the other changes of the same Edit, in place or
// through holders.Edit (more than holders.EditInPlace changes).
func TestCategoryPaths(t *testing.T) {
	bad := []string{"", "x//y", "/abs", "trailing/", "a/../b", ".", "..", "organisation_module/.", "../acme"}
	writes := []struct {
		name string
		do   func(p *portaltype.Person, id string, v any) error
	}{
		{"SetProperty", func(p *portaltype.Person, id string, v any) error { return p.SetProperty(id, v) }},
		{"Edit", func(p *portaltype.Person, id string, v any) error {
			return p.Edit(holders.Change{ID: "first_name", Value: "X"}, holders.Change{ID: id, Value: v})
		}},
		{"Edit of many", func(p *portaltype.Person, id string, v any) error {
			changes := make([]holders.Change, holders.EditInPlace)
			for i := range changes {
				changes[i] = holders.Change{ID: "first_name", Value: "X"}
			}
			return p.Edit(append(changes, holders.Change{ID: id, Value: v})...)
		}},
		{"EditMap", func(p *portaltype.Person, id string, v any) error {
			return p.EditMap(map[string]any{"first_name": "X", id: v})
		}},
	}
	for _, w := range writes {
		for _, id := range []string{"subordination", "region"} {
			for _, path := range bad {
				for _, v := range []any{path, []string{"europe", path}} {
					p := new(portaltype.Person)
					p.SetFirstName("Jean")
					p.SetRegionList([]string{"europe/france"})
					p.SetSubordinationList([]string{"organisation_module/acme"})
					err := w.do(p, id, v)
					var pe *holders.PropertyError
					if !errors.Is(err, holders.ErrInvalidValue) || !errors.As(err, &pe) || pe.Property != id || !strings.Contains(err.Error(), "is not a relative URL") {
						t.Errorf("%s(%s, %#v) = %v, want ErrInvalidValue: not a relative URL", w.name, id, v, err)
					}
					if p.FirstName() != "Jean" || p.Region() != "europe/france" || p.Subordination() != "organisation_module/acme" || len(p.RegionList())+len(p.SubordinationList()) != 2 {
						t.Errorf("%s(%s, %#v) refused but changed the person: %q, %q, %q", w.name, id, v, p.FirstName(), p.RegionList(), p.SubordinationList())
					}
				}
			}
		}
		// A valid path is taken.
		p := new(portaltype.Person)
		if err := w.do(p, "subordination", "organisation_module/acme"); err != nil || p.Subordination() != "organisation_module/acme" {
			t.Errorf("%s(subordination, organisation_module/acme) = %v, stored %q", w.name, err, p.SubordinationList())
		}
	}
}

// TestContentAndAcquisition: a Person's default address and telephone are
// its own sub-objects when it has them, else its employer's (mask_value);
// its preferred currency is its own, else its employer's, whose schema
// default counts.
func TestContentAndAcquisition(t *testing.T) {
	store := holders.NewMemory()
	ctx := holders.WithResolver(context.Background(), store)
	put := func(url string, o holders.Object) {
		t.Helper()
		if err := store.Put(url, o); err != nil {
			t.Fatal(err)
		}
	}
	org := new(portaltype.Organisation)
	put("organisation_module/acme", org)
	p := new(portaltype.Person)
	put("person_module/1", p)

	// No employer, no address: nil and zero values, no error.
	if a, err := p.DefaultAddressValue(ctx); a != nil || err != nil {
		t.Errorf("DefaultAddressValue = %v, %v", a, err)
	}
	if city, err := p.DefaultAddressCity(ctx); city != "" || err != nil {
		t.Errorf("DefaultAddressCity = %q, %v", city, err)
	}
	if cur, err := p.AcquirePreferredCurrency(ctx); cur != "" || err != nil {
		t.Errorf("AcquirePreferredCurrency without employer = %q, %v", cur, err)
	}

	p.SetSubordination("organisation_module/acme")
	office, phone := new(portaltype.Address), new(portaltype.Telephone)
	office.SetCity("Lyon")
	office.SetZipCode("69001")
	phone.SetTelephoneNumber("+33 4 00 00 00 00")
	put("organisation_module/acme/default_address", office)
	put("organisation_module/acme/default_telephone", phone)
	if a, err := p.DefaultAddressValue(ctx); a != office || err != nil {
		t.Errorf("acquired DefaultAddressValue = %v, %v", a, err)
	}
	if zip, _ := p.DefaultAddressZipCode(ctx); zip != "69001" {
		t.Errorf("DefaultAddressZipCode = %q", zip)
	}
	if n, _ := p.DefaultTelephoneTelephoneNumber(ctx); n != "+33 4 00 00 00 00" {
		t.Errorf("DefaultTelephoneTelephoneNumber = %q", n)
	}
	if cur, _ := p.AcquirePreferredCurrency(ctx); cur != "EUR" {
		t.Errorf("AcquirePreferredCurrency = %q, want the employer's default EUR", cur)
	}
	org.SetDefaultCurrency("USD")
	if cur, _ := p.AcquirePreferredCurrency(ctx); cur != "USD" {
		t.Errorf("AcquirePreferredCurrency = %q, want the employer's USD", cur)
	}

	// Its own values mask the employer's.
	home := new(portaltype.Address)
	home.SetCity("Paris")
	put("person_module/1/default_address", home)
	p.SetPreferredCurrency("CHF")
	if city, _ := p.DefaultAddressCity(ctx); city != "Paris" {
		t.Errorf("DefaultAddressCity = %q, want its own Paris", city)
	}
	if cur, _ := p.AcquirePreferredCurrency(ctx); cur != "CHF" {
		t.Errorf("AcquirePreferredCurrency = %q, want its own CHF", cur)
	}
	if n, _ := p.DefaultTelephoneTelephoneNumber(ctx); n != "+33 4 00 00 00 00" {
		t.Errorf("telephone still acquired: %q", n)
	}
	// The organisation's own content property is not acquired.
	if a, _ := org.DefaultAddressValue(ctx); a != office {
		t.Errorf("Organisation.DefaultAddressValue = %v", a)
	}
	// A sub-object of the wrong type is an error, not a panic.
	put("person_module/1/default_telephone", new(portaltype.Email))
	if _, err := p.DefaultTelephoneValue(ctx); !errors.Is(err, holders.ErrWrongType) {
		t.Errorf("a wrong sub-object: %v", err)
	}
}

// TestNoStaticItabs builds the example and checks which of its portal
// types the binary holds an itab for, ready-made: the runtime registers
// each such itab when the program starts, so generated code converts its
// objects to holders.Object at run time (holders.ObjectOf). Email and
// PersonModule are only made through New, and must have none; the other
// types are converted by the example itself (p.(*portaltype.Person)) or by
// holders.Content's type parameter, and show that the check sees itabs.
func TestNoStaticItabs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example")
	}
	bin := filepath.Join(t.TempDir(), "erp5")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command("go", "tool", "nm", bin).Output()
	if err != nil {
		t.Fatalf("go tool nm: %v", err)
	}
	const prefix = "go:itab.*github.com/accessorgen/accessorgen/examples/erp5/portaltype."
	has := map[string]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		if _, sym, ok := strings.Cut(line, prefix); ok {
			if typ, iface, ok := strings.Cut(sym, ","); ok && iface == "github.com/accessorgen/accessorgen/holders.Object" {
				has[typ] = true
			}
		}
	}
	for _, c := range []struct {
		typ  string
		want bool
	}{
		{"Email", false},
		{"PersonModule", false},
		{"Person", true},
		{"Organisation", true},
	} {
		if has[c.typ] != c.want {
			t.Errorf("itab of *%s for holders.Object in the binary: %v, want %v", c.typ, has[c.typ], c.want)
		}
	}
}

// TestNotComparable checks that no portal type and none of the holders it
// embeds is comparable (holders.NoCompare), whatever its properties: the
// holders of Reference and Telephone have scalar properties only and were
// comparable before. (Every portal type here has a list or a category, so
// TestBaseNotComparable in holders is what keeps a type of scalars from
// being comparable.)
func TestNotComparable(t *testing.T) {
	checked := 0
	for _, name := range portaltype.TypeNames() {
		o, err := portaltype.New(name)
		if err != nil {
			t.Fatal(err)
		}
		typ := reflect.TypeOf(o).Elem()
		if typ.Comparable() {
			t.Errorf("portal type %s (%s) is comparable", name, typ)
		}
		for i := range typ.NumField() {
			f := typ.Field(i)
			if f.Anonymous && f.Type.Kind() == reflect.Struct && strings.HasSuffix(f.Type.PkgPath(), "/accessorholder") {
				checked++
				if f.Type.Comparable() {
					t.Errorf("holder %s of %s is comparable", f.Type, name)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no holder field found")
	}
}

// TestInlined checks that the compiler inlines the generated methods
// written to be inlined: SetProperty and Value, so that a by-name set is
// one call of the type's setter and a by-name read one call of a function
// without a stack frame (docs/performance.md); and the holders conversions
// the setter calls. Their cost is at the
// budget; a change of the generated bodies, or of the compiler, that puts
// one over fails here instead of showing only in a benchmark.
func TestInlined(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the example's types with -m")
	}
	out, err := exec.Command("go", "build", "-gcflags=-m=2", "./portaltype").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m=2: %v\n%s", err, out)
	}
	for _, typ := range []string{"Person", "Organisation", "Email", "PersonModule"} {
		for _, name := range []string{"SetProperty", "Value"} {
			method := "(*" + typ + ")." + name
			if !strings.Contains(string(out), "can inline "+method+" with cost") {
				t.Errorf("the compiler does not inline %s; -m=2 says:\n%s", method, exampletest.GrepLines(string(out), "inline "+method+":"))
			}
		}
	}
	// Each one-line case of setAt, holders.Apply with the typed setter in a
	// function literal, must compile to the conversion and the setter's
	// call: Apply inlined, and the literal inlined into it, with no
	// indirect call left.
	src, err := filepath.Glob("portaltype/*.gen.go")
	if err != nil {
		t.Fatal(err)
	}
	applies := 0
	for _, f := range src {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		applies += strings.Count(string(b), "holders.Apply(")
	}
	if applies == 0 {
		t.Fatal("no holders.Apply in the generated types")
	}
	sites := func(pattern string) int { // the generated code's lines that say so
		return len(regexp.MustCompile(`(?m)^portaltype/\S+: inlining call to `+pattern).FindAllString(string(out), -1))
	}
	if n := sites(`holders\.Apply\[`); n != applies {
		t.Errorf("%d of %d calls of holders.Apply inlined", n, applies)
	}
	if n := sites(`\(\*\w+\)\.setAt\.func\d+`); n != applies {
		t.Errorf("%d of %d setters passed to holders.Apply inlined", n, applies)
	}
	// The conversions of scalar values that the generated setters call,
	// written to fit the budget too.
	out, err = exec.Command("go", "build", "-gcflags=-m=2", "github.com/accessorgen/accessorgen/holders").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m=2 holders: %v\n%s", err, out)
	}
	for _, fn := range []string{"ToString", "ToInt", "ToFloat", "ToBool", "ToTime", "CheckSelection"} {
		if !strings.Contains(string(out), "can inline "+fn+" with cost") {
			t.Errorf("the compiler does not inline holders.%s; -m=2 says:\n%s", fn, exampletest.GrepLines(string(out), "inline "+fn+":"))
		}
	}
}

// TestSelectionErrors: a selection's typed setter names the property it
// refuses a value for; by name, and in an Edit, the portal type is added
// and the property is not named twice.
func TestSelectionErrors(t *testing.T) {
	const langs = `invalid value: "xx" is not one of ["en" "fr" "de" "ja"]`
	const acts = `invalid value: "mining" is not one of ["trade" "industry" "services" "public"]`
	p, o := new(portaltype.Person), new(portaltype.Organisation)
	for _, tt := range []struct {
		name, id string
		err      error
		want     string
	}{
		{"typed", "language", p.SetLanguage("xx"), `property "language": ` + langs},
		{"typed, first of many", "activity", o.SetActivity("mining"), `property "activity": ` + acts},
		{"typed, list", "activity", o.SetActivityList([]string{"trade", "mining"}), `property "activity": ` + acts},
		{"by name", "language", p.SetProperty("language", "xx"), `Person: property "language": ` + langs},
		{"by name, list", "activity", o.SetProperty("activity", []string{"mining"}), `Organisation: property "activity": ` + acts},
		{"edit", "language", p.Edit(holders.Change{ID: "language", Value: "xx"}), `Person: edit refused, nothing changed: "language": ` + langs},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var pe *holders.PropertyError
			if err := tt.err; err == nil || err.Error() != tt.want || !errors.Is(err, holders.ErrInvalidValue) || !errors.As(err, &pe) || pe.Property != tt.id {
				t.Errorf("got %v\nwant %s, an ErrInvalidValue and a *holders.PropertyError of %s", err, tt.want, tt.id)
			}
		})
	}
	if p.HasLanguage() || o.HasActivity() {
		t.Error("a refused value was stored")
	}
}
