// Package describe reports on a compiled schema for people and tools: what
// accessorgen explain prints about a portal type or a sheet (as text or
// JSON), the Markdown reference of accessorgen docs, and the Graphviz graph
// of accessorgen graph. Reports are built from the model and its binding,
// the same data the generator uses, so they say what the generated code
// does. Every list is in a deterministic order.
package describe

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/accessorgen/accessorgen/binding"
	"github.com/accessorgen/accessorgen/holders"
	"github.com/accessorgen/accessorgen/schema"
)

// Project is a compiled schema and its binding.
type Project struct {
	Model   *schema.Model
	Binding *binding.Binding
	// TypesPackage and DocumentsPackage are the Go package names of the
	// generated types and of the documents ("" when none).
	TypesPackage, HoldersPackage, DocumentsPackage string
}

// TypeReport is everything explain says about a portal type.
type TypeReport struct {
	Name        string         `json:"name"`
	GoType      string         `json:"go_type"`
	Pos         string         `json:"pos"`
	Layer       string         `json:"layer,omitempty"`
	Replaces    *Replaced      `json:"replaces,omitempty"`
	Description string         `json:"description,omitempty"`
	Composition []Embedded     `json:"composition"`
	Properties  []Member       `json:"properties"`
	Shadowed    []Shadowing    `json:"shadowed,omitempty"`
	Overridden  []Overriding   `json:"overridden,omitempty"`
	Contents    []Member       `json:"contents,omitempty"`
	Acquired    []Acquisition  `json:"acquired,omitempty"`
	Constraints []Constraint   `json:"constraints,omitempty"`
	Location    *Location      `json:"location,omitempty"`
	Groups      []string       `json:"groups,omitempty"`
	Allowed     []string       `json:"allowed_content_types,omitempty"`
	Unsupported []Unsupported  `json:"unsupported,omitempty"`
	Related     []string       `json:"related,omitempty"`
	TypeClass   string         `json:"type_class,omitempty"`
	Dynamic     []string       `json:"dynamic_categories,omitempty"`
	Categories  []CategoryRoot `json:"base_categories,omitempty"`
}

// Replaced is the definition of a lower layer that a definition replaces
// (or, for an extending sheet, extends).
type Replaced struct {
	Pos   string `json:"pos"`
	Layer string `json:"layer"`
}

func replaced(pos schema.Pos, layer string) *Replaced {
	return &Replaced{Pos: pos.Short(), Layer: layer}
}

// Text is the replaced definition as explain prints it.
func (r *Replaced) Text() string { return r.Pos + " (layer " + r.Layer + ")" }

// Shadowing is a member (or one accessor of it) that another hides.
type Shadowing struct {
	Method string    `json:"method,omitempty"` // "" when the whole property id is shadowed
	Winner MemberRef `json:"winner"`
	Loser  MemberRef `json:"loser"`
	Why    string    `json:"why"`
	Text   string    `json:"text"` // the sentence explain prints
}

// Overriding is a document method that replaces generated accessors.
type Overriding struct {
	Method     string      `json:"method"`
	By         string      `json:"by"` // the document method, e.g. document.Person.Title
	Pos        string      `json:"pos"`
	Properties []MemberRef `json:"properties"` // the members whose accessor it replaces
	Text       string      `json:"text"`
}

// MemberRef names a member and where it is declared.
type MemberRef struct {
	ID    string `json:"id"`
	Sheet string `json:"sheet,omitempty"` // "" for the type's own
	Pos   string `json:"pos"`
}

// orType names a member's sheet, or the type for its own.
func orType(sheet string) string {
	if sheet == "" {
		return "the type"
	}
	return "sheet " + sheet
}

func memberRef(p *schema.Property) MemberRef {
	return MemberRef{ID: p.ID, Sheet: sheetName(p), Pos: p.Pos.Short()}
}

// Embedded is one embedded field, in ERP5's method resolution order.
type Embedded struct {
	Kind         string `json:"kind"` // document, holder, category holder, base, mixin
	GoType       string `json:"go_type"`
	From         string `json:"from"`                    // what in the schema put it there, for people
	Sheet        string `json:"sheet,omitempty"`         // a holder's property sheet
	BaseCategory string `json:"base_category,omitempty"` // a category holder's base category
	EmbeddedBy   string `json:"embedded_by,omitempty"`   // the document that embeds a holder, which comes through it
	Pos          string `json:"pos,omitempty"`
	Layer        string `json:"layer,omitempty"`
}

