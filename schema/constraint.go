package schema

import (
	"errors"
	"fmt"
	"go/token"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/accessorgen/accessorgen/holders"
	"go.yaml.in/yaml/v3"
)

// Constraint is one entry of a sheet's constraints: a consistency check
// that every portal type using the sheet gets, checked against that type
// when generating (binding does it: a constraint may name members of the
// type's other sheets).
type Constraint struct {
	Kind        holders.ConstraintKind
	ID          string // the schema's id, or "<kind in snake case>_<n>" (n counts from 1 in the sheet)
	Description string
	Sheet       *Sheet
	Pos         Pos // of the kind

	Messages  []MessageText // text overrides, in schema order
	Condition *Condition

	Properties     []Ref // property / properties
	Regex          string
	RegexPos       Pos
	BaseCategories []Ref
	Bases          []*BaseCategory // BaseCategories, resolved; nil where unknown
	PortalTypes    []Ref
	Types          []*PortalType // PortalTypes, resolved
	UseAcquisition bool
	Min, Max       int // Max < 0: no maximum
	Func           Ref // Expression: a function of the documents package
	Method         Ref // Script: a method of the type's document

	idGiven bool         // the schema wrote the id (else it is the default)
	file    string       // for positions of value and values
	value   *yaml.Node   // AttributeEquality
	values  []*yaml.Node // AttributeBlacklisted
}

// MessageText replaces the text of message ID ("" for all of them).
type MessageText struct {
	ID   string
	Text string
	Pos  Pos
}

// Condition restricts where a constraint applies (ERP5's constraints are
// predicates): to some portal types (decided when generating), to objects
// with some memberships, or to objects a function accepts.
type Condition struct {
	PortalTypes []Ref
	Types       []*PortalType
	Membership  []Ref           // relative URLs with their base category: group/nexedi
	Bases       []*BaseCategory // the base category of each membership; nil where unknown
	Func        Ref
	Pos         Pos
}

// AppliesTo reports whether the condition lets t have the constraint.
func (c *Condition) AppliesTo(t *PortalType) bool {
	return c == nil || len(c.Types) == 0 || slices.Contains(c.Types, t)
}

// The keys of a constraint: the common ones, then each kind's own.
var (
	constraintKeys = []string{"kind", "id", "description", "message", "messages", "condition"}
	conditionKeys  = []string{"portal_type", "membership", "func"}
	kindKeys       = map[holders.ConstraintKind][]string{
		holders.PropertyExistence:              {"property", "properties"},
		holders.AttributeEquality:              {"property", "value"},
		holders.PropertyTypeValidity:           {"property", "properties"},
		holders.StringAttributeMatch:           {"property", "properties", "regex"},
		holders.AttributeBlacklisted:           {"property", "values"},
		holders.CategoryExistence:              {"base_category", "portal_type", "use_acquisition"},
		holders.CategoryMembershipArity:        {"base_category", "portal_type", "min", "max", "use_acquisition"},
		holders.CategoryRelatedMembershipArity: {"base_category", "portal_type", "min", "max"},
		holders.AttributeUnicity:               {"property", "properties"},
		holders.ContentExistence:               {"portal_type"},
		holders.Expression:                     {"func"},
		holders.Script:                         {"method"},
	}
)

func kindNames() []string {
	out := make([]string, len(holders.ConstraintKinds))
	for i, k := range holders.ConstraintKinds {
		out[i] = string(k)
	}
	return out
}

