package document

import (
	"github.com/accessorgen/accessorgen/testdata/golden/err_doc_signature_package_path/document/holders"
	"github.com/accessorgen/accessorgen/testdata/golden/err_doc_signature_package_path/document/time"
)

// Person is a document.
type Person struct{}

// Birthday returns the user's time.Time, not the standard one.
func (p *Person) Birthday() time.Time { return time.Time{} }

// SetSubordinationValue takes the user's holders.Object.
func (p *Person) SetSubordinationValue(o holders.Object) {}
