package holders

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"
)

// ConstraintKind is the kind of a constraint, as the schema names it.
type ConstraintKind string

// The constraint kinds; docs/constraints.md describes each.
const (
	PropertyExistence              ConstraintKind = "PropertyExistence"
	AttributeEquality              ConstraintKind = "AttributeEquality"
	PropertyTypeValidity           ConstraintKind = "PropertyTypeValidity"
	StringAttributeMatch           ConstraintKind = "StringAttributeMatch"
	AttributeBlacklisted           ConstraintKind = "AttributeBlacklisted"
	CategoryExistence              ConstraintKind = "CategoryExistence"
	CategoryMembershipArity        ConstraintKind = "CategoryMembershipArity"
	CategoryRelatedMembershipArity ConstraintKind = "CategoryRelatedMembershipArity"
	AttributeUnicity               ConstraintKind = "AttributeUnicity"
	ContentExistence               ConstraintKind = "ContentExistence"
	Expression                     ConstraintKind = "Expression"
	Script                         ConstraintKind = "Script"
)

// ConstraintKinds lists every kind, in documentation order.
var ConstraintKinds = []ConstraintKind{PropertyExistence, AttributeEquality, PropertyTypeValidity,
	StringAttributeMatch, AttributeBlacklisted, CategoryExistence, CategoryMembershipArity,
	CategoryRelatedMembershipArity, AttributeUnicity, ContentExistence, Expression, Script}

// MessageError is reported by any constraint that could not be checked:
// its Resolver failed, or its function returned an error. The mapping's
// error_text says why.
const MessageError = "message_constraint_error"

// DefaultTemplate returns ERP5's text of a message id, with ${name}
// placeholders; "" for an id no constraint reports. (A switch, not a map:
// the package keeps no start-up work.)
func DefaultTemplate(id string) string {
	switch id {
	case "message_property_not_set":
		return "Property existence error for property ${property_id}, this property is not defined"
	case "message_invalid_attribute_value":
		return "Attribute ${attribute_name} value is ${current_value} but should be ${expected_value}"
	case "message_invalid_attribute_value_fixed":
		return "Attribute ${attribute_name} value is ${current_value} but should be ${expected_value} (Fixed)"
	case "message_incorrect_type":
		return "Attribute ${attribute_name} should be of type ${expected_type} but is of type ${actual_type}"
	case "message_incorrect_type_fixed":
		return "Attribute ${attribute_name} should be of type ${expected_type} but is of type ${actual_type} (Fixed)"
	case "message_attribute_not_match":
		return "Attribute ${attribute_name} is ${attribute_value} and does not match ${regular_expression}."
	case "message_invalid_attribute_blacklisted":
		return "Attribute ${attribute_name} value ${current_value} is blacklisted"
	case "message_category_not_set":
		return "Category existence error for base category ${base_category}, this category is not defined"
	case "message_category_portal_type_not_set":
		return "Category existence error for base category ${base_category}, this category is not defined for portal type ${portal_type}"
	case "message_arity_too_small":
		return "Arity error for relation ${base_category}, arity is equal to ${current_arity} but should be at least ${min_arity}"
	case "message_arity_not_in_range":
		return "Arity error for relation ${base_category}, arity is equal to ${current_arity} but should be between ${min_arity} and ${max_arity}"
	case "message_arity_with_portal_type_too_small":
		return "Arity error for relation ${base_category} and portal type ${portal_type}, arity is equal to ${current_arity} but should be at least ${min_arity}"
	case "message_arity_with_portal_type_not_in_range":
		return "Arity error for relation ${base_category} and portal type ${portal_type}, arity is equal to ${current_arity} but should be between ${min_arity} and ${max_arity}"
	case "message_invalid_attribute_unicity":
		return "Value ${value} for ${property_id} is not unique"
	case "message_no_subobject":
		return "The document does not contain any subobject"
	case "message_no_subobject_portal_type":
		return "The document does not contain any subobject of portal type ${portal_type}"
	case "message_expression_false":
		return "Expression was false"
	case MessageError:
		return "Constraint ${constraint} could not be checked: ${error_text}"
	case "message_invalid_attribute_value_not_fixed":
		return "Attribute ${attribute_name} value is ${current_value} but should be ${expected_value}; it could not be fixed: ${error_text}"
	case "message_incorrect_type_fix_failed":
		return "Attribute ${attribute_name} should be of type ${expected_type} but is of type ${actual_type}; it could not be fixed: ${error_text}"
	}
	return ""
}

