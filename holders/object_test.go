package holders_test

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/accessorgen/accessorgen/examples/erp5/portaltype"
	"github.com/accessorgen/accessorgen/holders"
	"github.com/google/go-cmp/cmp"
)

func newPerson(t *testing.T) *portaltype.Person {
	t.Helper()
	obj, err := portaltype.New("Person")
	if err != nil {
		t.Fatal(err)
	}
	p, ok := obj.(*portaltype.Person)
	if !ok {
		t.Fatalf(`New("Person") gave a %T`, obj)
	}
	return p
}

func newOrganisation(t *testing.T) *portaltype.Organisation {
	t.Helper()
	obj, err := portaltype.New("Organisation")
	if err != nil {
		t.Fatal(err)
	}
	o, ok := obj.(*portaltype.Organisation)
	if !ok {
		t.Fatalf(`New("Organisation") gave a %T`, obj)
	}
	return o
}

// state is every by-name property of an object: its value and whether it
// is set.
type state map[string]stateEntry

type stateEntry struct {
	Value any
	Has   bool
}

func stateOf(t *testing.T, o holders.Object) state {
	t.Helper()
	s := state{}
	for _, id := range o.PropertyIDs() {
		v, err := o.GetProperty(id)
		if err != nil {
			t.Fatalf("GetProperty(%q): %v", id, err)
		}
		s[id] = stateEntry{v, o.HasProperty(id)}
	}
	return s
}

var personIDs = []string{
	"first_name", "last_name", "title", "birthday", "child_count", "career_role",
	"salary", "salary_range_min", "salary_range_max", "nickname", "gender", "photo",
	"preferred_currency", "region", "subordination", "employee_number", "reference", "description", "subject", "language",
	"creation_date", "group", "function", "skill",
}

var organisationIDs = []string{
	"corporate_name", "corporate_registration_code", "social_capital", "employee_count",
	"founding_date", "vat_liable", "activity", "default_currency", "region", "reference", "title",
	"description", "subject", "language", "creation_date", "group", "subordination",
}

func TestPropertyIDs(t *testing.T) {
	for _, c := range []struct {
		obj  holders.Object
		want []string
	}{
		{newPerson(t), personIDs},
		{newOrganisation(t), organisationIDs},
	} {
		if diff := cmp.Diff(c.want, c.obj.PropertyIDs()); diff != "" {
			t.Errorf("%s.PropertyIDs() (-want +got):\n%s", c.obj.PortalType(), diff)
		}
		if diff := cmp.Diff(c.want, c.obj.TypeInfo().PropertyIDs()); diff != "" {
			t.Errorf("%s TypeInfo().PropertyIDs() (-want +got):\n%s", c.obj.PortalType(), diff)
		}
	}
}

// Unset properties read as the schema's default, or the zero value.
func TestUnsetPropertiesReadAsDefaults(t *testing.T) {
	p := newPerson(t)
	o := newOrganisation(t)
	cases := []struct {
		obj  holders.Object
		id   string
		kind holders.Kind
		want any
	}{
		{p, "first_name", holders.KindString, ""},
		{p, "child_count", holders.KindInt, 0},
		{p, "salary", holders.KindFloat, 0.0},
		{p, "birthday", holders.KindTime, time.Time{}},
		{p, "career_role", holders.KindStrings, []string(nil)},
		{p, "photo", holders.KindBytes, []byte(nil)},
		{p, "language", holders.KindString, "en"},
		{p, "region", holders.KindStrings, []string(nil)},
		{p, "group", holders.KindStrings, []string(nil)},
		{o, "vat_liable", holders.KindBool, true},
		{o, "employee_count", holders.KindInt, 0},
		{o, "language", holders.KindString, "en"},
		{o, "activity", holders.KindStrings, []string(nil)},
	}
	for _, c := range cases {
		name := c.obj.PortalType() + "." + c.id
		v, err := c.obj.Value(c.id)
		if err != nil {
			t.Errorf("%s: Value: %v", name, err)
			continue
		}
		if v.Kind() != c.kind {
			t.Errorf("%s: kind %v, want %v", name, v.Kind(), c.kind)
		}
		got, err := c.obj.GetProperty(c.id)
		if err != nil {
			t.Errorf("%s: GetProperty: %v", name, err)
		}
		if diff := cmp.Diff(c.want, got, exactTime); diff != "" {
			t.Errorf("%s: GetProperty (-want +got):\n%s", name, diff)
		}
		if c.obj.HasProperty(c.id) {
			t.Errorf("%s: HasProperty is true on a new object", name)
		}
	}
}

func TestSetPropertyRoundTrip(t *testing.T) {
	birthday := time.Date(1980, time.May, 17, 6, 30, 0, 5, time.FixedZone("CEST", 7200))
	cases := []struct {
		id   string
		in   any
		want any
	}{
		{"first_name", "Jean", "Jean"},
		{"first_name", "", ""},
		{"last_name", "Dupont", "DUPONT"}, // document.Person's SetLastName stores capitals
		{"title", "Jean Dupont", "Jean Dupont"},
		{"birthday", birthday, birthday},
		{"child_count", 2, 2},
		{"child_count", int8(-3), -3},
		{"child_count", uint64(math.MaxInt), math.MaxInt},
		{"career_role", []string{"engineer", "manager"}, []string{"engineer", "manager"}},
		{"career_role", "director", []string{"director"}},
		{"career_role", []string{}, []string{}},
		{"salary", 1234.5, 1234.5},
		{"salary", 100000, 100000.0},
		{"salary", float32(0.5), 0.5},
		{"salary_range_min", 1.0, 1.0},
		{"salary_range_max", int64(9), 9.0},
		{"gender", "female", "female"},
		{"gender", "other", "other"},
		{"photo", []byte{0, 1, 0xff}, []byte{0, 1, 0xff}},
		{"photo", "\x89PNG", []byte("\x89PNG")},
		{"region", []string{"europe/france", "asia/japan"}, []string{"europe/france", "asia/japan"}},
		{"region", "europe", []string{"europe"}},
		{"subordination", "organisation_module/1", []string{"organisation_module/1"}},
		{"reference", "PER-0042", "PER-0042"},
		{"description", "multi\nline", "multi\nline"},
		{"subject", []string{"vip"}, []string{"vip"}},
		{"language", "ja", "ja"},
		{"group", []string{"acme"}, []string{"acme"}},
		{"function", "sales", []string{"sales"}},
	}
	for _, c := range cases {
		p := newPerson(t)
		if err := p.SetProperty(c.id, c.in); err != nil {
			t.Errorf("SetProperty(%q, %#v): %v", c.id, c.in, err)
			continue
		}
		got, err := p.GetProperty(c.id)
		if err != nil {
			t.Errorf("GetProperty(%q): %v", c.id, err)
			continue
		}
		if diff := cmp.Diff(c.want, got, exactTime); diff != "" {
			t.Errorf("SetProperty(%q, %#v), then GetProperty (-want +got):\n%s", c.id, c.in, diff)
		}
		v, _ := p.Value(c.id)
		if diff := cmp.Diff(c.want, v.Any(), exactTime); diff != "" {
			t.Errorf("Value(%q).Any() (-want +got):\n%s", c.id, diff)
		}
		isCategory := slices.Contains([]string{"region", "subordination", "group", "function"}, c.id)
		if want := !isCategory || len(c.want.([]string)) > 0; p.HasProperty(c.id) != want {
			t.Errorf("after SetProperty(%q, %#v): HasProperty = %v, want %v", c.id, c.in, !want, want)
		}
	}
}

