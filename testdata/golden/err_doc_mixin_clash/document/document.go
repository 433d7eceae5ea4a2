package document

// Person is a document.
type Person struct{}

// PersonHolder is a mixin with the name of the holder of sheet Person.
type PersonHolder struct{}
