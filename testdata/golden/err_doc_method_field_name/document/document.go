package document

// Person is a document.
type Person struct{}

// ExtraHolder is the name of the field of sheet Extra's holder.
func (p *Person) ExtraHolder() string { return "" }

// Tagged is a mixin.
type Tagged struct{}

// Person is the name of the document's field.
func (Tagged) Person() string { return "" }
