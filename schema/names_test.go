package schema

import "testing"

func TestGoName(t *testing.T) {
	tests := []struct {
		name   string
		spaces bool
		want   string
		err    bool
	}{
		{"first_name", false, "FirstName", false},
		{"firstName", false, "FirstName", false},
		{"url_string", false, "URLString", false},
		{"source_uid", false, "SourceUID", false},
		{"id", false, "ID", false},
		{"address_2", false, "Address2", false},
		{"_private", false, "Private", false},
		{"Sale Order", true, "SaleOrder", false},
		{"Sale Order", false, "", true},
		{"HTTP client", true, "HTTPClient", false},
		{"café", false, "Café", false},
		{"first-name", false, "", true},
		{"2nd", false, "", true},
		{"", false, "", true},
		{"__", false, "", true},
		{"a.b", false, "", true},
		{"日本", false, "", true}, // no upper case: not exported
	}
	for _, tt := range tests {
		got, err := GoName(tt.name, tt.spaces)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("GoName(%q, %v) = %q, %v; want %q, error %v", tt.name, tt.spaces, got, err, tt.want, tt.err)
		}
	}
}

func TestFileName(t *testing.T) {
	tests := map[string]string{
		"DublinCore": "dublin_core",
		"URLString":  "url_string",
		"SaleOrder":  "sale_order",
		"HTTPClient": "http_client",
		"Address2":   "address2",
		"ID":         "id",
		"A":          "a",
	}
	for in, want := range tests {
		if got := FileName(in); got != want {
			t.Errorf("FileName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"multivalued", "mode", "default", "dir", "priority", "description", "deprecated"}
	tests := map[string]string{
		"prio":       `; did you mean "priority"?`, // an abbreviation, not "dir" by distance
		"Multi":      `; did you mean "multivalued"?`,
		"desc":       `; did you mean "description"?`,
		"dep":        `; did you mean "deprecated"?`,
		"multivalue": `; did you mean "multivalued"?`,
		"mdoe":       `; did you mean "mode"?`,
		"Default":    `; did you mean "default"?`,
		"zzzzzzzzz":  "",
		"moed":       `; did you mean "mode"?`, // a swap is one edit
		"tree":       "",                       // not "mode": three edits of four bytes
		"dfeualt":    `; did you mean "default"?`,
	}
	for in, want := range tests {
		if got := Suggest(in, keys); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
	typeKeys := []string{"kind", "name", "property_sheets", "base_categories", "type_class"}
	for in, want := range map[string]string{
		"sheets":     `; did you mean "property_sheets"?`, // its last word
		"categories": `; did you mean "base_categories"?`,
		"class":      `; did you mean "type_class"?`,
		"CheckAll":   "",
	} {
		if got := Suggest(in, typeKeys); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}
