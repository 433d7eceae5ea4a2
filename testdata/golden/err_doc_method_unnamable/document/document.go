package document

// note is unexported.
type note struct{}

// Person is the document.
type Person struct{}

// Describe takes an unexported type.
func (p *Person) Describe(n []note) string { return "person" }

// Audit is a mixin.
type Audit struct{}

// Describe has the document method's name.
func (a *Audit) Describe(n []note) string { return "audit" }
