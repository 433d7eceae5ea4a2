// Package portaltype is where the generated types go.
package portaltype

// Person is a document.
type Person struct{}