func TestSetPropertyReachesTypedAccessors(t *testing.T) {
	p := newPerson(t)
	must(t, p.SetProperty("title", "By name"))
	must(t, p.SetProperty("child_count", 3))
	must(t, p.SetProperty("career_role", []string{"a", "b"}))
	must(t, p.SetProperty("region", []string{"europe/france"}))
	if p.Title() != "By name" || p.ChildCount() != 3 || p.CareerRole() != "a" || p.Region() != "europe/france" {
		t.Errorf("typed getters: %q %d %q %q", p.Title(), p.ChildCount(), p.CareerRole(), p.Region())
	}
	// By-name title is Person's (first sheet wins); DublinCore's is hidden.
	if got := p.DublinCoreHolder.Title(); got != "" {
		t.Errorf("SetProperty(title) also set DublinCore's title: %q", got)
	}
	p.DublinCoreHolder.SetTitle("hidden")
	if v, _ := p.Value("title"); v.Str() != "By name" {
		t.Errorf(`Value("title") = %q, want Person's title`, v.Str())
	}
	// And the other way round: typed setters are seen by name.
	p.SetSalary(12.5)
	if v, _ := p.Value("salary"); v.Float() != 12.5 {
		t.Errorf(`Value("salary") = %v after SetSalary(12.5)`, v)
	}
	// Setting a list stores a copy: changing the caller's slice later
	// does not change the property.
	roles := []string{"x", "y"}
	must(t, p.SetProperty("career_role", roles))
	roles[0] = "changed"
	if got := p.CareerRoleList(); got[0] != "x" {
		t.Errorf("career_role aliases the caller's slice: %q", got)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestOrganisationSetProperty(t *testing.T) {
	founded := time.Date(1901, 1, 2, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		id   string
		in   any
		want any
	}{
		{"corporate_name", "ACME", "ACME"},
		{"corporate_registration_code", "B 123", "B 123"},
		{"social_capital", 1e6, 1e6},
		{"social_capital", 50000, 50000.0},
		{"founding_date", founded, founded},
		{"vat_liable", false, false},
		{"activity", []string{"trade", "services"}, []string{"trade", "services"}},
		{"activity", "public", []string{"public"}},
		{"activity", []string{}, []string{}},
		{"language", "de", "de"},
		{"title", "ACME Inc.", "ACME Inc."},
	}
	for _, c := range cases {
		o := newOrganisation(t)
		if err := o.SetProperty(c.id, c.in); err != nil {
			t.Errorf("SetProperty(%q, %#v): %v", c.id, c.in, err)
			continue
		}
		got, err := o.GetProperty(c.id)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c.want, got, exactTime); diff != "" {
			t.Errorf("SetProperty(%q, %#v), then GetProperty (-want +got):\n%s", c.id, c.in, diff)
		}
		if !o.HasProperty(c.id) {
			t.Errorf("HasProperty(%q) is false after SetProperty", c.id)
		}
	}
	// vat_liable false is a set value, not the default true.
	o := newOrganisation(t)
	must(t, o.SetProperty("vat_liable", false))
	if o.VatLiable() {
		t.Error("VatLiable() is true after SetProperty(vat_liable, false)")
	}
}

// refusal is a by-name write that must be refused.
type refusal struct {
	id   string
	in   any
	err  error
	msg  string // exact message when not ""
	with string // a substring of the message when not ""
}

var allSentinels = []error{
	holders.ErrUnknownProperty, holders.ErrUnknownType, holders.ErrReadOnly,
	holders.ErrWrongType, holders.ErrInvalidValue, holders.ErrPermission,
}

// checkErr checks that err wraps want and no other sentinel, is a
// PropertyError about id of typ, and has the message.
func checkErr(t *testing.T, err error, typ, id string, want error, msg, with string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s %q: no error, want %v", typ, id, want)
		return
	}
	for _, s := range allSentinels {
		if errors.Is(err, s) != (s == want) {
			t.Errorf("%s %q: errors.Is(%q, %q) = %v", typ, id, err, s, !(s == want))
		}
	}
	var pe *holders.PropertyError
	if !errors.As(err, &pe) {
		t.Errorf("%s %q: %T is not a *PropertyError", typ, id, err)
	} else if pe.Type != typ || pe.Property != id {
		t.Errorf("PropertyError{Type: %q, Property: %q}, want %q, %q", pe.Type, pe.Property, typ, id)
	}
	if msg != "" && err.Error() != msg {
		t.Errorf("message %q, want %q", err.Error(), msg)
	}
	if with != "" && !strings.Contains(err.Error(), with) {
		t.Errorf("message %q does not contain %q", err.Error(), with)
	}
}

func personRefusals() []refusal {
	long := strings.Repeat("x", 100)
	return []refusal{
		{id: "no_such", in: "x", err: holders.ErrUnknownProperty, msg: `Person: property "no_such": unknown property`},
		{id: "", in: "x", err: holders.ErrUnknownProperty, msg: `Person: property "": unknown property`},
		{id: "First_name", in: "x", err: holders.ErrUnknownProperty},
		{id: "first_name ", in: "x", err: holders.ErrUnknownProperty},
		{id: "firstName", in: "x", err: holders.ErrUnknownProperty},
		{id: "FirstName", in: "x", err: holders.ErrUnknownProperty},
		{id: "career_role_list", in: []string{"x"}, err: holders.ErrUnknownProperty},
		{id: "salary_range", in: 1.0, err: holders.ErrUnknownProperty},
		{id: "corporate_name", in: "x", err: holders.ErrUnknownProperty}, // Organisation's
		{id: "quote\"d\n", in: "x", err: holders.ErrUnknownProperty, msg: `Person: property "quote\"d\n": unknown property`},
		{id: long, in: "x", err: holders.ErrUnknownProperty, msg: `Person: property "` + long[:64] + `"… (100 bytes): unknown property`},

		{id: "nickname", in: "JD", err: holders.ErrReadOnly, msg: `Person: property "nickname": read-only property`},
		{id: "nickname", in: 5, err: holders.ErrReadOnly}, // read-only is checked before the type
		{id: "creation_date", in: time.Now(), err: holders.ErrReadOnly, msg: `Person: property "creation_date": read-only property`},

		{id: "child_count", in: "three", err: holders.ErrWrongType, msg: `Person: property "child_count": wrong type: want int, got string`},
		{id: "child_count", in: 2.0, err: holders.ErrWrongType},
		{id: "child_count", in: nil, err: holders.ErrWrongType, msg: `Person: property "child_count": wrong type: want int, got nil`},
		{id: "child_count", in: uint64(math.MaxUint64), err: holders.ErrInvalidValue, msg: `Person: property "child_count": invalid value: 18446744073709551615 overflows int`},
		{id: "first_name", in: []byte("Jean"), err: holders.ErrWrongType},
		{id: "first_name", in: nil, err: holders.ErrWrongType},
		{id: "birthday", in: "1980-05-17", err: holders.ErrWrongType, msg: `Person: property "birthday": wrong type: want time.Time, got string`},
		{id: "salary", in: "a lot", err: holders.ErrWrongType, msg: `Person: property "salary": wrong type: want float64, got string`},
		{id: "salary", in: math.NaN(), err: holders.ErrInvalidValue, msg: `Person: property "salary": invalid value: NaN is not a finite number`},
		{id: "salary_range_max", in: math.Inf(1), err: holders.ErrInvalidValue},
		{id: "career_role", in: 5, err: holders.ErrWrongType, msg: `Person: property "career_role": wrong type: want []string, got int`},
		{id: "career_role", in: []any{"a"}, err: holders.ErrWrongType},
		{id: "photo", in: 5, err: holders.ErrWrongType, with: "want []byte, got int"},
		{id: "region", in: nil, err: holders.ErrWrongType},
		{id: "gender", in: 1, err: holders.ErrWrongType},
		{id: "gender", in: "unknown", err: holders.ErrInvalidValue, msg: `Person: property "gender": invalid value: "unknown" is not one of ["female" "male" "other"]`},
		{id: "gender", in: "Female", err: holders.ErrInvalidValue},
		{id: "gender", in: "", err: holders.ErrInvalidValue},
		{id: "language", in: "xx", err: holders.ErrInvalidValue, msg: `Person: property "language": invalid value: "xx" is not one of ["en" "fr" "de" "ja"]`},
	}
}

func TestSetPropertyRefused(t *testing.T) {
	for _, c := range personRefusals() {
		p := newPerson(t)
		p.SetFirstName("before")
		before := stateOf(t, p)
		err := p.SetProperty(c.id, c.in)
		checkErr(t, err, "Person", c.id, c.err, c.msg, c.with)
		if diff := cmp.Diff(before, stateOf(t, p), exactTime); diff != "" {
			t.Errorf("SetProperty(%q, %#v) was refused but changed the object (-before +after):\n%s", c.id, c.in, diff)
		}
	}

	o := newOrganisation(t)
	for _, c := range []refusal{
		{id: "employee_count", in: 10, err: holders.ErrReadOnly, msg: `Organisation: property "employee_count": read-only property`},
		{id: "first_name", in: "x", err: holders.ErrUnknownProperty, msg: `Organisation: property "first_name": unknown property`},
		{id: "vat_liable", in: "yes", err: holders.ErrWrongType, msg: `Organisation: property "vat_liable": wrong type: want bool, got string`},
		{id: "vat_liable", in: 1, err: holders.ErrWrongType},
		{id: "social_capital", in: math.Inf(-1), err: holders.ErrInvalidValue},
		{id: "activity", in: "mining", err: holders.ErrInvalidValue, msg: `Organisation: property "activity": invalid value: "mining" is not one of ["trade" "industry" "services" "public"]`},
		{id: "activity", in: []string{"trade", "mining"}, err: holders.ErrInvalidValue, with: `"mining"`},
		{id: "activity", in: []string{"trade", ""}, err: holders.ErrInvalidValue},
		{id: "activity", in: 3, err: holders.ErrWrongType},
		{id: "founding_date", in: int64(0), err: holders.ErrWrongType},
	} {
		before := stateOf(t, o)
		checkErr(t, o.SetProperty(c.id, c.in), "Organisation", c.id, c.err, c.msg, c.with)
		if diff := cmp.Diff(before, stateOf(t, o), exactTime); diff != "" {
			t.Errorf("SetProperty(%q, %#v) was refused but changed the object (-before +after):\n%s", c.id, c.in, diff)
		}
	}
}

