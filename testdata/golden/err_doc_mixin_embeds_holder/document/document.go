package document

import "github.com/accessorgen/accessorgen/testdata/golden/err_doc_mixin_embeds_holder/accessorholder"

// Audit embeds a holder: holders belong to documents and types.
type Audit struct {
	accessorholder.PersonHolder
}
