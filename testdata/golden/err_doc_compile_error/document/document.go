package document

import "github.com/accessorgen/accessorgen/testdata/golden/err_doc_compile_error/accessorholder"

// Person embeds a holder that the schema does not generate.
type Person struct {
	accessorholder.AddressHolder
}

// Broken does not type-check.
func Broken() int { return "x" }
