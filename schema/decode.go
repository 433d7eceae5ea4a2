package schema

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// decoder reads yaml.Nodes strictly, recording every problem with its
// position instead of stopping at the first.
type decoder struct {
	file     string // path relative to the config directory, for positions
	errs     *ErrorList
	layer    string // the file's layer, for what it defines
	priority int
}

func (d *decoder) pos(n *yaml.Node) Pos {
	if n == nil {
		return Pos{File: d.file}
	}
	return Pos{File: d.file, Line: n.Line, Col: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.errs.add(d.pos(n), format, args...)
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// describe names a node's kind for messages: "a string", "a list", ...
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "null"
		case "!!bool":
			return "a boolean"
		case "!!int":
			return "an integer"
		case "!!float":
			return "a number"
		case "!!timestamp":
			return "a timestamp"
		case "!!str":
			return "a string"
		}
		// A tag of the file's own (!foo) or one of YAML's others
		// (!!binary): the loader reads only YAML's core types.
		return "a value tagged " + n.Tag
	}
	return "nothing"
}

// mapping is a YAML mapping whose keys have been checked against the keys
// its context allows.
type mapping struct {
	d      *decoder
	node   *yaml.Node
	values map[string]*yaml.Node
	// misspelt holds the allowed keys that an unknown key was reported as
	// a likely typo of, so required() does not also report them missing.
	misspelt map[string]bool
}

// mapping checks that n is a mapping with only the allowed keys, each once.
// what names the context for messages ("property"). The result is usable
// even when n is not a mapping: it then has no keys.
func (d *decoder) mapping(n *yaml.Node, what string, allowed []string) *mapping {
	return d.hintedMapping(n, what, allowed, keyHints{})
}

// keyHints say more about an unknown key of a mapping than a likely typo
// of an allowed one.
type keyHints struct {
	// aliases map an unknown key, lower-cased, to the allowed key it means
	// when it is no likely typo of any.
	aliases map[string]string
	// outer are the keys of the mapping that holds this one, named
	// outerWhat: an unknown key that is one of them was indented too far.
	outer     []string
	outerWhat string
}

// categoryHints are for a base category or a category, whose
// subcategories go under values: the words people use for them instead
// (treeWords) are answered with it.
var categoryHints = keyHints{aliases: treeWords}

// hintedMapping is mapping, with hints for the unknown keys.
func (d *decoder) hintedMapping(n *yaml.Node, what string, allowed []string, hints keyHints) *mapping {
	m := &mapping{d: d, node: n, values: map[string]*yaml.Node{}, misspelt: map[string]bool{}}
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		if n != nil {
			d.errorf(n, "%s must be a mapping, not %s", what, describe(n))
		}
		return m
	}
	m.node = n
	var prev *yaml.Node // the value before k, for splitCommaHint
	for _, kv := range d.pairs(n, what) {
		k, v := kv[0], kv[1]
		if !contains(allowed, k.Value) {
			if contains(hints.outer, k.Value) {
				d.errorf(k, "unknown key %q in %s; it is a key of the %s: is it indented too far?", k.Value, what, hints.outerWhat)
				prev = v
				continue
			}
			c := Closest(k.Value, allowed)
			if c == "" {
				c = hints.aliases[strings.ToLower(k.Value)]
			}
			if c != "" {
				m.misspelt[c] = true
				d.errorf(k, "unknown key %q in %s; did you mean %q?", k.Value, what, c)
			} else {
				d.errorf(k, "unknown key %q in %s%s", k.Value, what, splitCommaHint(n, prev, k, v))
			}
			prev = v
			continue
		}
		m.values[k.Value] = resolve(v)
		prev = v
	}
	return m
}

