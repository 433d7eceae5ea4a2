package schema

import (
	"bytes"
	"errors"
	"fmt"
	"go/token"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/accessorgen/accessorgen/holders"
	"go.yaml.in/yaml/v3"
)

// File is one schema file's contents. Name is its path relative to the
// config directory, with forward slashes; it is what positions show.
type File struct {
	Name string
	Data []byte
	// Layer and Priority are the file's layer (config layers:); a plain
	// schema list is the layer "" with priority 0.
	Layer    string
	Priority int
}

// Document kinds.
const (
	KindPropertySheet = "PropertySheet"
	KindPortalType    = "PortalType"
	KindBaseCategory  = "BaseCategory"
)

var kinds = []string{KindPropertySheet, KindPortalType, KindBaseCategory, KindService}

// The keys each kind of mapping accepts. They are the whole format: the
// loader rejects any other key, and docs/schema.md documents each.
var (
	sheetKeys        = []string{"kind", "name", "description", "extends", "properties", "categories", "constraints", "unsupported"}
	propertyKeys     = []string{"id", "type", "description", "default", "multivalued", "range", "mode", "storage_id", "read_permission", "write_permission", "values", "portal_type", "content_properties", "acquisition"}
	acquisitionKeys  = []string{"base_category", "portal_type", "accessor", "mask_value", "copy_value", "alt_accessor", "object_id"}
	typeKeys         = []string{"kind", "name", "description", "property_sheets", "base_categories", "groups", "allowed_content_types", "type_class", "mixins", "dynamic_categories", "unsupported", "location", "aliases", "registered"}
	dynamicKeys      = []string{"func"}
	baseCategoryKeys = []string{"kind", "name", "title", "description", "values", "unsupported"}
	unsupportedKeys  = []string{"item", "kind", "reason", "source", "fields"}
	categoryKeys     = []string{"title", "description", "values"}
)

// ReadFiles reads every *.yaml and *.yml file of the config's schema
// directories, in a deterministic order. configDir is the directory of the
// config file; the config file itself is skipped if a schema directory
// holds it.
func ReadFiles(configDir string, cfg *Config) ([]File, error) {
	var files []File
	var errs ErrorList
	for _, dir := range cfg.Schema {
		full := filepath.Join(configDir, filepath.FromSlash(dir.Path))
		if info, err := os.Stat(full); err == nil && !info.IsDir() {
			errs.add(dir.Pos, "schema directory %q is a file: list the directories that hold the schema files (each one's .yaml files are read)", dir.Path)
			continue
		}
		entries, err := os.ReadDir(full)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				if strings.ContainsAny(dir.Path, "*?[") {
					errs.add(dir.Pos, "schema directory %q does not exist: schema lists directories, not patterns (each one's .yaml files are read)", dir.Path)
				} else {
					errs.add(dir.Pos, "schema directory %q does not exist", dir.Path)
				}
				continue
			}
			return nil, err
		}
		var subdirs, otherCase []string
		read := len(files)
		for _, e := range entries {
			name := path.Join(dir.Path, e.Name())
			ext := path.Ext(name)
			isDir := e.IsDir()
			if e.Type()&fs.ModeSymlink != 0 {
				// A link to a directory is one (os.ReadDir does not
				// follow links); a dangling one is left to reading.
				info, err := os.Stat(filepath.Join(configDir, filepath.FromSlash(name)))
				isDir = err == nil && info.IsDir()
			}
			if isDir {
				subdirs = append(subdirs, name)
			}
			if !isDir && (ext != ".yaml" && ext != ".yml") && (strings.EqualFold(ext, ".yaml") || strings.EqualFold(ext, ".yml")) {
				otherCase = append(otherCase, name)
			}
			// Hidden files are skipped as the go command skips them: an
			// editor's lock file (.#person.yaml, often a dangling link)
			// must not stop a run.
			if isDir || (ext != ".yaml" && ext != ".yml") || name == cfg.File || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			if !utf8.ValidString(e.Name()) {
				// Its name goes into positions and into the generated
				// code's comments, which Go source must keep in UTF-8.
				errs.add(dir.Pos, "schema directory %q holds %q, whose name is not valid UTF-8: rename it", dir.Path, e.Name())
				continue
			}
			data, err := readLimited(filepath.Join(configDir, filepath.FromSlash(name)))
			if err != nil {
				return nil, err
			}
			files = append(files, File{Name: name, Data: data, Layer: dir.Layer, Priority: dir.Priority})
		}
		switch {
		case len(files) > read:
		case len(otherCase) > 0:
			errs.add(dir.Pos, "schema directory %q has no .yaml or .yml files; %s: the extensions are case-sensitive, rename them", dir.Path, strings.Join(otherCase, ", "))
		case len(subdirs) > 0:
			// Likely a tree such as import-erp5 writes: say so rather than
			// generate an empty model.
			errs.add(dir.Pos, "schema directory %q has no .yaml files, only directories (%s): schema directories are not read recursively; list the directories that hold the files", dir.Path, strings.Join(subdirs, ", "))
		default:
			// A directory emptied by mistake would give an empty model,
			// and a run would remove every generated file.
			errs.add(dir.Pos, "schema directory %q has no .yaml or .yml files: add the schema's files, or remove the directory from the config", dir.Path)
		}
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return files, nil
}

// Load reads the schema directories of cfg and compiles them. As with
// Compile, a model with errors is partial.
func Load(configDir string, cfg *Config) (*Model, error) {
	files, err := ReadFiles(configDir, cfg)
	if err != nil {
		return nil, err
	}
	return Compile(files)
}

// compiler holds the declarations of all files while they are being
// checked and linked.
type compiler struct {
	errs     ErrorList
	sheets   []*sheetDecl
	types    []*typeDecl
	bases    []*BaseCategory
	services []*Service
	refs     []pendingRefs   // portal type references to resolve once all are read
	lost     map[string]bool // names of declarations that errors may have lost
}

// pendingRefs are portal type names to resolve into *into.
type pendingRefs struct {
	items []item
	into  *[]*PortalType
	what  string
}

type sheetDecl struct {
	sheet      *Sheet
	extendsPos Pos
}

type typeDecl struct {
	t                                 *PortalType
	sheets, categories, groups, allow []item
}