func TestUnknownPropertyReads(t *testing.T) {
	for _, obj := range []holders.Object{newPerson(t), newOrganisation(t)} {
		typ := obj.PortalType()
		for _, id := range []string{"no_such", "", "Title", "title_list", "salary_range"} {
			v, err := obj.Value(id)
			checkErr(t, err, typ, id, holders.ErrUnknownProperty, typ+`: property "`+id+`": unknown property`, "")
			if v.IsValid() {
				t.Errorf("%s.Value(%q) = %v with an error, want the invalid Value", typ, id, v)
			}
			got, err := obj.GetProperty(id)
			checkErr(t, err, typ, id, holders.ErrUnknownProperty, "", "")
			if got != nil {
				t.Errorf("%s.GetProperty(%q) = %#v with an error, want nil", typ, id, got)
			}
			if obj.HasProperty(id) {
				t.Errorf("%s.HasProperty(%q) = true", typ, id)
			}
		}
	}
}

func TestHasProperty(t *testing.T) {
	p := newPerson(t)
	for _, id := range personIDs {
		if p.HasProperty(id) {
			t.Errorf("new Person has %q", id)
		}
	}
	// Setting a property to its zero or default value still sets it.
	must(t, p.SetProperty("child_count", 0))
	must(t, p.SetProperty("language", "en"))
	must(t, p.SetProperty("first_name", ""))
	for _, id := range []string{"child_count", "language", "first_name"} {
		if !p.HasProperty(id) {
			t.Errorf("HasProperty(%q) = false after setting it", id)
		}
	}
	// Categories are present when they have values.
	must(t, p.SetProperty("region", []string{}))
	if p.HasProperty("region") {
		t.Error(`HasProperty("region") with no values`)
	}
	must(t, p.SetProperty("region", "asia"))
	if !p.HasProperty("region") {
		t.Error(`HasProperty("region") = false with a value`)
	}
	// Others are still unset.
	for _, id := range []string{"last_name", "salary", "group", "function", "nickname"} {
		if p.HasProperty(id) {
			t.Errorf("HasProperty(%q) = true, never set", id)
		}
	}
}

// editForm is one of the two ways to edit an object, given the changes as
// a map: Edit, with the changes as its arguments in an order drawn from
// rng (the order given is the order applied, and a refusal must not depend
// on it), or EditMap (whose map order is random).
type editForm struct {
	name string
	edit func(o holders.Object, changes map[string]any, rng *rand.Rand) error
}

var editForms = []editForm{
	{"Edit", func(o holders.Object, changes map[string]any, rng *rand.Rand) error {
		return o.Edit(changeArgs(changes, rng)...)
	}},
	{"EditMap", func(o holders.Object, changes map[string]any, _ *rand.Rand) error {
		return o.EditMap(changes)
	}},
}

