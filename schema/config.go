package schema

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// DefaultConfig is the config file name the CLI reads when none is given.
const DefaultConfig = "accessorgen.yaml"

// Config is a parsed accessorgen.yaml. Paths in it are relative to the
// config file's directory and use forward slashes.
type Config struct {
	File    string // the config file's name, as in positions
	Schema  []Dir  // schema directories (from schema or layers), read in this order
	Holders Output // package of accessor holders, one per property sheet
	Types   Output // package of portal types and lookup tables

	// Documents is the go/packages pattern of the package holding the
	// hand-written document and mixin types: "./document" (a directory
	// relative to the config file) or an import path. Empty: no binding.
	Documents    string
	DocumentsPos Pos

	// Source is the text the config was parsed from: a run's stamp hashes
	// these bytes, not the file read again, which may have changed since.
	Source []byte
}

// Dir is a schema directory named by the config, with its layer. A plain
// schema: list is one layer, named "" with priority 0.
type Dir struct {
	Path     string
	Pos      Pos
	Layer    string
	Priority int
}

// Output is a generated package: its directory and Go package name.
type Output struct {
	Dir     string // relative to the config directory, slash-separated
	Package string // defaults to the directory's last element
	Pos     Pos    // of the holders or types mapping
	DirPos  Pos    // of its dir value

	// TypesPerPackage, for types only, splits the portal types over
	// internal packages of about this many types each (0: one package);
	// see docs/generated-code.md, "Large schemas".
	TypesPerPackage int
}

var (
	configKeys = []string{"schema", "layers", "holders", "types", "documents"}
	outputKeys = []string{"dir", "package"}
	typesKeys  = []string{"dir", "package", "types_per_package"}
	layerKeys  = []string{"name", "priority", "dir"}
)