// Compile parses, validates and resolves a schema given as file contents.
// It returns every error found, sorted by position, as an ErrorList. With
// errors, the model it returns is partial (what could be resolved, without
// the declarations in error's references): good for finding more errors in
// later stages, never for generating code.
func Compile(files []File) (*Model, error) {
	c := &compiler{}
	files = slices.Clone(files)
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	for _, f := range files {
		c.file(f)
	}
	m := c.link()
	return m, c.errs.err()
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(?:column (\d+): )?(.*)$`)

// yamlOffByOne lists the yaml.v3 parser errors whose line is counted from
// 0 (it reports the mark of the construct's context without adding 1, as
// it does for scanner errors); checked against real inputs in the goldens.
var yamlOffByOne = []string{"did not find expected key", "did not find expected ',' or ']'",
	"did not find expected ',' or '}'", "did not find expected '-' indicator",
	"did not find expected <document start>", "found incompatible YAML document"}

// yamlBlockContext lists the yaml.v3 parser errors positioned at the
// start of the block mapping or sequence they occur in rather than at the
// token that broke it.
var yamlBlockContext = []string{"did not find expected key", "did not find expected '-' indicator"}

// blockErrorSearchBytes bounds the YAML that blockErrorLine parses, so
// that an error in a file of the maximum size stays quick to report.
const blockErrorSearchBytes = 16 << 20

// blockErrorLine finds the line at fault for msg, a yaml.v3 error about a
// block starting at line from: the first line from there on such that the
// file up to and including it fails to parse with msg. (A prefix that ends
// inside a quoted or block scalar fails too, but with another message.)
// col is that line's first character that is not a space or tab, counted
// in characters as yaml.v3 counts columns. ok is false if no such line is
// found within blockErrorSearchBytes of parsing.
func blockErrorLine(data []byte, from int, msg string) (line, col int, ok bool) {
	starts := []int{0} // byte offset of each line's start
	for i, b := range data {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	budget := blockErrorSearchBytes
	for n := max(from, 1); n <= len(starts); n++ {
		end := len(data)
		if n < len(starts) {
			end = starts[n]
		}
		if budget -= end; budget < 0 {
			return 0, 0, false
		}
		if m := yamlLine.FindStringSubmatch(parseError(data[:end])); m == nil || m[3] != msg {
			continue
		}
		text := data[starts[n-1]:end]
		indent := len(text) - len(bytes.TrimLeft(text, " \t"))
		return n, indent + 1, true
	}
	return 0, 0, false
}

// parseError returns the message of the first error that parsing every
// YAML document of data gives, "" if none.
func parseError(data []byte) string {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for count := 0; count <= MaxDocuments; count++ {
		var doc yaml.Node
		switch err := dec.Decode(&doc); {
		case err == io.EOF:
			return ""
		case err != nil:
			return err.Error()
		}
	}
	return ""
}

// utf16Like reports whether data looks like UTF-16 text without a byte
// order mark: ASCII in it has a zero byte in every other place, which the
// YAML reader takes for control characters.
func utf16Like(data []byte) bool {
	n := min(len(data), 64) &^ 1
	if n == 0 {
		return false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	return even == half && odd < half || odd == half && even < half
}

var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// yamlError turns a YAML syntax error into a positioned Error. yaml.v3
// gives a line but no column; the column is then 1.
func yamlError(file string, data []byte, err error) *Error {
	e := &Error{Pos: Pos{File: file, Line: 1, Col: 1}, Msg: err.Error()}
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		return e
	}
	e.Msg = "invalid YAML: " + m[3]
	if m[1] != "" {
		e.Pos.Line, _ = strconv.Atoi(m[1])
		if contains(yamlOffByOne, m[3]) {
			e.Pos.Line++
		}
	}
	if m[2] != "" {
		e.Pos.Col, _ = strconv.Atoi(m[2])
	}
	if m[1] != "" && contains(yamlBlockContext, m[3]) {
		// yaml.v3 gives the line where the enclosing block starts, which
		// may be far above the line at fault: find that line.
		if line, col, ok := blockErrorLine(data, e.Pos.Line, m[3]); ok && line != e.Pos.Line {
			e.Msg += fmt.Sprintf(" (in the block that starts at line %d)", e.Pos.Line)
			e.Pos.Line, e.Pos.Col = line, col
		}
	}
	if strings.Contains(m[3], "UTF-8") || m[3] == "control characters are not allowed" || m[3] == "invalid Unicode character" {
		// yaml.v3's reader gives no line: find the first character it
		// refuses.
		if line, col, r, ok := badChar(data); ok {
			e.Pos.Line, e.Pos.Col = line, col
			if r >= 0 {
				e.Msg += fmt.Sprintf(" (%U)", r)
			}
			if r == 0 && utf16Like(data) {
				e.Msg += ": the file looks like UTF-16 without a byte order mark; save it as UTF-8"
			}
		}
	}
	if strings.Contains(m[3], "found a tab character") {
		// yaml.v3 may give the line before: point at the first tab in a
		// line's indentation from its line on.
		lines := strings.Split(string(data), "\n")
		for i := max(e.Pos.Line-1, 0); i < len(lines); i++ {
			indent := lines[i][:len(lines[i])-len(strings.TrimLeft(lines[i], " \t"))]
			if col := strings.IndexByte(indent, '\t'); col >= 0 {
				e.Pos.Line, e.Pos.Col = i+1, col+1
				break
			}
		}
	}
	if m[3] == "mapping values are not allowed in this context" && m[1] != "" {
		if col, hint := mappingValueHint(data, e.Pos.Line); col > 0 {
			e.Pos.Col = col
			e.Msg += hint
		}
	}
	if a := unknownAnchor.FindStringSubmatch(m[3]); a != nil {
		// No line is given: find the alias.
		if line, col, ok := aliasPos(data, a[1]); ok {
			e.Pos.Line, e.Pos.Col = line, col
		} else if i := bytes.Index(data, []byte("*"+a[1])); i >= 0 {
			before := data[:i]
			e.Pos.Line = bytes.Count(before, []byte("\n")) + 1
			e.Pos.Col = i - bytes.LastIndexByte(before, '\n')
		}
	}
	return e
}

// keyWithValue matches a line holding a block mapping key and a value on
// the same line: "  name: Bundle", "- id: x".
var keyWithValue = regexp.MustCompile(`^([ ]*(?:- )?)([^\s:#'"][^:#]*):[ ]+[^\s#|>]`)

// mappingValueHint explains yaml.v3's "mapping values are not allowed in
// this context" at line n (1-based), which it reports at column 1: the
// column of the colon at fault and why. Either the line is indented more
// than the key with a value above it, so YAML reads it as more of that
// value, or a plain value holds ": ". col is 0 when neither fits.
func mappingValueHint(data []byte, n int) (col int, hint string) {
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		return 0, ""
	}
	line := strings.TrimSuffix(lines[n-1], "\r")
	indent := len(line) - len(strings.TrimLeft(line, " "))
	for i := n - 2; i >= 0; i-- {
		prev := strings.TrimSuffix(lines[i], "\r")
		trimmed := strings.TrimLeft(prev, " ")
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		if k := keyWithValue.FindStringSubmatch(prev); k != nil && indent > len(k[1]) {
			return indent + 1, fmt.Sprintf(" (the line is indented more than the key %q on line %d, so YAML reads it as part of that key's value: line it up with the keys of its mapping)",
				strings.TrimSpace(k[2]), i+1)
		}
		break
	}
	if k := keyWithValue.FindStringSubmatchIndex(line); k != nil {
		if at := strings.Index(line[k[5]+1:], ": "); at >= 0 {
			return k[5] + 1 + at + 1, ` (a value that holds ": " must be quoted)`
		}
	}
	return 0, ""
}

// aliasPos finds the first alias *name in data, which yaml.v3 reported
// as naming an unknown anchor without saying where. The text "*name" may
// also be in a comment, in a string, or the start of a longer alias: so
// every "*name" ending where an anchor name ends is turned into the plain
// text "~name" and the file parsed again; the first node that reads
// "~name" is where the alias was. ok is false if the file then still does
// not parse to such a node.
func aliasPos(data []byte, name string) (line, col int, ok bool) {
	re, err := regexp.Compile(`\*` + regexp.QuoteMeta(name) + `(?:[^0-9A-Za-z_\-]|$)`)
	if err != nil {
		return 0, 0, false
	}
	marked := bytes.Clone(data)
	for _, loc := range re.FindAllIndex(data, -1) {
		marked[loc[0]] = '~'
	}
	dec := yaml.NewDecoder(bytes.NewReader(marked))
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && n.Style == 0 && n.Value == "~"+name && (!ok || n.Line < line || n.Line == line && n.Column < col) {
			line, col, ok = n.Line, n.Column, true
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	for count := 0; count < MaxDocuments; count++ {
		var doc yaml.Node
		if dec.Decode(&doc) != nil {
			break
		}
		walk(&doc)
		if ok {
			break
		}
	}
	return line, col, ok
}

// badChar finds the first character of data that yaml.v3's reader
// refuses: a byte that is not UTF-8 (r is then -1), a surrogate or a
// control character. Its line and column are counted as yaml.v3 counts
// them for nodes: in characters, after a byte order mark, with \r\n, \r,
// \n, U+0085, U+2028 and U+2029 ending lines. A file in UTF-16 (which
// yaml.v3 reads when it starts with that byte order mark) is not scanned.
func badChar(data []byte) (line, col int, r rune, ok bool) {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return 0, 0, 0, false
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return line, col, -1, true
		case !yamlChar(r):
			return line, col, r, true
		}
		i += size
		col++
		switch r {
		case '\r':
			if i < len(data) && data[i] == '\n' {
				i++
			}
			fallthrough
		case '\n', 0x85, 0x2028, 0x2029:
			line, col = line+1, 1
		}
	}
	return 0, 0, 0, false
}

// yamlChar reports whether YAML allows r in a file (the set yaml.v3's
// reader checks).
func yamlChar(r rune) bool {
	return r == 0x09 || r == 0x0a || r == 0x0d || 0x20 <= r && r <= 0x7e || r == 0x85 ||
		0xa0 <= r && r <= 0xd7ff || 0xe000 <= r && r <= 0xfffd || 0x10000 <= r && r <= 0x10ffff
}

// file parses the documents of one file.
func (c *compiler) file(f File) {
	if !c.readFile(f) {
		c.loseNames(f.Data)
	}
}

// readFile parses the documents of one file and reports whether it could
// read them all: false after an error that leaves the rest unread.
func (c *compiler) readFile(f File) bool {
	d := &decoder{file: f.Name, errs: &c.errs, layer: f.Layer, priority: f.Priority}
	if len(f.Data) > MaxFileSize {
		c.errs.add(Pos{File: f.Name, Line: 1, Col: 1}, "file is %d bytes; the limit is %d", len(f.Data), MaxFileSize)
		return false
	}
	if bytes.HasPrefix(f.Data, []byte("\ufeff\ufeff")) {
		// yaml.v3 skips one mark and then drops the first byte of every
		// later line: report it rather than misread the file.
		c.errs.add(Pos{File: f.Name, Line: 1, Col: 1}, "file starts with two byte order marks (U+FEFF); keep at most one")
		return false
	}
	if i := bytes.Index(f.Data, []byte("\n\ufeff")); i >= 0 {
		// yaml.v3 skips a mark only at the start of the file: one at a
		// line's start (concatenated files) reads as part of the next key,
		// and "kind" then is not found.
		c.errs.add(Pos{File: f.Name, Line: bytes.Count(f.Data[:i+1], []byte("\n")) + 1, Col: 1}, "a byte order mark (U+FEFF) starts this line, as concatenating files leaves: remove it (one is allowed only at the start of the file)")
		return false
	}
	dec := yaml.NewDecoder(bytes.NewReader(f.Data))
	for count := 0; ; count++ {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if err == io.EOF {
			return true
		}
		if count == MaxDocuments && err == nil {
			c.errs.add(d.pos(&doc), "file has more than %d documents; split it", MaxDocuments)
			return false
		}
		if err != nil {
			c.errs = append(c.errs, yamlError(f.Name, f.Data, err))
			return false
		}
		if len(doc.Content) == 0 {
			continue
		}
		if a := foreignAlias(&doc); a != nil {
			d.errorf(a, "alias *%s names an anchor of an earlier document: YAML anchors hold only within their document (up to the next ---); repeat the value or move it into this document", a.Value)
		}
		n := resolve(doc.Content[0])
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			continue // an empty document, e.g. after a trailing ---
		}
		c.document(d, n)
	}
}

