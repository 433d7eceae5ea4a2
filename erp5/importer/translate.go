package importer

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/accessorgen/accessorgen/erp5/ppml"
	"github.com/accessorgen/accessorgen/holders"
	"github.com/accessorgen/accessorgen/schema"
)

// translator holds what one import has read so far.
type translator struct {
	report *Report
}

// reference is a child's reference: its default_reference when set, else
// its id minus the suffix ERP5 gives children of a sheet.
func reference(o *object) string {
	if r := o.text("default_reference"); r != "" {
		return r
	}
	id := o.text("id")
	for _, suffix := range []string{"_property", "_category", "_constraint"} {
		if s, ok := strings.CutSuffix(id, suffix); ok && s != "" {
			return s
		}
	}
	return id
}

// SheetName is the one rule that maps ERP5 names to accessorgen's: names
// are kept as they are, since ERP5's accessor rule (split on "_", capitalise
// each part) is accessorgen's, except that a property sheet, which
// accessorgen names without spaces, has the words of a name with spaces
// joined ("External Account" is ExternalAccount), in its definition and in
// every reference to it.
func SheetName(name string) string {
	return strings.Join(strings.Fields(name), "")
}

// leftover returns the fields of o that carry information and that the
// translation did not use. Zero flags count as no information.
func leftover(o *object, handled ...string) map[string]string {
	out := map[string]string{}
	for i, k := range o.state.Keys {
		v := o.state.Vals[i]
		if !k.IsText() || slices.Contains(handled, k.Str) || bookkeeping(k.Str) || empty(v) ||
			v.Kind == ppml.Int && v.Int == 0 || v.Kind == ppml.Bool && !v.Bool {
			continue
		}
		out[k.Str] = repr(v)
	}
	return out
}

// fieldsEntry reports fields that were not translated on an item that was.
func fieldsEntry(item, kind, source string, fields map[string]string, reason string) Unsupported {
	keys := slices.Sorted(maps.Keys(fields))
	return Unsupported{Item: item, Kind: kind, Source: source, Fields: fields,
		Reason: fmt.Sprintf("%s: %s", reason, strings.Join(keys, ", "))}
}

const noEquivalent = "fields without an accessorgen equivalent, not imported"

// elementaryTypes maps ERP5's elementary types to accessorgen's. A
// selection's allowed values come from a method of the ERP5 site
// (select_variable), so selections become their stored type and the lost
// check is reported.
var elementaryTypes = map[string]string{
	"string": "string", "text": "text", "int": "int", "long": "int", "float": "float",
	"boolean": "boolean", "date": "date", "lines": "lines", "tokens": "tokens", "data": "data",
	"content": "content", "selection": "string", "multiple selection": "lines",
}

// scalarTypes may be multivalued.
var scalarTypes = []string{"string", "text", "int", "float", "boolean", "date"}

