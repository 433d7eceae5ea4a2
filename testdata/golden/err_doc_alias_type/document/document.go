package document

// Person is an alias of an unnamed struct.
type Person = struct{ X int }