// messageIDs lists the message ids kind k reports, so that the schema can
// refuse a message override no constraint of the kind would use; ok is
// false for an unknown kind.
func messageIDs(k ConstraintKind) (ids []string, ok bool) {
	switch k {
	case PropertyExistence:
		return []string{"message_property_not_set"}, true
	case AttributeEquality:
		return []string{"message_invalid_attribute_value", "message_invalid_attribute_value_fixed", "message_invalid_attribute_value_not_fixed"}, true
	case PropertyTypeValidity:
		return []string{"message_incorrect_type", "message_incorrect_type_fixed", "message_incorrect_type_fix_failed"}, true
	case StringAttributeMatch:
		return []string{"message_property_not_set", "message_attribute_not_match"}, true
	case AttributeBlacklisted:
		return []string{"message_property_not_set", "message_invalid_attribute_blacklisted"}, true
	case CategoryExistence:
		return []string{"message_category_not_set", "message_category_portal_type_not_set"}, true
	case CategoryMembershipArity:
		return []string{"message_arity_too_small", "message_arity_not_in_range", "message_arity_with_portal_type_too_small", "message_arity_with_portal_type_not_in_range"}, true
	case CategoryRelatedMembershipArity:
		return []string{"message_arity_too_small", "message_arity_not_in_range", "message_arity_with_portal_type_too_small", "message_arity_with_portal_type_not_in_range"}, true
	case AttributeUnicity:
		return []string{"message_invalid_attribute_unicity"}, true
	case ContentExistence:
		return []string{"message_no_subobject", "message_no_subobject_portal_type"}, true
	case Expression:
		return []string{"message_expression_false"}, true
	case Script:
		return nil, true // a script's messages are its own
	}
	return nil, false
}

// MessageIDs returns the message ids constraints of kind k report, sorted,
// MessageError included; nil for an unknown kind.
func (k ConstraintKind) MessageIDs() []string {
	ids, ok := messageIDs(k)
	if !ok {
		return nil
	}
	out := append(slices.Clone(ids), MessageError)
	slices.Sort(out)
	return out
}

// MessageText replaces the default text of one message id of a constraint.
type MessageText struct {
	ID   string // a message id, or "" for every message of the constraint
	Text string // with ${name} placeholders
}

// Condition is the predicate a constraint applies under (ERP5's
// constraints are predicates). The portal type part of a schema condition
// is decided when generating: a type it excludes does not get the
// constraint at all.
type Condition struct {
	// Membership lists relative URLs with their base category
	// ("group/nexedi"): the object must be a member of one of each base
	// category's, or of a category below it.
	Membership []string
	// Func, when set, must return true; FuncName is its name in the
	// documents package.
	Func     func(context.Context, Object) (bool, error)
	FuncName string
}

// ConstraintInfo is one constraint of a portal type, generated as a
// static table entry: TypeInfo.Constraints. Its parameters were checked
// against the type when generating.
type ConstraintInfo struct {
	ID          string // the schema's id (ERP5's reference)
	Kind        ConstraintKind
	Description string
	Sheet       string // the declaring sheet
	Pos         string // schema file:line of the declaration

	Properties     []string // the property ids it checks
	BaseCategories []string
	PortalTypes    []string // portal types of the related objects or sub-objects
	Regex          string   // StringAttributeMatch: matched at the start of the value
	Value          any      // AttributeEquality: the expected value, of the property's Go type
	Values         []any    // AttributeBlacklisted: refused values, of the property's element type
	Min, Max       int      // arity bounds; Max < 0 means no maximum
	UseAcquisition bool     // memberships may come from the object's containers
	Messages       []MessageText
	Condition      *Condition

	// Func is an Expression's function, FuncName its name.
	Func     func(context.Context, Object) (bool, error)
	FuncName string
	// Script is a Script constraint's document method, bound to the type.
	Script     func(ctx context.Context, o Object, fix bool) []Message
	ScriptName string

	re atomic.Pointer[regexp.Regexp] // compiled on first use
}