// KindText is the kind as explain prints it.
func (e Embedded) KindText() string {
	if e.EmbeddedBy != "" {
		return e.Kind + ", in the document"
	}
	return e.Kind
}

// FromText is where it comes from as explain prints it.
func (e Embedded) FromText() string {
	if e.EmbeddedBy != "" {
		return e.From + ", embedded by " + e.EmbeddedBy
	}
	return e.From
}

// PosText is the position and layer as explain prints them.
func (e Embedded) PosText() string {
	if e.Layer == "" {
		return e.Pos
	}
	return e.Pos + ", layer " + e.Layer
}

// Member is a property, category or content property with its origin.
type Member struct {
	ID          string    `json:"id"`
	Type        string    `json:"type"` // the schema's type: string, lines, content...
	Multivalued bool      `json:"multivalued,omitempty"`
	PortalTypes []string  `json:"portal_types,omitempty"` // a content property's sub-object types
	Sheet       string    `json:"sheet,omitempty"`        // "" for the type's own
	Layer       string    `json:"layer,omitempty"`
	Pos         string    `json:"pos"`
	Replaces    *Replaced `json:"replaces,omitempty"`
	Description string    `json:"description,omitempty"`
	Accessors   []string  `json:"accessors,omitempty"`
	Mode        string    `json:"mode,omitempty"`
	// Default is the value an unset property reads as, written as the
	// getter's doc comment writes it ("" for none).
	Default string `json:"-"`
	// DefaultValue is that value for tools, nil for none: a JSON number,
	// string, boolean or list; a date is an RFC 3339 string.
	DefaultValue any `json:"default,omitempty"`
	// Values are a selection's allowed values.
	Values []string `json:"values,omitempty"`
	// ReadPermission and WritePermission are set when the schema names
	// other permissions than ERP5's defaults.
	ReadPermission  string `json:"read_permission,omitempty"`
	WritePermission string `json:"write_permission,omitempty"`
}

// TypeModeText is TypeText with the mode: "string, read-only".
func (m Member) TypeModeText() string {
	if m.Mode == "" {
		return m.TypeText()
	}
	return m.TypeText() + ", " + m.Mode
}

// DetailsText is what a property's type does not say, for people:
// `default 0; one of female, male, other; read permission "View private data"`.
func (m Member) DetailsText() string {
	var parts []string
	if m.Default != "" {
		parts = append(parts, "default "+m.Default)
	}
	if len(m.Values) > 0 {
		which := "one of "
		if m.Type == string(schema.MultipleSelection) {
			which = "any of "
		}
		parts = append(parts, which+strings.Join(m.Values, ", "))
	}
	if m.ReadPermission != "" {
		parts = append(parts, fmt.Sprintf("read permission %q", m.ReadPermission))
	}
	if m.WritePermission != "" {
		parts = append(parts, fmt.Sprintf("write permission %q", m.WritePermission))
	}
	return strings.Join(parts, "; ")
}

// TypeText is the member's type as explain prints it: "int multivalued",
// "content of Address".
func (m Member) TypeText() string {
	t := schema.DescribeTypeOf(schema.Type(m.Type), m.Multivalued)
	if len(m.PortalTypes) > 0 {
		t += " of " + strings.Join(m.PortalTypes, ", ")
	}
	return t
}

// Acquisition is where an acquired property takes its value from.
type Acquisition struct {
	Property string `json:"property"`
	Path     string `json:"path"` // the steps, for people
	Steps    []Step `json:"steps"`
	Copy     bool   `json:"copy,omitempty"` // the value found is copied locally
}

// Step is one place an acquired property looks, in order. Kind is own
// (the object's own value), sub_object (the sub-object ID's value),
// membership (Property of the PortalType the object is a member of
// Through its base categories) or alternative (the object's own
// Property).
type Step struct {
	Kind       string   `json:"kind"`
	ID         string   `json:"id,omitempty"`
	Property   string   `json:"property,omitempty"`
	PortalType string   `json:"portal_type,omitempty"`
	Through    []string `json:"through,omitempty"`
}

