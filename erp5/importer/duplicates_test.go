package importer

import (
	"strings"
	"testing"
)

// ERP5 accepts a name listed twice in a list (content_acquired_property_id,
// a constraint's portal types, ...) and means it once; the loader refuses
// the repeat. The import keeps the first, so that the item is still
// imported whole (ERP5's DataSet sheet lists priced_quantity twice in
// sale_supply_line's content_acquired_property_id).
func TestDuplicateListItemsKeptOnce(t *testing.T) {
	const one = "<string>city</string>"
	files := importEdited(t, "erp5_fixture/PropertySheetTemplateItem/portal_property_sheets/Person/default_address_property.xml", one, one+"\n"+one)
	for _, f := range files {
		if strings.Contains(string(f.Data), "listed twice") {
			t.Errorf("%s: the loader refused a repeated item:\n%s", f.Path, f.Data)
		}
		if f.Path == "property_sheets/person.yaml" && !strings.Contains(string(f.Data), "content_properties:\n      - city\n") {
			t.Errorf("%s: default_address lost its content_properties:\n%s", f.Path, f.Data)
		}
	}
}
