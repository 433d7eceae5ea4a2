package document

// Person is a document.
type Person struct{}

// Edit would be hidden by the generated Edit.
func (p *Person) Edit(changes map[string]any) error { return nil }