// Text is the step as explain prints it.
func (s Step) Text() string {
	switch s.Kind {
	case "own":
		return "its own value"
	case "sub_object":
		return "sub-object " + s.ID
	case "membership":
		return fmt.Sprintf("%s of the %s it is a member of through %s", s.Property, s.PortalType, strings.Join(s.Through, ", "))
	}
	return "its own " + s.Property
}

// Constraint is a constraint a type has.
type Constraint struct {
	ID          string `json:"id"`
	Kind        string `json:"kind"`
	Sheet       string `json:"sheet"`
	Pos         string `json:"pos"`
	Description string `json:"description,omitempty"`
	// What it checks: the members, the regex of a StringAttributeMatch,
	// the portal types and bounds of an arity, the function or method,
	// and the condition that limits where it applies.
	Properties     []string   `json:"properties,omitempty"`
	BaseCategories []string   `json:"base_categories,omitempty"`
	Regex          string     `json:"regex,omitempty"`
	PortalTypes    []string   `json:"portal_types,omitempty"`
	Min            *int       `json:"min,omitempty"`
	Max            *int       `json:"max,omitempty"`
	Func           string     `json:"func,omitempty"`
	Method         string     `json:"method,omitempty"`
	Condition      *Condition `json:"condition,omitempty"`
	Checks         string     `json:"checks,omitempty"` // all of it, for people
}

// Condition limits where a constraint applies: to objects of one of the
// portal types, members of every base category in Membership, and that
// Func accepts.
type Condition struct {
	PortalTypes []string `json:"portal_types,omitempty"`
	Membership  []string `json:"membership,omitempty"`
	Func        string   `json:"func,omitempty"`
}

// Location is a registry entry.
type Location struct {
	Path    string  `json:"path"`
	Pos     string  `json:"pos"`
	Aliases []Alias `json:"aliases,omitempty"`
	Func    *GoFunc `json:"func,omitempty"`  // a service's constructor
	Needs   []Need  `json:"needs,omitempty"` // what each parameter of the constructor receives, in order
}

// Alias is another path of a location.
type Alias struct {
	Path       string `json:"path"`
	Deprecated string `json:"deprecated,omitempty"` // the deprecation message, when deprecated
	Pos        string `json:"pos"`
}

// Text is the alias as explain prints it.
func (a Alias) Text() string {
	if a.Deprecated == "" {
		return a.Path
	}
	return a.Path + " (deprecated: " + a.Deprecated + ")"
}

// GoFunc is a Go function of the documents package.
type GoFunc struct {
	Name string `json:"name"`
	Pos  string `json:"pos"`
}

// Need is what a constructor's parameter receives: another entry, or the
// root (a holders.Registry parameter).
type Need struct {
	Path string `json:"path,omitempty"`
	Root bool   `json:"root,omitempty"`
}

// Text is the need as docs prints it.
func (n Need) Text() string {
	if n.Root {
		return "the root"
	}
	return n.Path
}

// Unsupported is an item an import could not translate.
type Unsupported struct {
	Item   string `json:"item"`
	Kind   string `json:"kind,omitempty"`
	Reason string `json:"reason"`
	Source string `json:"source,omitempty"`
	Pos    string `json:"pos"`
}

// CategoryRoot is a base category of a type, with where it comes from.
type CategoryRoot struct {
	ID      string `json:"id"`
	From    string `json:"from"`              // for people
	Sheet   string `json:"sheet,omitempty"`   // the sheet that lists it, "" for the type's own
	Dynamic bool   `json:"dynamic,omitempty"` // in the type's dynamic_categories
	Values  int    `json:"tree_values"`
}

// FindType returns the binding of the portal type name, or an error that
// suggests a close name.
func (p *Project) FindType(name string) (*binding.Type, error) {
	var names []string
	for _, t := range p.Binding.Types {
		if t.Name == name {
			return t, nil
		}
		names = append(names, t.Name)
	}
	return nil, fmt.Errorf("no portal type %q%s", name, schema.Suggest(name, names))
}

