package importer

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/accessorgen/accessorgen/erp5/ppml"
)

// The directories of a business template that hold what the import reads.
const (
	sheetsItem   = "PropertySheetTemplateItem"
	typesItem    = "PortalTypeTemplateItem"
	categoryItem = "CategoryTemplateItem"
)

// assignmentItems are the type-level assignment lists: the XML element of
// each and the kind reported for its entries.
var assignmentItems = map[string]string{
	"PortalTypePropertySheetTemplateItem":      "Property Sheet assignment",
	"PortalTypeBaseCategoryTemplateItem":       "Base Category assignment",
	"PortalTypeAllowedContentTypeTemplateItem": "Allowed Content Type assignment",
	"PortalTypeHiddenContentTypeTemplateItem":  "Hidden Content Type assignment",
	"PortalTypeTypeMixinTemplateItem":          "Type Mixin assignment",
}

// template is one business template directory found under an import path.
type template struct {
	dir  string // on disk
	rel  string // relative to the import root, slash-separated
	rank int    // position of the import path among the arguments
}

// findTemplates returns the business templates at or below root: the
// directories with a child named *TemplateItem.
func findTemplates(root string, rank int) ([]template, error) {
	base, err := importBase(root)
	if err != nil {
		return nil, err
	}
	var out []template
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if strings.HasSuffix(d.Name(), "TemplateItem") {
			dir := filepath.Dir(p)
			abs, err := filepath.Abs(dir)
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(base, abs)
			if err != nil {
				return err
			}
			if len(out) == 0 || out[len(out)-1].dir != dir {
				out = append(out, template{dir: dir, rel: filepath.ToSlash(rel), rank: rank})
			}
			return fs.SkipDir
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// importBase is the directory that the paths of an import of root are
// relative to: root's parent, as an absolute path, so that "." and
// "../bt5" run from bt5/ give the same paths (bt5/...), wherever the
// import runs.
func importBase(root string) (string, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	return filepath.Dir(abs), nil
}

// source is a file's path for reports: relative to the import root.
func (t template) source(p string) string {
	rel, err := filepath.Rel(t.dir, p)
	if err != nil {
		return p
	}
	return path.Join(t.rel, filepath.ToSlash(rel))
}

// xmlFiles lists the *.xml files directly in dir, sorted.
func xmlFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".xml") {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(out)
	return out, nil
}

// unquoteName turns a file name into the ERP5 id it stores ("Sale%20Order"
// is "Sale Order").
func unquoteName(file string) string {
	name := strings.TrimSuffix(filepath.Base(file), ".xml")
	if u, err := url.PathUnescape(name); err == nil {
		return u
	}
	return name
}

// object is the first record of a ppml file: the exported object.
type object struct {
	file   *ppml.File
	rec    *ppml.Record
	state  *ppml.Value
	source string
}

func readObject(t template, p string) (*object, error) {
	f, err := ppml.ReadFile(p)
	if err != nil {
		return nil, err
	}
	r := f.Records[0]
	if r.State == nil || r.State.Kind != ppml.Dict {
		return nil, fmt.Errorf("%s:%d: <record id=%q>: the object's state is not a dictionary", p, r.Line, r.ID)
	}
	return &object{file: f, rec: r, state: r.State, source: t.source(p)}, nil
}

// kind is the object's ERP5 portal_type: its state's portal_type, else its
// class name.
func (o *object) kind() string {
	if v := o.state.Get("portal_type"); v.IsText() && v.Str != "" {
		return v.Str
	}
	return o.rec.ClassName()
}

// id is the object's id, or the one its file name stores.
func (o *object) id(file string) string {
	if id := o.text("id"); id != "" {
		return id
	}
	return unquoteName(file)
}

// text returns a string field, "" when absent or None.
func (o *object) text(key string) string {
	if v := o.state.Get(key); v.IsText() {
		return v.Str
	}
	return ""
}

// strings returns a tuple or list of strings; a lone string is a list of one.
func (o *object) strings(key string) ([]string, bool) {
	v := o.state.Get(key)
	switch {
	case v == nil || v.Kind == ppml.None:
		return nil, true
	case v.IsText():
		return []string{v.Str}, true
	case v.IsSeq():
		var out []string
		for _, x := range v.Items {
			if !x.IsText() {
				return nil, false
			}
			out = append(out, x.Str)
		}
		return out, true
	}
	return nil, false
}

// flag returns a boolean field stored as an int or a bool.
func (o *object) flag(key string) bool {
	v := o.state.Get(key)
	if v == nil {
		return false
	}
	return v.Kind == ppml.Int && v.Int != 0 || v.Kind == ppml.Bool && v.Bool
}

// assignment is one type-level list file: portal type → items, each with
// its line, since the same item may be listed for several types.
type assignment struct {
	element string // the root element
	types   []assignedType
}

type assignedType struct {
	id    string
	items []assignedItem
}

type assignedItem struct {
	name string
	line int
}

// readAssignment reads a list file: <root><portal_type id="T"><item>X</item>...
func readAssignment(p string) (*assignment, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var a assignment
	dec := xml.NewDecoder(bytes.NewReader(data))
	var path []string // the open elements
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF && a.element != "" {
			break
		}
		if err != nil {
			var syn *xml.SyntaxError
			if errors.As(err, &syn) {
				return nil, fmt.Errorf("%s:%d: malformed XML: %s", p, syn.Line, syn.Msg)
			}
			return nil, fmt.Errorf("%s: %v", p, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			path = append(path, tok.Name.Local)
			switch {
			case len(path) == 1:
				a.element = tok.Name.Local
			case len(path) == 2 && tok.Name.Local == "portal_type":
				t := assignedType{}
				for _, at := range tok.Attr {
					if at.Name.Local == "id" {
						t.id = at.Value
					}
				}
				if t.id == "" {
					return nil, fmt.Errorf("%s: <%s>: a <portal_type> without id", p, a.element)
				}
				a.types = append(a.types, t)
			case len(path) == 3 && path[1] == "portal_type" && tok.Name.Local == "item":
				line, _ := dec.InputPos()
				t := &a.types[len(a.types)-1]
				t.items = append(t.items, assignedItem{line: line})
				text.Reset()
			}
		case xml.CharData:
			if len(path) == 3 && path[1] == "portal_type" && path[2] == "item" {
				text.Write(tok)
			}
		case xml.EndElement:
			if len(path) == 3 && path[1] == "portal_type" && path[2] == "item" {
				t := &a.types[len(a.types)-1]
				t.items[len(t.items)-1].name = text.String()
			}
			path = path[:len(path)-1]
		}
	}
	return &a, nil
}

// repr renders a raw field for an unsupported entry, close to Python's
// repr so that nothing of the value is lost.
func repr(v *ppml.Value) string {
	if v == nil {
		return "None"
	}
	switch v.Kind {
	case ppml.None:
		return "None"
	case ppml.Bool:
		if v.Bool {
			return "True"
		}
		return "False"
	case ppml.Int:
		return fmt.Sprint(v.Int)
	case ppml.Float:
		return fmt.Sprint(v.Float)
	case ppml.String, ppml.Bytes:
		return v.Str
	case ppml.Tuple, ppml.List:
		parts := make([]string, len(v.Items))
		for i, x := range v.Items {
			parts[i] = quoteRepr(x)
		}
		if v.Kind == ppml.List {
			return "[" + strings.Join(parts, ", ") + "]"
		}
		if len(parts) == 1 {
			return "(" + parts[0] + ",)"
		}
		return "(" + strings.Join(parts, ", ") + ")"
	case ppml.Dict:
		parts := make([]string, len(v.Keys))
		for i := range v.Keys {
			parts[i] = quoteRepr(v.Keys[i]) + ": " + quoteRepr(v.Vals[i])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case ppml.Global:
		return strings.ReplaceAll(v.Str, "\x00", ".")
	case ppml.Persistent:
		return "<persistent " + v.Str + ">"
	}
	return v.Kind.String()
}

// quoteRepr is repr for an element of a container: strings quoted.
func quoteRepr(v *ppml.Value) string {
	if v.IsText() {
		return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(v.Str) + "'"
	}
	return repr(v)
}

// empty reports whether a raw value carries no information: None, "", an
// empty tuple, list or dictionary.
func empty(v *ppml.Value) bool {
	if v == nil {
		return true
	}
	switch v.Kind {
	case ppml.None:
		return true
	case ppml.String, ppml.Bytes:
		return v.Str == ""
	case ppml.Tuple, ppml.List:
		return len(v.Items) == 0
	case ppml.Dict:
		return len(v.Keys) == 0
	}
	return false
}

// rawFields returns the object's fields that carry information, without
// those in skip, rendered for an unsupported entry.
func (o *object) rawFields(skip ...string) map[string]string {
	out := map[string]string{}
	for i, k := range o.state.Keys {
		if !k.IsText() || slices.Contains(skip, k.Str) || bookkeeping(k.Str) || empty(o.state.Vals[i]) {
			continue
		}
		out[k.Str] = repr(o.state.Vals[i])
	}
	return out
}

// bookkeeping reports whether a key is ZODB or Zope bookkeeping rather than
// schema: BTree internals, local property declarations, catalog ids and the
// Zope security settings of the exported object itself.
func bookkeeping(key string) bool {
	switch key {
	case "_count", "_mt_index", "_tree", "_local_properties", "uid", "sid", "rid",
		"int_index", "string_index", "id_generator", "id_group", "last_id",
		"workflow_history", "_identity_criterion", "_range_criterion", "criterion_property":
		return true
	}
	return strings.HasPrefix(key, "_") && strings.HasSuffix(key, "_Permission")
}
