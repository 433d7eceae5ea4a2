package document

// Person is a document.
type Person struct{}