// Message is one problem a constraint found, as ERP5's consistency
// messages: a stable message id, the constraint that reported it, the
// object's URL and the values its text refers to.
type Message struct {
	ID         string // e.g. "message_arity_too_small"
	Constraint string // the constraint's id
	Kind       ConstraintKind
	URL        string            // the object's relative URL; "" when not stored
	Template   string            // text with ${name} placeholders
	Mapping    map[string]string // the placeholders' values
	Fixed      bool              // FixConsistency repaired what the message describes
}

// String renders the message: its template with the mapping applied,
// prefixed with the object's URL when it has one.
func (m Message) String() string {
	text := m.Text()
	if m.URL != "" {
		return m.URL + ": " + text
	}
	return text
}

// Text renders the template with the mapping; an unknown placeholder is
// left as it is.
func (m Message) Text() string {
	t := m.Template
	var b strings.Builder
	for {
		i := strings.Index(t, "${")
		if i < 0 {
			break
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			break
		}
		b.WriteString(t[:i])
		name := t[i+2 : i+j]
		if v, ok := m.Mapping[name]; ok {
			b.WriteString(v)
		} else {
			b.WriteString(t[i : i+j+1])
		}
		t = t[i+j+1:]
	}
	b.WriteString(t)
	return b.String()
}

// ConstraintFilter selects the constraints CheckConsistency and
// FixConsistency run. Several filters must all accept a constraint.
type ConstraintFilter func(*ConstraintInfo) bool

// OnlyIDs accepts the constraints with one of ids.
func OnlyIDs(ids ...string) ConstraintFilter {
	return func(c *ConstraintInfo) bool { return slices.Contains(ids, c.ID) }
}

// OnlyKinds accepts the constraints of one of kinds.
func OnlyKinds(kinds ...ConstraintKind) ConstraintFilter {
	return func(c *ConstraintInfo) bool { return slices.Contains(kinds, c.Kind) }
}

// Finder is what a Resolver implements to support AttributeUnicity: the
// objects of a portal type whose property id has a value equal to v.
type Finder interface {
	Find(ctx context.Context, portalType, id string, v any) ([]Object, error)
}

// CheckConsistency is the body of every generated CheckConsistency and
// FixConsistency method: it runs the type's constraints that the filters
// accept, in the type's order, and returns what they report. With fix,
// constraints that can repair the object do, and report it (Fixed).
// Constraints that reach other objects use the context's Resolver.
func CheckConsistency(ctx context.Context, o Object, fix bool, filters ...ConstraintFilter) []Message {
	var out []Message
next:
	for _, c := range o.TypeInfo().Constraints {
		for _, f := range filters {
			if !f(c) {
				continue next
			}
		}
		ck := &checker{ctx: ctx, o: o, c: c, fix: fix}
		if ok, err := ck.applies(); err != nil {
			ck.failed(err)
		} else if ok {
			ck.run()
		}
		out = append(out, ck.out...)
	}
	return out
}

// checker runs one constraint on one object.
type checker struct {
	ctx context.Context
	o   Object
	c   *ConstraintInfo
	fix bool
	out []Message
}

// report adds a message with its mapping given as name, value pairs.
func (k *checker) report(id string, fixed bool, pairs ...string) {
	m := Message{ID: id, Constraint: k.c.ID, Kind: k.c.Kind, URL: k.o.RelativeURL(),
		Template: k.template(id), Mapping: make(map[string]string, len(pairs)/2), Fixed: fixed}
	for i := 0; i+1 < len(pairs); i += 2 {
		m.Mapping[pairs[i]] = pairs[i+1]
	}
	k.out = append(k.out, m)
}

// template is the constraint's text for id: its own for id, its own for
// every message, or the default.
func (k *checker) template(id string) string {
	text := DefaultTemplate(id)
	for _, t := range k.c.Messages {
		if t.ID == id {
			return t.Text
		}
		if t.ID == "" {
			text = t.Text
		}
	}
	return text
}

// failed reports a constraint that could not be checked.
func (k *checker) failed(err error) {
	k.report(MessageError, false, "constraint", k.c.ID, "error_text", err.Error())
}

// applies evaluates the constraint's condition.
func (k *checker) applies() (bool, error) {
	cond := k.c.Condition
	if cond == nil {
		return true, nil
	}
	if len(cond.Membership) > 0 {
		ok, err := k.memberOfAll(cond.Membership)
		if err != nil || !ok {
			return false, err
		}
	}
	if cond.Func != nil {
		ok, err := cond.Func(k.ctx, k.o)
		if err != nil {
			return false, fmt.Errorf("condition %s: %w", cond.FuncName, err)
		}
		return ok, nil
	}
	return true, nil
}

