// Package document holds the hand-written documents.
package document

// Person is the document of the Person portal type.
type Person struct{}