// snakeCase turns a kind into the prefix of default ids:
// PropertyExistence → property_existence.
func snakeCase(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// constraintID is what an id may contain: ERP5's references.
var constraintID = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.\-]*$`)

// constraints reads a sheet's constraints list.
func (c *compiler) constraints(d *decoder, s *Sheet, nodes []*yaml.Node) {
	ids := map[string]Pos{}
	for i, n := range nodes {
		k := c.constraint(d, s, n, i+1)
		if k == nil {
			continue
		}
		if first, dup := ids[k.ID]; dup {
			c.errs.add(k.Pos, "duplicate constraint id %q in property sheet %s (first at %s)", k.ID, s.Name, first)
			continue
		}
		ids[k.ID] = k.Pos
		s.Constraints = append(s.Constraints, k)
	}
}

func (c *compiler) constraint(d *decoder, s *Sheet, n *yaml.Node, index int) *Constraint {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "constraint must be a mapping with a kind, not %s", describe(n))
		return nil
	}
	// The kind decides the keys: read it first.
	kindNode := firstValue(n, "kind")
	if kindNode == nil {
		d.errorf(n, "constraint has no kind (one of %s)", strings.Join(kindNames(), ", "))
		return nil
	}
	kind := holders.ConstraintKind(kindNode.Value)
	own, ok := kindKeys[kind]
	if kindNode.Kind != yaml.ScalarNode || kindNode.Tag != "!!str" || !ok {
		d.errorf(kindNode, "unknown constraint kind %q%s (kinds: %s)", kindNode.Value, Suggest(kindNode.Value, kindNames()), strings.Join(kindNames(), ", "))
		return nil
	}
	what := string(kind) + " constraint"
	m := d.hintedMapping(n, what, append(slices.Clone(constraintKeys), own...), keyHints{outer: sheetKeys, outerWhat: "property sheet"})
	k := &Constraint{Kind: kind, Sheet: s, Pos: d.pos(kindNode), Max: -1, file: d.file}
	k.ID = fmt.Sprintf("%s_%d", snakeCase(string(kind)), index)
	if m.get("id") != nil {
		k.idGiven = true
		if k.ID = m.required("id", what); k.ID != "" && !constraintID.MatchString(k.ID) {
			d.errorf(m.get("id"), "constraint id %q must start with a letter or '_' and hold letters, digits, '_', '-' or '.'", k.ID)
		}
	}
	what = fmt.Sprintf("constraint %s", k.ID)
	k.Description = m.str("description")
	c.messages(d, m, k)

	if cn := m.get("condition"); cn != nil {
		cm := d.mapping(cn, "condition", conditionKeys)
		k.Condition = &Condition{Pos: d.pos(cn)}
		types := unique(&c.errs, "portal type", "the condition of "+what, cm.list("portal_type"))
		for _, it := range types {
			k.Condition.PortalTypes = append(k.Condition.PortalTypes, Ref{it.Value, it.Pos})
		}
		c.refs = append(c.refs, pendingRefs{types, &k.Condition.Types, "the condition of " + what})
		for _, it := range unique(&c.errs, "membership", "the condition of "+what, cm.list("membership")) {
			// The run time's check (holders.CheckPath): a membership the
			// condition tests for could otherwise be one no object can
			// have, as by-name writes refuse it.
			if err := checkPath(it.Value); err != nil {
				c.errs.add(it.Pos, "membership in the condition of %s: %v", what, err)
				continue
			}
			if !strings.Contains(it.Value, "/") {
				c.errs.add(it.Pos, "membership %q must be a relative URL with its base category, like group/nexedi", it.Value)
				continue
			}
			k.Condition.Membership = append(k.Condition.Membership, Ref{it.Value, it.Pos})
		}
		if cm.get("func") != nil {
			k.Condition.Func = Ref{cm.required("func", "condition"), cm.keyPos("func")}
		}
		if cm.node.Kind == yaml.MappingNode && len(cm.values) == 0 {
			d.errorf(cn, "condition of %s is empty: give portal_type, membership or func, or remove it", what)
		}
	}

	// Properties: one or a list, as ERP5's constraint_property.
	if m.get("property") != nil && m.get("properties") != nil {
		d.errorf(m.get("properties"), "%s has both property and properties: use one", what)
	}
	var properties seenOnce
	for _, key := range []string{"property", "properties"} {
		hint := "name the properties it checks"
		if !contains(own, "properties") {
			hint = "name the property it checks"
		} else if kind == holders.PropertyTypeValidity {
			hint = "leave it out to check all of them"
		}
		if emptyList(d, m, key, what, hint) {
			continue
		}
		for _, it := range m.list(key) {
			if properties.once(&c.errs, "property", it.Value, what, it.Pos) {
				k.Properties = append(k.Properties, Ref{it.Value, it.Pos})
			}
		}
	}
	if key := "property"; m.get(key) != nil && !contains(own, "properties") && len(m.list(key)) > 1 {
		d.errorf(m.get(key), "%s checks one property: write one constraint per property", what)
	}
	emptyList(d, m, "base_category", what, "name the base categories it checks")
	for _, it := range unique(&c.errs, "base category", what, m.list("base_category")) {
		k.BaseCategories = append(k.BaseCategories, Ref{it.Value, it.Pos})
	}
	types := unique(&c.errs, "portal type", what, m.list("portal_type"))
	for _, it := range types {
		k.PortalTypes = append(k.PortalTypes, Ref{it.Value, it.Pos})
	}
	c.refs = append(c.refs, pendingRefs{types, &k.Types, what})
	k.UseAcquisition = m.boolean("use_acquisition")

	switch kind {
	case holders.PropertyExistence, holders.StringAttributeMatch, holders.AttributeUnicity, holders.AttributeEquality, holders.AttributeBlacklisted:
		if len(k.Properties) == 0 && m.get("property") == nil && m.get("properties") == nil && !m.misspelt["property"] && !m.misspelt["properties"] {
			d.errorf(m.node, "%s has no property", what)
		}
	case holders.CategoryExistence, holders.CategoryMembershipArity, holders.CategoryRelatedMembershipArity:
		if m.get("base_category") == nil && !m.misspelt["base_category"] {
			d.errorf(m.node, "%s has no base_category", what)
		}
	case holders.Expression:
		k.Func = Ref{m.required("func", what), m.keyPos("func")}
	case holders.Script:
		k.Method = Ref{m.required("method", what), m.keyPos("method")}
		if k.Method.Name != "" && !isExported(k.Method.Name) {
			c.errs.add(k.Method.Pos, "method %q of %s must be an exported Go method name", k.Method.Name, what)
		}
	}

	if kind == holders.StringAttributeMatch {
		k.Regex, k.RegexPos = holders.DefaultRegex, m.keyPos("regex")
		if v := m.get("regex"); v != nil {
			k.Regex = m.str("regex")
			if k.Regex == "" && v.Tag == "!!str" {
				// The generated table would leave Regex out, and the
				// runtime use the default instead.
				d.errorf(v, "regex of %s is empty: leave it out for the default %s", what, holders.DefaultRegex)
				k.Regex = holders.DefaultRegex
			}
		}
		if err := CheckRegex(k.Regex); err != nil {
			d.errorf(m.get("regex"), "regex of %s %v", what, err)
		}
	}
	if kind == holders.AttributeEquality {
		if k.value = m.get("value"); k.value == nil && !m.misspelt["value"] {
			d.errorf(m.node, "%s has no value", what)
		}
	}
	if kind == holders.AttributeBlacklisted {
		k.values = m.nodes("values")
		if m.get("values") == nil && !m.misspelt["values"] {
			d.errorf(m.node, "%s has no values", what)
		} else if m.get("values") != nil && len(k.values) == 0 && m.get("values").Kind == yaml.SequenceNode {
			d.errorf(m.get("values"), "values of %s is empty", what)
		}
	}
	if kind == holders.CategoryMembershipArity || kind == holders.CategoryRelatedMembershipArity {
		minSet, maxSet := m.get("min") != nil, m.get("max") != nil
		k.Min = m.integer("min")
		if maxSet {
			k.Max = m.integer("max")
		}
		switch {
		case !minSet && !maxSet:
			d.errorf(m.node, "%s has neither min nor max", what)
		case k.Min < 0:
			d.errorf(m.get("min"), "min of %s is %d: it cannot be negative", what, k.Min)
		case maxSet && k.Max < 0:
			d.errorf(m.get("max"), "max of %s is %d: it cannot be negative", what, k.Max)
		case maxSet && k.Min > k.Max:
			d.errorf(m.get("max"), "max of %s is %d, less than its min %d: no object could satisfy it", what, k.Max, k.Min)
		}
	}
	return k
}

// messages reads message (every message's text) and messages (id → text),
// refusing ids the kind never reports.
func (c *compiler) messages(d *decoder, m *mapping, k *Constraint) {
	if m.get("message") != nil {
		if text := m.required("message", "constraint "+k.ID); text != "" {
			k.Messages = append(k.Messages, MessageText{Text: text, Pos: m.keyPos("message")})
		}
	}
	n := m.get("messages")
	if n == nil {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "messages must be a mapping of message id to text, not %s", describe(n))
		return
	}
	valid := k.Kind.MessageIDs()
	if k.Kind == holders.Script {
		d.errorf(n, "a Script constraint's messages are the ones its method returns: remove messages")
		return
	}
	for _, kv := range d.pairs(n, "messages") {
		key, val := kv[0], resolve(kv[1])
		if !contains(valid, key.Value) {
			d.errorf(key, "%s constraints do not report %q%s (they report %s)", k.Kind, key.Value, Suggest(key.Value, valid), strings.Join(valid, ", "))
			continue
		}
		if val.Kind != yaml.ScalarNode || val.Tag != "!!str" {
			d.errorf(val, "the text of %s must be a string, not %s", key.Value, describe(val))
			continue
		}
		if val.Value == "" {
			d.errorf(val, "the text of %s is empty", key.Value)
			continue
		}
		k.Messages = append(k.Messages, MessageText{ID: key.Value, Text: val.Value, Pos: d.pos(key)})
	}
}

// integer returns key's integer value, 0 when absent.
func (m *mapping) integer(key string) int {
	v := m.get(key)
	if v == nil {
		return 0
	}
	if v.Kind != yaml.ScalarNode || v.Tag != "!!int" {
		// YAML reads an integer too large for 64 bits as a float.
		if _, err := strconv.ParseInt(strings.ReplaceAll(v.Value, "_", ""), 0, 64); v.Tag == "!!float" && errors.Is(err, strconv.ErrRange) {
			m.d.errorf(v, "%s is %s: it does not fit in an int", key, v.Value)
			return 0
		}
		m.d.errorf(v, "%s must be an integer, not %s", key, describe(v))
		return 0
	}
	if err := ambiguousInt(v); err != nil {
		m.d.errorf(v, "%s: %v", key, err)
		return 0
	}
	// Decode, not strconv.Atoi: YAML integers may be written 0x10, 0o17
	// or 1_000.
	var n int
	if err := v.Decode(&n); err != nil {
		m.d.errorf(v, "%s is %s: it does not fit in an int", key, v.Value)
		return 0
	}
	return n
}

// checkPath is holders.CheckPath, the run time's check of a category path,
// with the reason alone (without "invalid value: "), for the schema's
// messages: "a/../b" is not a relative URL: its segment ".." names the
// parent object.
func checkPath(path string) error {
	err := holders.CheckPath(path)
	if err == nil {
		return nil
	}
	return errors.New(strings.TrimPrefix(err.Error(), holders.ErrInvalidValue.Error()+": "))
}

func isExported(name string) bool { return token.IsIdentifier(name) && token.IsExported(name) }

// HasValue reports whether the schema gave an AttributeEquality value.
func (k *Constraint) HasValue() bool { return k.value != nil }

// Value decodes an AttributeEquality constraint's value as a value of
// property p (the property it names, in the type being generated).
func (k *Constraint) Value(p *Property) (any, error) {
	var errs ErrorList
	d := &decoder{file: k.file, errs: &errs}
	v := typedValue(d, p, k.value, "value of constraint "+k.ID)
	return v, errs.err()
}

// Values decodes an AttributeBlacklisted constraint's values as values of
// the element type of property p.
func (k *Constraint) Values(p *Property) ([]any, error) {
	var errs ErrorList
	d := &decoder{file: k.file, errs: &errs}
	var out []any
	for _, n := range k.values {
		n = resolve(n)
		v, err := scalarValue(p, n)
		if err != nil {
			d.errorf(n, "value of constraint %s: %v", k.ID, err)
			continue
		}
		out = append(out, v)
	}
	return out, errs.err()
}

// unsupported reads a document's unsupported list.
func (c *compiler) unsupported(d *decoder, m *mapping) []Unsupported {
	var out []Unsupported
	for _, n := range m.nodes("unsupported") {
		um := d.mapping(n, "unsupported item", unsupportedKeys)
		u := Unsupported{Pos: d.pos(resolve(n))}
		u.Item = um.required("item", "unsupported item")
		u.Kind = um.str("kind")
		u.Reason = um.required("reason", "unsupported item")
		u.Source = um.str("source")
		if f := um.get("fields"); f != nil {
			if f.Kind != yaml.MappingNode {
				d.errorf(f, "fields must be a mapping of names to strings, not %s", describe(f))
			} else {
				for _, kv := range d.pairs(f, "fields") {
					k, v := kv[0], resolve(kv[1])
					if v.Kind != yaml.ScalarNode {
						d.errorf(v, "field %s must be a string, not %s", k.Value, describe(v))
						continue
					}
					u.Fields = append(u.Fields, [2]string{k.Value, v.Value})
				}
				slices.SortFunc(u.Fields, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
			}
		}
		out = append(out, u)
	}
	return out
}

// CheckRegex reports why expr cannot be a StringAttributeMatch regex: it
// does not compile as Go's RE2, or it has a form that RE2 reads otherwise
// than Python's re, in which ERP5's regexes are written. Python reads
// a{,3} as a{0,3} and a{,} as a*; RE2 matches the texts "a{,3}" and "a{,}".
func CheckRegex(expr string) error {
	if _, err := regexp.Compile(expr); err != nil {
		return fmt.Errorf("does not compile (Go RE2 syntax): %s", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	inClass := false
	for i := 0; i < len(expr); i++ {
		switch c := expr[i]; {
		case c == '\\':
			i++ // the escaped byte is literal
		case inClass:
			inClass = c != ']'
		case c == '[':
			inClass = true
			// A ] first in the class is literal.
			if strings.HasPrefix(expr[i+1:], "]") {
				i++
			} else if strings.HasPrefix(expr[i+1:], "^]") {
				i += 2
			}
		case c == '{' && strings.HasPrefix(expr[i+1:], ","):
			j := i + 2
			for j < len(expr) && expr[j] >= '0' && expr[j] <= '9' {
				j++
			}
			if j < len(expr) && expr[j] == '}' {
				n, want := expr[i+2:j], "{0,"+expr[i+2:j]+"}"
				if n == "" {
					want = "*" // {,} has no bound either
				}
				return fmt.Errorf("has %s, which Python reads as {0,%s} and Go's RE2 as the text %q: write %s", expr[i:j+1], n, expr[i:j+1], want)
			}
		}
	}
	return nil
}

// emptyList reports, and returns true for, key of constraint what given as
// an empty list: it would generate a constraint that checks nothing (or,
// for a kind that checks one property, one with none to check); hint says
// what to write instead.
func emptyList(d *decoder, m *mapping, key, what, hint string) bool {
	v := m.get(key)
	if v == nil || v.Kind != yaml.SequenceNode || len(v.Content) != 0 {
		return false
	}
	d.errorf(v, "%s of %s is an empty list: %s", key, what, hint)
	return true
}
