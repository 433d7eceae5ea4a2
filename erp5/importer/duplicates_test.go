package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ERP5 accepts a name listed twice in a list (content_acquired_property_id,
// a constraint's portal types, ...) and means it once; the loader refuses
// the repeat. The import keeps the first, so that the item is still
// imported whole (ERP5's DataSet sheet lists priced_quantity twice in
// sale_supply_line's content_acquired_property_id).
func TestDuplicateListItemsKeptOnce(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "erp5_fixture/PropertySheetTemplateItem/portal_property_sheets/Person/default_address_property.xml")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	const one = "<string>city</string>"
	if strings.Count(string(data), one) != 1 {
		t.Fatalf("the fixture changed: %s holds %q %d times", p, one, strings.Count(string(data), one))
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), one, one+"\n<string>city</string>", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Import([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	files, err := res.Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.Contains(string(f.Data), "listed twice") {
			t.Errorf("%s: the loader refused a repeated item:\n%s", f.Path, f.Data)
		}
		if f.Path == "property_sheets/person.yaml" && !strings.Contains(string(f.Data), "content_properties:\n      - city\n") {
			t.Errorf("%s: default_address lost its content_properties:\n%s", f.Path, f.Data)
		}
	}
}
