package document

// Person is declared in a test file, which a build leaves out.
type Person struct{}
