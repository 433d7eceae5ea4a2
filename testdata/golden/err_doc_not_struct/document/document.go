package document

// Person is not a struct.
type Person []string