// foreignAlias returns the first alias of doc whose anchor lies outside
// doc, or nil. yaml.v3's decoder keeps the anchors of one document for the
// next, while YAML scopes an anchor to its document: other YAML tools
// (editors, linters, PyYAML) reject such an alias, so accessorgen does too.
func foreignAlias(doc *yaml.Node) *yaml.Node {
	var anchors map[*yaml.Node]bool
	var aliases []*yaml.Node
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.AliasNode {
			aliases = append(aliases, n)
			return
		}
		if n.Anchor != "" {
			if anchors == nil {
				anchors = map[*yaml.Node]bool{}
			}
			anchors[n] = true
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(doc)
	for _, a := range aliases {
		if !anchors[a.Alias] {
			return a
		}
	}
	return nil
}

// loseNames records the names that a file which could not be read may
// declare: each top-level "name:" line. A document is a mapping at the
// file's top level, so its name is such a line, and the scan needs no
// YAML the file may not have.
func (c *compiler) loseNames(data []byte) {
	for _, m := range topLevelName.FindAllSubmatch(data, -1) {
		name := strings.TrimSpace(string(m[1]))
		if i := strings.Index(name, " #"); i >= 0 {
			name = strings.TrimSpace(name[:i])
		}
		if len(name) >= 2 && (name[0] == '"' || name[0] == '\'') && name[len(name)-1] == name[0] {
			name = name[1 : len(name)-1]
		}
		c.loseName(name)
	}
}

var topLevelName = regexp.MustCompile(`(?m)^name:[ \t]*([^\r\n]*)`)

// loseName records that a declaration named name may have been lost to
// an error already reported, so that references to it are not reported
// again as unknown: the one error a user must fix comes alone, not after
// its consequences.
func (c *compiler) loseName(name string) {
	if name == "" {
		return
	}
	if c.lost == nil {
		c.lost = map[string]bool{}
	}
	c.lost[name] = true
}

// loseDocument records the name of a document that was not read.
func (c *compiler) loseDocument(n *yaml.Node) {
	if name := firstValue(n, "name"); name != nil && name.Kind == yaml.ScalarNode {
		c.loseName(name.Value)
	}
}

// document dispatches a document on its kind.
func (c *compiler) document(d *decoder, n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "a schema document must be a mapping with a kind, not %s", describe(n))
		return
	}
	kind := firstValue(n, "kind")
	switch {
	case kind == nil:
		c.loseDocument(n)
		d.errorf(n, "document has no kind (one of %s)", strings.Join(kinds, ", "))
	case kind.Kind != yaml.ScalarNode || kind.Tag != "!!str":
		c.loseDocument(n)
		d.errorf(kind, "kind must be a string (one of %s), not %s", strings.Join(kinds, ", "), describe(kind))
	case kind.Value == KindPropertySheet:
		c.sheet(d, d.mapping(n, "property sheet", sheetKeys))
	case kind.Value == KindPortalType:
		c.portalType(d, d.mapping(n, "portal type", typeKeys))
	case kind.Value == KindBaseCategory:
		c.baseCategory(d, d.hintedMapping(n, "base category", baseCategoryKeys, categoryHints))
	case kind.Value == KindService:
		c.service(d, d.mapping(n, "service", serviceKeys))
	default:
		c.loseDocument(n)
		d.errorf(kind, "unknown kind %q%s", kind.Value, Suggest(kind.Value, kinds))
	}
}

