package schema

import (
	"fmt"
	"time"
)

// Model is a validated, resolved schema: what gen turns into Go code. It is
// immutable once Compile returns it; every slice is in a deterministic order
// (sheets, types and base categories sorted by name; properties in the order
// the schema declares them).
type Model struct {
	Sheets         []*Sheet
	Types          []*PortalType
	BaseCategories []*BaseCategory
	// Services are the registry's services, by location; Registry is
	// every location (services and portal types), by path. Both are empty
	// when the schema declares no location.
	Services []*Service
	Registry []*Location
	// CategorySheets are the holders of the base categories portal types
	// list in base_categories, by name: a type whose sheets do not declare
	// such a base category embeds its holder, so its accessors are
	// generated once, not once per type.
	CategorySheets []*Sheet
}

// Sheet is a property sheet (YAML kind PropertySheet): a named bundle of
// properties and category memberships that becomes one accessor holder type.
type Sheet struct {
	Name        string // as in the schema, e.g. "DublinCore"
	GoName      string // Go identifier derived from Name, e.g. "DublinCore"
	Description string
	Pos         Pos // of the name

	// Properties holds the sheet's members in declaration order: the
	// properties, each followed by the _range_min and _range_max properties
	// that "range: true" derives from it, then the sheet's categories.
	Properties []*Property
	// Contents holds the content properties: sub-objects, not stored in
	// the holder, reached through a Resolver by the portal type.
	Contents []*Property
	// Constraints are the sheet's consistency checks, in order.
	Constraints []*Constraint
	// Unsupported lists what an import could not translate.
	Unsupported []Unsupported

	// Layer is the config layer that defines the sheet ("" without
	// layers). Overrides is the definition of a lower layer it replaces,
	// or, with Extends, adds to.
	Layer     string
	Extends   bool
	Overrides *Sheet
	priority  int

	// Category is set on the holder of a base category (Model's
	// CategorySheets), which no schema file declares.
	Category *BaseCategory
}

// Unsupported is an item an importer could not translate into the schema
// (a TALES expression, a Python script): kept, with its raw fields, so that
// nothing is lost and tools can report it. The generator ignores it.
type Unsupported struct {
	Item   string // the item's id in the source
	Kind   string // what the item is in the source, e.g. "TALES Constraint"
	Reason string
	Source string      // the file it came from
	Fields [][2]string // its raw fields, sorted by name
	Pos    Pos
}

// Type is the type of a property's value.
type Type string

// The property types. Lines, Tokens and MultipleSelection hold lists of
// strings; Category holds relative URLs of category memberships.
const (
	String            Type = "string"
	Text              Type = "text"
	Int               Type = "int"
	Float             Type = "float"
	Boolean           Type = "boolean"
	Date              Type = "date"
	Lines             Type = "lines"
	Tokens            Type = "tokens"
	Data              Type = "data"
	Selection         Type = "selection"
	MultipleSelection Type = "multiple selection"
	Category          Type = "category"
	Content           Type = "content"
)

// propertyTypes lists the types a property may declare, in documentation order.
var propertyTypes = []Type{String, Text, Int, Float, Boolean, Date, Lines, Tokens, Data, Selection, MultipleSelection, Content}

// Scalar returns the type of one element: String for Lines, Tokens,
// MultipleSelection and Category, Selection's own type otherwise.
func (t Type) Scalar() Type {
	switch t {
	case Lines, Tokens, MultipleSelection, Category:
		return String
	case Text, Selection:
		return String
	}
	return t
}

// Mode says whether a property can be changed through by-name access and Edit.
// Typed setters exist in both modes: they are the application's own code.
type Mode string

// Property modes.
const (
	ReadWrite Mode = "rw"
	ReadOnly  Mode = "r"
)

// Default permissions, as in ERP5.
const (
	DefaultReadPermission  = "Access contents information"
	DefaultWritePermission = "Modify portal content"
)

