package document

// Person is generic.
type Person[T any] struct{ v T }