// firstValue returns the value of key in mapping n, resolved, or nil: the
// first one if the key is given twice, as mapping keeps it (and reports
// the repeat), so that a document is read as the kind the messages say.
func firstValue(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := resolve(n.Content[i]); k.Kind == yaml.ScalarNode && k.Tag != "!!merge" && k.Value == key {
			return resolve(n.Content[i+1])
		}
	}
	return nil
}

// goName sets *dst to the Go name of name, reporting a bad name at pos.
func (c *compiler) goName(pos Pos, what, name string, spaces bool) string {
	if name == "" {
		return ""
	}
	if len(name) > MaxNameLength {
		c.errs.add(pos, "%s name is %d bytes long; the limit is %d", what, len(name), MaxNameLength)
		return ""
	}
	id, err := GoName(name, spaces)
	if err != nil {
		c.errs.add(pos, "%s: %v", what, err)
	}
	return id
}

func (c *compiler) sheet(d *decoder, m *mapping) {
	s := &Sheet{Pos: m.keyPos("name"), Layer: d.layer, priority: d.priority, Extends: m.boolean("extends")}
	s.Name = m.required("name", "property sheet")
	s.GoName = c.goName(m.keyPos("name"), "property sheet", s.Name, false)
	s.Description = m.str("description")
	props := m.nodes("properties")
	if len(props) > MaxProperties {
		d.errorf(m.get("properties"), "property sheet %s has %d properties; the limit is %d", s.Name, len(props), MaxProperties)
		props = nil
	}
	for _, pn := range props {
		if p := c.property(d, s, pn); p != nil && p.Type == Content {
			s.Contents = append(s.Contents, p)
		} else if p != nil {
			s.Properties = append(s.Properties, p)
			if p.Range {
				s.Properties = append(s.Properties, rangeProperty(p, "min"), rangeProperty(p, "max"))
			}
		}
	}
	decl := &sheetDecl{sheet: s, extendsPos: m.keyPos("extends")}
	for _, it := range m.list("categories") {
		s.Properties = append(s.Properties, &Property{
			ID: it.Value, GoName: c.goName(it.Pos, "category", it.Value, false),
			Type: Category, Multivalued: true, Mode: ReadWrite,
			ReadPerm: DefaultReadPermission, WritePerm: DefaultWritePermission,
			Sheet: s, Pos: it.Pos, Layer: d.layer,
		})
	}
	c.checkMembers("property sheet "+s.Name, append(slices.Clone(s.Properties), s.Contents...))
	c.constraints(d, s, m.nodes("constraints"))
	s.Unsupported = c.unsupported(d, m)
	c.sheets = append(c.sheets, decl)
}

// rangeProperty derives the _range_min or _range_max property of p.
func rangeProperty(p *Property, bound string) *Property {
	word := map[string]string{"min": "Lower", "max": "Upper"}[bound]
	return &Property{
		ID: p.ID + "_range_" + bound, GoName: p.GoName + "Range" + strings.ToUpper(bound[:1]) + bound[1:],
		Type: p.Type, Mode: p.Mode, ReadPerm: p.ReadPerm, WritePerm: p.WritePerm,
		Description: fmt.Sprintf("%s bound of the range of %s.", word, p.ID),
		RangeOf:     p, Sheet: p.Sheet, Pos: p.Pos, Layer: p.Layer,
	}
}

// typeNames lists the property types for messages and suggestions.
func typeNames() []string {
	out := make([]string, len(propertyTypes))
	for i, t := range propertyTypes {
		out[i] = string(t)
	}
	return out
}

