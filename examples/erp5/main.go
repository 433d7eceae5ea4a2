// Command erp5 shows the code accessorgen generates for a small ERP5-like
// model (schema/): portal types created by name, typed and by-name
// accessors, hand-written document methods that override accessors
// (document/), a mixin, an Edit that is refused as a whole, permissions
// through a Guard, the package's lookup tables, and a type's composition
// order as ERP5 prints an mro().
package main

//go:generate go run github.com/accessorgen/accessorgen/cmd/accessorgen

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/accessorgen/accessorgen/examples/erp5/portaltype"
	"github.com/accessorgen/accessorgen/holders"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "erp5:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	// Create an object by portal type name, as ERP5's newContent does.
	obj, err := portaltype.New("Person")
	if err != nil {
		return err
	}
	p := obj.(*portaltype.Person)

	// Typed accessors: checked by the compiler, inlined.
	p.SetFirstName("Jean")
	p.SetLastName("Dupont") // document.Person's SetLastName: stored in capitals
	p.SetBirthday(time.Date(1980, time.May, 17, 0, 0, 0, 0, time.UTC))
	p.SetCareerRoleList([]string{"engineer", "manager"})
	p.SetCareerRole("director") // ERP5's default setter: first value, others kept
	p.SetRegion("europe/france")
	fmt.Fprintf(w, "%s, born %s, roles %v (main: %s), region %s\n",
		p.Title(), p.Birthday().Format("2006-01-02"), p.CareerRoleList(), p.CareerRole(), p.Region())

	// document.Person's Title wins over the generated accessors, by name too.
	title, _ := p.GetProperty("title")
	fmt.Fprintf(w, "Title() = %q, GetProperty(\"title\") = %q\n", p.Title(), title)
	if err := p.SetProperty("last_name", "martin"); err != nil {
		return err
	}
	fmt.Fprintf(w, "after SetProperty(\"last_name\", \"martin\"): %q\n", p.LastName())
	p.SetTitle("Dr Jean Martin")
	p.DublinCoreHolder.SetTitle("M. Martin") // shadowed by Person's sheet, still reachable
	fmt.Fprintf(w, "with a title set: Title() = %q, DublinCoreHolder.Title() = %q\n", p.Title(), p.DublinCoreHolder.Title())

	// A dynamic category: document.PersonCategories gave Person "skill".
	p.SetSkillList([]string{"go", "erp"})
	skill, _ := p.SkillTitle(context.Background())
	fmt.Fprintln(w, "skills:", p.SkillList(), "first:", skill)

	// The Auditable mixin comes after the holders.
	p.Note("created by the example")
	fmt.Fprintln(w, "notes:", p.Notes())

	// By-name access dispatches to the same methods.
	children, _ := p.Value("child_count") // unset: the schema's default, no allocation
	fmt.Fprintln(w, "child_count before:", children.Int())
	if err := p.SetProperty("child_count", 2); err != nil {
		return err
	}
	name, _ := p.GetProperty("first_name")
	fmt.Fprintln(w, "child_count after:", p.ChildCount(), "first_name:", name)
	fmt.Fprintln(w, "set a read-only property:", p.SetProperty("nickname", "JD"))
	fmt.Fprintln(w, "set a float to a string:", p.SetProperty("salary", "a lot"))

	// Edit applies every change, in order, or none: one bad value refuses
	// them all.
	err = p.Edit(
		holders.Change{ID: "first_name", Value: "John"},
		holders.Change{ID: "child_count", Value: "three"},
		holders.Change{ID: "gender", Value: "unknown"},
	)
	fmt.Fprintln(w, "edit:", err)
	fmt.Fprintf(w, "after the refused edit: first_name %q, child_count %d, gender %q\n", p.FirstName(), p.ChildCount(), p.Gender())
	// EditMap takes the changes as a map, such as a submitted form, and
	// applies them in the type's property order.
	if err := p.EditMap(map[string]any{"first_name": "John", "gender": "male", "subject": []string{"vip"}}); err != nil {
		return err
	}
	fmt.Fprintf(w, "after a good edit: first_name %q, gender %q, subject %v\n", p.FirstName(), p.Gender(), p.SubjectList())

	// Permissions come from the schema; the application decides.
	clerk := holders.Guarded(p, holders.GuardFunc(func(permission string, _ holders.Object) bool {
		return permission != "View private data" && permission != "Manage salaries"
	}))
	_, err = clerk.GetProperty("salary")
	fmt.Fprintln(w, "a clerk reads the salary:", err)
	fmt.Fprintln(w, "a clerk edits:", clerk.Edit(holders.Change{ID: "salary", Value: 1e5}, holders.Change{ID: "first_name", Value: "Jo"}))

	// Organisation's document embeds two holders itself.
	org, _ := portaltype.New("Organisation")
	if err := org.Edit(holders.Change{ID: "corporate_name", Value: "Acme SA"}, holders.Change{ID: "activity", Value: []string{"industry"}}); err != nil {
		return err
	}
	orgTitle, _ := org.GetProperty("title")
	fmt.Fprintf(w, "an Organisation without a title is called %q\n", orgTitle)

	// Categories: memberships are relative URLs. Tree categories take titles
	// from the static tree; others reach objects through a Resolver.
	store := holders.NewMemory()
	ctx := holders.WithResolver(context.Background(), store)
	if err := store.Put("organisation_module/acme", org); err != nil {
		return err
	}
	p.SetSubordinationValue(org)
	if err := store.Put("person_module/1", p); err != nil {
		return err
	}
	regionTitle, _ := p.RegionTitle(ctx)
	employer, _ := p.SubordinationTitle(ctx)
	fmt.Fprintf(w, "%s works for %s (%s), in %s (%s)\n", p.RelativeURL(), employer, p.Subordination(), regionTitle, p.RegionID())
	staff, _ := org.(*portaltype.Organisation).SubordinationRelatedValueList(ctx)
	for _, e := range staff {
		fmt.Fprintf(w, "%s employs %s (%s)\n", org.RelativeURL(), e.RelativeURL(), e.PortalType())
	}
	fmt.Fprintln(w, "region outside the tree:", p.SetProperty("region", "europe/atlantis"))

	// Acquisition: a person without an address of their own has their
	// employer's, and is paid in the employer's currency.
	office := new(portaltype.Address)
	office.SetCity("Lyon")
	if err := store.Put("organisation_module/acme/default_address", office); err != nil {
		return err
	}
	city, _ := p.DefaultAddressCity(ctx)
	currency, _ := p.AcquirePreferredCurrency(ctx)
	fmt.Fprintf(w, "acquired: city %s, currency %s\n", city, currency)
	home := new(portaltype.Address)
	home.SetCity("Paris")
	if err := store.Put("person_module/1/default_address", home); err != nil {
		return err
	}
	p.SetPreferredCurrency("CHF")
	city, _ = p.DefaultAddressCity(ctx)
	currency, _ = p.AcquirePreferredCurrency(ctx)
	fmt.Fprintf(w, "their own: city %s, currency %s\n", city, currency)

	// Consistency: the schema's constraints, compiled into each type and
	// checked against it when generating, run here.
	p.SetReference("PER-1")
	org.(*portaltype.Organisation).SetReference("ORG-1")
	for _, m := range p.CheckConsistency(ctx) {
		fmt.Fprintf(w, "check %s of %s [%s]: %s\n", m.Constraint, m.URL, m.ID, m.Text())
	}
	intern := new(portaltype.Person)
	intern.SetCareerRole("intern") // an employee: must work for one organisation
	intern.SetReference("per-7")
	if err := store.Put("person_module/2", intern); err != nil {
		return err
	}
	for _, m := range intern.CheckConsistency(ctx) {
		fmt.Fprintf(w, "check %s [%s]: %s\n", m.Constraint, m.ID, m.Text())
	}
	org.(*portaltype.Organisation).SetRegion("europe/france")
	if err := org.SetProperty("default_currency", "USD"); err != nil {
		return err
	}
	only := holders.OnlyKinds(holders.AttributeEquality)
	for _, m := range org.(*portaltype.Organisation).FixConsistency(ctx, only) {
		fmt.Fprintf(w, "fix %s [%s]: %s\n", m.Constraint, m.ID, m.Text())
	}
	fmt.Fprintln(w, "default_currency after the fix:", org.(*portaltype.Organisation).DefaultCurrency())

	// Layers: the project layer extends core's Person sheet (employee_number,
	// and its format constraint) and replaces core's Telephone sheet.
	p.SetEmployeeNumber("42")
	for _, m := range p.CheckConsistency(ctx, holders.OnlyIDs("employee_number_format")) {
		fmt.Fprintf(w, "check %s [%s]: %s\n", m.Constraint, m.ID, m.Text())
	}
	for _, t := range []holders.Object{new(portaltype.Telephone), p} {
		for _, s := range t.TypeInfo().Sheets {
			switch {
			case s.Extends:
				fmt.Fprintf(w, "%s: sheet %s of layer %s extends %s\n", t.PortalType(), s.Name, s.Layer, s.Replaces)
			case s.Replaces != "":
				fmt.Fprintf(w, "%s: sheet %s of layer %s replaces %s\n", t.PortalType(), s.Name, s.Layer, s.Replaces)
			default:
				fmt.Fprintf(w, "%s: sheet %s of layer %s\n", t.PortalType(), s.Name, s.Layer)
			}
		}
	}

	// Lookup tables: sorted arrays and switches, nothing built at start-up.
	fmt.Fprintln(w, "types:", portaltype.TypeNames())
	fmt.Fprintln(w, "group node:", portaltype.TypesInGroup("node"))
	fmt.Fprintln(w, "a Person may contain:", portaltype.AllowedContentTypes("Person"))
	if c, ok := portaltype.LookupCategory("region/" + p.Region()); ok {
		fmt.Fprintf(w, "region %s is %q, in %s\n", c.Path, c.Title, c.Parent)
	}
	module, _ := portaltype.New("Person Module")
	fmt.Fprintf(w, "New(%q) gives a %T\n", module.PortalType(), module)
	_, err = portaltype.New("Persn")
	fmt.Fprintln(w, "New(\"Persn\"):", err)

	// The composition order and where each property comes from.
	fmt.Fprint(w, "\n", p.TypeInfo())
	return nil
}
