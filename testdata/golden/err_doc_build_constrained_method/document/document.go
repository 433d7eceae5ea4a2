package document

// Person is the document.
type Person struct{}

// Audit is a mixin.
type Audit struct{}
