// Package document holds the example's hand-written document types: ERP5's
// document classes. accessorgen embeds a portal type's document first, so a
// method written here wins over the generated accessor of the same name, in
// the method set and in by-name access.
//
// A document reaches the object's accessors by embedding the holders of the
// sheets it works with, as an ERP5 document class declares its own property
// sheets: the portal type then reaches those holders through the document
// instead of embedding them twice, so both see the same values.
package document

import (
	"context"
	"slices"
	"strings"

	"github.com/accessorgen/accessorgen/examples/erp5/accessorholder"
	"github.com/accessorgen/accessorgen/holders"
)

// Person is the document of portal type Person.
type Person struct {
	accessorholder.PersonHolder
}

// Title is the person's title, or their first and last names when no title
// is set, as ERP5's Person.getTitle.
func (p *Person) Title() string {
	if p.HasTitle() {
		return p.PersonHolder.Title()
	}
	return strings.TrimSpace(p.FirstName() + " " + p.LastName())
}

// SetLastName stores last names in capitals, a house rule of this example.
func (p *Person) SetLastName(v string) {
	p.PersonHolder.SetLastName(strings.ToUpper(v))
}

// Organisation is the document of portal type Organisation. It embeds two
// holders; Reference, which it does not use, stays on the portal type.
type Organisation struct {
	accessorholder.OrganisationHolder
	accessorholder.DublinCoreHolder
}

// Title is the organisation's title, or its corporate name when it has no
// title.
func (o *Organisation) Title() string {
	if t := o.DublinCoreHolder.Title(); t != "" {
		return t
	}
	return o.CorporateName()
}

// Auditable is a mixin: a log of notes about an object. Portal types embed
// it after their holders.
type Auditable struct {
	notes []string
}

// Note records a note.
func (a *Auditable) Note(note string) { a.notes = append(a.notes, note) }

// Notes returns the notes, oldest first.
func (a *Auditable) Notes() []string { return slices.Clone(a.notes) }

// PersonCategories returns the base categories a portal type gets beyond
// those its schema lists, as an ERP5 Dynamic Category Property computes
// them. accessorgen calls it when generating.
func PersonCategories(portalType string) []string {
	if portalType == "Person" {
		return []string{"skill"}
	}
	return nil
}

// IsEmployee is the condition of Person's one_employer constraint: a
// person with a career role is an employee, and must work for exactly one
// organisation.
func IsEmployee(ctx context.Context, o holders.Object) (bool, error) {
	roles, err := o.Value("career_role")
	return len(roles.Strings()) > 0, err
}