// splitCommaHint explains a key of digits that a comma split from the
// number before it in a flow mapping: {default: 1,5} is default: 1 and a
// key 5, to YAML.
func splitCommaHint(mapping, prev, k, v *yaml.Node) string {
	if mapping.Style&yaml.FlowStyle == 0 || prev == nil || prev.Kind != yaml.ScalarNode || prev.Style != 0 ||
		(prev.Tag != "!!int" && prev.Tag != "!!float") || v.Tag != "!!null" || strings.Trim(k.Value, "0123456789") != "" ||
		k.Line != prev.Line {
		return ""
	}
	if len(k.Value) == 3 { // 1,000: a thousand, or one with a decimal comma
		return fmt.Sprintf(" (in a {...} mapping a comma ends the value %s: write %s%s, or %s.%s for a decimal comma)", prev.Value, prev.Value, k.Value, prev.Value, k.Value)
	}
	return fmt.Sprintf(" (in a {...} mapping a comma ends the value %s: write %s.%s)", prev.Value, prev.Value, k.Value)
}

// treeWords are the names people give a category's subcategories, which
// the schema, as ERP5, calls its values.
var treeWords = map[string]string{"tree": "values", "children": "values", "subcategories": "values", "categories": "values", "items": "values"}

// pairs returns the key and value nodes of mapping n, keys resolved,
// values not, leaving out (and reporting) the keys that are not strings,
// merge keys (<<) and keys given twice: the checks of every mapping,
// whether its keys are fixed (mapping) or chosen by the author (message
// ids, unsupported fields). what names the mapping in messages.
func (d *decoder) pairs(n *yaml.Node, what string) [][2]*yaml.Node {
	return d.keyedPairs(n, keyNames{all: what + " keys", one: "key", in: what})
}

// keyNames names a mapping's keys in the messages of keyedPairs.
type keyNames struct {
	all string // the keys, which must be strings: "property keys", "category ids"
	one string // one key, given twice: "key", "category id"
	in  string // the mapping it is given twice in: "property", "region/europe"
}

// keyedPairs is pairs with the keys named by names: category values,
// whose keys are ids, share the checks of every mapping.
func (d *decoder) keyedPairs(n *yaml.Node, names keyNames) [][2]*yaml.Node {
	var out [][2]*yaml.Node
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "%s must be strings, not %s", names.all, describe(k))
			continue
		}
		if k.Tag == "!!merge" {
			d.errorf(k, "merge keys (<<) are not supported: write the keys out")
			continue
		}
		if first, dup := seen[k.Value]; dup {
			d.errorf(k, "duplicate %s %q in %s (first at line %d)", names.one, k.Value, names.in, first.Line)
			continue
		}
		seen[k.Value] = k
		out = append(out, [2]*yaml.Node{k, v})
	}
	return out
}

// get returns the value of key, or nil when absent.
func (m *mapping) get(key string) *yaml.Node { return m.values[key] }

// keyPos returns the position of key's value, or of the mapping when absent.
func (m *mapping) keyPos(key string) Pos {
	if v := m.get(key); v != nil {
		return m.d.pos(v)
	}
	return m.d.pos(m.node)
}

// str returns key's string value, "" when absent; it reports a value that
// is not a string scalar.
func (m *mapping) str(key string) string {
	v := m.get(key)
	if v == nil {
		return ""
	}
	if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
		m.d.errorf(v, "%s must be a string, not %s%s", key, describe(v), quoteHint(v))
		return ""
	}
	return v.Value
}

// quoteHint advises quoting a scalar that YAML read as another type, or
// removing a tag, which quoting would not.
func quoteHint(v *yaml.Node) string {
	if v.Kind != yaml.ScalarNode {
		return ""
	}
	switch v.Tag {
	case "!!null", "!!str":
		return ""
	case "!!bool", "!!int", "!!float", "!!timestamp":
		return fmt.Sprintf(" (quote it: \"%s\")", v.Value)
	}
	return fmt.Sprintf(" (remove the tag %s)", v.Tag)
}

// optional returns key's string value, "" when absent, and reports a value
// given but empty: for keys whose empty value would mean nothing, such as
// "mode" or "package".
func (m *mapping) optional(key, what string) string {
	s := m.str(key)
	if v := m.get(key); v != nil && s == "" && v.Tag == "!!str" {
		m.d.errorf(v, "%s of %s is empty: give a value or leave it out", key, what)
	}
	return s
}

// required returns key's string value and reports it when absent or empty.
func (m *mapping) required(key, what string) string {
	if m.get(key) == nil {
		if m.node != nil && m.node.Kind == yaml.MappingNode && !m.misspelt[key] {
			m.d.errorf(m.node, "%s has no %s", what, key)
		}
		return ""
	}
	s := m.str(key)
	if s == "" && m.get(key).Tag == "!!str" {
		m.d.errorf(m.get(key), "%s of %s is empty", key, what)
	}
	return s
}

