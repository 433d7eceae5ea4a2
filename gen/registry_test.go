package gen

import (
	"testing"

	"github.com/accessorgen/accessorgen/schema"
)

// TestLowerGoNameIsUnexported keeps schema.LowerGoName, by which schema
// predicts the registry's fields and the portal types' helpers when it
// checks that they do not collide, equal to unexported, by which gen names
// the helpers.
func TestLowerGoNameIsUnexported(t *testing.T) {
	for _, name := range []string{"A", "AB", "Ab", "ABc", "UI", "UIX", "UIGroup", "URLString", "JSONCodec", "SaleOrder",
		"Lookup", "X1", "X1Y", "ID2", "A1b", "Type", "ÉTé", "ÉTÉ"} {
		if got, want := schema.LowerGoName(name), unexported(name); got != want {
			t.Errorf("schema.LowerGoName(%q) = %q, unexported gives %q", name, got, want)
		}
	}
}