// changeArgs returns changes as Edit's arguments, shuffled by rng.
func changeArgs(changes map[string]any, rng *rand.Rand) []holders.Change {
	var out []holders.Change
	for _, id := range slices.Sorted(maps.Keys(changes)) {
		out = append(out, holders.Change{ID: id, Value: changes[id]})
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// personEdits sets every writable property of a Person; more than the
// 16 changes EditMap keeps on its stack.
func personEdits() (map[string]any, map[string]any) {
	birthday := time.Date(1975, 3, 4, 0, 0, 0, 0, time.UTC)
	changes := map[string]any{
		"first_name":       "John",
		"last_name":        "Doe",
		"title":            "John Doe",
		"birthday":         birthday,
		"child_count":      int32(4),
		"career_role":      "cook",
		"salary":           42000,
		"salary_range_min": 30000.0,
		"salary_range_max": float32(50000),
		"gender":           "male",
		"photo":            "jpeg",
		"region":           []string{"asia/japan"},
		"subordination":    []string{"organisation_module/7"},
		"reference":        "PER-7",
		"description":      "A test person.",
		"subject":          "vip",
		"language":         "fr",
		"group":            []string{"acme"},
		"function":         []string{"engineering", "sales"},
	}
	want := map[string]any{
		"first_name":       "John",
		"last_name":        "DOE", // through document.Person's SetLastName
		"title":            "John Doe",
		"birthday":         birthday,
		"child_count":      4,
		"career_role":      []string{"cook"},
		"salary":           42000.0,
		"salary_range_min": 30000.0,
		"salary_range_max": 50000.0,
		"gender":           "male",
		"photo":            []byte("jpeg"),
		"region":           []string{"asia/japan"},
		"subordination":    []string{"organisation_module/7"},
		"reference":        "PER-7",
		"description":      "A test person.",
		"subject":          []string{"vip"},
		"language":         "fr",
		"group":            []string{"acme"},
		"function":         []string{"engineering", "sales"},
	}
	return changes, want
}

func TestEditAppliesEverything(t *testing.T) {
	for _, form := range editForms {
		t.Run(form.name, func(t *testing.T) { testEditAppliesEverything(t, form) })
	}
}

func testEditAppliesEverything(t *testing.T, form editForm) {
	rng := rand.New(rand.NewPCG(1, 2))
	p := newPerson(t)
	changes, want := personEdits()
	if len(changes) <= 16 {
		t.Fatalf("only %d changes", len(changes))
	}
	if err := form.edit(p, changes, rng); err != nil {
		t.Fatalf("Edit: %v", err)
	}
	got := map[string]any{}
	for id := range want {
		v, err := p.GetProperty(id)
		if err != nil {
			t.Fatal(err)
		}
		got[id] = v
		if !p.HasProperty(id) {
			t.Errorf("HasProperty(%q) = false after Edit", id)
		}
	}
	if diff := cmp.Diff(want, got, exactTime); diff != "" {
		t.Errorf("after Edit (-want +got):\n%s", diff)
	}
	for _, id := range []string{"nickname", "creation_date"} {
		if p.HasProperty(id) {
			t.Errorf("Edit set %q, which it was not given", id)
		}
	}

	o := newOrganisation(t)
	if err := form.edit(o, map[string]any{"corporate_name": "ACME", "vat_liable": false, "activity": []string{"trade"}, "title": "ACME SA"}, rng); err != nil {
		t.Fatal(err)
	}
	if o.CorporateName() != "ACME" || o.VatLiable() || o.Activity() != "trade" || o.Title() != "ACME SA" {
		t.Errorf("Organisation after Edit: %q %v %q %q", o.CorporateName(), o.VatLiable(), o.Activity(), o.Title())
	}
}

// TestEditSizes checks Edit of every size against the same changes made
// one SetProperty at a time: up to holders.EditInPlace changes, a
// generated Edit applies them by the index its check found (setAt);
// more go through holders.Edit. The windows cover every property of
// personEdits with both.
func TestEditSizes(t *testing.T) {
	changes, _ := personEdits()
	ids := slices.Sorted(maps.Keys(changes))
	var windows [][]string
	for _, n := range []int{1, 2, holders.EditInPlace - 1, holders.EditInPlace, holders.EditInPlace + 1} {
		for start := 0; start < len(ids); start += n {
			windows = append(windows, ids[start:min(start+n, len(ids))])
		}
	}
	windows = append(windows, ids)
	for _, w := range windows {
		var args []holders.Change
		want := newPerson(t)
		for _, id := range w {
			args = append(args, holders.Change{ID: id, Value: changes[id]})
			must(t, want.SetProperty(id, changes[id]))
		}
		got := newPerson(t)
		if err := got.Edit(args...); err != nil {
			t.Errorf("Edit of %d changes %v: %v", len(w), w, err)
			continue
		}
		if diff := cmp.Diff(stateOf(t, want), stateOf(t, got), exactTime); diff != "" {
			t.Errorf("Edit of %d changes %v differs from SetProperty calls (-SetProperty +Edit):\n%s", len(w), w, diff)
		}
	}
}

func TestEditEmpty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, form := range editForms {
		for _, changes := range []map[string]any{nil, {}} {
			p := newPerson(t)
			p.SetFirstName("Jean")
			before := stateOf(t, p)
			if err := form.edit(p, changes, rng); err != nil {
				t.Errorf("%s(%#v): %v", form.name, changes, err)
			}
			if diff := cmp.Diff(before, stateOf(t, p), exactTime); diff != "" {
				t.Errorf("%s(%#v) changed the object (-before +after):\n%s", form.name, changes, diff)
			}
		}
	}
	p := newPerson(t)
	if err := p.Edit(); err != nil {
		t.Errorf("Edit(): %v", err)
	}
}

// bad is a refused change of an Edit: its id and the kind of refusal.
type bad struct {
	id  string
	err error
}

func TestEditAllOrNone(t *testing.T) {
	cases := []struct {
		name    string
		changes map[string]any
		bad     []bad // sorted by id
		msg     string
	}{
		{
			name:    "one bad value among good ones",
			changes: map[string]any{"first_name": "John", "child_count": "three", "last_name": "Doe"},
			bad:     []bad{{"child_count", holders.ErrWrongType}},
			msg:     `Person: edit refused, nothing changed: "child_count": wrong type: want int, got string`,
		},
		{
			name: "every kind of refusal",
			changes: map[string]any{
				"first_name": "John", "nickname": "JD", "zzz": 1, "child_count": "three",
				"gender": "unknown", "salary": math.NaN(), "aaa": nil, "language": "fr",
			},
			bad: []bad{
				{"aaa", holders.ErrUnknownProperty},
				{"child_count", holders.ErrWrongType},
				{"gender", holders.ErrInvalidValue},
				{"nickname", holders.ErrReadOnly},
				{"salary", holders.ErrInvalidValue},
				{"zzz", holders.ErrUnknownProperty},
			},
			msg: `Person: edit refused, nothing changed: "aaa": unknown property; ` +
				`"child_count": wrong type: want int, got string; ` +
				`"gender": invalid value: "unknown" is not one of ["female" "male" "other"]; ` +
				`"nickname": read-only property; ` +
				`"salary": invalid value: NaN is not a finite number; ` +
				`"zzz": unknown property`,
		},
		{
			name:    "only unknown keys",
			changes: map[string]any{"b": 1, "a": 2},
			bad:     []bad{{"a", holders.ErrUnknownProperty}, {"b", holders.ErrUnknownProperty}},
			msg:     `Person: edit refused, nothing changed: "a": unknown property; "b": unknown property`,
		},
		{
			name:    "one bad key among every writable property",
			changes: withBad(map[string]any{"creation_date": time.Now()}),
			bad:     []bad{{"creation_date", holders.ErrReadOnly}},
			msg:     `Person: edit refused, nothing changed: "creation_date": read-only property`,
		},
	}
	for _, form := range editForms {
		for _, c := range cases {
			t.Run(form.name+"/"+c.name, func(t *testing.T) {
				testEditAllOrNone(t, form, c.changes, c.bad, c.msg)
			})
		}
	}
}

func testEditAllOrNone(t *testing.T, form editForm, changes map[string]any, wantBad []bad, msg string) {
	rng := rand.New(rand.NewPCG(3, 4))
	// The order of the changes must not matter.
	for range 20 {
		p := newPerson(t)
		p.SetFirstName("Jean")
		p.SetChildCount(1)
		p.SetCareerRoleList([]string{"engineer"})
		before := stateOf(t, p)

		err := form.edit(p, changes, rng)
		if err == nil {
			t.Fatal("Edit accepted a bad change")
		}
		if diff := cmp.Diff(before, stateOf(t, p), exactTime); diff != "" {
			t.Fatalf("a refused Edit changed the object (-before +after):\n%s", diff)
		}
		var ee *holders.EditError
		if !errors.As(err, &ee) {
			t.Fatalf("%T is not an *EditError", err)
		}
		if ee.Type != "Person" {
			t.Errorf("EditError.Type = %q", ee.Type)
		}
		var got []bad
		for _, pe := range ee.Errors {
			if pe.Type != "Person" {
				t.Errorf("PropertyError.Type = %q", pe.Type)
			}
			var kind error
			for _, s := range allSentinels {
				if errors.Is(pe, s) {
					kind = s
				}
			}
			got = append(got, bad{pe.Property, kind})
		}
		if diff := cmp.Diff(wantBad, got, cmp.AllowUnexported(bad{}), cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
			t.Fatalf("refused ids (-want +got):\n%s", diff)
		}
		if err.Error() != msg {
			t.Fatalf("message\n%s\nwant\n%s", err, msg)
		}
		// errors.Is sees through the EditError to every cause.
		for _, s := range allSentinels {
			want := slices.ContainsFunc(wantBad, func(b bad) bool { return b.err == s })
			if errors.Is(err, s) != want {
				t.Errorf("errors.Is(err, %q) = %v", s, !want)
			}
		}
		var pe *holders.PropertyError
		if !errors.As(err, &pe) || pe.Property != wantBad[0].id {
			t.Errorf("errors.As found %v, want the PropertyError of %q", pe, wantBad[0].id)
		}
	}
}

// withBad returns every writable Person change plus extra.
func withBad(extra map[string]any) map[string]any {
	changes, _ := personEdits()
	for k, v := range extra {
		changes[k] = v
	}
	return changes
}

func TestEditOrganisationAllOrNone(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, form := range editForms {
		o := newOrganisation(t)
		o.SetCorporateName("ACME")
		before := stateOf(t, o)
		err := form.edit(o, map[string]any{"corporate_name": "Other", "activity": []string{"trade", "mining"}, "employee_count": 3, "vat_liable": false}, rng)
		want := `Organisation: edit refused, nothing changed: "activity": invalid value: "mining" is not one of ["trade" "industry" "services" "public"]; "employee_count": read-only property`
		if err == nil || err.Error() != want {
			t.Fatalf("%s: %v\nwant %s", form.name, err, want)
		}
		if diff := cmp.Diff(before, stateOf(t, o), exactTime); diff != "" {
			t.Errorf("a refused %s changed the object (-before +after):\n%s", form.name, diff)
		}
	}
}

// TestEditOrder checks that Edit applies its changes in the order given,
// so that a property given twice ends with the later value, and EditMap in
// the type's property order.
func TestEditOrder(t *testing.T) {
	p := newPerson(t)
	if err := p.Edit(holders.Change{ID: "first_name", Value: "A"}, holders.Change{ID: "child_count", Value: 1}, holders.Change{ID: "first_name", Value: "B"}); err != nil {
		t.Fatal(err)
	}
	if p.FirstName() != "B" || p.ChildCount() != 1 {
		t.Errorf("after Edit: first_name %q, child_count %d; want B, 1", p.FirstName(), p.ChildCount())
	}
	// Through document.Person's SetLastName, which upper-cases: the later value wins.
	if err := p.Edit(holders.Change{ID: "last_name", Value: "doe"}, holders.Change{ID: "last_name", Value: "roe"}); err != nil {
		t.Fatal(err)
	}
	if p.LastName() != "ROE" {
		t.Errorf("last_name %q, want ROE", p.LastName())
	}
	// A refused duplicate refuses everything, named once per change.
	err := p.Edit(holders.Change{ID: "child_count", Value: "x"}, holders.Change{ID: "first_name", Value: "C"}, holders.Change{ID: "child_count", Value: "y"})
	want := `Person: edit refused, nothing changed: "child_count": wrong type: want int, got string; "child_count": wrong type: want int, got string`
	if err == nil || err.Error() != want {
		t.Errorf("Edit: %v\nwant %s", err, want)
	}
	if p.FirstName() != "B" {
		t.Errorf("a refused Edit set first_name to %q", p.FirstName())
	}
}

// call is one call of a Setter.
type call struct {
	I     int
	V     any
	Apply bool
}

// recorder is a hand-made portal type for the generic Edit and SetProperty:
// property i is "p<i>"; its Setter records every call and refuses the
// values in refuse (at check time) and in late (only when applying, which
// breaks the Setter contract).
type recorder struct {
	ti     *holders.TypeInfo
	calls  []call
	refuse map[any]bool
	late   map[any]bool
}

// set finds id and refuses unknown and read-only ids, as generated
// Setters do, before it records a call.
func (r *recorder) set(id string, v any, apply bool) (int, error) {
	i := r.ti.Index(id)
	switch {
	case i < 0:
		return -1, holders.ErrUnknownProperty
	case r.ti.Properties[i].ReadOnly:
		return i, holders.ErrReadOnly
	}
	r.calls = append(r.calls, call{i, v, apply})
	if r.refuse[v] || apply && r.late[v] {
		return i, holders.ErrInvalidValue
	}
	return i, nil
}

func recorderType(n int, readOnly ...int) *holders.TypeInfo {
	ti := &holders.TypeInfo{Name: "Recorder"}
	for i := range n {
		ti.Properties = append(ti.Properties, &holders.PropertyInfo{ID: "p" + strconv.Itoa(i), ReadOnly: slices.Contains(readOnly, i)})
	}
	ti.Index = func(id string) int {
		return slices.IndexFunc(ti.Properties, func(p *holders.PropertyInfo) bool { return p.ID == id })
	}
	return ti
}

func TestGenericEdit(t *testing.T) {
	const n = 40 // more than Edit's 16 on-stack changes
	ti := recorderType(n, 7)
	changes := map[string]any{}
	for i := n - 1; i >= 0; i-- {
		if i != 7 {
			changes["p"+strconv.Itoa(i)] = i * 10
		}
	}
	for range 5 { // map order is random
		r := &recorder{ti: ti}
		if err := holders.EditMap(ti, r.set, changes); err != nil {
			t.Fatal(err)
		}
		// Every change is checked (apply false), then applied in the
		// type's property order.
		checked, applied := 0, []int(nil)
		for k, c := range r.calls {
			if !c.Apply {
				checked++
				if k >= len(changes) {
					t.Fatalf("call %d is a check after an apply: %+v", k, r.calls)
				}
				continue
			}
			applied = append(applied, c.I)
			if c.V != c.I*10 {
				t.Errorf("property %d applied with %v", c.I, c.V)
			}
		}
		if checked != len(changes) || len(applied) != len(changes) || !slices.IsSorted(applied) {
			t.Fatalf("%d checks, applied %v; want %d checks, then every change in order", checked, applied, len(changes))
		}
	}

	// Edit checks every change, then applies them in the order given.
	var args []holders.Change
	for _, i := range []int{9, 2, 30, 2, 0} {
		args = append(args, holders.Change{ID: "p" + strconv.Itoa(i), Value: i * 10})
	}
	args[3].Value = 21 // p2 again, later
	r := &recorder{ti: ti}
	if err := holders.Edit(ti, r.set, args); err != nil {
		t.Fatal(err)
	}
	var wantCalls []call
	for _, apply := range []bool{false, true} {
		for _, c := range args {
			wantCalls = append(wantCalls, call{ti.Index(c.ID), c.Value, apply})
		}
	}
	if diff := cmp.Diff(wantCalls, r.calls); diff != "" {
		t.Errorf("Edit's calls (-want +got):\n%s", diff)
	}

	// A refusal: nothing is applied.
	r = &recorder{ti: ti, refuse: map[any]bool{30: true, 250: true}}
	err := holders.EditMap(ti, r.set, map[string]any{"p3": 30, "p1": 10, "p25": 250, "p7": 70, "nope": 0})
	want := `Recorder: edit refused, nothing changed: "nope": unknown property; "p25": invalid value; "p3": invalid value; "p7": read-only property`
	if err == nil || err.Error() != want {
		t.Errorf("EditMap: %v\nwant %s", err, want)
	}
	r2 := &recorder{ti: ti, refuse: r.refuse}
	err = holders.Edit(ti, r2.set, []holders.Change{{ID: "p3", Value: 30}, {ID: "p1", Value: 10}, {ID: "p25", Value: 250}, {ID: "p7", Value: 70}, {ID: "nope", Value: 0}})
	if err == nil || err.Error() != want {
		t.Errorf("Edit: %v\nwant %s", err, want)
	}
	for _, c := range append(r.calls, r2.calls...) {
		if c.Apply {
			t.Errorf("a refused Edit applied %+v", c)
		}
		if c.I == 7 {
			t.Error("a read-only property's value was converted")
		}
	}

	// A Setter that breaks its contract is reported, not hidden.
	r = &recorder{ti: ti, late: map[any]bool{20: true}}
	err = holders.EditMap(ti, r.set, map[string]any{"p2": 20, "p1": 10})
	checkErr(t, err, "Recorder", "p2", holders.ErrInvalidValue, `Recorder: property "p2": invalid value`, "")
	r = &recorder{ti: ti, late: map[any]bool{20: true}}
	err = holders.Edit(ti, r.set, []holders.Change{{ID: "p1", Value: 10}, {ID: "p2", Value: 20}})
	checkErr(t, err, "Recorder", "p2", holders.ErrInvalidValue, `Recorder: property "p2": invalid value`, "")
}

func TestGenericSetProperty(t *testing.T) {
	ti := recorderType(3, 1)
	r := &recorder{ti: ti, refuse: map[any]bool{"bad": true}}
	if err := holders.SetProperty(ti, r.set, "p2", "ok"); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]call{{2, "ok", true}}, r.calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	r.calls = nil
	checkErr(t, holders.SetProperty(ti, r.set, "p0", "bad"), "Recorder", "p0", holders.ErrInvalidValue, `Recorder: property "p0": invalid value`, "")
	checkErr(t, holders.SetProperty(ti, r.set, "p1", "ok"), "Recorder", "p1", holders.ErrReadOnly, `Recorder: property "p1": read-only property`, "")
	checkErr(t, holders.SetProperty(ti, r.set, "p3", "ok"), "Recorder", "p3", holders.ErrUnknownProperty, `Recorder: property "p3": unknown property`, "")
	if diff := cmp.Diff([]call{{0, "bad", true}}, r.calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	checkErr(t, ti.Unknown("x"), "Recorder", "x", holders.ErrUnknownProperty, `Recorder: property "x": unknown property`, "")
}

// guard denies the permissions it is given and records what it is asked.
type guard struct {
	deny  []string
	asked []string
	objs  []holders.Object
}

func (g *guard) Object(obj holders.Object) holders.Object {
	return holders.Guarded(obj, holders.GuardFunc(func(permission string, o holders.Object) bool {
		g.asked = append(g.asked, permission)
		g.objs = append(g.objs, o)
		return !slices.Contains(g.deny, permission)
	}))
}

const (
	permView     = "Access contents information"
	permModify   = "Modify portal content"
	permPrivate  = "View private data"
	permSalaries = "Manage salaries"
)

func TestGuardedReads(t *testing.T) {
	cases := []struct {
		name   string
		deny   []string
		id     string
		ask    string // the permission the guard must be asked
		denied bool
	}{
		{"salary needs View private data", []string{permPrivate}, "salary", permPrivate, true},
		{"salary range too", []string{permPrivate}, "salary_range_max", permPrivate, true},
		{"salary allowed", []string{permView, permSalaries}, "salary", permPrivate, false},
		{"first_name needs the default read permission", []string{permView}, "first_name", permView, true},
		{"first_name allowed", []string{permPrivate, permModify}, "first_name", permView, false},
		{"a category needs it too", []string{permView}, "group", permView, true},
		{"read-only still readable", []string{permModify}, "nickname", permView, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := newPerson(t)
			if c.id == "nickname" {
				p.SetNickname("JD") // read-only by name
			} else {
				must(t, p.SetProperty(c.id, propertySample(c.id)))
			}
			g := &guard{deny: c.deny}
			obj := g.Object(p)
			want, _ := p.GetProperty(c.id)

			v, err := obj.Value(c.id)
			got, err2 := obj.GetProperty(c.id)
			has := obj.HasProperty(c.id)
			if c.denied {
				msg := `Person: property "` + c.id + `": permission denied: ` + c.ask
				checkErr(t, err, "Person", c.id, holders.ErrPermission, msg, "")
				checkErr(t, err2, "Person", c.id, holders.ErrPermission, msg, "")
				if v.IsValid() || got != nil {
					t.Errorf("a denied read returned %v, %#v", v, got)
				}
				if has {
					t.Error("HasProperty = true for a denied, set property")
				}
			} else {
				if err != nil || err2 != nil {
					t.Fatalf("Value: %v, GetProperty: %v", err, err2)
				}
				if diff := cmp.Diff(want, got, exactTime); diff != "" {
					t.Errorf("GetProperty (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(want, v.Any(), exactTime); diff != "" {
					t.Errorf("Value (-want +got):\n%s", diff)
				}
				if !has {
					t.Error("HasProperty = false for an allowed, set property")
				}
			}
			if len(g.asked) == 0 {
				t.Fatal("the guard was never asked")
			}
			for i, perm := range g.asked {
				if perm != c.ask {
					t.Errorf("the guard was asked %q, want %q", perm, c.ask)
				}
				if g.objs[i] != holders.Object(p) {
					t.Errorf("the guard was given %v, want the guarded object", g.objs[i])
				}
			}
		})
	}
}

// propertySample returns a value SetProperty accepts for id.
func propertySample(id string) any {
	switch id {
	case "salary", "salary_range_min", "salary_range_max":
		return 5000.0
	case "group":
		return "acme"
	}
	return "x"
}

func TestGuardedWrites(t *testing.T) {
	cases := []struct {
		name   string
		deny   []string
		id     string
		value  any
		ask    string
		denied bool
		err    error // when allowed: the object's own verdict
	}{
		{"salary needs Manage salaries", []string{permSalaries}, "salary", 1e5, permSalaries, true, nil},
		{"salary range too", []string{permSalaries}, "salary_range_min", 1.0, permSalaries, true, nil},
		{"salary allowed without the default permissions", []string{permModify, permView}, "salary", 1e5, permSalaries, false, nil},
		{"first_name needs Modify portal content", []string{permModify}, "first_name", "Jo", permModify, true, nil},
		{"first_name allowed", []string{permSalaries, permPrivate}, "first_name", "Jo", permModify, false, nil},
		{"a denied write is refused before its value is checked", []string{permModify}, "child_count", "three", permModify, true, nil},
		{"an allowed write still checks its value", nil, "child_count", "three", permModify, false, holders.ErrWrongType},
		// Read-only comes before permissions, as in a guarded Edit: the
		// guard is not asked about what cannot be written anyway.
		{"read-only: refused before the guard is asked", []string{permModify}, "nickname", "JD", "", false, holders.ErrReadOnly},
		{"read-only: allowed, still read-only", nil, "nickname", "JD", "", false, holders.ErrReadOnly},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := newPerson(t)
			before := stateOf(t, p)
			g := &guard{deny: c.deny}
			err := g.Object(p).SetProperty(c.id, c.value)
			switch {
			case c.denied:
				checkErr(t, err, "Person", c.id, holders.ErrPermission, `Person: property "`+c.id+`": permission denied: `+c.ask, "")
			case c.err != nil:
				checkErr(t, err, "Person", c.id, c.err, "", "")
			case err != nil:
				t.Fatalf("SetProperty: %v", err)
			}
			changed := cmp.Diff(before, stateOf(t, p), exactTime) != ""
			if changed != (err == nil) {
				t.Errorf("error %v, but object changed: %v", err, changed)
			}
			want := []string{c.ask}
			if c.ask == "" {
				want = nil
			}
			if !slices.Equal(g.asked, want) {
				t.Errorf("the guard was asked %q, want %q", g.asked, want)
			}
		})
	}
}

