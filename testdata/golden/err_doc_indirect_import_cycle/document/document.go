package document

import "github.com/accessorgen/accessorgen/testdata/golden/err_doc_indirect_import_cycle/helper"

// Person is a document.
type Person struct{}

// New uses the helper package, which imports the generated types.
func (p *Person) New() any { return helper.New }
