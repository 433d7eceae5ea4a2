package goldenrun_test

// These tests run the doc_method_priority golden case: names that only
// the document and mixins define go to the document, then to the mixins
// in order, as docs/documents.md says, and not to Go's ambiguous selector.

import (
	"context"
	"testing"

	"github.com/accessorgen/accessorgen/testdata/golden/doc_method_priority/portaltype"
)

func TestDocumentAndMixinMethodPriority(t *testing.T) {
	o := new(portaltype.Person)
	if got := o.Describe(); got != "person" {
		t.Errorf("Describe() = %q; want the document's", got)
	}
	if got, err := o.Annotate(context.Background(), 0); err != nil || len(got["person"]) != 1 {
		t.Errorf("Annotate() = %v, %v; want the document's", got, err)
	}
	o.Stamp(nil, nil) // Audit's, the first mixin's: it compiles
	if got := o.Only(); got != 1 {
		t.Errorf("Only() = %d", got)
	}
}