func TestGuardedUnknownProperty(t *testing.T) {
	p := newPerson(t)
	g := &guard{}
	obj := g.Object(p)
	_, err := obj.Value("no_such")
	checkErr(t, err, "Person", "no_such", holders.ErrUnknownProperty, `Person: property "no_such": unknown property`, "")
	checkErr(t, obj.SetProperty("no_such", 1), "Person", "no_such", holders.ErrUnknownProperty, "", "")
	if obj.HasProperty("no_such") {
		t.Error("HasProperty(no_such)")
	}
	if len(g.asked) != 0 {
		t.Errorf("the guard was asked %q about an unknown id", g.asked)
	}
	if obj.PortalType() != "Person" || obj.TypeInfo() != p.TypeInfo() {
		t.Error("Guarded does not pass PortalType and TypeInfo through")
	}
}

func TestGuardedPropertyIDs(t *testing.T) {
	without := func(drop ...string) []string {
		return slices.DeleteFunc(slices.Clone(personIDs), func(id string) bool { return slices.Contains(drop, id) })
	}
	cases := []struct {
		name string
		deny []string
		want []string
	}{
		{"all readable", nil, personIDs},
		{"no private data", []string{permPrivate}, without("salary", "salary_range_min", "salary_range_max")},
		{"write permissions do not matter", []string{permModify, permSalaries}, personIDs},
		{"only private data", []string{permView}, []string{"salary", "salary_range_min", "salary_range_max"}},
		{"nothing", []string{permView, permPrivate}, nil},
	}
	for _, c := range cases {
		g := &guard{deny: c.deny}
		got := g.Object(newPerson(t)).PropertyIDs()
		if diff := cmp.Diff(c.want, got); diff != "" && !(len(c.want) == 0 && len(got) == 0) {
			t.Errorf("%s: PropertyIDs (-want +got):\n%s", c.name, diff)
		}
		// The object's ids and the result, made once at the most it can hold.
		want := 2.0
		if len(c.want) == 0 {
			want = 1
		}
		obj := holders.Guarded(newPerson(t), holders.GuardFunc(func(permission string, _ holders.Object) bool {
			return !slices.Contains(c.deny, permission)
		}))
		if n := testing.AllocsPerRun(100, func() { sinkStrings = obj.PropertyIDs() }); n != want {
			t.Errorf("%s: PropertyIDs %v allocations, want %v", c.name, n, want)
		}
	}
}

