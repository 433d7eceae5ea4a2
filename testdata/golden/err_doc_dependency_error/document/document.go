package document

import "github.com/accessorgen/accessorgen/testdata/golden/err_doc_dependency_error/helper"

// Person is a document.
type Person struct{}

// Rank uses the helper package, which does not compile.
func (p *Person) Rank() int { return helper.Rank }