// memberOfAll reports whether, for each base category among urls, the
// object is a member of one of its urls or of a category below one.
func (k *checker) memberOfAll(urls []string) (bool, error) {
	bases := map[string]bool{}
	for _, u := range urls {
		base, _, _ := strings.Cut(u, "/")
		bases[base] = false
	}
	for base := range bases {
		v, err := k.o.Value(base)
		if err != nil {
			return false, err
		}
		for _, m := range v.Strings() {
			for _, u := range urls {
				b, want, _ := strings.Cut(u, "/")
				if b == base && strings.HasPrefix(m, want) && (len(m) == len(want) || m[len(want)] == '/') {
					bases[base] = true
				}
			}
		}
	}
	for _, ok := range bases {
		if !ok {
			return false, nil
		}
	}
	return true, nil
}

// run dispatches on the kind.
func (k *checker) run() {
	switch k.c.Kind {
	case PropertyExistence:
		for _, id := range k.c.Properties {
			if !k.o.HasProperty(id) {
				k.report("message_property_not_set", false, "property_id", id)
			}
		}
	case AttributeEquality:
		k.equality()
	case PropertyTypeValidity:
		for _, id := range k.c.Properties {
			k.typeValidity(id)
		}
	case StringAttributeMatch:
		k.match()
	case AttributeBlacklisted:
		k.blacklisted()
	case CategoryExistence:
		k.categoryExistence()
	case CategoryMembershipArity, CategoryRelatedMembershipArity:
		k.arity()
	case AttributeUnicity:
		k.unicity()
	case ContentExistence:
		k.contentExistence()
	case Expression:
		ok, err := k.c.Func(k.ctx, k.o)
		switch {
		case err != nil:
			k.failed(fmt.Errorf("%s: %w", k.c.FuncName, err))
		case !ok:
			k.report("message_expression_false", false, "expression", k.c.FuncName)
		}
	case Script:
		for _, m := range k.c.Script(k.ctx, k.o, k.fix) {
			if m.Constraint == "" {
				m.Constraint = k.c.ID
			}
			m.Kind, m.URL = Script, k.o.RelativeURL()
			k.out = append(k.out, m)
		}
	default:
		k.failed(fmt.Errorf("unknown constraint kind %q", k.c.Kind))
	}
}

// get reads property id, reporting a failure.
func (k *checker) get(id string) (Value, bool) {
	v, err := k.o.Value(id)
	if err != nil {
		k.failed(err)
		return Value{}, false
	}
	return v, true
}

func (k *checker) equality() {
	id := k.c.Properties[0]
	// As ERP5's: an unset property is PropertyExistence's to report, and
	// fixing it would write the expected value into every fresh object.
	if !k.o.HasProperty(id) {
		return
	}
	v, ok := k.get(id)
	if !ok || sameAs(v, k.c.Value) {
		return
	}
	current, expected := formatValue(v.Any()), formatValue(k.c.Value)
	if !k.fix {
		k.report("message_invalid_attribute_value", false, "attribute_name", id, "current_value", current, "expected_value", expected)
		return
	}
	if err := k.o.SetProperty(id, k.c.Value); err != nil {
		k.report("message_invalid_attribute_value_not_fixed", false, "attribute_name", id, "current_value", current, "expected_value", expected, "error_text", err.Error())
		return
	}
	k.report("message_invalid_attribute_value_fixed", true, "attribute_name", id, "current_value", current, "expected_value", expected)
}

