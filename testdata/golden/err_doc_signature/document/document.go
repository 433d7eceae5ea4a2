package document

// Person is a document.
type Person struct{}

// Title returns an int: not the accessor title's signature.
func (p *Person) Title() int { return 0 }

// SetState forgets the error of a selection setter.
func (p *Person) SetState(v string) {}
