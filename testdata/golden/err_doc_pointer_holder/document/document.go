package document

import "github.com/accessorgen/accessorgen/testdata/golden/err_doc_pointer_holder/accessorholder"

// Person embeds *PersonHolder.
type Person struct {
	*accessorholder.PersonHolder
}