// typeValidity checks what Go's types cannot: that a stored value is in
// its schema type's domain. Where a lossless conversion repairs it (a line
// holding line breaks split into lines, a token holding spaces into
// tokens, a date into UTC), fix applies it.
func (k *checker) typeValidity(id string) {
	info, ok := k.o.TypeInfo().Property(id)
	if !ok {
		k.failed(k.o.TypeInfo().Unknown(id))
		return
	}
	v, ok := k.get(id)
	if !ok {
		return
	}
	bad := func(actual string, repaired any) {
		pairs := []string{"attribute_name", id, "expected_type", info.Type, "actual_type", actual}
		if !k.fix || repaired == nil {
			k.report("message_incorrect_type", false, pairs...)
			return
		}
		if err := k.o.SetProperty(id, repaired); err != nil {
			// type_cast_error is ERP5's name for the error, so that its texts read the same.
			k.report("message_incorrect_type_fix_failed", false, append(pairs, "error_text", err.Error(), "type_cast_error", err.Error())...)
			return
		}
		k.report("message_incorrect_type_fixed", true, pairs...)
	}
	if info.Type == "string" || info.Type == "text" || info.Type == "lines" || info.Type == "tokens" {
		// A multivalued string or text, lines and tokens hold lists:
		// each item must be text.
		items := v.Strings()
		if v.Kind() == KindString {
			items = []string{v.Str()}
		}
		if slices.ContainsFunc(items, func(s string) bool { return !utf8.ValidString(s) }) {
			bad("bytes (invalid UTF-8)", nil)
			return
		}
	}
	switch info.Type {
	case "selection":
		if s := v.Str(); s != "" && !slices.Contains(info.Values, s) {
			bad("string "+strconv.Quote(s)+" outside its values", nil)
		}
	case "multiple selection":
		for _, s := range v.Strings() {
			if !slices.Contains(info.Values, s) {
				bad("string "+strconv.Quote(s)+" outside its values", nil)
				break
			}
		}
	case "lines":
		if list := v.Strings(); slices.ContainsFunc(list, func(s string) bool { return strings.ContainsAny(s, "\r\n") }) {
			var lines []string
			for _, s := range list {
				lines = append(lines, strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })...)
			}
			bad("text (a line holds line breaks)", lines)
		}
	case "tokens":
		if list := v.Strings(); slices.ContainsFunc(list, func(s string) bool { return s == "" || strings.IndexFunc(s, unicode.IsSpace) >= 0 }) {
			var tokens []string
			for _, s := range list {
				tokens = append(tokens, strings.Fields(s)...)
			}
			bad("text (a token is empty or holds spaces)", tokens)
		}
	case "float":
		for _, f := range floats(v) {
			if math.IsNaN(f) || math.IsInf(f, 0) {
				bad("float "+strconv.FormatFloat(f, 'g', -1, 64)+" (not finite)", nil)
				break
			}
		}
	case "date":
		notUTC := func(t time.Time) bool { return !t.IsZero() && t.Location() != time.UTC }
		switch v.Kind() {
		case KindTime:
			if t := v.Time(); notUTC(t) {
				bad("date in "+t.Location().String(), t.UTC())
			}
		case KindTimes: // a multivalued date
			list := v.Times()
			if i := slices.IndexFunc(list, notUTC); i >= 0 {
				utc := slices.Clone(list)
				for j, t := range utc {
					if notUTC(t) {
						utc[j] = t.UTC()
					}
				}
				bad("date in "+list[i].Location().String(), utc)
			}
		}
	}
}

func floats(v Value) []float64 {
	if v.Kind() == KindFloat {
		return []float64{v.Float()}
	}
	return v.Floats()
}

// regexp returns the constraint's expression, anchored at the start of the
// value as Python's re.match, compiled once. The generator checked it.
func (c *ConstraintInfo) regexp() *regexp.Regexp {
	if re := c.re.Load(); re != nil {
		return re
	}
	expr := c.Regex
	if expr == "" {
		expr = DefaultRegex
	}
	re := regexp.MustCompile(`^(?:` + expr + `)`)
	c.re.CompareAndSwap(nil, re)
	return c.re.Load()
}

// DefaultRegex is StringAttributeMatch's expression when the schema gives
// none: a value that does not start with a space.
const DefaultRegex = `^[^ ]`

func (k *checker) match() {
	re := k.c.regexp()
	for _, id := range k.c.Properties {
		if !k.o.HasProperty(id) {
			k.report("message_property_not_set", false, "property_id", id)
			continue
		}
		v, ok := k.get(id)
		if !ok {
			continue
		}
		values := v.Strings()
		if v.Kind() == KindString {
			values = []string{v.Str()}
		}
		for _, s := range values {
			if !re.MatchString(s) {
				k.report("message_attribute_not_match", false, "attribute_name", id, "attribute_value", strconv.Quote(s), "regular_expression", k.c.Regex)
			}
		}
	}
}

