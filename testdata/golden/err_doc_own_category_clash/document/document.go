package document

// Person is a document.
type Person struct{}

// RegionList has the name of the type's own category accessor.
func (p *Person) RegionList() []string { return nil }