// property translates a Standard or Acquired Property. It returns nil and
// an entry when the property cannot be imported at all; otherwise the
// property and entries for the fields it could not translate.
func (tr *translator) property(o *object) (*Property, []Unsupported) {
	kind := o.kind()
	p := &Property{ID: reference(o), kind: kind, source: o.source, raw: o.rawFields()}
	whole := func(reason string) (*Property, []Unsupported) {
		return nil, []Unsupported{{Item: p.ID, Kind: kind, Reason: reason, Source: o.source, Fields: p.raw, whole: true}}
	}
	var erpType string
	cats, _ := o.strings("categories")
	var otherCats []string
	for _, c := range cats {
		if t, ok := strings.CutPrefix(c, "elementary_type/"); ok {
			erpType = t
		} else {
			otherCats = append(otherCats, c)
		}
	}
	if erpType == "" {
		return whole("no elementary_type in categories: the property has no type")
	}
	t, ok := elementaryTypes[erpType]
	if !ok {
		return whole(fmt.Sprintf("elementary type %q has no accessorgen equivalent", erpType))
	}
	p.Type = t
	var entries []Unsupported
	lost := map[string]string{}
	if len(otherCats) > 0 {
		lost["categories"] = strings.Join(otherCats, ", ")
	}
	p.Description = o.text("description")
	switch mode := o.text("mode"); mode {
	case "", "w", "rw":
	case "r":
		p.Mode = "r"
	default:
		lost["mode"] = mode
	}
	if o.flag("multivalued") {
		if slices.Contains(scalarTypes, t) {
			p.Multivalued = true
		} else {
			entries = append(entries, Unsupported{Item: p.ID, Kind: kind, Source: o.source, Fields: map[string]string{"multivalued": "1"},
				Reason: "multivalued on a property of type " + erpType + ", which accessorgen does not allow: imported as " + t + ", a single value or list as the type is"})
		}
	}
	if o.flag("range") {
		if (t == "int" || t == "float" || t == "date") && !p.Multivalued {
			p.Range = true
		} else {
			entries = append(entries, Unsupported{Item: p.ID, Kind: kind, Source: o.source, Fields: map[string]string{"range": "1"},
				Reason: "range on a property of type " + erpType + ", which accessorgen does not allow: imported without the range"})
		}
	}
	p.StorageID = o.text("storage_id")
	p.ReadPermission = o.text("read_permission")
	p.WritePermission = o.text("write_permission")
	if erpType == "selection" || erpType == "multiple selection" {
		entries = append(entries, Unsupported{Item: p.ID, Kind: kind, Source: o.source,
			Fields: map[string]string{"elementary_type": erpType, "select_variable": o.text("select_variable")},
			Reason: fmt.Sprintf("the allowed values of a %s come from a method of the ERP5 site; imported as %s, without the check", erpType, t)})
	}
	if d := o.state.Get("property_default"); !empty(d) {
		if def, why := tr.defaultValue(d, p); why != "" {
			entries = append(entries, Unsupported{Item: p.ID, Kind: kind, Source: o.source,
				Fields: map[string]string{"property_default": repr(d)}, Reason: why + "; imported without a default"})
		} else {
			p.Default = def
		}
	}
	handled := []string{"id", "portal_type", "categories", "description", "mode", "multivalued", "range",
		"storage_id", "read_permission", "write_permission", "select_variable", "property_default", "default_reference"}
	if kind == "Acquired Property" {
		handled = append(handled, tr.acquired(o, p, &entries)...)
	}
	maps.Copy(lost, leftover(o, handled...))
	if len(lost) > 0 {
		entries = append(entries, fieldsEntry(p.ID, kind, o.source, lost, noEquivalent))
	}
	return p, entries
}

// defaultValue translates property_default to the property's type; why is
// set when it cannot be.
func (tr *translator) defaultValue(d *ppml.Value, p *Property) (any, string) {
	if !d.IsText() {
		return nil, "property_default is not a TALES expression"
	}
	v, ok, why := tales(d.Str)
	if !ok {
		return nil, "property_default: " + why
	}
	tr.report.Literals++
	if v == nil {
		return nil, "" // None: no default, as accessorgen's zero value
	}
	list := p.Multivalued || p.Type == "lines" || p.Type == "tokens"
	if list {
		l, ok := stringList(v)
		if !ok || p.Type != "string" && p.Type != "text" && p.Type != "lines" && p.Type != "tokens" {
			return nil, fmt.Sprintf("property_default %s does not fit a list of %s", d.Str, p.Type)
		}
		if len(l) == 0 {
			return nil, ""
		}
		return l, ""
	}
	if seq, ok := v.(pyTuple); ok && len(seq) == 0 {
		return nil, "" // an empty tuple on a scalar: ERP5's "no value"
	}
	switch p.Type {
	case "string", "text":
		if s, ok := v.(string); ok {
			return s, ""
		}
	case "int":
		if n, ok := v.(int64); ok {
			return n, ""
		}
	case "float":
		switch n := v.(type) {
		case int64:
			return float64(n), ""
		case float64:
			return n, ""
		}
	case "boolean":
		if b, ok := v.(bool); ok {
			return b, ""
		}
		if n, ok := v.(int64); ok && (n == 0 || n == 1) {
			return n == 1, ""
		}
	case "data":
		if s, ok := v.(string); ok {
			return s, ""
		}
	}
	return nil, fmt.Sprintf("property_default %s does not fit type %s", strings.TrimSpace(d.Str), p.Type)
}

