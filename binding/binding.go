// Package binding decides how each portal type is composed in Go: which
// fields it embeds and in what order (ERP5's: the document type, the
// holders, holders.Base, the mixins), which member wins each method name,
// and how by-name access reaches each accessor. With a documents package it
// reads the user's hand-written Go types through one go/packages load and
// checks them against the schema before anything is generated.
//
// It sits between schema (what the YAML says) and gen (what Go to write):
// composition needs both the schema and the Go types, so neither of those
// packages owns it.
package binding

import (
	"fmt"
	"go/types"

	"github.com/accessorgen/accessorgen/schema"
)

// Binding is the composition of every portal type of a model.
type Binding struct {
	Types     []*Type  // in the model's order
	Registry  []*Entry // the model's locations, by path
	Documents *Package // nil when the config names no documents package
}

// FieldKind says what an embedded field of a portal type is.
type FieldKind int

// The kinds of embedded fields, in ERP5's order.
const (
	DocumentField FieldKind = iota
	HolderField
	BaseField
	MixinField
)

// Field is one embedded field of a generated portal type.
type Field struct {
	Kind   FieldKind
	Name   string        // the field's name: the embedded type's name
	Sheet  *schema.Sheet // for HolderField
	GoType *GoType       // for DocumentField and MixinField
}

// Target is where generated code finds a method: o.Path[0].Path[1]...Name.
// An empty Path calls the method on the portal type itself, where Go's
// method set (with the generated forwards) picks the winner.
type Target struct {
	Path []string
	Name string
}

// Forward is a method generated on a type to make the intended member win a
// name that several embedded fields provide: Go would otherwise leave the
// selector ambiguous, or pick the shallower field over ERP5's order.
type Forward struct {
	Name     string
	Property *schema.Property // the accessor's property: it fixes the signature
	Role     schema.Role
	Target   Target
	// Method is, for a name that only the document and mixins have (no
	// accessor: Property is nil), the winner's signature.
	Method *types.Signature
}

// Shadow says that Loser's member of the same id, or its accessor Method,
// is hidden by Winner's.
type Shadow struct {
	Method string // empty when the whole property id is shadowed
	Winner *schema.Property
	Loser  *schema.Property
}

// String describes a shadow for people.
func (s Shadow) String() string {
	where := func(p *schema.Property) string {
		if p.Sheet == nil {
			return "the type itself"
		}
		return "sheet " + p.Sheet.Name
	}
	if s.Method == "" {
		return fmt.Sprintf("%s %s from %s shadows the one from %s", schema.MemberWord(s.Winner), s.Winner.ID, where(s.Winner), where(s.Loser))
	}
	return fmt.Sprintf("method %s of %s %s (%s) shadows the one of %s %s (%s)", s.Method, schema.MemberWord(s.Winner), s.Winner.ID, where(s.Winner), schema.MemberWord(s.Loser), s.Loser.ID, where(s.Loser))
}

// Override records a document method that replaces a generated accessor.
type Override struct {
	Method   string
	Property *schema.Property
	Pos      string // the method's Go position, relative to the config
}

// Type is the composition of one portal type.
type Type struct {
	*schema.PortalType

	Document *GoType   // the bound type_class, or nil
	Mixins   []*GoType // in order

	// Sheets are the holders by priority: the type's property_sheets,
	// then the sheets only the document embeds (ERP5's class-level sheets).
	Sheets []*schema.Sheet
	// Fields are the embedded fields, in declaration order.
	Fields []Field
	// Own holds the categories of the type's base_categories that none of
	// its sheets declares: those of base_categories come from their base
	// category's holder (Sheet set, a HolderField), the dynamic ones are
	// generated on the type itself (Sheet nil: OnType).
	Own []*schema.Property
	// Properties is the by-name table: for every id, the member that wins
	// (the first sheet that declares it, then Own). A property's index
	// here is its by-name index.
	Properties []*schema.Property
	// Calls says, for each entry of Properties, where by-name code finds
	// each accessor: on the type when that accessor wins (or a document
	// method overrides it), else through the property's own holder.
	Calls []map[schema.Role]Target
	// Forwards resolve names that several embedded fields provide.
	Forwards []Forward
	// Shadowed records every member another hides.
	Shadowed []Shadow
	// Overrides records the accessors document methods replace.
	Overrides []Override
	// Related are the categories of the type (from its holders or its
	// own) that get a related accessor on the type: the objects whose
	// membership points at this one.
	Related []*schema.Property
	// Contents are the type's content properties (sub-objects), the first
	// sheet's winning for each id, with what their accessors need.
	Contents []*Content
	// Acquired are the by-name properties with an acquisition, with the
	// targets chosen when generating.
	Acquired []*Acquired
	// Constraints are the constraints of the type's sheets, by priority,
	// that apply to it.
	Constraints []*Constraint

	dynamic    []*schema.BaseCategory          // base categories of dynamic_categories
	dynamicPos []schema.Pos                    // where the function that gave each is named
	ownPos     map[*schema.Property]schema.Pos // where the schema gives each own category to the type
}

// Content is a content property of a type: its sub-object's types and
// its flattened accessors.
type Content struct {
	Property  *schema.Property
	Targets   []*Type
	Flattened []*schema.Property // the properties read on the sub-object (from the first target)
	Acquired  *Acquired          // when the content property is acquired
}

// Acquired is an acquired property of a type, resolved: where each part of
// ERP5's order reads its value.
type Acquired struct {
	Property *schema.Property
	// Bases are the type's category members acquired through.
	Bases []*schema.Property
	// Targets are the portal types acquired from; Remote[i] is the member
	// of Targets[i] that is read (a property, or a content property).
	Targets []*Type
	Remote  []*schema.Property
	// Alt are the type's own properties read as alternative accessors.
	Alt []*schema.Property
}

// ValueName is the accessor of a content property's sub-object.
func ValueName(p *schema.Property) string { return p.GoName + "Value" }

// AcquireName is the accessor that computes an acquired property.
func AcquireName(p *schema.Property) string { return "Acquire" + p.GoName }

// HolderPath is the field path from the portal type to sheet s's holder:
// through the document, and the structs it embeds the holder through,
// when the document embeds it.
func (t *Type) HolderPath(s *schema.Sheet) []string {
	if t.Document != nil {
		if path, ok := t.Document.holderPaths[s]; ok {
			return append([]string{t.Document.Name}, path...)
		}
	}
	return []string{schema.HolderField(s)}
}

// Dynamic returns the base categories the type's dynamic_categories
// functions gave when generating.
func (t *Type) Dynamic() []*schema.BaseCategory { return t.dynamic }

// OnType returns the own categories whose accessors are generated on the
// type itself: the dynamic ones.
func (t *Type) OnType() []*schema.Property {
	var out []*schema.Property
	for _, p := range t.Own {
		if p.Sheet == nil {
			out = append(out, p)
		}
	}
	return out
}