// FindSheet returns the sheet name, or an error that suggests a close name.
func (p *Project) FindSheet(name string) (*schema.Sheet, error) {
	var names []string
	for _, s := range p.Model.Sheets {
		if s.Name == name {
			return s, nil
		}
		names = append(names, s.Name)
	}
	return nil, fmt.Errorf("no property sheet %q%s", name, schema.Suggest(name, names))
}

// member describes p.
func member(p *schema.Property, accessors []string) Member {
	m := Member{ID: p.ID, Type: string(p.Type), Multivalued: p.Multivalued, Layer: p.Layer, Pos: p.Pos.Short(), Description: p.Description, Accessors: accessors}
	if p.Sheet != nil && p.Sheet.Category == nil { // a base category's holder: the type's own
		m.Sheet = p.Sheet.Name
	}
	if p.Overrides != nil {
		m.Replaces = replaced(p.Overrides.Pos, p.Overrides.Layer)
	}
	if p.Mode == schema.ReadOnly {
		m.Mode = "read-only"
	}
	m.Default, m.DefaultValue, m.Values = p.DefaultText(), p.Default, p.Values
	if p.ReadPerm != schema.DefaultReadPermission {
		m.ReadPermission = p.ReadPerm
	}
	if p.WritePerm != schema.DefaultWritePermission {
		m.WritePermission = p.WritePerm
	}
	if p.Type == schema.Content {
		for _, pt := range p.PortalTypes {
			m.PortalTypes = append(m.PortalTypes, pt.Name)
		}
	}
	return m
}

func accessorNames(p *schema.Property) []string {
	var out []string
	for _, a := range p.Accessors() {
		out = append(out, a.Name)
	}
	return out
}

