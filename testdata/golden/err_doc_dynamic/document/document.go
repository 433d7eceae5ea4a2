package document

// Item is a document.
type Item struct{}

// Categories is a method, not a function.
func (Item) Categories() []string { return nil }

// WrongSignature returns a string, not a list.
func WrongSignature() string { return "color" }
