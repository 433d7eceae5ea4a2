package document

// Person is a function, not a type.
func Person() {}
