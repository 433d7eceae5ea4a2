// Package helper imports the generated types package.
package helper

import "github.com/accessorgen/accessorgen/testdata/golden/err_doc_indirect_import_cycle/portaltype"

// New is the generated constructor.
var New = portaltype.New
