package document

import "github.com/accessorgen/accessorgen/holders"

// Person embeds holders.Base for its relative URL.
type Person struct {
	holders.Base
}

// Where reads the document's own copy of the relative URL.
func (p *Person) Where() string { return p.RelativeURL() }
