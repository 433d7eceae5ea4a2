package holders

import (
	"fmt"
	"sort"
	"strings"
)

// PropertyInfo describes one member of a property sheet, or a category a
// portal type has itself. Generated code declares one per member, statically.
type PropertyInfo struct {
	ID              string   // by-name id, e.g. "first_name"
	Type            string   // schema type: "string", "lines", "category", ...
	Multivalued     bool     // the value is a list
	ReadOnly        bool     // mode r: refused by SetProperty and Edit
	ReadPermission  string   // checked by Guarded reads
	WritePermission string   // checked by Guarded writes
	Values          []string // allowed values of a selection
	RangeOf         string   // for _range_min/_range_max: the ranged property
	StorageID       string   // ERP5's storage_id, when the schema gives one
	Tree            bool     // a category whose base category has a tree in the schema
	Description     string
	Sheet           string // declaring sheet; "" for a type's own category
	Pos             string // schema file:line of the declaration
	Layer           string // the config layer that declares it; "" without layers
	Replaces        string // the declaration of a lower layer it replaces: "file:line (layer core)"
}

// SheetInfo describes a property sheet and its holder type.
type SheetInfo struct {
	Name        string // sheet name, e.g. "DublinCore"
	Holder      string // Go holder type, e.g. "DublinCoreHolder"
	Description string
	Pos         string
	Properties  []*PropertyInfo
	Layer       string // the config layer that defines it; "" without layers
	Extends     bool   // it adds to a lower layer's definition (Replaces)
	Replaces    string // the definition of a lower layer it replaces or extends: "file:line (layer core)"
}

// ShadowInfo records that a member (or one accessor of it) of a later
// holder is hidden by an earlier one's: ERP5's method resolution order.
type ShadowInfo struct {
	Method string // "" when the whole property id is shadowed
	Winner *PropertyInfo
	Loser  *PropertyInfo
}

// OverrideInfo records a hand-written document method that replaces a
// generated accessor, in the method set and in by-name access.
type OverrideInfo struct {
	Method   string
	Property *PropertyInfo
	Pos      string // the method's position in the documents package
}

// TypeInfo is the static description of a generated portal type, its
// composition order and by-name table.
type TypeInfo struct {
	Name                string // e.g. "Sale Order"
	GoName              string // e.g. "SaleOrder"
	Description         string
	Pos                 string
	Sheets              []*SheetInfo    // holders in order, the first wins: the sheets' holders, then those of the base categories it lists
	Properties          []*PropertyInfo // the by-name table, in index order
	BaseCategories      []string
	Groups              []string
	AllowedContentTypes []string
	Shadowed            []ShadowInfo

	Layer    string // the config layer that defines the type; "" without layers
	Replaces string // the definition of a lower layer it replaces: "file:line (layer core)"

	TypeClass string         // the schema's type_class (ERP5's document class)
	Document  string         // the embedded document type, e.g. "document.Person"; "" when none
	Mixins    []string       // the embedded mixin types, in order
	Overrides []OverrideInfo // accessors that document methods replace

	// Constraints are the type's consistency checks, in the order its
	// sheets declare them: CheckConsistency runs them.
	Constraints []*ConstraintInfo

	// Index returns the by-name index of id in Properties, or -1.
	Index func(id string) int
	// New returns a new, empty object of the type.
	New func() Object
}

// ObjectOf returns o, an object of a generated portal type, as an Object.
// Generated code converts its objects to Object through ObjectOf, at run
// time, rather than with a conversion the compiler sees: each such
// conversion of a type is an itab that the runtime registers when the
// program starts, whether the type is used or not, and registering them
// was about a third of what 1,000 linked types added to a program's
// start-up (docs/performance.md). Converted at run time, a type's itab is made when
// the type is first converted, and found in a cache after that.
//
// It is not inlined, so that the compiler, which knows o's type at the
// call, cannot turn the conversion back into a static one.
//
//go:noinline
func ObjectOf(o any) Object { return o.(Object) }

// Property returns the description of property id.
func (t *TypeInfo) Property(id string) (*PropertyInfo, bool) {
	i := t.Index(id)
	if i < 0 {
		return nil, false
	}
	return t.Properties[i], true
}

// PropertyIDs returns the by-name ids in index order, in a new slice.
func (t *TypeInfo) PropertyIDs() []string {
	ids := make([]string, len(t.Properties))
	for i, p := range t.Properties {
		ids[i] = p.ID
	}
	return ids
}