func (k *checker) blacklisted() {
	id := k.c.Properties[0]
	// ERP5's constraint is a PropertyExistence first: an unset property is
	// reported as not set, and its value is not tested.
	if !k.o.HasProperty(id) {
		k.report("message_property_not_set", false, "property_id", id)
		return
	}
	v, ok := k.get(id)
	if !ok {
		return
	}
	for i := range elementCount(v) {
		x := element(v, i)
		if slices.ContainsFunc(k.c.Values, func(b any) bool { return sameAs(x, b) }) {
			k.report("message_invalid_attribute_blacklisted", false, "attribute_name", id, "current_value", formatValue(x.Any()))
		}
	}
}

// elementCount is the number of items of a list value, 1 for any other.
func elementCount(v Value) int {
	switch v.Kind() {
	case KindStrings, KindInts, KindFloats, KindBools, KindTimes:
		return int(v.num)
	}
	return 1
}

// element is item i of a list value; any other value is its only item.
func element(v Value, i int) Value {
	switch v.Kind() {
	case KindStrings:
		return StringValue(v.Strings()[i])
	case KindInts:
		return IntValue(v.Ints()[i])
	case KindFloats:
		return FloatValue(v.Floats()[i])
	case KindBools:
		return BoolValue(v.Bools()[i])
	case KindTimes:
		return TimeValue(v.Times()[i])
	}
	return v
}

// memberships returns the object's memberships in base, or, with
// UseAcquisition and none of its own, those of its nearest container
// that has some (ERP5 acquires categories from the parent by default).
func (k *checker) memberships(base string) ([]string, error) {
	v, err := k.o.Value(base)
	if err != nil {
		return nil, err
	}
	list := v.Strings()
	if len(list) > 0 || !k.c.UseAcquisition {
		return list, nil
	}
	r, err := ResolverFrom(k.ctx)
	if err != nil {
		return nil, err
	}
	for url := parentURL(k.o.RelativeURL()); url != ""; url = parentURL(url) {
		parent, err := r.Get(k.ctx, url)
		if errors.Is(err, ErrNotFound) {
			continue // a module or folder the Resolver does not hold
		}
		if err != nil {
			return nil, err
		}
		if _, has := parent.TypeInfo().Property(base); !has {
			continue
		}
		pv, err := parent.Value(base)
		if err != nil {
			return nil, err
		}
		if list := pv.Strings(); len(list) > 0 {
			return list, nil
		}
	}
	return nil, nil
}

// tree reports whether base has a tree in the schema: its memberships
// are then paths of the tree, its objects at "<base>/<path>".
func (k *checker) tree(base string) bool {
	info, _ := k.o.TypeInfo().Property(base)
	return info != nil && info.Tree
}

// ofTypes counts the memberships of base whose objects are of the
// constraint's portal types; without portal types, all of them.
func (k *checker) ofTypes(base string, values []string) (int, error) {
	if len(k.c.PortalTypes) == 0 || len(values) == 0 {
		return len(values), nil
	}
	tree, n := k.tree(base), 0
	for _, v := range values {
		obj, err := CategoryValue(k.ctx, base, v, tree)
		if err != nil {
			return 0, err
		}
		if obj != nil && slices.Contains(k.c.PortalTypes, obj.PortalType()) {
			n++
		}
	}
	return n, nil
}

func (k *checker) categoryExistence() {
	for _, base := range k.c.BaseCategories {
		values, err := k.memberships(base)
		n := 0
		if err == nil {
			n, err = k.ofTypes(base, values)
		}
		switch {
		case err != nil:
			k.failed(err)
		case n > 0:
		case len(k.c.PortalTypes) > 0:
			k.report("message_category_portal_type_not_set", false, "base_category", base, "portal_type", strings.Join(k.c.PortalTypes, ", "))
		default:
			k.report("message_category_not_set", false, "base_category", base)
		}
	}
}

// arity counts memberships (or, for the related kind, the objects whose
// membership points at this one) over all the constraint's base
// categories, of its portal types, and checks the count against Min and
// Max, as ERP5's arity constraints.
func (k *checker) arity() {
	count := 0
	for _, base := range k.c.BaseCategories {
		var n int
		var err error
		if k.c.Kind == CategoryRelatedMembershipArity {
			n, err = k.relatedCount(base)
		} else {
			var values []string
			if values, err = k.memberships(base); err == nil {
				n, err = k.ofTypes(base, values)
			}
		}
		if err != nil {
			k.failed(err)
			return
		}
		count += n
	}
	if count >= k.c.Min && (k.c.Max < 0 || count <= k.c.Max) {
		return
	}
	id := "message_arity_"
	if len(k.c.PortalTypes) > 0 {
		id += "with_portal_type_"
	}
	if k.c.Max < 0 {
		id += "too_small"
	} else {
		id += "not_in_range"
	}
	max := ""
	if k.c.Max >= 0 {
		max = strconv.Itoa(k.c.Max)
	}
	k.report(id, false, "base_category", strings.Join(k.c.BaseCategories, ", "), "portal_type", strings.Join(k.c.PortalTypes, ", "),
		"current_arity", strconv.Itoa(count), "min_arity", strconv.Itoa(k.c.Min), "max_arity", max)
}

