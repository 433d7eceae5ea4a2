// Package document is internal to lib: only lib's tree may import it.
package document

// Person is a document.
type Person struct{}