// MRO returns the composition order, as ERP5's mro(): the type, its
// document, its holders by priority, Base, then the mixins.
func (t *TypeInfo) MRO() []string {
	out := make([]string, 1, 3+len(t.Sheets)+len(t.Mixins))
	out[0] = t.GoName
	if t.Document != "" {
		out = append(out, t.Document)
	}
	for _, s := range t.Sheets {
		out = append(out, s.Holder)
	}
	out = append(out, "holders.Base")
	return append(out, t.Mixins...)
}

// String describes the type for people: composition order, then every
// by-name property with its type and origin, then what is shadowed.
func (t *TypeInfo) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n", t.Name, t.Pos)
	fmt.Fprintf(&b, "  mro: %s\n", strings.Join(t.MRO(), " → "))
	for _, p := range t.Properties {
		origin := origin(p)
		typ := p.Type
		if p.Multivalued && p.Type != "lines" && p.Type != "tokens" && p.Type != "multiple selection" && p.Type != "category" {
			typ += " multivalued"
		}
		if p.ReadOnly {
			typ += ", read-only"
		}
		if p.Layer != "" {
			origin += ", layer " + p.Layer
		}
		fmt.Fprintf(&b, "  %-24s %-26s from %s (%s)\n", p.ID, typ, origin, p.Pos)
		if p.Replaces != "" {
			fmt.Fprintf(&b, "  %-24s %-26s replaces %s\n", "", "", p.Replaces)
		}
	}
	for _, o := range t.Overrides {
		fmt.Fprintf(&b, "  overridden: %s of %s (%s) by %s (%s)\n", o.Method, o.Property.ID, origin(o.Property), t.Document, o.Pos)
	}
	for _, s := range t.Shadowed {
		what := "property " + s.Winner.ID
		if s.Method != "" {
			what = "method " + s.Method
		}
		fmt.Fprintf(&b, "  shadowed: %s of sheet %s hides the one of sheet %s\n", what, s.Winner.Sheet, s.Loser.Sheet)
	}
	for _, c := range t.Constraints {
		fmt.Fprintf(&b, "  constraint: %s (%s) from sheet %s (%s)\n", c.ID, c.Kind, c.Sheet, c.Pos)
	}
	if len(t.BaseCategories) > 0 {
		fmt.Fprintf(&b, "  base categories: %s\n", strings.Join(t.BaseCategories, ", "))
	}
	if len(t.Groups) > 0 {
		fmt.Fprintf(&b, "  groups: %s\n", strings.Join(t.Groups, ", "))
	}
	if len(t.AllowedContentTypes) > 0 {
		fmt.Fprintf(&b, "  allowed content: %s\n", strings.Join(t.AllowedContentTypes, ", "))
	}
	return b.String()
}

// origin names where a member comes from, for people.
func origin(p *PropertyInfo) string {
	if p.Sheet == "" {
		return "type"
	}
	return "sheet " + p.Sheet
}

// CategoryInfo describes one node of a base category tree.
type CategoryInfo struct {
	Path        string // relative URL, e.g. "region/europe/france"
	ID          string // last segment, e.g. "france"
	Title       string // the schema's title, or the id when it has none
	Description string
	Parent      string   // parent path; "" for a base category
	Children    []string // paths of the values directly below, in schema order
}

// FindType finds name in table, which must be sorted by Name. Generated
// New and LookupType use it: a binary search over a static array, which
// costs nothing at start-up and compiles fast even for thousands of types.
func FindType(table []*TypeInfo, name string) (*TypeInfo, bool) {
	i := sort.Search(len(table), func(i int) bool { return table[i].Name >= name })
	if i < len(table) && table[i].Name == name {
		return table[i], true
	}
	return nil, false
}

// FindCategory finds path in table, which must be sorted by Path.
func FindCategory(table []CategoryInfo, path string) (CategoryInfo, bool) {
	i := sort.Search(len(table), func(i int) bool { return table[i].Path >= path })
	if i < len(table) && table[i].Path == path {
		return table[i], true
	}
	return CategoryInfo{}, false
}

// TypesInGroup returns the type names paired with group in table, which
// holds {group, type} pairs sorted by group then type.
func TypesInGroup(table [][2]string, group string) []string {
	i := sort.Search(len(table), func(i int) bool { return table[i][0] >= group })
	n := sort.Search(len(table)-i, func(n int) bool { return table[i+n][0] > group })
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for k := range out {
		out[k] = table[i+k][1]
	}
	return out
}

// UnknownType returns the error of New for a portal type name that the
// generated package does not have.
func UnknownType(name string) error {
	return fmt.Errorf("%w: %s", ErrUnknownType, quote(name))
}