// relatedCount counts the objects related to this one through base, of
// the constraint's portal types.
func (k *checker) relatedCount(base string) (int, error) {
	objs, err := RelatedValues(k.ctx, k.o, base, k.tree(base))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, obj := range objs {
		if len(k.c.PortalTypes) == 0 || slices.Contains(k.c.PortalTypes, obj.PortalType()) {
			n++
		}
	}
	return n, nil
}

func (k *checker) unicity() {
	r, err := ResolverFrom(k.ctx)
	if err != nil {
		k.failed(err)
		return
	}
	finder, ok := r.(Finder)
	if !ok {
		k.failed(fmt.Errorf("the Resolver (%T) cannot search by value: it does not implement holders.Finder", r))
		return
	}
	for _, id := range k.c.Properties {
		if !k.o.HasProperty(id) {
			continue // an unset value is not a duplicate
		}
		v, ok := k.get(id)
		if !ok {
			return
		}
		objs, err := finder.Find(k.ctx, k.o.PortalType(), id, v.Any())
		if err != nil {
			k.failed(err)
			return
		}
		for _, obj := range objs {
			if obj != k.o && obj.RelativeURL() != k.o.RelativeURL() {
				// attribute_name is ERP5's name for the property, so that its texts read the same.
				k.report("message_invalid_attribute_unicity", false, "property_id", id, "attribute_name", id, "value", formatValue(v.Any()))
				break
			}
		}
	}
}

func (k *checker) contentExistence() {
	r, err := ResolverFrom(k.ctx)
	if err != nil {
		k.failed(err)
		return
	}
	children, err := r.Children(k.ctx, k.o.RelativeURL())
	if err != nil {
		k.failed(err)
		return
	}
	for _, c := range children {
		if len(k.c.PortalTypes) == 0 || slices.Contains(k.c.PortalTypes, c.PortalType()) {
			return
		}
	}
	if len(k.c.PortalTypes) == 0 {
		k.report("message_no_subobject", false)
	} else {
		k.report("message_no_subobject_portal_type", false, "portal_type", strings.Join(k.c.PortalTypes, ", "))
	}
}

// sameAs is sameValue(v.Any(), want) without boxing v for the values
// constraints compare most: scalars and lists of strings.
func sameAs(v Value, want any) bool {
	switch w := want.(type) {
	case string:
		return v.Kind() == KindString && v.Str() == w
	case int:
		return v.Kind() == KindInt && v.Int() == w
	case float64:
		return v.Kind() == KindFloat && v.Float() == w
	case bool:
		return v.Kind() == KindBool && v.Bool() == w
	case time.Time:
		return v.Kind() == KindTime && v.Time().Equal(w)
	case []string:
		return v.Kind() == KindStrings && slices.Equal(v.Strings(), w)
	}
	return sameValue(v.Any(), want)
}

// sameValue compares two property values: times by instant, nil and empty
// lists as equal, others deeply.
func sameValue(a, b any) bool {
	if ta, ok := a.(time.Time); ok {
		tb, ok := b.(time.Time)
		return ok && ta.Equal(tb)
	}
	ra, rb := reflect.ValueOf(a), reflect.ValueOf(b)
	if ra.Kind() == reflect.Slice && rb.Kind() == reflect.Slice && ra.Type() == rb.Type() {
		if ra.Len() != rb.Len() {
			return false
		}
		for i := range ra.Len() {
			if !sameValue(ra.Index(i).Interface(), rb.Index(i).Interface()) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

// formatValue writes a value for a message: strings quoted, times in RFC
// 3339, lists in brackets.
func formatValue(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case []byte:
		return strconv.Quote(string(x))
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Slice {
		parts := make([]string, rv.Len())
		for i := range parts {
			parts[i] = formatValue(rv.Index(i).Interface())
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}