// ParseConfig parses the contents of a config file. file is the name used
// in positions.
func ParseConfig(file string, data []byte) (*Config, error) {
	var errs ErrorList
	d := &decoder{file: file, errs: &errs}
	if len(data) > MaxFileSize {
		errs.add(Pos{File: file, Line: 1, Col: 1}, "file is %d bytes; the limit is %d", len(data), MaxFileSize)
		return nil, errs.err()
	}
	// The config is the file's one document that is not empty: empty
	// ones, such as those a leading or trailing --- makes, are ignored,
	// as in schema files.
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc, first *yaml.Node
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, yamlError(file, data, err))
			if doc == nil {
				return nil, errs.err()
			}
			break
		}
		if first == nil {
			first = &n
		}
		if emptyDocument(&n) {
			continue
		}
		if doc != nil {
			errs.add(Pos{File: file, Line: n.Line, Col: n.Column}, "config has a second document: write the config as one mapping")
			break
		}
		doc = &n
	}
	if doc == nil && first != nil && len(first.Content) > 0 && resolve(first.Content[0]).Value != "" {
		doc = first // an explicit null (~, null): say that it is not a mapping
	}
	cfg := &Config{File: file}
	if doc == nil || len(doc.Content) == 0 {
		errs.add(Pos{File: file, Line: 1, Col: 1}, "config is empty: it needs schema, holders and types")
		return nil, errs.err()
	}
	m := d.mapping(doc.Content[0], "config", configKeys)
	var dirs seenOnce
	addDir := func(it item, layer string, priority int) {
		p, ok := cleanRelative(d, it.Pos, "schema directory", it.Value)
		if !ok || !dirs.once(&errs, "schema directory", p, "", it.Pos) {
			return
		}
		cfg.Schema = append(cfg.Schema, Dir{Path: p, Pos: it.Pos, Layer: layer, Priority: priority})
	}
	switch {
	case m.get("schema") != nil && m.get("layers") != nil:
		errs.add(m.keyPos("layers"), "config has both schema and layers: a schema list is one layer; use layers alone")
	case m.get("layers") != nil:
		var names seenOnce
		for _, n := range m.nodes("layers") {
			lm := d.mapping(n, "layer", layerKeys)
			name := lm.required("name", "layer")
			if lm.get("priority") == nil {
				lm.required("priority", "layer")
			}
			priority := lm.integer("priority")
			if name != "" && !names.once(&errs, "layer", name, "", lm.keyPos("name")) {
				continue
			}
			if dir := lm.required("dir", "layer"); dir != "" {
				addDir(item{dir, lm.keyPos("dir")}, name, priority)
			}
		}
		if len(m.nodes("layers")) == 0 && len(errs) == 0 {
			errs.add(m.keyPos("layers"), "layers lists no layers")
		}
	case m.get("schema") == nil:
		m.required("schema", "config")
	default:
		for _, it := range m.list("schema") {
			addDir(it, "", 0)
		}
		if len(cfg.Schema) == 0 && len(errs) == 0 {
			errs.add(m.keyPos("schema"), "schema lists no directories")
		}
	}
	if cfg.Documents = m.optional("documents", "config"); cfg.Documents != "" {
		cfg.DocumentsPos = m.keyPos("documents")
		if strings.HasPrefix(cfg.Documents, ".") {
			// A directory: a relative pattern that go/packages resolves
			// from the config file's directory.
			cfg.Documents = "./" + path.Clean(filepath.ToSlash(cfg.Documents))
		}
	}
	cfg.Holders = parseOutput(d, m, "holders")
	cfg.Types = parseOutput(d, m, "types")
	checkOutputDirs(cfg, &errs)
	if err := errs.err(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// emptyDocument reports whether a YAML document holds nothing: no node,
// or a null.
func emptyDocument(doc *yaml.Node) bool {
	if len(doc.Content) == 0 {
		return true
	}
	n := resolve(doc.Content[0])
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func parseOutput(d *decoder, parent *mapping, key string) Output {
	if parent.get(key) == nil {
		parent.required(key, "config")
		return Output{}
	}
	keys := outputKeys
	if key == "types" {
		keys = typesKeys
	}
	m := d.mapping(parent.get(key), key, keys)
	out := Output{Pos: parent.keyPos(key), DirPos: m.keyPos("dir")}
	if m.get("types_per_package") != nil {
		before := len(*d.errs)
		if out.TypesPerPackage = m.integer("types_per_package"); out.TypesPerPackage < 1 && len(*d.errs) == before {
			d.errs.add(m.keyPos("types_per_package"), "types_per_package must be at least 1, not %d (leave it out for one package)", out.TypesPerPackage)
		}
	}
	dir := m.required("dir", key)
	if dir != "" {
		p, ok := cleanRelative(d, out.DirPos, key+" directory", dir)
		switch {
		case ok && p == ".":
			// The config's directory holds the package that runs go
			// generate; the generated package needs its own.
			d.errs.add(out.DirPos, "%s directory must be a subdirectory of the config file's directory, not the directory itself", key)
		case ok && dirProblem(p) != "":
			d.errs.add(out.DirPos, "%s directory %q cannot hold an importable package: %s", key, p, dirProblem(p))
		case ok:
			out.Dir = p
		}
	}
	out.Package = m.optional("package", key)
	pkgPos := m.keyPos("package")
	if out.Package == "" && out.Dir != "" {
		out.Package = path.Base(out.Dir)
		pkgPos = m.keyPos("dir")
	}
	if out.Package != "" {
		if err := validPackageName(out.Package); err != nil {
			d.errs.add(pkgPos, "%s: %v", key, err)
		} else if msg := reservedPackageName(out.Package); msg != "" {
			d.errs.add(pkgPos, "%s: %s; set package: to another name", key, msg)
		}
	}
	return out
}

// cleanRelative checks that p is a relative path that stays below the
// config directory, and returns it cleaned.
func cleanRelative(d *decoder, pos Pos, what, p string) (string, bool) {
	p = filepath.ToSlash(p)
	clean := path.Clean(p)
	switch {
	case path.IsAbs(p) || filepath.IsAbs(p) || filepath.VolumeName(p) != "":
		d.errs.add(pos, "%s %q must be relative to the config file's directory", what, p)
	case clean == ".." || strings.HasPrefix(clean, "../"):
		d.errs.add(pos, "%s %q leaves the config file's directory", what, p)
	default:
		return clean, true
	}
	return "", false
}

// LoadConfig reads and parses the config file at path.
func LoadConfig(path string) (*Config, error) {
	data, err := readLimited(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, ErrorList{{Pos: Pos{File: filepath.Base(path)}, Msg: "config file not found (create it, or name another with -config)"}}
		}
		return nil, err
	}
	cfg, err := ParseConfig(filepath.Base(path), data)
	if cfg != nil {
		cfg.Source = data
	}
	return cfg, err
}