// Property is one member of a sheet: a stored property, a property derived
// from a range, or a category membership (Type Category).
type Property struct {
	ID          string // schema id, e.g. "first_name"; the by-name key
	GoName      string // e.g. "FirstName"
	Type        Type
	Multivalued bool   // a list of Type.Scalar() values; always true for list types
	Default     any    // nil, or a value of the Go type Value() documents
	Description string // may be empty
	StorageID   string // ERP5's storage_id; informational
	Mode        Mode
	ReadPerm    string // permission needed to read through a Guard
	WritePerm   string // permission needed to write through a Guard
	Range       bool   // "range: true" was declared: RangeMin/RangeMax exist
	RangeOf     *Property
	Values      []string      // allowed values of a (multiple) selection
	Base        *BaseCategory // for Type Category
	Sheet       *Sheet        // the declaring sheet; nil for a type's own category
	Pos         Pos

	// For Type Content: the portal types of the sub-object, and the ids of
	// its properties that get flattened accessors (ERP5's
	// content_acquired_property_id): DefaultAddressCity(ctx).
	PortalTypes       []*PortalType
	ContentProperties []Ref

	// Acquisition, when set, makes the property take its value from other
	// objects when it has none (ERP5's Acquired Property).
	Acquisition *Acquisition

	// Layer is the config layer that defines the property; Overrides is
	// the property of the same id of a lower layer's sheet that it
	// replaces.
	Layer     string
	Overrides *Property
}

// Acquisition says where an acquired property takes its value from, in
// ERP5's order: the local value when Mask is set; sub-objects by ObjectIDs;
// the objects its memberships in BaseCategories point at, of PortalTypes;
// its own AltAccessors; the default. Copy stores an acquired value locally.
type Acquisition struct {
	BaseCategories []Ref
	PortalTypes    []Ref
	Types          []*PortalType // PortalTypes, resolved
	Accessor       string        // the property id read on the other object; default: the property's id
	AccessorPos    Pos
	Mask           bool
	Copy           bool
	AltAccessors   []Ref // property ids of the object itself
	ObjectIDs      []Ref // ids of sub-objects
	Pos            Pos
}

// DefaultText writes the property's default for people, as doc comments,
// explain and docs show it: 0, "EUR", [a b], a date in RFC 3339; "" when
// the property has no default.
func (p *Property) DefaultText() string {
	switch x := p.Default.(type) {
	case nil:
		return ""
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case string, []byte, []string:
		return fmt.Sprintf("%q", x)
	case []time.Time:
		out := make([]string, len(x))
		for i, t := range x {
			out[i] = t.Format(time.RFC3339Nano)
		}
		return fmt.Sprint(out)
	}
	return fmt.Sprint(p.Default)
}

// IsList reports whether the property holds a list of values.
func (p *Property) IsList() bool { return p.Multivalued }

// Role is what an accessor method does.
type Role int

// Accessor roles. A scalar property has Get, Set and Has; a list property
// (multivalued, lines, tokens, multiple selection) has Get (the first
// item), GetList, Set (the default, first item), SetList and Has. A
// category has Get, GetList, Set and SetList over its relative URLs, and
// GetSet (the distinct values), GetID (the last segment), GetTitle,
// GetValue and GetValueList (through a Resolver), SetValue and
// SetValueList (from objects).
const (
	Get Role = iota
	Set
	Has
	GetList
	SetList
	GetSet
	GetID
	GetTitle
	GetValue
	GetValueList
	SetValue
	SetValueList
)

// Accessor is one generated method of a property.
type Accessor struct {
	Name string
	Role Role
}

// Accessors lists the property's generated methods, in a fixed order.
func (p *Property) Accessors() []Accessor {
	n := p.GoName
	switch {
	case p.Type == Content:
		return nil // generated on the portal type: see binding
	case !p.IsList():
		return []Accessor{{n, Get}, {"Set" + n, Set}, {"Has" + n, Has}}
	case p.Type == Category:
		return []Accessor{{n, Get}, {n + "List", GetList}, {"Set" + n, Set}, {"Set" + n + "List", SetList},
			{n + "Set", GetSet}, {n + "ID", GetID}, {n + "Title", GetTitle}, {n + "Value", GetValue},
			{n + "ValueList", GetValueList}, {"Set" + n + "Value", SetValue}, {"Set" + n + "ValueList", SetValueList}}
	}
	return []Accessor{{n, Get}, {n + "List", GetList}, {"Set" + n, Set}, {"Set" + n + "List", SetList}, {"Has" + n, Has}}
}

