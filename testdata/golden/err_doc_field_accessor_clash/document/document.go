package document

// Person has a field named like the first_name accessor.
type Person struct {
	FirstName string
	Names
	nickname string // unexported: no clash
}

// Names is embedded: its field LastName is promoted.
type Names struct{ LastName string }

// Audit is a mixin with a field named like the nickname accessor.
type Audit struct{ Nickname string }