// accessorID turns an ERP5 accessor name into the property id it reads:
// ERP5 names getters "get" + each part of the id capitalised, so the rule
// is reversible ("getDefaultEmailValue" reads default_email's value).
func accessorID(name string, content bool) (string, bool) {
	rest, ok := strings.CutPrefix(name, "get")
	if !ok || rest == "" || !unicode.IsUpper(rune(rest[0])) {
		return "", false
	}
	if content {
		rest = strings.TrimSuffix(rest, "Value")
	}
	var b strings.Builder
	for i, r := range rest {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	id := b.String()
	return id, id != "" && !strings.Contains(id, "__")
}

// resolveAccessors maps each acquisition's ERP5 accessors to the ids of
// the properties they read in the imported schema. ERP5 derives a
// property's getters from its id: content property address has
// getAddressValue and getDefaultAddressValue (its storage_id, where the
// sub-object is kept, is often default_address), a multivalued one
// getDefault<Id> too. The name alone cannot tell default_address from
// address, so the schema decides (readID): for acquisition_accessor_id,
// first the sheets of the portal types acquired from; for each
// alt_accessor_id, which ERP5 calls on the object itself, first the sheets
// of the portal types that use the acquiring sheet; then every sheet (a
// type may lack the sheet in the data, and is then refused with the id
// ERP5 means). Without a match the name is kept as it is, for the loader
// to report: a getter of a sub-object's property (getDefaultEmailText,
// the text of default_email's sub-object) or a method that is no
// property's (getCompactTitle) has no property to name.
func resolveAccessors(res *Result) {
	sheets := map[string]*Sheet{}
	for _, s := range res.Sheets {
		sheets[s.Name] = s
	}
	typeSheets := map[string][]*Sheet{}
	usedBy := map[string][]string{} // sheet name → the portal types that use it
	for _, t := range res.Types {
		for _, r := range t.Sheets {
			if s := sheets[r.Name]; s != nil {
				typeSheets[t.Name] = append(typeSheets[t.Name], s)
				usedBy[s.Name] = append(usedBy[s.Name], t.Name)
			}
		}
	}
	// read maps the id a getter's name reads to the schema's property.
	read := func(types []string, name string, content bool) string {
		var scope []*Sheet
		for _, t := range types {
			scope = append(scope, typeSheets[t]...)
		}
		for _, in := range [][]*Sheet{scope, res.Sheets} {
			if id := readID(in, name, content); id != "" {
				return id
			}
		}
		return name
	}
	for _, s := range res.Sheets {
		for _, p := range s.Properties {
			a := p.Acquisition
			if a == nil {
				continue
			}
			content := p.Type == "content"
			if a.getter != "" {
				a.Accessor = ""
				if id := read(a.PortalType, a.getter, content); id != p.ID {
					a.Accessor = id // the default is the property's own id
				}
			}
			for i, alt := range a.AltAccessor {
				a.AltAccessor[i] = read(usedBy[s.Name], alt, content)
			}
		}
	}
}

// readID returns the id of the property of sheets that ERP5's getter for
// name reads (see resolveAccessors), or "".
func readID(sheets []*Sheet, name string, content bool) string {
	match := func(ok func(*Property) bool) string {
		for _, s := range sheets {
			for _, p := range s.Properties {
				if (p.Type == "content") == content && ok(p) {
					return p.ID
				}
			}
		}
		return ""
	}
	if id := match(func(p *Property) bool { return p.ID == name }); id != "" {
		return id
	}
	if rest, ok := strings.CutPrefix(name, "default_"); ok {
		if id := match(func(p *Property) bool { return p.ID == rest }); id != "" {
			return id
		}
	}
	return match(func(p *Property) bool { return p.StorageID == name })
}

// acquired translates an Acquired Property's content and acquisition
// fields into p and returns the keys it handled.
func (tr *translator) acquired(o *object, p *Property, entries *[]Unsupported) []string {
	acqKeys := []string{"acquisition_base_category",
		"acquisition_portal_type", "acquisition_accessor_id", "acquisition_mask_value", "acquisition_copy_value",
		"alt_accessor_id", "acquisition_object_id"}
	contentKeys := []string{"content_portal_type", "content_acquired_property_id"}
	handled := append(slices.Clone(acqKeys), contentKeys...)
	if p.Type != "content" {
		// ERP5 ignores them on other types; they are reported, not
		// dropped silently.
		lost := map[string]string{}
		for _, k := range contentKeys {
			if v := o.state.Get(k); !empty(v) {
				lost[k] = repr(v)
			}
		}
		if len(lost) > 0 {
			*entries = append(*entries, fieldsEntry(p.ID, p.kind, o.source, lost,
				"content fields on a property of type "+p.Type+", which is not content, not imported"))
		}
	} else {
		if v := o.text("content_portal_type"); v != "" {
			lit, ok, why := tales(v)
			types, isList := stringList(lit)
			switch {
			case !ok:
				*entries = append(*entries, Unsupported{Item: p.ID, Kind: p.kind, Source: o.source,
					Fields: map[string]string{"content_portal_type": v}, Reason: "content_portal_type: " + why})
			case !isList:
				*entries = append(*entries, Unsupported{Item: p.ID, Kind: p.kind, Source: o.source,
					Fields: map[string]string{"content_portal_type": v}, Reason: "content_portal_type is not a list of portal types"})
			default:
				tr.report.Literals++
				p.PortalType = types
			}
		}
		p.ContentProperties, _ = o.strings("content_acquired_property_id")
	}
	bases, _ := o.strings("acquisition_base_category")
	objectIDs, _ := o.strings("acquisition_object_id")
	alts, _ := o.strings("alt_accessor_id")
	if len(bases) == 0 && len(objectIDs) == 0 && len(alts) == 0 {
		// Nothing to acquire from: ERP5 never acquires, whatever the
		// other acquisition fields say. Reported, not dropped silently.
		lost := map[string]string{}
		for k, v := range leftover(o) {
			if slices.Contains(acqKeys, k) {
				lost[k] = v
			}
		}
		if len(lost) > 0 {
			*entries = append(*entries, fieldsEntry(p.ID, p.kind, o.source, lost,
				"without acquisition_base_category, acquisition_object_id or alt_accessor_id ERP5 acquires from nothing, not imported"))
		}
		return handled
	}
	a := &Acquisition{BaseCategory: bases, ObjectID: objectIDs, MaskValue: o.flag("acquisition_mask_value"), CopyValue: o.flag("acquisition_copy_value")}
	var why []string
	fields := map[string]string{}
	for _, k := range acqKeys {
		if v := o.state.Get(k); v != nil && !empty(v) {
			fields[k] = repr(v)
		}
	}
	// With alt_accessor_id alone, ERP5 ignores the portal type, accessor
	// and copy value (they concern related objects and sub-objects): they
	// are reported as lost, and one that cannot be translated does not
	// cost the acquisition, which ERP5 performs all the same.
	sourced := len(bases) > 0 || len(objectIDs) > 0
	lost := map[string]string{}
	untranslatable := func(field, reason string) {
		if sourced {
			why = append(why, reason)
		} else {
			lost[field] = fields[field]
		}
	}
	if v := o.text("acquisition_portal_type"); v != "" {
		lit, ok, reason := tales(v)
		types, isList := stringList(lit)
		switch {
		case !ok:
			untranslatable("acquisition_portal_type", "acquisition_portal_type: "+reason)
		case !isList:
			untranslatable("acquisition_portal_type", "acquisition_portal_type is not a list of portal types")
		default:
			tr.report.Literals++
			a.PortalType = types
		}
	}
	if acc := o.text("acquisition_accessor_id"); acc != "" {
		if id, ok := accessorID(acc, p.Type == "content"); ok {
			// Mapped to the id the imported schema has by
			// resolveAccessors, once every sheet is read.
			a.getter = id
		} else {
			untranslatable("acquisition_accessor_id", fmt.Sprintf("acquisition_accessor_id %q is not an ERP5 getter name", acc))
		}
	}
	for _, alt := range alts {
		if id, ok := accessorID(alt, p.Type == "content"); ok {
			// Mapped to a property by resolveAccessors too.
			a.AltAccessor = append(a.AltAccessor, id)
		} else {
			why = append(why, fmt.Sprintf("alt_accessor_id %q is not an ERP5 getter name", alt))
		}
	}
	if len(why) > 0 {
		*entries = append(*entries, Unsupported{Item: p.ID, Kind: p.kind, Source: o.source, Fields: fields,
			Reason: strings.Join(why, "; ") + "; imported without acquisition"})
		return handled
	}
	if !sourced {
		// alt_accessor alone: ERP5 calls the accessor on, filters by
		// portal type and copies from related objects and sub-objects
		// only, so these do nothing (and the loader refuses them).
		if len(a.PortalType) > 0 {
			lost["acquisition_portal_type"], a.PortalType = fields["acquisition_portal_type"], nil
		}
		if a.getter != "" && a.getter != p.ID {
			lost["acquisition_accessor_id"], a.getter = fields["acquisition_accessor_id"], ""
		}
		if a.CopyValue {
			lost["acquisition_copy_value"], a.CopyValue = fields["acquisition_copy_value"], false
		}
		if len(lost) > 0 {
			*entries = append(*entries, fieldsEntry(p.ID, p.kind, o.source, lost,
				"without acquisition_base_category or acquisition_object_id ERP5 ignores them (they concern related objects and sub-objects), not imported"))
		}
	}
	p.Acquisition = a
	return handled
}

// constraintKinds maps ERP5 constraint portal types to accessorgen kinds.
var constraintKinds = map[string]string{
	"Property Existence Constraint":                "PropertyExistence",
	"Attribute Equality Constraint":                "AttributeEquality",
	"Property Type Validity Constraint":            "PropertyTypeValidity",
	"String Attribute Match Constraint":            "StringAttributeMatch",
	"Attribute Blacklisted Constraint":             "AttributeBlacklisted",
	"Category Existence Constraint":                "CategoryExistence",
	"Category Membership Arity Constraint":         "CategoryMembershipArity",
	"Category Related Membership Arity Constraint": "CategoryRelatedMembershipArity",
	"Attribute Unicity Constraint":                 "AttributeUnicity",
	"Content Existence Constraint":                 "ContentExistence",
}

// The message ids of ERP5's Property Existence Constraint, which String
// Attribute Match and Attribute Blacklisted Constraints extend.
const (
	noSuchProperty = "message_no_such_property"
	propertyNotSet = "message_property_not_set"
)

// constraint translates a constraint, or returns why it cannot be.
func (tr *translator) constraint(o *object) (*Constraint, []Unsupported) {
	kind := o.kind()
	// A constraint keeps its id (minus the suffix), unique in its sheet
	// as ZODB ids are: several constraints of a sheet may share a
	// default_reference.
	c := &Constraint{ID: strings.TrimSuffix(o.text("id"), "_constraint"), kind: kind, source: o.source}
	raw := o.rawFields()
	c.raw = raw
	if crit := tr.criterion(o, "_identity_criterion"); crit != nil {
		for k, v := range crit {
			raw["_identity_criterion."+k] = v
		}
	}
	if crit := tr.criterion(o, "_range_criterion"); crit != nil {
		for k, v := range crit {
			raw["_range_criterion."+k] = v
		}
	}
	whole := func(reason string) (*Constraint, []Unsupported) {
		return nil, []Unsupported{{Item: c.ID, Kind: kind, Reason: reason, Source: o.source, Fields: raw, whole: true}}
	}
	switch kind {
	case "TALES Constraint":
		return whole("TALES expression cannot be evaluated outside ERP5")
	case "Script Constraint":
		return whole("its script (script_id) is Python of the ERP5 site")
	}
	c.Kind = constraintKinds[kind]
	if c.Kind == "" {
		return whole("constraint kind " + kind + " has no accessorgen equivalent")
	}
	if e := o.text("test_tales_expression"); e != "" {
		// A literal has one meaning: true is no condition (ERP5's
		// default is "python: True"), false a constraint that never
		// applies.
		v, ok, _ := tales(e)
		if !ok {
			return whole("its condition (test_tales_expression) is a TALES expression")
		}
		if !truthy(v) {
			return whole(fmt.Sprintf("its condition (test_tales_expression) %q is always false: the constraint never applies", strings.TrimSpace(e)))
		}
		tr.report.Literals++
	}
	if ids, _ := o.strings("test_method_id"); len(ids) > 0 {
		return whole("its condition (test_method_id) calls methods of the ERP5 site")
	}
	if crit := tr.criterion(o, "_range_criterion"); len(crit) > 0 {
		return whole("its condition has a range criterion")
	}
	handled := []string{"id", "portal_type", "description", "default_reference", "membership_criterion_category",
		"membership_criterion_base_category", "test_tales_expression", "test_method_id"}
	if crit := tr.criterion(o, "_identity_criterion"); crit != nil {
		for k := range crit {
			if k != "portal_type" {
				return whole("its condition has an identity criterion on " + k)
			}
		}
		ident := tr.criterionValue(o, "_identity_criterion", "portal_type")
		types, ok := ident, ident != nil
		if !ok && crit["portal_type"] != "" {
			return whole("its portal_type criterion is not a list of portal types")
		}
		c.CondPortalType = types
	}
	c.CondMembership, _ = o.strings("membership_criterion_category")
	c.Description = o.text("description")
	c.Messages = map[string]string{}
	reported := holders.ConstraintKind(c.Kind).MessageIDs()
	var extra []Unsupported
	for i, k := range o.state.Keys {
		if !k.IsText() || !strings.HasPrefix(k.Str, "message_") || !o.state.Vals[i].IsText() {
			continue
		}
		handled = append(handled, k.Str)
		id, text := k.Str, o.state.Vals[i].Str
		if (id == noSuchProperty || id == propertyNotSet) && text == "" {
			continue // no text, no information (as in leftover)
		}
		if id == noSuchProperty && slices.Contains(reported, propertyNotSet) {
			// ERP5 reports message_no_such_property when hasProperty
			// is false, which it is for a property never set: the
			// usual failure, accessorgen's message_property_not_set
			// (a property the type lacks is an error when generating).
			c.Messages[propertyNotSet] = text
			continue
		}
		if id == propertyNotSet && text != "" && o.text(noSuchProperty) != "" && slices.Contains(reported, propertyNotSet) {
			// ERP5's own message_property_not_set is for a property set
			// to None, a state accessorgen's values do not have; the
			// never-set text above is the one ERP5 would show.
			extra = append(extra, Unsupported{Item: c.ID, Kind: kind, Source: o.source,
				Fields: map[string]string{id: text},
				Reason: fmt.Sprintf("ERP5 reports %s for a property set to None, which accessorgen's values cannot be; its %s text is imported as %s", propertyNotSet, noSuchProperty, propertyNotSet)})
			continue
		}
		if !slices.Contains(reported, id) {
			// ERP5 reports more cases than accessorgen checks: the
			// text has no use.
			extra = append(extra, Unsupported{Item: c.ID, Kind: kind, Source: o.source,
				Fields: map[string]string{id: text},
				Reason: fmt.Sprintf("accessorgen's %s constraints do not report %s", c.Kind, id)})
			continue
		}
		c.Messages[id] = text
	}
	props, _ := o.strings("constraint_property")
	portalTypes := func() (string, bool) {
		v := o.text("constraint_portal_type")
		if v == "" {
			return "", true
		}
		lit, ok, why := tales(v)
		types, isList := stringList(lit)
		if !ok {
			return "constraint_portal_type: " + why, false
		}
		if !isList {
			return "constraint_portal_type is not a list of portal types", false
		}
		tr.report.Literals++
		c.PortalType = types
		return "", true
	}
	arity := func() {
		if v := o.state.Get("min_arity"); v != nil && v.Kind == ppml.Int {
			n := v.Int
			c.Min = &n
		}
		if v := o.state.Get("max_arity"); v != nil && v.Kind == ppml.Int {
			n := v.Int
			c.Max = &n
		}
	}
	switch c.Kind {
	case "PropertyExistence", "PropertyTypeValidity":
		c.Properties = props
		handled = append(handled, "constraint_property")
	case "AttributeEquality":
		// ERP5's Attribute Equality Constraint names one property and
		// gives the value it must have as a TALES expression.
		name, expr := o.text("constraint_attribute_name"), o.text("constraint_attribute_value")
		switch {
		case name == "":
			return whole("it names no property (constraint_attribute_name)")
		case expr == "":
			return whole("it has no value (constraint_attribute_value)")
		}
		v, ok, why := tales(expr)
		if !ok {
			return whole("constraint_attribute_value: " + why)
		}
		value, ok := equalityValue(v)
		if !ok {
			return whole(fmt.Sprintf("constraint_attribute_value %q is None or a list of other than strings, which accessorgen's AttributeEquality does not take", strings.TrimSpace(expr)))
		}
		tr.report.Literals++
		c.Property, c.Value = name, value
		handled = append(handled, "constraint_attribute_name", "constraint_attribute_value")
	case "StringAttributeMatch", "AttributeBlacklisted":
		if len(props) != 1 {
			return whole(fmt.Sprintf("it checks %d properties; accessorgen's %s checks one", len(props), c.Kind))
		}
		c.Property = props[0]
		handled = append(handled, "constraint_property")
		switch c.Kind {
		case "StringAttributeMatch":
			c.Regex = o.text("regular_expression")
			if err := schema.CheckRegex(c.Regex); err != nil {
				return whole(fmt.Sprintf("regular_expression %q %v", c.Regex, err))
			}
			handled = append(handled, "regular_expression")
		case "AttributeBlacklisted":
			// One TALES expression that gives the list.
			expr := o.text("blacklisted_list")
			if expr == "" {
				return whole("it has no blacklisted_list")
			}
			v, ok, why := tales(expr)
			if !ok {
				return whole("blacklisted_list: " + why)
			}
			values, ok := scalarList(v)
			switch {
			case !ok:
				return whole(fmt.Sprintf("blacklisted_list %q is not a list of strings, numbers or booleans", strings.TrimSpace(expr)))
			case len(values) == 0:
				return whole("blacklisted_list is empty: the constraint checks nothing")
			}
			tr.report.Literals++
			c.Values = values
			handled = append(handled, "blacklisted_list")
		}
	case "CategoryExistence", "CategoryMembershipArity", "CategoryRelatedMembershipArity":
		c.BaseCategory, _ = o.strings("constraint_base_category")
		if why, ok := portalTypes(); !ok {
			return whole(why)
		}
		if c.Kind != "CategoryRelatedMembershipArity" {
			c.UseAcquisition = o.flag("use_acquisition")
		}
		arity()
		handled = append(handled, "constraint_base_category", "constraint_portal_type", "use_acquisition", "min_arity", "max_arity")
	case "ContentExistence":
		if why, ok := portalTypes(); !ok {
			return whole(why)
		}
		handled = append(handled, "constraint_portal_type")
	case "AttributeUnicity":
		if f := o.text("filter_parameter"); f != "" {
			return whole("its filter (filter_parameter) is a TALES expression")
		}
		if len(props) != 1 {
			return whole(fmt.Sprintf("it checks %d properties; accessorgen's %s checks one", len(props), c.Kind))
		}
		c.Property = props[0]
		handled = append(handled, "constraint_property", "filter_parameter")
	}
	if lost := leftover(o, handled...); len(lost) > 0 {
		extra = append(extra, fieldsEntry(c.ID, kind, o.source, lost, noEquivalent))
	}
	return c, extra
}

// criterion reads a constraint's criterion: a persistent reference to a
// PersistentMapping whose data maps a property to its values.
func (tr *translator) criterion(o *object, key string) map[string]string {
	data := tr.criterionData(o, key)
	if data == nil {
		return nil
	}
	out := map[string]string{}
	for i, k := range data.Keys {
		if !empty(data.Vals[i]) {
			out[repr(k)] = repr(data.Vals[i])
		}
	}
	return out
}

func (tr *translator) criterionData(o *object, key string) *ppml.Value {
	ref := o.state.Get(key)
	if ref == nil || ref.Kind != ppml.Persistent {
		return nil
	}
	rec, ok := o.file.Resolve(ref)
	if !ok || rec.State == nil {
		return nil
	}
	return rec.State.Get("data")
}

// criterionValue returns one criterion's values as strings.
func (tr *translator) criterionValue(o *object, key, name string) []string {
	data := tr.criterionData(o, key)
	v := data.Get(name)
	switch {
	case v.IsText():
		return []string{v.Str}
	case v.IsSeq():
		var out []string
		for _, x := range v.Items {
			if !x.IsText() {
				return nil
			}
			out = append(out, x.Str)
		}
		return out
	}
	return nil
}

// readSheet reads a sheet file and its children.
func (tr *translator) readSheet(t template, file string) (*Sheet, error) {
	o, err := readObject(t, file)
	if err != nil {
		return nil, err
	}
	s := &Sheet{Name: o.id(file), Description: o.text("description"), Source: o.source}
	if n := SheetName(s.Name); n != s.Name {
		tr.report.Renamed = append(tr.report.Renamed, fmt.Sprintf("Property Sheet %q is named %s (%s)", s.Name, n, o.source))
		s.Name = n
	}
	if lost := leftover(o, "id", "portal_type", "description", "title"); len(lost) > 0 {
		s.Unsupported = append(s.Unsupported, fieldsEntry(s.Name, "Property Sheet", o.source, lost, noEquivalent))
	}
	children, err := xmlFiles(strings.TrimSuffix(file, ".xml"))
	if err != nil {
		return nil, err
	}
	for _, cf := range children {
		c, err := readObject(t, cf)
		if err != nil {
			return nil, err
		}
		kind := c.kind()
		tr.report.found(kind)
		switch {
		case kind == "Standard Property" || kind == "Acquired Property":
			p, entries := tr.property(c)
			if p != nil {
				s.Properties = append(s.Properties, p)
			}
			s.Unsupported = append(s.Unsupported, entries...)
		case kind == "Category Property":
			s.Categories = append(s.Categories, &Ref{Name: reference(c), Kind: kind, Source: c.source})
			if lost := leftover(c, "id", "portal_type", "description", "default_reference"); len(lost) > 0 {
				s.Unsupported = append(s.Unsupported, fieldsEntry(reference(c), kind, c.source, lost, noEquivalent))
			}
		case kind == "Dynamic Category Property":
			expr := c.text("category_expression")
			lit, ok, why := tales(expr)
			names, isList := stringList(lit)
			if ok && isList {
				tr.report.Literals++
				for _, n := range names {
					s.Categories = append(s.Categories, &Ref{Name: n, Kind: kind, Source: c.source})
				}
				continue
			}
			if ok {
				why = "category_expression is not a list of base categories"
			}
			s.Unsupported = append(s.Unsupported, Unsupported{Item: reference(c), Kind: kind, Source: c.source,
				Fields: c.rawFields(), Reason: "category_expression: " + why, whole: true})
		case strings.HasSuffix(kind, "Constraint"):
			con, entries := tr.constraint(c)
			if con != nil {
				s.Constraints = append(s.Constraints, con)
			}
			s.Unsupported = append(s.Unsupported, entries...)
		default:
			s.Unsupported = append(s.Unsupported, Unsupported{Item: reference(c), Kind: kind, Source: c.source,
				Fields: c.rawFields(), Reason: "an item of kind " + kind + " has no accessorgen equivalent", whole: true})
		}
	}
	sort.SliceStable(s.Properties, func(i, j int) bool { return s.Properties[i].ID < s.Properties[j].ID })
	return s, nil
}

// readType reads a portal type file.
func (tr *translator) readType(t template, file string) (*PortalType, error) {
	o, err := readObject(t, file)
	if err != nil {
		return nil, err
	}
	pt := &PortalType{Name: o.id(file), Description: o.text("description"), TypeClass: o.text("type_class"), Source: o.source}
	pt.Groups, _ = o.strings("group_list")
	sheets, _ := o.strings("type_property_sheet_list")
	for _, s := range sheets {
		tr.report.found("Property Sheet assignment")
		pt.Sheets = append(pt.Sheets, &Ref{Name: SheetName(s), Kind: "Property Sheet assignment", Source: o.source})
	}
	bases, _ := o.strings("type_base_category_list")
	for _, b := range bases {
		tr.report.found("Base Category assignment")
		pt.BaseCategories = append(pt.BaseCategories, &Ref{Name: b, Kind: "Base Category assignment", Source: o.source})
	}
	mixins, _ := o.strings("type_mixin")
	for _, m := range mixins {
		tr.report.found("Type Mixin assignment")
		pt.Unsupported = append(pt.Unsupported, mixinEntry(m, o.source))
	}
	if ifaces, _ := o.strings("type_interface"); len(ifaces) > 0 {
		pt.Unsupported = append(pt.Unsupported, Unsupported{Item: pt.Name, Kind: o.kind(), Source: o.source,
			Fields: map[string]string{"type_interface": strings.Join(ifaces, ", ")},
			Reason: "Python interfaces of the document class have no accessorgen equivalent"})
	}
	handled := []string{"id", "portal_type", "description", "type_class", "group_list", "type_property_sheet_list",
		"type_base_category_list", "type_mixin", "type_interface"}
	for k := range leftover(o, handled...) {
		tr.report.Ignored[k]++
	}
	return pt, nil
}

func mixinEntry(name, source string) Unsupported {
	return Unsupported{Item: name, Kind: "Type Mixin assignment", Source: source, Fields: map[string]string{"mixin": name}, whole: true,
		Reason: "a Python mixin of ERP5: information only (accessorgen mixins are Go types of a documents package)"}
}

// readBaseCategory reads a base category file and the tree under it.
func (tr *translator) readBaseCategory(t template, file string) (*BaseCategory, error) {
	o, err := readObject(t, file)
	if err != nil {
		return nil, err
	}
	b := &BaseCategory{Name: o.id(file), Title: o.text("title"), Description: o.text("description"), Source: o.source}
	handled := []string{"id", "portal_type", "title", "description", "short_title", "categories"}
	if cats, _ := o.strings("categories"); len(cats) > 0 {
		// The category memberships of the base category object itself,
		// not a part of the schema it defines.
		tr.report.Ignored["Base Category categories"]++
	}
	bases, _ := o.strings("acquisition_base_category")
	objectIDs, _ := o.strings("acquisition_object_id")
	if len(bases) == 0 && len(objectIDs) == 0 {
		// Without a base category or object to acquire from, the
		// acquisition flags have no effect.
		handled = append(handled, "acquisition_append_value", "acquisition_copy_value", "acquisition_mask_value",
			"acquisition_sync_value", "acquisition_portal_type")
	}
	if lost := leftover(o, handled...); len(lost) > 0 {
		b.Unsupported = append(b.Unsupported, fieldsEntry(b.Name, "Base Category", o.source, lost, noEquivalent))
	}
	b.Values, err = tr.readCategories(t, strings.TrimSuffix(file, ".xml"), 0)
	return b, err
}

// readCategories reads the Category objects in dir, recursively: ERP5
// exports category/sub.xml and its children in category/sub/.
func (tr *translator) readCategories(t template, dir string, depth int) ([]*CategoryValue, error) {
	if depth > 64 {
		return nil, fmt.Errorf("%s: categories nested deeper than 64", dir)
	}
	files, err := xmlFiles(dir)
	if err != nil {
		return nil, err
	}
	var out []*CategoryValue
	for _, f := range files {
		o, err := readObject(t, f)
		if err != nil {
			return nil, err
		}
		tr.report.found("Category")
		v := &CategoryValue{ID: o.id(f), Title: o.text("title"), Description: o.text("description")}
		for k := range leftover(o, "id", "portal_type", "title", "description") {
			tr.report.Ignored["Category "+k]++
		}
		if v.Values, err = tr.readCategories(t, strings.TrimSuffix(f, ".xml"), depth+1); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// sheetFiles lists a template's sheet files.
func sheetFiles(t template) ([]string, error) {
	return xmlFiles(filepath.Join(t.dir, sheetsItem, "portal_property_sheets"))
}