func (c *compiler) property(d *decoder, s *Sheet, n *yaml.Node) *Property {
	m := d.hintedMapping(n, "property", propertyKeys, keyHints{outer: sheetKeys, outerWhat: "property sheet"})
	if m.node.Kind != yaml.MappingNode {
		return nil
	}
	// The property's position is its id's, where errors about it point;
	// for an alias, the alias's own position.
	pos := m.keyPos("id")
	if n.Kind == yaml.AliasNode {
		pos = d.pos(n)
	}
	p := &Property{Sheet: s, Pos: pos, Mode: ReadWrite, Layer: d.layer,
		ReadPerm: DefaultReadPermission, WritePerm: DefaultWritePermission}
	p.ID = m.required("id", "property")
	p.GoName = c.goName(m.keyPos("id"), "property", p.ID, false)
	what := "property"
	if p.ID != "" {
		what += " " + p.ID
	}
	p.Description = m.str("description")
	p.StorageID = m.str("storage_id")
	if v := m.get("read_permission"); v != nil {
		p.ReadPerm = m.required("read_permission", "property")
	}
	if v := m.get("write_permission"); v != nil {
		p.WritePerm = m.required("write_permission", "property")
	}
	switch mode := m.optional("mode", "property"); mode {
	case "", "rw":
	case "r":
		p.Mode = ReadOnly
	default:
		d.errorf(m.get("mode"), "mode must be r (read-only) or rw (read-write), not %q", mode)
	}

	typ := m.required("type", what)
	switch {
	case typ == "":
	case typ == string(Category):
		d.errorf(m.get("type"), "category is not a property type: list base categories under the sheet's categories")
	case !contains(typeNames(), typ):
		d.errorf(m.get("type"), "unknown property type %q%s (types: %s)", typ, Suggest(typ, typeNames()), strings.Join(typeNames(), ", "))
	default:
		p.Type = Type(typ)
	}

	p.Multivalued = m.boolean("multivalued")
	switch p.Type {
	case Lines, Tokens, MultipleSelection:
		if p.Multivalued {
			d.errorf(m.get("multivalued"), "%s is a list type already; remove multivalued", p.Type)
		}
		p.Multivalued = true
	case Data, Selection:
		if p.Multivalued {
			hint := ""
			if p.Type == Selection {
				hint = "; use type: multiple selection"
			}
			d.errorf(m.get("multivalued"), "%s cannot be multivalued%s", p.Type, hint)
			p.Multivalued = false
		}
	}

	p.Range = m.boolean("range")
	if p.Range {
		switch {
		case p.Type != Int && p.Type != Float && p.Type != Date && p.Type != "":
			d.errorf(m.get("range"), "range needs an int, float or date property, not %s", p.Type)
			p.Range = false
		case p.Multivalued:
			d.errorf(m.get("range"), "a multivalued property cannot have a range")
			p.Range = false
		}
	}

	values := m.list("values")
	switch {
	case p.Type == Selection || p.Type == MultipleSelection:
		// Values given but none usable (a mapping, "", refused items)
		// have been reported by list; only an empty list has not.
		switch at := m.get("values"); {
		case at == nil:
			d.errorf(m.get("type"), "%s needs values: the list of allowed values", p.Type)
		case len(values) == 0 && at.Kind == yaml.SequenceNode && len(at.Content) == 0:
			d.errorf(at, "%s needs values: the list of allowed values", p.Type)
		}
		for _, v := range unique(&c.errs, "value", "the values of "+what, values) {
			p.Values = append(p.Values, v.Value)
		}
	case m.get("values") != nil && p.Type != "":
		d.errorf(m.get("values"), "values is only for selection and multiple selection, not %s", p.Type)
	}

	if v := m.get("default"); v != nil && p.Type != "" {
		if p.Type == Content {
			d.errorf(v, "a content property has no default: its value is a sub-object")
		} else {
			p.Default = c.defaultValue(d, p, v)
		}
	}
	targets, flat := m.list("portal_type"), m.list("content_properties")
	switch {
	case p.Type == Content:
		if m.get("portal_type") == nil {
			d.errorf(m.get("type"), "content property %s needs portal_type: the portal types of its sub-object", p.ID)
		}
		c.refs = append(c.refs, pendingRefs{items: unique(&c.errs, "portal type", "content "+what, targets), into: &p.PortalTypes, what: "portal_type of content property " + p.ID})
		for _, it := range unique(&c.errs, "property", "the content_properties of "+p.ID, flat) {
			p.ContentProperties = append(p.ContentProperties, Ref{it.Value, it.Pos})
		}
		for _, key := range []string{"multivalued", "range", "mode", "values"} {
			if m.get(key) != nil {
				d.errorf(m.get(key), "%s does not apply to a content property", key)
			}
		}
	case m.get("portal_type") != nil && p.Type != "":
		d.errorf(m.get("portal_type"), "portal_type is for content properties; put it under acquisition: to acquire from portal types")
	case m.get("content_properties") != nil && p.Type != "":
		d.errorf(m.get("content_properties"), "content_properties is for content properties, not %s", p.Type)
	}
	if n := m.get("acquisition"); n != nil {
		p.Acquisition = c.acquisition(d, p, n)
	}
	return p
}

// acquisition reads a property's acquisition: block.
func (c *compiler) acquisition(d *decoder, p *Property, n *yaml.Node) *Acquisition {
	m := d.hintedMapping(n, "acquisition", acquisitionKeys, keyHints{outer: propertyKeys, outerWhat: "property"})
	a := &Acquisition{Pos: d.pos(m.node), Accessor: p.ID, Mask: m.boolean("mask_value"), Copy: m.boolean("copy_value")}
	named := true // the accessor, given or p's id, can be a property id
	if acc := m.optional("accessor", "acquisition"); acc != "" {
		// A property id of the portal types acquired from: checked
		// against their tables when generating.
		a.Accessor, a.AccessorPos = acc, m.keyPos("accessor")
		named = c.goName(a.AccessorPos, "accessor of the acquisition of "+p.ID, acc, false) != ""
	}
	where := "the acquisition of " + p.ID
	list := func(what, key string) []item { return unique(&c.errs, what, where, m.list(key)) }
	refs := func(items []item) []Ref {
		var out []Ref
		for _, it := range items {
			out = append(out, Ref{it.Value, it.Pos})
		}
		return out
	}
	types := list("portal type", "portal_type")
	a.BaseCategories, a.PortalTypes = refs(list("base category", "base_category")), refs(types)
	a.AltAccessors, a.ObjectIDs = refs(list("alt_accessor", "alt_accessor")), refs(list("object_id", "object_id"))
	for _, alt := range a.AltAccessors {
		if alt.Name == p.ID {
			// It would read the value whose absence made acquisition
			// run (for a content property, run this acquisition again).
			c.errs.add(alt.Pos, "alt_accessor %s of the acquisition of %s names the property itself: name another property of the object", alt.Name, p.ID)
		}
	}
	for _, id := range a.ObjectIDs {
		// Each is read as a sub-object of the acquiring object, one
		// segment of its URL: a path or "." would read another object.
		if why := objectIDProblem(id.Name); why != "" {
			c.errs.add(id.Pos, "object_id %q of the acquisition of %s %s", id.Name, p.ID, why)
		}
	}
	sourced := len(a.BaseCategories) > 0 || len(a.ObjectIDs) > 0
	if sourced {
		// Resolved for binding, which reads the accessor on each; but
		// not a refused accessor, which it would report again as missing
		// from each.
		into := &a.Types
		if !named {
			into = new([]*PortalType)
		}
		c.refs = append(c.refs, pendingRefs{items: types, into: into, what: "acquisition portal_type"})
	}
	switch {
	case m.node.Kind != yaml.MappingNode:
	case len(a.BaseCategories) == 0 && len(a.ObjectIDs) == 0 && len(a.AltAccessors) == 0:
		d.errorf(m.node, "acquisition of %s names nothing to acquire from: give base_category, object_id or alt_accessor", p.ID)
	case sourced && len(a.PortalTypes) == 0:
		d.errorf(m.node, "acquisition of %s needs portal_type: the portal types it acquires from, so that the accessor is chosen when generating", p.ID)
	case !sourced:
		// alt_accessor alone: as in ERP5, the accessor is called on, the
		// portal types filter and copy_value stores from, only the
		// objects base_category and object_id name; alt_accessor reads
		// the object itself. Given here, they would be silently ignored.
		// An accessor that is no name is reported already: one error.
		given := map[string]bool{"portal_type": len(a.PortalTypes) > 0, "accessor": a.AccessorPos.File != "" && named, "copy_value": a.Copy}
		for _, key := range []string{"portal_type", "accessor", "copy_value"} {
			if given[key] {
				d.errorf(m.get(key), "%s in the acquisition of %s has no effect without base_category or object_id: it applies to the objects they name, and alt_accessor reads the object itself", key, p.ID)
			}
		}
	}
	switch {
	case !a.Copy || !sourced: // without a source, reported above: one error for the key
	case p.Type == Content:
		d.errorf(m.get("copy_value"), "copy_value does not apply to a content property: a sub-object is not copied")
	case p.IsList():
		d.errorf(m.get("copy_value"), "copy_value does not apply to a list property")
	}
	return a
}