func TestGuardedEdit(t *testing.T) {
	cases := []struct {
		name    string
		deny    []string
		changes map[string]any
		msg     string // "" when the Edit is applied
		is      error
		isAll   []error // when the refusal has several kinds
	}{
		{
			name:    "one denied key refuses everything",
			deny:    []string{permSalaries},
			changes: map[string]any{"salary": 1e5, "first_name": "Jo"},
			msg:     `Person: edit refused, nothing changed: "salary": permission denied: Manage salaries`,
			is:      holders.ErrPermission,
		},
		{
			name:    "every denied key is named, sorted",
			deny:    []string{permSalaries},
			changes: map[string]any{"salary_range_max": 2.0, "salary": 1e5, "salary_range_min": 1.0, "first_name": "Jo", "child_count": 3},
			msg: `Person: edit refused, nothing changed: "salary": permission denied: Manage salaries; ` +
				`"salary_range_max": permission denied: Manage salaries; "salary_range_min": permission denied: Manage salaries`,
			is: holders.ErrPermission,
		},
		{
			name:    "the default write permission",
			deny:    []string{permModify},
			changes: map[string]any{"salary": 1e5, "last_name": "Doe"},
			msg:     `Person: edit refused, nothing changed: "last_name": permission denied: Modify portal content`,
			is:      holders.ErrPermission,
		},
		{
			name:    "allowed keys, a bad value: the object refuses",
			deny:    []string{permPrivate},
			changes: map[string]any{"salary": "a lot", "first_name": "Jo"},
			msg:     `Person: edit refused, nothing changed: "salary": wrong type: want float64, got string`,
			is:      holders.ErrWrongType,
		},
		{
			name:    "unknown and read-only keys are named with the denied ones",
			deny:    []string{permSalaries},
			changes: map[string]any{"salary": 1e5, "nope": 1, "nickname": "JD", "first_name": "Jo"},
			msg: `Person: edit refused, nothing changed: "nickname": read-only property; "nope": unknown property; ` +
				`"salary": permission denied: Manage salaries`,
			isAll: []error{holders.ErrReadOnly, holders.ErrUnknownProperty, holders.ErrPermission},
		},
		{
			name:    "read permissions do not matter to writes",
			deny:    []string{permPrivate, permView},
			changes: map[string]any{"salary": 1e5, "first_name": "Jo"},
		},
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for _, form := range editForms {
		for _, c := range cases {
			t.Run(form.name+"/"+c.name, func(t *testing.T) {
				testGuardedEdit(t, form, rng, c.deny, c.changes, c.msg, c.is, c.isAll)
			})
		}
	}
}

func testGuardedEdit(t *testing.T, form editForm, rng *rand.Rand, deny []string, changes map[string]any, msg string, is error, isAll []error) {
	for range 10 { // the order of the changes must not matter
		p := newPerson(t)
		p.SetFirstName("Jean")
		before := stateOf(t, p)
		err := form.edit((&guard{deny: deny}).Object(p), changes, rng)
		if msg == "" {
			if err != nil {
				t.Fatalf("Edit: %v", err)
			}
			if p.FirstName() != "Jo" || p.Salary() != 1e5 {
				t.Fatalf("Edit not applied: %q %v", p.FirstName(), p.Salary())
			}
			continue
		}
		if err == nil || err.Error() != msg {
			t.Fatalf("Edit: %v\nwant %s", err, msg)
		}
		var ee *holders.EditError
		if !errors.As(err, &ee) || ee.Type != "Person" {
			t.Errorf("%T is not an *EditError of Person", err)
		}
		want := isAll
		if want == nil {
			want = []error{is}
		}
		for _, s := range allSentinels {
			if errors.Is(err, s) != slices.Contains(want, s) {
				t.Errorf("errors.Is(err, %q) = %v", s, !slices.Contains(want, s))
			}
		}
		if diff := cmp.Diff(before, stateOf(t, p), exactTime); diff != "" {
			t.Fatalf("a refused Edit changed the object (-before +after):\n%s", diff)
		}
	}
}

func TestTypeInfoProperty(t *testing.T) {
	ti := newPerson(t).TypeInfo()
	cases := []struct {
		id   string
		want *holders.PropertyInfo // nil: not found; Pos is a prefix (file:)
	}{
		{"salary", &holders.PropertyInfo{ID: "salary", Type: "float", ReadPermission: permPrivate, WritePermission: permSalaries, Sheet: "Person", Pos: "schema/person.yaml:", Layer: "core"}},
		{"nickname", &holders.PropertyInfo{ID: "nickname", Type: "string", ReadOnly: true, ReadPermission: permView, WritePermission: permModify, Sheet: "Person", Pos: "schema/person.yaml:", Layer: "core"}},
		{"gender", &holders.PropertyInfo{ID: "gender", Type: "selection", Values: []string{"female", "male", "other"}, ReadPermission: permView, WritePermission: permModify, Sheet: "Person", Pos: "schema/person.yaml:", Layer: "core"}},
		{"group", &holders.PropertyInfo{ID: "group", Type: "category", Multivalued: true, Tree: true, ReadPermission: permView, WritePermission: permModify, Pos: "schema/categories.yaml:", Layer: "core"}},
		{"no_such", nil},
		{"", nil},
		{"Salary", nil},
	}
	for _, c := range cases {
		got, ok := ti.Property(c.id)
		if ok != (c.want != nil) {
			t.Errorf("Property(%q): ok = %v", c.id, ok)
			continue
		}
		if got != nil && c.want != nil {
			// Only the file of the position is stable; the line moves as
			// the schema is edited.
			if !strings.HasPrefix(got.Pos, c.want.Pos) || len(got.Pos) == len(c.want.Pos) {
				t.Errorf("Property(%q).Pos = %q, want %sN", c.id, got.Pos, c.want.Pos)
			}
			w := *c.want
			w.Pos = got.Pos
			c.want = &w
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("Property(%q) (-want +got):\n%s", c.id, diff)
		}
	}
	// Property returns the table's entry, the one Guarded reads.
	p, _ := ti.Property("title")
	if p != ti.Properties[2] || p.Sheet != "Person" {
		t.Errorf(`Property("title") = %+v, want Person's (Properties[2])`, p)
	}
	// The range properties say which property they bound.
	if p, _ := ti.Property("salary_range_min"); p.RangeOf != "salary" {
		t.Errorf("salary_range_min.RangeOf = %q", p.RangeOf)
	}
}

func TestTypeInfoPropertyIDsIsFresh(t *testing.T) {
	p := newPerson(t)
	for name, ids := range map[string]func() []string{
		"TypeInfo().PropertyIDs": p.TypeInfo().PropertyIDs,
		"Person.PropertyIDs":     p.PropertyIDs,
	} {
		first := ids()
		for i := range first {
			first[i] = "mutated"
		}
		_ = append(first[:0], "appended")
		if diff := cmp.Diff(personIDs, ids()); diff != "" {
			t.Errorf("%s after mutating an earlier result (-want +got):\n%s", name, diff)
		}
		if a, b := ids(), ids(); &a[0] == &b[0] {
			t.Errorf("%s returns the same array twice", name)
		}
	}
	if p.TypeInfo().Properties[0].ID != "first_name" {
		t.Error("the table itself was changed")
	}
}

func TestTypeInfoMRO(t *testing.T) {
	cases := []struct {
		obj  holders.Object
		want []string
	}{
		// The holders of the base categories a type lists come after its sheets'.
		{newPerson(t), []string{"Person", "document.Person", "PersonHolder", "ReferenceHolder", "DublinCoreHolder", "GroupCategoryHolder", "FunctionCategoryHolder", "holders.Base", "document.Auditable"}},
		{newOrganisation(t), []string{"Organisation", "document.Organisation", "OrganisationHolder", "ReferenceHolder", "DublinCoreHolder", "GroupCategoryHolder", "SubordinationCategoryHolder", "holders.Base", "document.Auditable"}},
		{mustNew(t, "Person Module"), []string{"PersonModule", "DublinCoreHolder", "holders.Base"}},
	}
	for _, c := range cases {
		if diff := cmp.Diff(c.want, c.obj.TypeInfo().MRO()); diff != "" {
			t.Errorf("%s MRO (-want +got):\n%s", c.obj.PortalType(), diff)
		}
	}
	if got := (&holders.TypeInfo{GoName: "Bare"}).MRO(); !slices.Equal(got, []string{"Bare", "holders.Base"}) {
		t.Errorf("MRO of a type without sheets = %q", got)
	}
}

func mustNew(t *testing.T, name string) holders.Object {
	t.Helper()
	obj, err := portaltype.New(name)
	if err != nil {
		t.Fatal(err)
	}
	return obj
}

func TestTypeInfoString(t *testing.T) {
	ti := newPerson(t).TypeInfo()
	s := ti.String()
	head := "Person (" + ti.Pos + ")\n"
	if !strings.HasPrefix(ti.Pos, "schema/types.yaml:") {
		t.Errorf("Person's Pos = %q", ti.Pos)
	}
	for _, want := range []string{
		head,
		"\n  mro: Person → document.Person → PersonHolder → ReferenceHolder → DublinCoreHolder → GroupCategoryHolder → FunctionCategoryHolder → holders.Base → document.Auditable\n",
		// One override each for the two title properties the document's Title answers for.
		"  overridden: Title of title (sheet Person) by document.Person (document/document.go:",
		"  overridden: Title of title (sheet DublinCore) by document.Person (document/document.go:",
		"  shadowed: property title of sheet Person hides the one of sheet DublinCore\n",
		"  base categories: group, function\n",
		"  groups: node\n",
		"  allowed content: Address, Telephone, Email\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("Person's String() lacks %q:\n%s", want, s)
		}
	}
	if !strings.HasPrefix(s, head+"  mro: ") {
		t.Errorf("String() does not start with the name and the mro line:\n%s", s)
	}

	// A hand-made type, every line exactly.
	first := &holders.PropertyInfo{ID: "code", Type: "string", Sheet: "A", Pos: "a.yaml:3"}
	hidden := &holders.PropertyInfo{ID: "code", Type: "string", Sheet: "B", Pos: "b.yaml:9"}
	ti = &holders.TypeInfo{
		Name: "Sale Order", GoName: "SaleOrder", Pos: "types.yaml:1",
		Sheets: []*holders.SheetInfo{{Name: "A", Holder: "AHolder"}, {Name: "B", Holder: "BHolder"}},
		Properties: []*holders.PropertyInfo{
			first,
			{ID: "prices", Type: "float", Multivalued: true, Sheet: "B", Pos: "b.yaml:4"},
			{ID: "tags", Type: "lines", Multivalued: true, ReadOnly: true, Sheet: "B", Pos: "b.yaml:5"},
			{ID: "region", Type: "category", Multivalued: true, Pos: "types.yaml:2"},
		},
		Shadowed: []holders.ShadowInfo{
			{Winner: first, Loser: hidden},
			{Method: "CodeList", Winner: first, Loser: hidden},
		},
		Groups: []string{"order", "sale"},
	}
	want := "Sale Order (types.yaml:1)\n" +
		"  mro: SaleOrder → AHolder → BHolder → holders.Base\n" +
		"  code                     string                     from sheet A (a.yaml:3)\n" +
		"  prices                   float multivalued          from sheet B (b.yaml:4)\n" +
		"  tags                     lines, read-only           from sheet B (b.yaml:5)\n" +
		"  region                   category                   from type (types.yaml:2)\n" +
		"  shadowed: property code of sheet A hides the one of sheet B\n" +
		"  shadowed: method CodeList of sheet A hides the one of sheet B\n" +
		"  groups: order, sale\n"
	if diff := cmp.Diff(want, ti.String()); diff != "" {
		t.Errorf("String() (-want +got):\n%s", diff)
	}
}

