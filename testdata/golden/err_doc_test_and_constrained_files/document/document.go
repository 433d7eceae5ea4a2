//go:build ignore

// Package document is excluded from every build.
package document

// Person is a document.
type Person struct{}