// defaultValue checks a default against the property's type and returns it
// as the Go value the model documents.
func (c *compiler) defaultValue(d *decoder, p *Property, n *yaml.Node) any {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		d.errorf(n, "default of %s is null: remove it, an unset property reads as its zero value", p.ID)
		return nil
	}
	return typedValue(d, p, n, "default of "+p.ID)
}

// typedValue decodes n as a value of property p: one of its element type,
// or a list for a list property. what names the value in messages.
func typedValue(d *decoder, p *Property, n *yaml.Node, what string) any {
	if !p.Multivalued {
		v, err := scalarValue(p, n)
		if err != nil {
			d.errorf(n, "%s: %v", what, err)
			return nil
		}
		return v
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list, since %s holds several values", what, p.ID)
		return nil
	}
	var list []any
	for _, e := range n.Content {
		v, err := scalarValue(p, resolve(e))
		if err != nil {
			d.errorf(e, "%s: %v", what, err)
			return nil
		}
		list = append(list, v)
	}
	switch p.Type.Scalar() {
	case Int:
		return collect[int](list)
	case Float:
		return collect[float64](list)
	case Boolean:
		return collect[bool](list)
	case Date:
		return collect[time.Time](list)
	}
	return collect[string](list)
}

func collect[T any](list []any) []T {
	out := make([]T, len(list))
	for i, v := range list {
		out[i] = v.(T)
	}
	return out
}

// wantText names what a value of type t must be, for messages.
func wantText(t Type) string {
	switch t {
	case Int:
		return "an int"
	case Float:
		return "a float"
	case Boolean:
		return "true or false"
	case Date:
		return "a date"
	}
	return "a string"
}

// scalarValue decodes one value of p's element type.
func scalarValue(p *Property, n *yaml.Node) (any, error) {
	want := p.Type.Scalar()
	if n.Kind != yaml.ScalarNode {
		return nil, fmt.Errorf("want %s, not %s", wantText(want), describe(n))
	}
	switch want {
	case Int:
		if n.Tag != "!!int" {
			// YAML reads an integer too large for 64 bits as a float.
			if _, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); n.Tag == "!!float" && errors.Is(err, strconv.ErrRange) {
				return nil, fmt.Errorf("%s does not fit in an int", n.Value)
			}
			return nil, fmt.Errorf("want an int, not %s%s", describe(n), numberHint(n, Int))
		}
		if err := ambiguousInt(n); err != nil {
			return nil, err
		}
		var v int64
		if err := n.Decode(&v); err != nil || v != int64(int(v)) {
			return nil, fmt.Errorf("%s does not fit in an int", n.Value)
		}
		return int(v), nil
	case Float:
		if n.Tag != "!!float" && n.Tag != "!!int" {
			// YAML reads a number out of float64's range as a string.
			if _, err := strconv.ParseFloat(n.Value, 64); errors.Is(err, strconv.ErrRange) && n.Style == 0 {
				return nil, fmt.Errorf("%s is not a finite float", n.Value)
			}
			return nil, fmt.Errorf("want a float, not %s%s", describe(n), numberHint(n, Float))
		}
		if err := ambiguousInt(n); err != nil {
			return nil, err
		}
		var v float64
		if err := n.Decode(&v); err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%s is not a finite float", n.Value)
		}
		return v, nil
	case Boolean:
		if n.Tag != "!!bool" {
			return nil, fmt.Errorf("want true or false, not %s%s", describe(n), boolHint(n))
		}
		return n.Value == "true", nil
	case Date:
		if n.Tag != "!!timestamp" && n.Tag != "!!str" {
			return nil, fmt.Errorf("want a date such as 2006-01-02 or 2006-01-02T15:04:05Z, not %s", describe(n))
		}
		for _, layout := range timeLayouts {
			if t, err := time.Parse(layout, n.Value); err == nil {
				// In UTC, the zone dates are kept in: PropertyTypeValidity
				// refuses a date in another, and a default given with an
				// offset made every fresh object inconsistent.
				return t.UTC(), nil
			}
		}
		return nil, fmt.Errorf("%q is not a date such as 2006-01-02 or 2006-01-02T15:04:05Z", n.Value)
	case Data:
		if n.Tag != "!!str" {
			return nil, fmt.Errorf("want a string, not %s%s", describe(n), quoteHint(n))
		}
		return []byte(n.Value), nil
	}
	if n.Tag != "!!str" {
		return nil, fmt.Errorf("want a string, not %s%s", describe(n), quoteHint(n))
	}
	if len(p.Values) > 0 && !contains(p.Values, n.Value) {
		return nil, fmt.Errorf("%q is not one of the values %s", n.Value, quotedList(p.Values))
	}
	// A membership of a base category with a tree is a path of it: the
	// setter refuses any other, so a constraint comparing with one could
	// never hold, or fix. Without a tree it is any relative URL, as
	// by-name writes check it (holders.CheckPath); the paths of a tree
	// are all valid.
	if p.Type == Category {
		if p.Base != nil && p.Base.HasTree() {
			if !p.Base.hasPath(n.Value) {
				return nil, fmt.Errorf("%q is not in the %s tree", n.Value, p.Base.Name)
			}
		} else if err := checkPath(n.Value); err != nil {
			return nil, err
		}
	}
	return n.Value, nil
}

