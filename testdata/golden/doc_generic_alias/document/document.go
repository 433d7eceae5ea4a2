// Package document holds the hand-written types of the doc_generic_alias case.
package document

import "github.com/accessorgen/accessorgen/testdata/golden/doc_generic_alias/accessorholder"

// Doc is a generic document.
type Doc[T any] struct {
	accessorholder.PersonHolder
	Extra T
}

// Title overrides the generated getter.
func (d *Doc[T]) Title() string { return "Dr " + d.FirstName() }

// Person is Doc of int.
type Person = Doc[int]