func TestFindType(t *testing.T) {
	table := []*holders.TypeInfo{{Name: "Address"}, {Name: "Person"}, {Name: "Person Module"}, {Name: "Telephone"}}
	cases := []struct {
		name  string
		table []*holders.TypeInfo
		want  int // index in table, -1 when not found
	}{
		{"Address", table, 0},
		{"Person", table, 1},
		{"Person Module", table, 2},
		{"Telephone", table, 3},
		{"", table, -1},
		{"Aardvark", table, -1},
		{"Addresses", table, -1},
		{"Perso", table, -1},
		{"Person ", table, -1},
		{"Persons", table, -1},
		{"Zebra", table, -1},
		{"person", table, -1},
		{"Person", nil, -1},
		{"", []*holders.TypeInfo{}, -1},
		{"Only", table[3:3], -1},
		{"Telephone", table[3:], 0},
		{"Address", table[3:], -1},
	}
	for _, c := range cases {
		got, ok := holders.FindType(c.table, c.name)
		if c.want < 0 {
			if ok || got != nil {
				t.Errorf("FindType(%d types, %q) = %v, %v; want nil, false", len(c.table), c.name, got, ok)
			}
			continue
		}
		if !ok || got != c.table[c.want] {
			t.Errorf("FindType(%d types, %q) = %v, %v; want entry %d", len(c.table), c.name, got, ok, c.want)
		}
	}
}

