package importer

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accessorgen/accessorgen/internal/corpus"
	"github.com/accessorgen/accessorgen/internal/driver"
	"github.com/accessorgen/accessorgen/schema"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

const (
	fixture = "testdata/bt5"
	golden  = "testdata/golden"
)

// importEdited imports a copy of the fixture in which the file at path
// (slash-separated, below the fixture) has its one old replaced by new,
// and returns the files the import writes.
func importEdited(t *testing.T, path, old, new string) []File {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, filepath.FromSlash(path))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), old); n != 1 {
		t.Fatalf("the fixture changed: %s holds %q %d times", path, old, n)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
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
	return files
}

// importFixture imports the checked-in business templates and returns the
// files and the summary, as the command prints it.
func importFixture(t *testing.T) (map[string][]byte, string) {
	t.Helper()
	return importPath(t, fixture)
}

// importPath imports the business templates at or below path, as
// importFixture does.
func importPath(t *testing.T, path string) (map[string][]byte, string) {
	t.Helper()
	res, err := Import([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	files, err := res.Files()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Path] = f.Data
	}
	var summary bytes.Buffer
	res.Report.Summary(&summary)
	return out, summary.String()
}

func TestGolden(t *testing.T) {
	files, summary := importFixture(t)
	files["summary.txt"] = []byte(summary)
	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		for name, data := range files {
			p := filepath.Join(golden, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := map[string][]byte{}
	err := filepath.WalkDir(golden, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(golden, p)
		want[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if diff := cmp.Diff(string(want[name]), string(data)); diff != "" {
			t.Errorf("%s differs from the golden file (go test ./erp5/importer -update rewrites it) (-golden +imported):\n%s", name, diff)
		}
	}
	for name := range want {
		if _, ok := files[name]; !ok {
			t.Errorf("golden file %s is no longer produced", name)
		}
	}
}

// TestDeterministic: two imports give the same bytes.
func TestDeterministic(t *testing.T) {
	a, sa := importFixture(t)
	b, sb := importFixture(t)
	if diff := cmp.Diff(a, b); diff != "" || sa != sb {
		t.Errorf("two imports differ:\n%s", diff)
	}
}

// TestEverythingAccounted: every item found is imported or reported as not
// imported, per kind.
func TestEverythingAccounted(t *testing.T) {
	res, err := Import([]string{fixture})
	if err != nil {
		t.Fatal(err)
	}
	accounted(t, res.Report)
}

func accounted(t *testing.T, r *Report) {
	t.Helper()
	whole := r.Whole()
	for kind, n := range r.Found {
		if got := r.Imported[kind] + whole[kind] + r.Repeated[kind]; got != n {
			t.Errorf("%s: found %d, imported %d + not imported %d + repeated %d = %d", kind, n, r.Imported[kind], whole[kind], r.Repeated[kind], got)
		}
	}
}

func TestPyLiteral(t *testing.T) {
	tests := []struct {
		src  string
		want any
		err  bool
	}{
		{"None", nil, false},
		{" True", true, false},
		{"False ", false, false},
		{"0", int64(0), false},
		{"-7", int64(-7), false},
		{"1800.", 1800.0, false},
		{"1.5e3", 1500.0, false},
		{"''", "", false},
		{`'it\'s'`, "it's", false},
		{`"a"`, "a", false},
		{`b''`, "", false},
		{"()", pyTuple{}, false},
		{"[]", pyTuple{}, false},
		{"('Email',)", pyTuple{"Email"}, false},
		{"['Career', ]", pyTuple{"Career"}, false},
		{"('a', 'b')", pyTuple{"a", "b"}, false},
		{"('a')", "a", false},
		{"86400. * 30", nil, true},
		{"int(30)", nil, true},
		{"portal.getPortalNodeTypeList()", nil, true},
		{"Nonesuch", nil, true},
		{"'unterminated", nil, true},
		{"", nil, true},
		{"('a', b)", nil, true},
	}
	for _, tt := range tests {
		got, err := pyLiteral(tt.src)
		if (err != nil) != tt.err {
			t.Errorf("pyLiteral(%q): error %v, want error %v", tt.src, err, tt.err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); !tt.err && diff != "" {
			t.Errorf("pyLiteral(%q) (-want +got):\n%s", tt.src, diff)
		}
	}
}

func TestTales(t *testing.T) {
	tests := []struct {
		expr string
		ok   bool
		why  string
	}{
		{"python: ('Organisation',)", true, ""},
		{"python: here.getTitle()", false, "a Python expression cannot be evaluated outside ERP5"},
		{"string:${portal_url}", false, "a TALES string expression cannot be evaluated outside ERP5"},
		{"not: here/isEmpty", false, "a TALES not: expression cannot be evaluated outside ERP5"},
		{"portal/getPortalNodeTypeList", false, "a TALES path expression cannot be evaluated outside ERP5"},
	}
	for _, tt := range tests {
		_, ok, why := tales(tt.expr)
		if ok != tt.ok || why != tt.why {
			t.Errorf("tales(%q) = %v, %q; want %v, %q", tt.expr, ok, why, tt.ok, tt.why)
		}
	}
}

func TestAccessorID(t *testing.T) {
	tests := []struct {
		name    string
		content bool
		want    string
		ok      bool
	}{
		{"getDefaultEmailValue", true, "default_email", true},
		{"getDefaultEmailText", false, "default_email_text", true},
		{"getCodification", false, "codification", true},
		{"getTitleValue", false, "title_value", true},
		{"title", false, "", false},
		{"get", false, "", false},
		{"getter", false, "", false},
	}
	for _, tt := range tests {
		got, ok := accessorID(tt.name, tt.content)
		if got != tt.want || ok != tt.ok {
			t.Errorf("accessorID(%q, %v) = %q, %v; want %q, %v", tt.name, tt.content, got, ok, tt.want, tt.ok)
		}
	}
}

// TestReadID: an ERP5 getter reads the property whose id is its name, the
// name without "default_", or whose storage_id is the name; of the
// acquiring property's kind.
func TestReadID(t *testing.T) {
	sheets := []*Sheet{{Properties: []*Property{
		{ID: "address", Type: "content", StorageID: "default_address"},
		{ID: "main_email", Type: "content", StorageID: "office_email"},
		{ID: "default_fax", Type: "content"},
		{ID: "fax", Type: "content"},
		{ID: "telephone", Type: "string"},
	}}}
	tests := []struct {
		name    string
		content bool
		want    string
	}{
		{"default_address", true, "address"},
		{"address", true, "address"},
		{"office_email", true, "main_email"},
		{"default_fax", true, "default_fax"}, // a property of that very id wins
		{"default_telephone", false, "telephone"},
		{"default_telephone", true, ""}, // not a content property
		{"default_address", false, ""},
		{"unknown", true, ""},
	}
	for _, tt := range tests {
		if got := readID(sheets, tt.name, tt.content); got != tt.want {
			t.Errorf("readID(%q, %v) = %q; want %q", tt.name, tt.content, got, tt.want)
		}
	}
}

// TestResolveAccessors: acquisition_accessor_id and alt_accessor_id are
// matched to the schema by one rule (readID), the first in the sheets of
// the portal types acquired from, each alt_accessor_id in the sheets of the
// portal types that use the acquiring sheet (ERP5 calls it on the object
// itself), then in every sheet; without a match the name is kept.
func TestResolveAccessors(t *testing.T) {
	acquiring := &Property{ID: "home_address", Type: "content", Acquisition: &Acquisition{
		BaseCategory: []string{"subordination"}, PortalType: []string{"Organisation"},
		getter: "default_address", // getDefaultAddressValue
		// getDefaultAddressValue, getCareerDefaultAddressValue, getMainEmailValue
		AltAccessor: []string{"default_address", "career_default_address", "main_email"},
	}}
	phone := &Property{ID: "phone", Type: "string", Acquisition: &Acquisition{
		// getDefaultTelephoneText: the text of a sub-object, no property.
		AltAccessor: []string{"default_telephone", "default_telephone_text"},
	}}
	res := &Result{
		Sheets: []*Sheet{
			{Name: "Person", Properties: []*Property{
				{ID: "address", Type: "content", StorageID: "default_address"},
				acquiring, phone,
				{ID: "telephone", Type: "string"},
			}},
			{Name: "Organisation", Properties: []*Property{{ID: "site_address", Type: "content", StorageID: "default_address"}}},
			// Used by no type: matched only when the types' sheets have
			// no match, though its ids match the names as they are.
			{Name: "Spare", Properties: []*Property{
				{ID: "default_address", Type: "content"},
				{ID: "default_telephone", Type: "string"},
				{ID: "main_email", Type: "content"},
			}},
		},
		Types: []*PortalType{
			{Name: "Person", Sheets: []*Ref{{Name: "Person"}}},
			{Name: "Organisation", Sheets: []*Ref{{Name: "Organisation"}}},
		},
	}
	resolveAccessors(res)
	got := map[string]any{
		"accessor":     acquiring.Acquisition.Accessor,
		"alt":          acquiring.Acquisition.AltAccessor,
		"phone alt":    phone.Acquisition.AltAccessor,
		"phone access": phone.Acquisition.Accessor,
	}
	want := map[string]any{
		"accessor":     "site_address",                                              // Organisation's sheets first
		"alt":          []string{"address", "career_default_address", "main_email"}, // Person's sheets first; no match kept; then every sheet
		"phone alt":    []string{"telephone", "default_telephone_text"},
		"phone access": "",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("resolveAccessors (-want +got):\n%s", diff)
	}
}

// TestMalformed: malformed input is an error naming the file and the
// position, and nothing is returned.
func TestMalformed(t *testing.T) {
	tests := []struct {
		name, file, data, want string
	}{
		{"broken sheet", "PropertySheetTemplateItem/portal_property_sheets/Broken.xml", "<ZopeData>\n<record id=\"1\"><pickle><int>x</int></pickle></record></ZopeData>",
			"PropertySheetTemplateItem/portal_property_sheets/Broken.xml:2:24: <int>: not a 64-bit integer: \"x\""},
		{"state not a dictionary", "PortalTypeTemplateItem/portal_types/Thing.xml", "<ZopeData><record id=\"1\"><pickle><none/></pickle></record></ZopeData>",
			"PortalTypeTemplateItem/portal_types/Thing.xml:1: <record id=\"1\">: the object's state is not a dictionary"},
		{"broken assignment", "PortalTypePropertySheetTemplateItem/property_sheet_list.xml", "<property_sheet_list>\n<portal_type id=\"A\"><item>B</portal_type>",
			"PortalTypePropertySheetTemplateItem/property_sheet_list.xml:2: malformed XML: element <item> closed by </portal_type>"},
		{"assignment without id", "PortalTypeBaseCategoryTemplateItem/base_category_list.xml", "<base_category_list><portal_type><item>B</item></portal_type></base_category_list>",
			"PortalTypeBaseCategoryTemplateItem/base_category_list.xml: <base_category_list>: a <portal_type> without id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, filepath.FromSlash(tt.file))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := Import([]string{dir})
			if err == nil {
				t.Fatalf("no error; %d sheets", len(res.Sheets))
			}
			if got := strings.TrimPrefix(err.Error(), dir+string(filepath.Separator)); got != tt.want {
				t.Errorf("error\n got %s\nwant %s", got, tt.want)
			}
		})
	}
	if _, err := Import([]string{t.TempDir()}); err == nil || !strings.Contains(err.Error(), "no business template") {
		t.Errorf("empty directory: got %v, want a no business template error", err)
	}
}

// TestCorpus imports the whole ERP5 corpus: every item is imported or
// explained, and a second import gives the same bytes.
func TestCorpus(t *testing.T) {
	dir, ok := corpus.Dir()
	if !ok {
		t.Skip(corpus.SkipMessage(dir))
	}
	res, err := Import([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	accounted(t, res.Report)
	for kind, min := range map[string]int{"Property Sheet": 377, "Portal Type": 904, "Base Category": 217} {
		if res.Report.Found[kind] != min {
			t.Errorf("%s: found %d, the corpus has %d", kind, res.Report.Found[kind], min)
		}
	}
	a, err := res.Files()
	if err != nil {
		t.Fatal(err)
	}
	res2, err := Import([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	b, err := res2.Files()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two imports of the corpus differ:\n%s", diff)
	}
}

// TestGoldenGenerates: the fixture's import generates, without a documents
// package, exactly as a user's go generate would run on it.
func TestGoldenGenerates(t *testing.T) {
	res, err := Import([]string{fixture})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := res.Write(filepath.Join(dir, "schema")); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"go.mod":           "module fixture\n\ngo 1.26.0\n",
		"accessorgen.yaml": "schema: [schema/property_sheets, schema/portal_types, schema/base_categories]\nholders: {dir: accessorholder}\ntypes: {dir: portaltype}\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := schema.LoadConfig(filepath.Join(dir, "accessorgen.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := driver.Generate(dir, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	var types int
	for _, f := range out {
		if strings.HasPrefix(f.Path, "portaltype/") && strings.HasSuffix(f.Path, ".gen.go") {
			types++
		}
	}
	if types != len(res.Types) {
		t.Errorf("generated %d portal type files, want %d", types, len(res.Types))
	}
}

// TestPathsDoNotDependOnWhereItRan: however the import path is spelt and
// wherever the import runs, the YAML's Source: lines are relative to the
// path's parent (bt5/...), and the summary names that parent as it opens
// from the current directory, or not at all when it is the current one.
func TestPathsDoNotDependOnWhereItRan(t *testing.T) {
	want, _ := importFixture(t)
	abs, err := filepath.Abs(fixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, cwd, path, header string }{
		{"dot", fixture, ".", "Paths below are relative to .. (the directory holding the import path).\n"},
		{"dot slash", fixture, "./", "Paths below are relative to .. (the directory holding the import path).\n"},
		{"from the parent", "testdata", "bt5", ""},
		{"through the parent", "testdata", "../testdata/bt5", ""},
		{"absolute", fixture + "/erp5_fixture", abs, "Paths below are relative to ../.. (the directory holding the import path).\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(tt.cwd)
			got, summary := importPath(t, tt.path)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("the YAML differs from an import of %s (-want +got):\n%s", fixture, diff)
			}
			first, _, _ := strings.Cut(summary, "\n")
			if tt.header == "" && strings.HasPrefix(first, "Paths below") || tt.header != "" && first+"\n" != tt.header {
				t.Errorf("summary starts %q, want %q", first, tt.header)
			}
		})
	}
}