// Type reports on t.
func (p *Project) Type(t *binding.Type) *TypeReport {
	r := &TypeReport{Name: t.Name, GoType: p.TypesPackage + "." + t.GoName, Pos: t.Pos.Short(), Layer: t.Layer,
		Description: t.Description, Groups: t.Groups, TypeClass: t.TypeClass, Properties: []Member{}}
	if o := t.PortalType.Overrides; o != nil {
		r.Replaces = replaced(o.Pos, o.Layer)
	}
	// The composition in priority order, as TypeInfo.MRO: the document,
	// the holders of the type's sheets (those the document embeds come
	// through it), the category holders, holders.Base, the mixins.
	var holdersInOrder []Embedded
	for _, s := range t.Sheets {
		e := Embedded{Kind: "holder", GoType: p.HoldersPackage + "." + schema.HolderField(s), From: "property sheet " + s.Name,
			Sheet: s.Name, Pos: s.Pos.Short(), Layer: s.Layer}
		if !slices.ContainsFunc(t.Fields, func(f binding.Field) bool { return f.Sheet == s }) {
			e.EmbeddedBy = p.DocumentsPackage + "." + t.Document.Name
		}
		holdersInOrder = append(holdersInOrder, e)
	}
	for _, f := range t.Fields {
		if f.Kind == binding.HolderField && f.Sheet.Category != nil {
			holdersInOrder = append(holdersInOrder, Embedded{Kind: "category holder", GoType: p.HoldersPackage + "." + f.Name,
				From: "base category " + f.Sheet.Name + ", in base_categories", BaseCategory: f.Sheet.Name, Pos: f.Sheet.Pos.Short(), Layer: f.Sheet.Layer})
		}
	}
	for _, f := range t.Fields {
		switch f.Kind {
		case binding.DocumentField:
			r.Composition = append(r.Composition, Embedded{Kind: "document", GoType: p.DocumentsPackage + "." + f.Name, From: "type_class " + t.TypeClass, Pos: f.GoType.Pos})
		case binding.BaseField:
			r.Composition = append(r.Composition, holdersInOrder...)
			r.Composition = append(r.Composition, Embedded{Kind: "base", GoType: "holders.Base", From: "every portal type"})
		case binding.MixinField:
			r.Composition = append(r.Composition, Embedded{Kind: "mixin", GoType: p.DocumentsPackage + "." + f.Name, From: "mixins", Pos: f.GoType.Pos})
		}
	}
	for _, prop := range t.Properties {
		r.Properties = append(r.Properties, member(prop, accessorNames(prop)))
		if prop.Type == schema.Category {
			c := CategoryRoot{ID: prop.ID, From: "sheet " + sheetName(prop), Sheet: sheetName(prop)}
			if prop.Sheet == nil || prop.Sheet.Category != nil {
				c.From, c.Sheet = "the type's base_categories", ""
				if slices.Contains(t.Dynamic(), prop.Base) {
					c.From, c.Dynamic = "dynamic_categories", true
				}
			}
			prop.Base.Walk(func(_, _ *schema.CategoryValue) { c.Values++ })
			r.Categories = append(r.Categories, c)
		}
	}
	for _, s := range t.Shadowed {
		w := why(t, s)
		r.Shadowed = append(r.Shadowed, Shadowing{Method: s.Method, Winner: memberRef(s.Winner), Loser: memberRef(s.Loser), Why: w, Text: s.String() + ": " + w})
	}
	for _, o := range t.Overrides {
		by := p.DocumentsPackage + "." + t.Document.Name + "." + o.Method
		i := slices.IndexFunc(r.Overridden, func(x Overriding) bool { return x.Method == o.Method })
		if i < 0 { // one method may override the accessors of several sheets
			r.Overridden = append(r.Overridden, Overriding{Method: o.Method, By: by, Pos: o.Pos})
			i = len(r.Overridden) - 1
		}
		r.Overridden[i].Properties = append(r.Overridden[i].Properties, memberRef(o.Property))
	}
	for i, o := range r.Overridden {
		var of []string
		for _, m := range o.Properties {
			of = append(of, m.ID+" of "+orType(m.Sheet))
		}
		r.Overridden[i].Text = fmt.Sprintf("%s (accessor of %s) by %s (%s): the document comes first", o.Method, strings.Join(of, ", "), o.By, o.Pos)
	}
	for _, c := range t.Contents {
		acc := []string{binding.ValueName(c.Property)}
		for _, f := range c.Flattened {
			acc = append(acc, c.Property.GoName+f.GoName)
		}
		r.Contents = append(r.Contents, member(c.Property, acc))
	}
	for _, a := range t.Acquired {
		r.Acquired = append(r.Acquired, acquisition(a.Property.ID, a))
	}
	for _, c := range t.Contents {
		if c.Acquired != nil {
			r.Acquired = append(r.Acquired, acquisition(c.Property.ID, c.Acquired))
		}
	}
	for _, k := range t.Constraints {
		r.Constraints = append(r.Constraints, constraint(k.Constraint, k.Properties))
	}
	for _, rel := range t.Related {
		r.Related = append(r.Related, rel.RelatedAccessor())
	}
	for _, a := range t.AllowedContentTypes {
		r.Allowed = append(r.Allowed, a.Name)
	}
	for _, d := range t.DynamicCategories {
		r.Dynamic = append(r.Dynamic, d.Name)
	}
	if e := p.entry(t.Location); e != nil {
		r.Location = location(e)
	}
	r.Unsupported = unsupported(t.PortalType.Unsupported)
	for _, s := range t.Sheets {
		r.Unsupported = append(r.Unsupported, unsupported(s.Unsupported)...)
	}
	seen := map[*schema.BaseCategory]bool{}
	for _, prop := range t.Properties {
		if prop.Type == schema.Category && !seen[prop.Base] {
			seen[prop.Base] = true
			r.Unsupported = append(r.Unsupported, unsupported(prop.Base.Unsupported)...)
		}
	}
	return r
}

func sheetName(p *schema.Property) string {
	if p.Sheet == nil {
		return ""
	}
	return p.Sheet.Name
}

// why explains a shadow: the order of property_sheets, or the document.
func why(t *binding.Type, s binding.Shadow) string {
	if s.Winner.Sheet == nil || s.Loser.Sheet == nil {
		return "the type's own categories come after its sheets"
	}
	wi := slices.Index(t.Sheets, s.Winner.Sheet)
	li := slices.Index(t.Sheets, s.Loser.Sheet)
	if wi < li {
		return fmt.Sprintf("sheet %s comes before sheet %s in the type's holders", s.Winner.Sheet.Name, s.Loser.Sheet.Name)
	}
	return "the first holder wins"
}

