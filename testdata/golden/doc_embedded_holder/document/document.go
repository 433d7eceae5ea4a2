// Package document holds the hand-written types of the doc_embedded_holder case.
package document

import (
	"errors"

	"github.com/accessorgen/accessorgen/testdata/golden/doc_embedded_holder/accessorholder"
)

// Common is a base of several documents: it embeds their holders.
type Common struct {
	accessorholder.PersonHolder
	Audited
}

// Audited embeds the Audit holder one level further down.
type Audited struct {
	accessorholder.AuditHolder
}

// Person embeds its holders through Common.
type Person struct {
	Common
}

// SetState refuses to reopen a closed person.
func (p *Person) SetState(v string) error {
	if p.State() == "closed" && v == "open" {
		return errors.New("closed persons cannot be reopened")
	}
	return p.PersonHolder.SetState(v)
}

// Greeting reads the holder through Common.
func (p *Person) Greeting() string { return "Hello " + p.FirstName() + " by " + p.Author() }