func TestFindCategory(t *testing.T) {
	table := []holders.CategoryInfo{
		{Path: "function", ID: "function", Title: "Function"},
		{Path: "region", ID: "region", Title: "Region"},
		{Path: "region/asia", ID: "asia", Title: "Asia", Parent: "region"},
		{Path: "region/europe", ID: "europe", Title: "Europe", Parent: "region"},
		{Path: "region/europe/france", ID: "france", Title: "France", Parent: "region/europe"},
		{Path: "subordination", ID: "subordination", Title: "Subordination", Description: "Employer."},
	}
	cases := []struct {
		path  string
		table []holders.CategoryInfo
		want  int
	}{
		{"function", table, 0},
		{"region", table, 1},
		{"region/europe", table, 3},
		{"region/europe/france", table, 4},
		{"subordination", table, 5},
		{"", table, -1},
		{"a", table, -1},
		{"region/", table, -1},
		{"region/europe/", table, -1},
		{"region/europe/germany", table, -1},
		{"europe", table, -1},
		{"zzz", table, -1},
		{"region", nil, -1},
		{"region", table[:1], -1},
	}
	for _, c := range cases {
		got, ok := holders.FindCategory(c.table, c.path)
		var want holders.CategoryInfo
		if c.want >= 0 {
			want = c.table[c.want]
		}
		if ok != (c.want >= 0) {
			t.Errorf("FindCategory(%q): ok = %v", c.path, ok)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("FindCategory(%q) (-want +got):\n%s", c.path, diff)
		}
	}
}

func TestTypesInGroup(t *testing.T) {
	table := [][2]string{
		{"contact", "Address"}, {"contact", "Email"}, {"contact", "Telephone"},
		{"module", "Person Module"},
		{"node", "Organisation"}, {"node", "Person"},
	}
	cases := []struct {
		group string
		table [][2]string
		want  []string
	}{
		{"contact", table, []string{"Address", "Email", "Telephone"}},
		{"module", table, []string{"Person Module"}},
		{"node", table, []string{"Organisation", "Person"}},
		{"", table, nil},
		{"a", table, nil},
		{"contacts", table, nil},
		{"mod", table, nil},
		{"node ", table, nil},
		{"zzz", table, nil},
		{"Node", table, nil},
		{"node", nil, nil},
		{"node", table[:4], nil},
		{"contact", table[1:2], []string{"Email"}},
	}
	for _, c := range cases {
		got := holders.TypesInGroup(c.table, c.group)
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("TypesInGroup(%q) (-want +got):\n%s", c.group, diff)
		}
	}
	// The result is the caller's.
	got := holders.TypesInGroup(table, "node")
	got[0] = "mutated"
	if table[4][1] != "Organisation" {
		t.Error("TypesInGroup's result aliases the table")
	}
}

func TestGeneratedLookupTables(t *testing.T) {
	if diff := cmp.Diff([]string{"Address", "Email", "Organisation", "Person", "Person Module", "Telephone"}, portaltype.TypeNames()); diff != "" {
		t.Errorf("TypeNames (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Organisation", "Person"}, portaltype.TypesInGroup("node")); diff != "" {
		t.Errorf("TypesInGroup(node) (-want +got):\n%s", diff)
	}
	for _, name := range portaltype.TypeNames() {
		ti, ok := portaltype.LookupType(name)
		if !ok || ti.Name != name {
			t.Errorf("LookupType(%q) = %v, %v", name, ti, ok)
			continue
		}
		obj, err := portaltype.New(name)
		if err != nil || obj.PortalType() != name || obj.TypeInfo() != ti {
			t.Errorf("New(%q) = %v, %v", name, obj, err)
		}
	}
	c, ok := portaltype.LookupCategory("region/europe/france")
	if want := (holders.CategoryInfo{Path: "region/europe/france", ID: "france", Title: "France", Parent: "region/europe"}); !ok || !cmp.Equal(c, want) {
		t.Errorf("LookupCategory = %+v, %v", c, ok)
	}
}

func TestUnknownType(t *testing.T) {
	long := strings.Repeat("T", 70)
	cases := []struct {
		name, msg string
	}{
		{"Persn", `unknown portal type: "Persn"`},
		{"", `unknown portal type: ""`},
		{"person", `unknown portal type: "person"`},
		{"Tab\tbed", `unknown portal type: "Tab\tbed"`},
		{long, `unknown portal type: "` + long[:64] + `"… (70 bytes)`},
		// A string whose tail after the cut is "…", or its first bytes,
		// must not read as whole (FuzzEdit found a 65-byte such name).
		{long[:64] + "…", `unknown portal type: "` + long[:64] + `"… (67 bytes)`},
		{long[:64] + "\xe2", `unknown portal type: "` + long[:64] + `"… (65 bytes)`},
		{long[:63] + "é…", `unknown portal type: "` + long[:63] + `"… (68 bytes)`},
	}
	for _, c := range cases {
		err := holders.UnknownType(c.name)
		if !errors.Is(err, holders.ErrUnknownType) || errors.Is(err, holders.ErrUnknownProperty) {
			t.Errorf("UnknownType(%q) = %v, want an error wrapping ErrUnknownType only", c.name, err)
		}
		if err.Error() != c.msg {
			t.Errorf("UnknownType(%q) = %q, want %q", c.name, err, c.msg)
		}
		obj, err := portaltype.New(c.name)
		if obj != nil || err == nil || err.Error() != c.msg {
			t.Errorf("New(%q) = %v, %v; want nil, %s", c.name, obj, err, c.msg)
		}
		if _, ok := portaltype.LookupType(c.name); ok {
			t.Errorf("LookupType(%q) found a type", c.name)
		}
	}
}

var (
	sinkValue holders.Value
	sinkErr   error
)

func TestByNameAccessDoesNotAllocate(t *testing.T) {
	p := newPerson(t)
	p.SetFirstName("Jean")
	p.SetChildCount(2)
	var obj holders.Object = p
	boxedInt := any(3)
	boxedString := any("Jo")
	boxedFloat := any(1234.5)
	cases := []struct {
		name string
		f    func()
	}{
		{"Value(first_name)", func() { sinkValue, sinkErr = p.Value("first_name") }},
		{"Value(child_count)", func() { sinkValue, sinkErr = p.Value("child_count") }},
		{"Value(child_count) through Object", func() { sinkValue, sinkErr = obj.Value("child_count") }},
		{"Value(last_name) unset", func() { sinkValue, sinkErr = p.Value("last_name") }},
		{"SetProperty(child_count, boxed int)", func() { sinkErr = p.SetProperty("child_count", boxedInt) }},
		{"SetProperty(first_name, boxed string)", func() { sinkErr = p.SetProperty("first_name", boxedString) }},
		{"SetProperty(salary, boxed float) through Object", func() { sinkErr = obj.SetProperty("salary", boxedFloat) }},
	}
	for _, c := range cases {
		c.f()
		if sinkErr != nil {
			t.Fatalf("%s: %v", c.name, sinkErr)
		}
		if n := testing.AllocsPerRun(1000, c.f); n != 0 {
			t.Errorf("%s: %v allocations, want 0", c.name, n)
		}
	}
	if p.ChildCount() != 3 || p.FirstName() != "Jo" || p.Salary() != 1234.5 {
		t.Error("the writes did not happen")
	}
}

// TestBaseNotComparable checks what keeps every portal type from being
// comparable: Base is not, so neither is a struct that embeds it, even
// one of scalars only, as a type whose holders hold no list would be.
func TestBaseNotComparable(t *testing.T) {
	type scalars struct {
		title string
		holders.Base
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[holders.Base](), reflect.TypeFor[holders.NoCompare](), reflect.TypeFor[scalars]()} {
		if typ.Comparable() {
			t.Errorf("%s is comparable", typ)
		}
	}
	if size := reflect.TypeFor[holders.NoCompare]().Size(); size != 0 {
		t.Errorf("NoCompare takes %d bytes, want 0", size)
	}
}

// TestIntrospectionAllocatesItsResultOnly: MRO and TypesInGroup return a
// new slice, made once at its size, whatever the number of holders or of
// types in the group.
func TestIntrospectionAllocatesItsResultOnly(t *testing.T) {
	var table [][2]string
	for i := range 100 {
		table = append(table, [2]string{"node", fmt.Sprintf("Type %03d", i)})
	}
	table = append(table, [2]string{"other", "Z"})
	person := new(portaltype.Person).TypeInfo()
	cases := []struct {
		name string
		f    func() []string
	}{
		{"MRO of Person", person.MRO},
		{"TypesInGroup of 100 types", func() []string { return holders.TypesInGroup(table, "node") }},
	}
	for _, c := range cases {
		if n := testing.AllocsPerRun(100, func() { sinkStrings = c.f() }); n != 1 {
			t.Errorf("%s: %v allocations, want 1", c.name, n)
		}
	}
}

var sinkStrings []string