func acquisition(property string, a *binding.Acquired) Acquisition {
	var steps []Step
	acq := a.Property.Acquisition
	if acq.Mask {
		steps = append(steps, Step{Kind: "own"})
	}
	for _, id := range acq.ObjectIDs {
		steps = append(steps, Step{Kind: "sub_object", ID: id.Name})
	}
	for i, t := range a.Targets {
		var bases []string
		for _, b := range a.Bases {
			bases = append(bases, b.ID)
		}
		steps = append(steps, Step{Kind: "membership", Property: a.Remote[i].ID, PortalType: t.Name, Through: bases})
	}
	for _, alt := range a.Alt {
		steps = append(steps, Step{Kind: "alternative", Property: alt.ID})
	}
	if !acq.Mask {
		steps = append(steps, Step{Kind: "own"})
	}
	r := Acquisition{Property: property, Steps: steps, Copy: acq.Copy}
	var parts []string
	for _, s := range steps {
		parts = append(parts, s.Text())
	}
	r.Path = strings.Join(parts, ", then ")
	if r.Copy {
		r.Path += " (copied locally)"
	}
	return r
}

func constraint(k *schema.Constraint, props []*schema.Property) Constraint {
	c := Constraint{ID: k.ID, Kind: string(k.Kind), Sheet: k.Sheet.Name, Pos: k.Pos.Short(), Description: k.Description}
	for _, p := range props {
		c.Properties = append(c.Properties, p.ID)
	}
	for _, b := range k.BaseCategories {
		c.BaseCategories = append(c.BaseCategories, b.Name)
	}
	if k.Kind == holders.StringAttributeMatch {
		c.Regex = k.Regex
	}
	if k.Kind == holders.CategoryMembershipArity || k.Kind == holders.CategoryRelatedMembershipArity {
		for _, pt := range k.PortalTypes {
			c.PortalTypes = append(c.PortalTypes, pt.Name)
		}
		if min := k.Min; min > 0 {
			c.Min = &min
		}
		if max := k.Max; max >= 0 {
			c.Max = &max
		}
	}
	c.Func, c.Method = k.Func.Name, k.Method.Name
	if k.Condition != nil {
		cond := &Condition{Func: k.Condition.Func.Name}
		for _, pt := range k.Condition.PortalTypes {
			cond.PortalTypes = append(cond.PortalTypes, pt.Name)
		}
		for _, m := range k.Condition.Membership {
			cond.Membership = append(cond.Membership, m.Name)
		}
		if len(cond.PortalTypes)+len(cond.Membership) > 0 || cond.Func != "" {
			c.Condition = cond
		}
	}
	c.Checks = c.checksText()
	return c
}

// checksText is what the constraint checks, as explain prints it.
func (c Constraint) checksText() string {
	what := append(slices.Clone(c.Properties), c.BaseCategories...)
	if c.Regex != "" || c.Kind == string(holders.StringAttributeMatch) {
		what = append(what, "matching "+c.Regex)
	}
	for _, pt := range c.PortalTypes {
		what = append(what, "of portal type "+pt)
	}
	if c.Min != nil {
		what = append(what, fmt.Sprintf("at least %d", *c.Min))
	}
	if c.Max != nil {
		what = append(what, fmt.Sprintf("at most %d", *c.Max))
	}
	if c.Func != "" {
		what = append(what, "func "+c.Func)
	}
	if c.Method != "" {
		what = append(what, "method "+c.Method)
	}
	if k := c.Condition; k != nil {
		var cond []string
		if len(k.PortalTypes) > 0 {
			cond = append(cond, "portal type "+strings.Join(k.PortalTypes, " or "))
		}
		for _, m := range k.Membership {
			cond = append(cond, "member of "+m)
		}
		if k.Func != "" {
			cond = append(cond, k.Func)
		}
		what = append(what, "when "+strings.Join(cond, " and "))
	}
	return strings.Join(what, ", ")
}

func (p *Project) entry(l *schema.Location) *binding.Entry {
	if l == nil {
		return nil
	}
	for _, e := range p.Binding.Registry {
		if e.Location == l {
			return e
		}
	}
	return nil
}

