package schema

import (
	"strings"
	"testing"
)

// TestConfigDocuments checks how ParseConfig treats a file of several YAML
// documents: empty ones (a leading or trailing ---, a lone comment) are
// ignored, as in schema files; a second document with content is an
// error at its start.
func TestConfigDocuments(t *testing.T) {
	const body = "schema: [schema]\nholders: {dir: h}\ntypes: {dir: t}\n"
	for _, tc := range []struct {
		name, data, err string
	}{
		{"one", body, ""},
		{"leading separator", "---\n" + body, ""},
		{"trailing separator", body + "---\n", ""},
		{"trailing comment document", body + "---\n# the end\n...\n", ""},
		{"empty documents first", "---\n---\n" + body, ""},
		{"CRLF and a trailing separator", strings.ReplaceAll(body+"---\n", "\n", "\r\n"), ""},
		{"second document", body + "---\nbogus: 1\n", "c.yaml:4:1: config has a second document: write the config as one mapping"},
		{"second after an empty one", body + "---\n---\nbogus: 1\n", "c.yaml:5:1: config has a second document: write the config as one mapping"},
		{"second is bad YAML", body + "--- [\n", "c.yaml:4:1: invalid YAML: did not find expected node content"},
		{"only separators", "---\n---\n", "c.yaml:1:1: config is empty: it needs schema, holders and types"},
		{"explicit null", "~\n", "c.yaml:1:1: config must be a mapping, not null"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseConfig("c.yaml", []byte(tc.data))
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.err {
				t.Errorf("ParseConfig(%q):\n got %q\nwant %q", tc.data, got, tc.err)
			}
		})
	}
}