// numberHint explains a string where a number of type want was meant: a
// quoted number, a decimal comma (1,5), thousands separated by commas or
// spaces (1,000). YAML reads each as a string.
func numberHint(n *yaml.Node, want Type) string {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
		return ""
	}
	parses := func(v string) bool {
		if want == Int {
			_, err := strconv.ParseInt(v, 10, 64)
			return err == nil
		}
		_, err := strconv.ParseFloat(v, 64)
		return err == nil
	}
	if h := quotedHint(n, parses); h != "" {
		return h
	}
	v := strings.TrimSpace(n.Value)
	plain := strings.NewReplacer(",", "", " ", "").Replace(v)
	if want == Float && strings.Count(v, ",") == 1 && !strings.ContainsAny(v, ". ") {
		decimal := strings.Replace(v, ",", ".", 1)
		if !parses(decimal) {
			return ""
		}
		if _, after, _ := strings.Cut(v, ","); len(after) == 3 {
			// 1,000: a thousand, or one with a decimal comma.
			return fmt.Sprintf(" (write %s, or %s for a decimal comma: YAML reads a number with a comma as a string)", plain, decimal)
		}
		return fmt.Sprintf(" (write %s: a decimal point, not a comma)", decimal)
	}
	if plain != v && parses(plain) {
		return fmt.Sprintf(" (write %s: no thousands separators)", plain)
	}
	return ""
}

// quotedHint explains a quoted scalar that, unquoted, would be the value
// meant (reads says so): "3", "true" are strings to YAML.
func quotedHint(n *yaml.Node, reads func(string) bool) string {
	v := strings.TrimSpace(n.Value)
	if n.Kind != yaml.ScalarNode || n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 || !reads(v) {
		return ""
	}
	return fmt.Sprintf(" (quoted, %s is a string: write it without quotes)", v)
}

// leadingZero is an integer written with a leading zero, such as 010.
var leadingZero = regexp.MustCompile(`^[-+]?0[0-9_]+$`)

// ambiguousInt refuses an integer whose value YAML's versions disagree
// on: yaml.v3 and PyYAML (YAML 1.1, which ERP5's tools write) read 010 as
// octal 8, YAML 1.2 and most editors' YAML as decimal 10. (07 is 7
// either way, and accepted.)
func ambiguousInt(n *yaml.Node) error {
	if n.Tag != "!!int" || n.Style != 0 || !leadingZero.MatchString(n.Value) {
		return nil
	}
	var octal int64
	decimal, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 10, 64)
	if n.Decode(&octal) != nil || err != nil || octal == decimal {
		return nil // too large: Decode's caller says so
	}
	return fmt.Errorf("%s is ambiguous: YAML 1.1 reads it as octal (%d), YAML 1.2 as decimal (%d): write %d or %d", n.Value, octal, decimal, octal, decimal)
}

// ReservedMethods are the methods every generated portal type has, and the
// field every one embeds; no accessor may take these names.
var ReservedMethods = []string{"Base", "CheckConsistency", "Edit", "EditMap", "FixConsistency", "GetProperty", "HasProperty", "PortalType", "PropertyIDs", "RelativeURL", "SetProperty", "SetRelativeURL", "TypeInfo", "Value"}

// ReservedTypeNames are the exported package-level names of the generated
// types package; no portal type may take them.
var ReservedTypeNames = []string{"AllowedContentTypes", "LookupCategory", "LookupType", "New", "TypeNames", "TypesInGroup"}

// CheckMembers checks that members of one Go type (a sheet's holder, or a
// portal type's own categories) have distinct ids, Go names and accessor
// names, none of them reserved. where names the owner in messages.
func CheckMembers(where string, props []*Property) ErrorList {
	c := &compiler{}
	c.checkMembers(where, props)
	return c.errs
}

// checkMembers records CheckMembers's errors.
func (c *compiler) checkMembers(where string, props []*Property) {
	ids := map[string]*Property{}
	goNames := map[string]*Property{}
	methods := map[string]*Property{}
	for _, p := range props {
		if p.ID == "" || p.GoName == "" {
			continue
		}
		if first, dup := ids[p.ID]; dup {
			if MemberWord(first) == MemberWord(p) {
				c.errs.add(p.Pos, "duplicate %s %q in %s (first %s)", MemberWord(p), p.ID, where, describeOrigin(first))
			} else {
				c.errs.add(p.Pos, "%s %q has the same id as %s %q in %s (%s)", MemberWord(p), p.ID, MemberWord(first), first.ID, where, describeOrigin(first))
			}
			continue
		}
		ids[p.ID] = p
		// Case is ignored: generated field names are the Go names with a
		// lower-case start, so URLString and UrlString would collide.
		if first, dup := goNames[strings.ToLower(p.GoName)]; dup {
			c.errs.add(p.Pos, "%s %q and %q (%s) both become the Go name %s (ignoring case); rename one", MemberWord(p), p.ID, first.ID, describeOrigin(first), p.GoName)
			continue
		}
		goNames[strings.ToLower(p.GoName)] = p
		for _, a := range p.Accessors() {
			if r := Reserved(a.Name); r == a.Name {
				c.errs.add(p.Pos, "%s %q would generate the method %s, which every portal type already has; rename it", MemberWord(p), p.ID, a.Name)
				break
			} else if r != "" {
				c.errs.add(p.Pos, "%s %q would generate the method %s, too close to %s, which every portal type already has; rename it", MemberWord(p), p.ID, a.Name, r)
				break
			}
			if first, dup := methods[a.Name]; dup && first != p {
				c.errs.add(p.Pos, "%s %q and %q (%s) both generate the method %s; rename one", MemberWord(p), p.ID, first.ID, describeOrigin(first), a.Name)
				break
			}
			methods[a.Name] = p
		}
	}
}

// MemberWord names the kind of member p is, for messages: "property",
// "range property" or "category".
func MemberWord(p *Property) string {
	switch {
	case p.Type == Category:
		return "category"
	case p.RangeOf != nil:
		return "range property"
	}
	return "property"
}