func location(e *binding.Entry) *Location {
	l := &Location{Path: e.Path, Pos: e.Pos.Short()}
	for _, a := range e.Aliases {
		l.Aliases = append(l.Aliases, Alias{Path: a.Path, Deprecated: a.Deprecated, Pos: a.Pos.Short()})
	}
	if e.Func != nil {
		l.Func = &GoFunc{Name: e.Func.Name, Pos: e.Func.Pos}
	}
	for _, d := range e.Deps {
		if d == nil {
			l.Needs = append(l.Needs, Need{Root: true})
		} else {
			l.Needs = append(l.Needs, Need{Path: d.Path})
		}
	}
	return l
}

func unsupported(list []schema.Unsupported) []Unsupported {
	var out []Unsupported
	for _, u := range list {
		out = append(out, Unsupported{Item: u.Item, Kind: u.Kind, Reason: u.Reason, Source: u.Source, Pos: u.Pos.Short()})
	}
	return out
}

// SheetReport is everything explain says about a property sheet.
type SheetReport struct {
	Name        string        `json:"name"`
	Holder      string        `json:"holder"`
	Pos         string        `json:"pos"`
	Layer       string        `json:"layer,omitempty"`
	Extends     bool          `json:"extends,omitempty"`
	Replaces    *Replaced     `json:"replaces,omitempty"`
	Description string        `json:"description,omitempty"`
	Properties  []Member      `json:"properties"`
	Contents    []Member      `json:"contents,omitempty"`
	Constraints []Constraint  `json:"constraints,omitempty"`
	UsedBy      []Use         `json:"used_by"`
	Unsupported []Unsupported `json:"unsupported,omitempty"`
}

// Use is a portal type that uses a sheet: its holder is number Holder of
// the type's Holders, embedded by the type's document when EmbeddedBy names it.
type Use struct {
	Type       string `json:"type"`
	Holder     int    `json:"holder"`
	Holders    int    `json:"holders"`
	EmbeddedBy string `json:"embedded_by,omitempty"`
}

// Text is the use as explain prints it.
func (u Use) Text() string {
	s := fmt.Sprintf("%s (holder %d of %d", u.Type, u.Holder, u.Holders)
	if u.EmbeddedBy != "" {
		s += ", embedded by its document"
	}
	return s + ")"
}

// usedByText is the uses as explain prints them.
func (r *SheetReport) usedByText() []string {
	var out []string
	for _, u := range r.UsedBy {
		out = append(out, u.Text())
	}
	return out
}

// Sheet reports on s and the types that use it.
func (p *Project) Sheet(s *schema.Sheet) *SheetReport {
	r := &SheetReport{Name: s.Name, Holder: p.HoldersPackage + "." + schema.HolderField(s), Pos: s.Pos.Short(), Layer: s.Layer,
		Extends: s.Extends, Description: s.Description, Unsupported: unsupported(s.Unsupported), UsedBy: []Use{}, Properties: []Member{}}
	if s.Overrides != nil {
		r.Replaces = replaced(s.Overrides.Pos, s.Overrides.Layer)
	}
	for _, prop := range s.Properties {
		r.Properties = append(r.Properties, member(prop, accessorNames(prop)))
	}
	for _, prop := range s.Contents {
		r.Contents = append(r.Contents, member(prop, nil))
	}
	for _, k := range s.Constraints {
		var props []*schema.Property
		for _, ref := range k.Properties {
			props = append(props, &schema.Property{ID: ref.Name})
		}
		r.Constraints = append(r.Constraints, constraint(k, props))
	}
	for _, t := range p.Binding.Types {
		if i := slices.Index(t.Sheets, s); i >= 0 {
			u := Use{Type: t.Name, Holder: i + 1, Holders: len(t.Sheets)}
			if !slices.ContainsFunc(t.Fields, func(f binding.Field) bool { return f.Sheet == s }) {
				u.EmbeddedBy = p.DocumentsPackage + "." + t.Document.Name
			}
			r.UsedBy = append(r.UsedBy, u)
		}
	}
	// In the order of the text explain prints, which sorts them.
	sort.Slice(r.UsedBy, func(i, j int) bool { return r.UsedBy[i].Text() < r.UsedBy[j].Text() })
	return r
}