// RelatedAccessor is the method a portal type gets for each of its
// categories: the objects whose membership points at this one.
func (p *Property) RelatedAccessor() string { return p.GoName + "RelatedValueList" }

// HasTree reports whether the base category has values in the schema: its
// memberships are then paths of the tree, checked and titled statically.
func (b *BaseCategory) HasTree() bool { return len(b.Values) > 0 }

// hasPath reports whether value (a path below the base category, like
// "europe/france") is in the tree.
func (b *BaseCategory) hasPath(value string) bool {
	found := false
	b.Walk(func(_, v *CategoryValue) {
		if v.Path == b.Name+"/"+value {
			found = true
		}
	})
	return found
}

// BaseCategory is a category tree (YAML kind BaseCategory), e.g. region.
type BaseCategory struct {
	Name        string
	GoName      string
	Title       string
	Description string
	Pos         Pos
	Values      []*CategoryValue // top-level values, in declaration order
	// Unsupported lists what an import could not translate.
	Unsupported []Unsupported

	// Layer is the config layer that defines the base category;
	// Overrides, the definition of a lower layer it replaces.
	Layer     string
	Overrides *BaseCategory
	priority  int

	// Holder is the sheet holding the base category's accessors for the
	// portal types that have it in base_categories; nil when no type does.
	Holder *Sheet
}

// CategoryValue is one node of a base category's tree.
type CategoryValue struct {
	ID          string
	Path        string // relative URL including the base category: "region/europe/france"
	Title       string
	Description string
	Pos         Pos
	Values      []*CategoryValue
}

// Walk calls f for every value of the tree, parents before children, in
// declaration order.
func (b *BaseCategory) Walk(f func(parent, v *CategoryValue)) {
	var walk func(parent *CategoryValue, vs []*CategoryValue)
	walk = func(parent *CategoryValue, vs []*CategoryValue) {
		for _, v := range vs {
			f(parent, v)
			walk(v, v.Values)
		}
	}
	walk(nil, b.Values)
}

// PortalType is a portal type (YAML kind PortalType): one generated Go type
// composing its sheets' holders in order.
type PortalType struct {
	Name        string // e.g. "Sale Order"
	GoName      string // e.g. "SaleOrder"
	Description string
	Pos         Pos

	Sheets              []*Sheet        // holders, in order; the first wins
	BaseCategories      []*BaseCategory // type-level base categories, in order
	BaseCategoryPos     []Pos           // the position of each in the schema
	Groups              []string        // sorted
	AllowedContentTypes []*PortalType   // in declaration order

	// TypeClass names the hand-written Go document type, ERP5's type_class:
	// bound in the config's documents package when there is one,
	// information only otherwise.
	TypeClass    string
	TypeClassPos Pos
	// Mixins name Go types of the documents package embedded after the
	// holders and holders.Base.
	Mixins []Ref
	// DynamicCategories name functions of the documents package that
	// return base category ids, evaluated when generating: those base
	// categories get accessors on the type (ERP5's Dynamic Category
	// Property).
	DynamicCategories []Ref
	// Unsupported lists what an import could not translate.
	Unsupported []Unsupported
	// Location is the type's registry entry, or nil; Unregistered says the
	// schema chose none ("registered: false").
	Location     *Location
	Unregistered bool

	// Layer is the config layer that defines the type; Overrides, the
	// definition of a lower layer it replaces.
	Layer     string
	Overrides *PortalType
	priority  int
}

// Ref is a name in the schema with its position.
type Ref struct {
	Name string
	Pos  Pos
}

// timeLayouts are the accepted spellings of a date default.
var timeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"}