// describeOrigin says where a property comes from, for messages: "at
// file:line", or how it was derived.
func describeOrigin(p *Property) string {
	if p.RangeOf != nil {
		return fmt.Sprintf("derived from the range of %s at %s", p.RangeOf.ID, p.Pos.Short())
	}
	return "at " + p.Pos.Short()
}

// Reserved returns the reserved method that name equals, ignoring case
// (PropertyIds would sit confusingly beside PropertyIDs), or "".
func Reserved(name string) string {
	for _, r := range ReservedMethods {
		if strings.EqualFold(r, name) {
			return r
		}
	}
	return ""
}

func (c *compiler) portalType(d *decoder, m *mapping) {
	t := &PortalType{Pos: m.keyPos("name"), Layer: d.layer, priority: d.priority}
	t.Name = m.required("name", "portal type")
	t.GoName = c.goName(m.keyPos("name"), "portal type", t.Name, true)
	if contains(ReservedTypeNames, t.GoName) {
		c.errs.add(m.keyPos("name"), "portal type %q would be the Go type %s, a name the types package already uses; rename it", t.Name, t.GoName)
	}
	t.Description = m.str("description")
	if t.TypeClass = m.optional("type_class", "portal type"); t.TypeClass != "" {
		t.TypeClassPos = m.keyPos("type_class")
		if !token.IsIdentifier(t.TypeClass) {
			c.errs.add(t.TypeClassPos, "type_class %q is not a Go type name", t.TypeClass)
		}
	}
	where := "portal type " + t.Name
	var dynamic seenOnce
	for _, n := range m.nodes("dynamic_categories") {
		dm := d.mapping(n, "dynamic category", dynamicKeys)
		if fn := dm.required("func", "dynamic category"); fn != "" && dynamic.once(&c.errs, "dynamic category", fn, where, dm.keyPos("func")) {
			t.DynamicCategories = append(t.DynamicCategories, Ref{fn, dm.keyPos("func")})
		}
	}
	for _, it := range unique(&c.errs, "mixin", where, m.list("mixins")) {
		if !token.IsIdentifier(it.Value) {
			c.errs.add(it.Pos, "mixin %q is not a Go type name", it.Value)
			continue
		}
		t.Mixins = append(t.Mixins, Ref{it.Value, it.Pos})
	}
	t.Unsupported = c.unsupported(d, m)
	if t.Location = c.location(d, m, "portal type"); t.Location != nil {
		t.Location.Type = t
	} else if m.get("aliases") != nil {
		d.errorf(m.get("aliases"), "aliases need a location: add one")
	}
	if m.get("registered") != nil {
		t.Unregistered = !m.boolean("registered")
		if !t.Unregistered {
			d.errorf(m.get("registered"), "registered: true is the default: remove it, or give a location")
		} else if t.Location != nil {
			d.errorf(m.get("registered"), "portal type %s has a location and says registered: false; remove one", t.Name)
		}
	}
	c.types = append(c.types, &typeDecl{
		t:          t,
		sheets:     m.list("property_sheets"),
		categories: m.list("base_categories"),
		groups:     m.list("groups"),
		allow:      m.list("allowed_content_types"),
	})
}

// categoryID is what a category value's id may contain: it is one segment
// of a relative URL.
var categoryID = regexp.MustCompile(`^[A-Za-z0-9_.\-]+$`)

// objectIDProblem says why id cannot be an object id — the id of a
// category value, or of a sub-object an acquisition reads: one segment of
// a relative URL — or returns "" when it can.
func objectIDProblem(id string) string {
	switch {
	case !categoryID.MatchString(id):
		return "must be letters, digits, '_', '-' or '.'"
	case holders.CheckPath(id) != nil:
		// The id is a relative URL's segment, and region/.. would name
		// the parent: the run time refuses such paths with the same check
		// (categoryID has already refused empty ids and "/", so only "."
		// and ".." fail here).
		return fmt.Sprintf("is not an object id: %q names the current or parent object in a relative URL", id)
	}
	return ""
}

func (c *compiler) baseCategory(d *decoder, m *mapping) {
	b := &BaseCategory{Pos: m.keyPos("name"), Layer: d.layer, priority: d.priority}
	b.Name = m.required("name", "base category")
	b.GoName = c.goName(m.keyPos("name"), "base category", b.Name, false)
	b.Title = m.str("title")
	b.Description = m.str("description")
	budget := MaxCategoryValues
	b.Values = c.categoryValues(d, b.Name, m.get("values"), 1, &budget)
	b.Unsupported = c.unsupported(d, m)
	c.bases = append(c.bases, b)
}

// categoryValues reads a mapping of id → {title, description, values}.
// A value may also be null (no title) or a string (its title). depth is
// the level of these values; budget counts the values left to read, so
// that aliases repeating subtrees cannot make the tree explode.
func (c *compiler) categoryValues(d *decoder, parent string, n *yaml.Node, depth int, budget *int) []*CategoryValue {
	if n == nil || *budget < 0 {
		return nil
	}
	if depth > MaxCategoryDepth {
		d.errorf(n, "category tree is more than %d levels deep at %s", MaxCategoryDepth, parent)
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "values must be a mapping of category ids, not %s", describe(n))
		return nil
	}
	var out []*CategoryValue
	for _, kv := range d.keyedPairs(n, keyNames{all: "category ids", one: "category id", in: parent}) {
		k, v := kv[0], resolve(kv[1])
		if why := objectIDProblem(k.Value); why != "" {
			d.errorf(k, "category id %q %s", k.Value, why)
			continue
		}
		if len(k.Value) > MaxNameLength {
			d.errorf(k, "category id is %d bytes long; the limit is %d", len(k.Value), MaxNameLength)
			continue
		}
		if *budget <= 0 {
			if *budget == 0 { // report once, not at every level on the way out
				d.errorf(k, "base category has more than %d values (aliases expanded)", MaxCategoryValues)
				*budget = -1
			}
			return out
		}
		*budget--
		cv := &CategoryValue{ID: k.Value, Path: parent + "/" + k.Value, Pos: d.pos(k)}
		switch {
		case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		case v.Kind == yaml.ScalarNode && v.Tag == "!!str":
			cv.Title = v.Value
		default:
			cm := d.hintedMapping(v, "category "+cv.Path, categoryKeys, categoryHints)
			cv.Title = cm.str("title")
			cv.Description = cm.str("description")
			cv.Values = c.categoryValues(d, cv.Path, cm.get("values"), depth+1, budget)
		}
		out = append(out, cv)
	}
	return out
}

// quotedList writes values as a Go list of quoted strings, so that a
// message shows each value whole, even one holding a comma or a newline.
func quotedList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = strconv.Quote(v)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
