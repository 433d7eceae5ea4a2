package document

// Person is generic.
type Person[T any] struct{ v T }

// Memo is a generic alias: it needs type arguments too.
type Memo[T any] = Person[T]
