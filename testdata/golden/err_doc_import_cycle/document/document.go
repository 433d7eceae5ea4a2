package document

import "github.com/accessorgen/accessorgen/testdata/golden/err_doc_import_cycle/portaltype"

// Person is a document.
type Person struct{}

// New uses the generated package: an import cycle.
func New() any { return portaltype.New }
