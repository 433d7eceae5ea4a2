package document

import "github.com/accessorgen/accessorgen/testdata/golden/err_doc_ambiguous_member/accessorholder"

// Person embeds its holder beside Named and Labels.
type Person struct {
	accessorholder.PersonHolder
	Named
	Labels
}

// Named has a method named like the title accessor.
type Named struct{}

// Title is at the depth of the holder's Title.
func (Named) Title() string { return "named" }

// Labels has a field named like the reference accessor.
type Labels struct{ Reference string }

// FirstName on Person itself is an override, not ambiguous.
func (p *Person) FirstName() string { return "first" }
