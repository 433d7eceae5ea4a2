// Package document holds the hand-written types of the doc_binding case.
package document

import "github.com/accessorgen/accessorgen/testdata/golden/doc_binding/accessorholder"

// Person embeds the Person holder, which portal types list, and the Audit
// holder, which they do not.
type Person struct {
	accessorholder.PersonHolder
	accessorholder.AuditHolder
}

// Title overrides the generated getter (pointer receiver).
func (p *Person) Title() string { return p.FirstName() + " " + p.LastName() }

// SetState overrides the generated setter of a selection.
func (p *Person) SetState(v string) error { return p.PersonHolder.SetState(v) }

// Greeting is a document method that is not an accessor.
func (p Person) Greeting() string { return "Hello " + p.FirstName() }

// Memo embeds no holder; its Description has a value receiver.
type Memo struct{ text string }

// Description overrides DublinCore's getter.
func (m Memo) Description() string { return m.text }

// Timestamps is a mixin.
type Timestamps struct{ Created int64 }

// Touch is a mixin method.
func (t *Timestamps) Touch() { t.Created++ }

// Tagged is a mixin whose Description loses to the holders.
type Tagged struct{}

// Description has an accessor's name: DublinCore's holder wins.
func (Tagged) Description() string { return "tag" }

// Classify is a package-level function, for func: references.
func Classify(p *Person) []string { return nil }

// rank is unexported.
func rank() int { return 0 }

var _ = rank