// boolean returns key's boolean value, false when absent.
func (m *mapping) boolean(key string) bool {
	v := m.get(key)
	if v == nil {
		return false
	}
	if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
		m.d.errorf(v, "%s must be true or false, not %s%s", key, describe(v), boolHint(v))
		return false
	}
	return v.Value == "true"
}

// boolHint explains a YAML 1.1 boolean (yes, off, ...), which YAML 1.2,
// as yaml.v3 reads it, takes for a string, and a quoted true or false.
func boolHint(v *yaml.Node) string {
	if h := quotedHint(v, func(s string) bool { return s == "true" || s == "false" }); h != "" {
		return h
	}
	if v.Kind != yaml.ScalarNode || v.Style != 0 || v.Tag != "!!str" {
		return ""
	}
	switch strings.ToLower(v.Value) {
	case "yes", "y", "on":
		return fmt.Sprintf(" (YAML 1.2 reads %s as a string: write true)", v.Value)
	case "no", "n", "off":
		return fmt.Sprintf(" (YAML 1.2 reads %s as a string: write false)", v.Value)
	}
	return ""
}

// item is a string in a list, with its position.
type item struct {
	Value string
	Pos   Pos
}

// list returns key's list of strings. A single string is accepted as a
// list of one, as in "groups: node".
func (m *mapping) list(key string) []item {
	v := m.get(key)
	if v == nil {
		return nil
	}
	if v.Kind == yaml.ScalarNode && v.Tag == "!!str" {
		if strings.TrimSpace(v.Value) == "" {
			m.d.errorf(v, "%s is empty: give a string or a list of strings", key)
			return nil
		}
		return []item{{v.Value, m.d.pos(v)}}
	}
	if v.Kind != yaml.SequenceNode {
		m.d.errorf(v, "%s must be a list of strings, not %s", key, describe(v))
		return nil
	}
	var out []item
	for _, e := range v.Content {
		e = resolve(e)
		if e.Kind != yaml.ScalarNode || e.Tag != "!!str" {
			m.d.errorf(e, "%s must be a list of strings; this item is %s%s", key, describe(e), quoteHint(e))
			continue
		}
		if strings.TrimSpace(e.Value) == "" {
			m.d.errorf(e, "empty item in %s", key)
			continue
		}
		out = append(out, item{e.Value, m.d.pos(e)})
	}
	return out
}

// seenOnce refuses a name listed twice in one list, wherever the list
// comes from: every "listed twice" error is this one. Its zero value is
// ready to use; one seenOnce serves one list.
type seenOnce map[string]Pos

// once reports whether name is new to the list, recording it; for a name
// listed before, it records the error "<what> "name" is listed twice in
// <where> (first at ...)" at pos, the repeat's position. where may be
// empty for a list that is the whole context (a config's schema).
func (s *seenOnce) once(errs *ErrorList, what, name, where string, pos Pos) bool {
	if first, dup := (*s)[name]; dup {
		if where != "" {
			where = " in " + where
		}
		errs.add(pos, "%s %q is listed twice%s (first at %s)", what, name, where, first)
		return false
	}
	if *s == nil {
		*s = seenOnce{}
	}
	(*s)[name] = pos
	return true
}

// unique returns items without the ones listed twice, which it reports
// with seenOnce.
func unique(errs *ErrorList, what, where string, items []item) []item {
	var seen seenOnce
	out := items[:0:0]
	for _, it := range items {
		if seen.once(errs, what, it.Value, where, it.Pos) {
			out = append(out, it)
		}
	}
	return out
}

// nodes returns key's value as a list of nodes, aliases unresolved; it
// reports a value that is not a list.
func (m *mapping) nodes(key string) []*yaml.Node {
	v := m.get(key)
	if v == nil {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		m.d.errorf(v, "%s must be a list, not %s", key, describe(v))
		return nil
	}
	// Aliases are kept: the caller resolves them, and reports problems at
	// the alias, where the repetition is.
	return v.Content
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
