package document

import "github.com/accessorgen/accessorgen/testdata/golden/err_doc_value_setter/accessorholder"

// Person embeds its holder.
type Person struct {
	accessorholder.PersonHolder
}

// SetTitle has a value receiver: it sets the title of a copy.
func (p Person) SetTitle(v string) { p.PersonHolder.SetTitle(v) }

// SetState too, for a selection.
func (p Person) SetState(v string) error { return p.PersonHolder.SetState(v) }

// Title has a value receiver, which is fine for a getter.
func (p Person) Title() string { return p.PersonHolder.Title() }

// SetFirstName has a pointer receiver: fine.
func (p *Person) SetFirstName(v string) { p.PersonHolder.SetFirstName(v) }
