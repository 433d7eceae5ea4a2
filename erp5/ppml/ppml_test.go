package ppml

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accessorgen/accessorgen/internal/corpus"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// doc wraps the state pickle of one record.
func doc(state string) string {
	return `<?xml version="1.0"?>
<ZopeData>
  <record id="1" aka="AAAAAAAAAAE=">
    <pickle><global name="Standard Property" module="erp5.portal_type"/></pickle>
    <pickle>` + state + `</pickle>
  </record>
</ZopeData>
`
}

func str(s string) *Value                { return &Value{Kind: String, Str: s} }
func num(i int64) *Value                 { return &Value{Kind: Int, Int: i} }
func seq(k Kind, items ...*Value) *Value { return &Value{Kind: k, Items: items} }

func TestParseValues(t *testing.T) {
	tests := []struct {
		name  string
		state string
		want  *Value
	}{
		{"none", `<none/>`, &Value{Kind: None}},
		{"int", `<int> 42 </int>`, num(42)},
		{"negative long", `<long>-7L</long>`, num(-7)},
		{"float", `<float>1.5</float>`, &Value{Kind: Float, Float: 1.5}},
		{"true", `<true/>`, &Value{Kind: Bool, Bool: true}},
		{"bool element", `<bool>0</bool>`, &Value{Kind: Bool}},
		{"empty string", `<string></string>`, str("")},
		{"plain string", `<string>First name.</string>`, str("First name.")},
		{"repr escapes", `<string>it\'s a \\ path\nnext\ttab \x41 \101 \d</string>`, str("it's a \\ path\nnext\ttab A A \\d")},
		{"layout newlines are dropped", "<string>a\\n\nb</string>", str("a\nb")},
		{"cdata", "<string encoding=\"cdata\"><![CDATA[\n\npython: a > b and c < \\'d\\'\n\n]]></string>", str("python: a > b and c < 'd'")},
		{"base64", `<string encoding="base64">aGVsbG8=</string>`, str("hello")},
		{"repr", `<string encoding="repr">'a&lt;b\n'</string>`, str("a<b\n")},
		{"unicode escape", `<unicode>caf\u00e9</unicode>`, str("café")},
		{"bytes", `<bytes encoding="base64">AAE=</bytes>`, &Value{Kind: Bytes, Str: "\x00\x01"}},
		{"empty tuple", `<tuple/>`, seq(Tuple)},
		{"tuple", `<tuple><string>a</string><int>1</int></tuple>`, seq(Tuple, str("a"), num(1))},
		{"list", `<list><string>a</string></list>`, seq(List, str("a"))},
		{"dictionary", `<dictionary>
			<item><key><string>id</string></key><value><string>x</string></value></item>
			<item><key><string>n</string></key><value><int>2</int></value></item>
		</dictionary>`, &Value{Kind: Dict, Keys: []*Value{str("id"), str("n")}, Vals: []*Value{str("x"), num(2)}}},
		{"persistent oid", `<persistent><string encoding="base64">AAAAAAAAAAI=</string></persistent>`,
			&Value{Kind: Persistent, Str: "2", Items: []*Value{str("\x00\x00\x00\x00\x00\x00\x00\x02")}}},
		{"persistent with class", `<persistent><tuple><bytes encoding="base64">AAAAAAAAAAM=</bytes><global module="m" name="C"/></tuple></persistent>`,
			&Value{Kind: Persistent, Str: "3", Items: []*Value{seq(Tuple, &Value{Kind: Bytes, Str: "\x00\x00\x00\x00\x00\x00\x00\x03"}, &Value{Kind: Global, Str: "m\x00C"})}}},
		{"reference", `<tuple><tuple id="1.2"><string>x</string></tuple><reference id="1.2"/></tuple>`,
			seq(Tuple, seq(Tuple, str("x")), seq(Tuple, str("x")))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("t.xml", []byte(doc(tt.state)))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, f.Records[0].State, cmpopts.IgnoreFields(Value{}, "Line")); diff != "" {
				t.Errorf("value (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRecords(t *testing.T) {
	src := `<ZopeData>
  <record id="1" aka="AAAAAAAAAAE=">
    <pickle><global name="Property Sheet" module="erp5.portal_type"/></pickle>
    <pickle><dictionary>
      <item><key><string>_count</string></key><value><persistent><string encoding="base64">AAAAAAAAAAI=</string></persistent></value></item>
    </dictionary></pickle>
  </record>
  <record id="2" aka="AAAAAAAAAAI=">
    <pickle><global name="Length" module="BTrees.Length"/></pickle>
    <pickle> <int>0</int> </pickle>
  </record>
</ZopeData>`
	f, err := Parse("s.xml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r := f.Records[0]
	if r.ClassName() != "Property Sheet" || r.ClassModule() != "erp5.portal_type" || r.Line != 2 {
		t.Errorf("record 1: class %q module %q line %d", r.ClassName(), r.ClassModule(), r.Line)
	}
	target, ok := f.Resolve(r.State.Get("_count"))
	if !ok || target.ID != "2" || target.ClassName() != "Length" {
		t.Errorf("_count resolves to %+v, %v; want record 2", target, ok)
	}
	if r.State.Get("missing") != nil {
		t.Error("Get of a missing key is not nil")
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"not xml", `<ZopeData><record>`, "bad.xml:1:19: malformed XML: unexpected EOF"},
		{"mismatched tag", "<ZopeData>\n<record id=\"1\"></pickle>", "bad.xml:2:25: malformed XML: element <record> closed by </pickle>"},
		{"empty", ``, "bad.xml:1:1: no XML element"},
		{"control character in text", "<ZopeData>\n<record id=\"1\"><pickle><string>ab\x01cd\nef\ngh</string>", "bad.xml:2:34: malformed XML: illegal character code U+0001"},
		{"wrong root", `<Data/>`, "bad.xml:1:1: <Data>: the root element must be <ZopeData>"},
		{"no records", `<ZopeData/>`, "bad.xml:1:1: <ZopeData>: no <record>"},
		{"record without id", `<ZopeData><record><pickle><none/></pickle></record></ZopeData>`, "bad.xml:1:11: <record>: missing id attribute"},
		{"bad aka", `<ZopeData><record id="1" aka="x"><pickle><none/></pickle></record></ZopeData>`, `bad.xml:1:11: <record>: aka "x" is not a base64 oid of 8 bytes`},
		{"duplicate record", `<ZopeData><record id="1"><pickle><none/></pickle></record><record id="1"><pickle><none/></pickle></record></ZopeData>`, `bad.xml:1:59: <record>: duplicate record id "1"`},
		{"three pickles", `<ZopeData><record id="1"><pickle><none/></pickle><pickle><none/></pickle><pickle><none/></pickle></record></ZopeData>`, "bad.xml:1:11: <record>: a record has one or two <pickle>s, not 3"},
		{"unknown element", doc(`<frozenset/>`), "bad.xml:5:13: <frozenset>: unknown element"},
		{"bad int", doc(`<int>x</int>`), `bad.xml:5:13: <int>: not a 64-bit integer: "x"`},
		{"bad float", doc(`<float>1,5</float>`), `bad.xml:5:13: <float>: not a float: "1,5"`},
		{"bad base64", doc(`<string encoding="base64">!!</string>`), "bad.xml:5:13: <string>: bad base64: illegal base64 data at input byte 0"},
		{"unknown encoding", doc(`<string encoding="rot13">x</string>`), `bad.xml:5:13: <string>: unknown encoding "rot13"`},
		{"lone backslash", doc(`<string>a\</string>`), "bad.xml:5:13: <string>: string ends with a lone backslash"},
		{"bad hex escape", doc(`<string>\xzz</string>`), `bad.xml:5:13: <string>: bad \x escape "\\xzz"`},
		{"truncated hex escape", doc(`<string>\x4</string>`), `bad.xml:5:13: <string>: truncated \x escape`},
		{"child in scalar", doc(`<string><int>1</int></string>`), "bad.xml:5:13: <string>: unexpected element <int> in a scalar"},
		{"text in tuple", doc(`<tuple>x</tuple>`), `bad.xml:5:13: <tuple>: unexpected text "x"`},
		{"item without value", doc(`<dictionary><item><key><string>a</string></key></item></dictionary>`), "bad.xml:5:25: <item>: an item holds a <key> and a <value>"},
		{"not an item", doc(`<dictionary><key/></dictionary>`), "bad.xml:5:25: <key>: expected <item> in <dictionary>"},
		{"unknown reference", doc(`<reference id="9"/>`), `bad.xml:5:13: <reference>: reference to id "9", which no earlier element has`},
		{"global without name", doc(`<global module="m"/>`), "bad.xml:5:13: <global>: needs module and name attributes"},
		{"empty persistent", doc(`<persistent/>`), "bad.xml:5:13: <persistent>: holds one value, not 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("bad.xml", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error; got %d records", len(f.Records))
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}

func TestDeepNesting(t *testing.T) {
	src := doc(strings.Repeat("<tuple>", 300) + strings.Repeat("</tuple>", 300))
	if _, err := Parse("deep.xml", []byte(src)); err == nil || !strings.Contains(err.Error(), "nested deeper than 200") {
		t.Errorf("got %v, want a nesting error", err)
	}
}

// TestCorpus parses every XML file of the ERP5 corpus that ppml files are
// (the type-level assignment lists are another format, read by the
// importer).
func TestCorpus(t *testing.T) {
	dir, ok := corpus.Dir()
	if !ok {
		t.Skip(corpus.SkipMessage(dir))
	}
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".xml") || strings.Contains(path, "/PortalType") && !strings.Contains(path, "/PortalTypeTemplateItem/") {
			return err
		}
		f, err := ReadFile(path)
		if err != nil {
			t.Error(err)
			return nil
		}
		n++
		for _, r := range f.Records {
			if r.ClassName() == "" || r.State == nil {
				t.Errorf("%s: record %s has no class global or no state", path, r.ID)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 3000 {
		t.Errorf("parsed %d files; the corpus has more than 3,000", n)
	}
	t.Logf("parsed %d ppml files", n)
}

func TestClassForms(t *testing.T) {
	tests := []struct{ class, module, name string }{
		{`<global name="Base Type" module="erp5.portal_type"/>`, "erp5.portal_type", "Base Type"},
		{`<tuple><global name="TI" module="m"/><tuple/></tuple>`, "m", "TI"},
		{`<tuple><tuple><string>m</string><string>TI</string></tuple><none/></tuple>`, "m", "TI"},
		{`<none/>`, "", ""},
	}
	for _, tt := range tests {
		src := `<ZopeData><record id="1"><pickle>` + tt.class + `</pickle><pickle><none/></pickle></record></ZopeData>`
		f, err := Parse("c.xml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		r := f.Records[0]
		if r.ClassModule() != tt.module || r.ClassName() != tt.name {
			t.Errorf("%s: got %q %q, want %q %q", tt.class, r.ClassModule(), r.ClassName(), tt.module, tt.name)
		}
	}
}

// FuzzParse: any input gives a file or an error, never a panic, and every
// error names the file.
func FuzzParse(f *testing.F) {
	f.Add(doc(`<dictionary><item><key><string>id</string></key><value><tuple id="1.2"><string>a\'b</string></tuple></value></item></dictionary>`))
	f.Add(doc(`<persistent><string encoding="base64">AAAAAAAAAAI=</string></persistent>`))
	f.Add(doc("<string encoding=\"cdata\"><![CDATA[\n\nx\\n\n\n]]></string>"))
	f.Add(`<ZopeData><record id="1"><pickle><reference id="x"/></pickle></record></ZopeData>`)
	f.Fuzz(func(t *testing.T, src string) {
		file, err := Parse("f.xml", []byte(src))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.xml:") {
				t.Errorf("error without the file name: %v", err)
			}
			return
		}
		if len(file.Records) == 0 {
			t.Error("a file without records and without an error")
		}
	})
}
