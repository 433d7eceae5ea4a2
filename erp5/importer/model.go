// Package importer reads ERP5 business templates (Zope ppml XML exports) and
// translates their property sheets, portal types and base categories into
// accessorgen's YAML schema: one file per sheet, per portal type and per base
// category, deterministic and readable.
//
// What has no accessorgen equivalent (TALES expressions other than Python
// literals, script constraints, unknown constraint kinds, object-typed
// properties, names the loader refuses...) is never dropped silently nor
// guessed: each item is listed in the Report and kept, with its raw fields,
// in the document's unsupported: list. docs/erp5.md is the manual.
package importer

import "fmt"

// Unsupported is an ERP5 item, or some fields of one, that the import could
// not translate. It is written under the document's unsupported: key.
type Unsupported struct {
	Item   string            // the ERP5 id of the item
	Kind   string            // its ERP5 portal_type ("TALES Constraint")
	Reason string            // why it was not translated
	Source string            // the file it comes from, relative to the import root
	Fields map[string]string // the raw fields that were not translated

	whole bool // the item itself was not imported, not only some fields
}

// Property is a translated Standard, Acquired or Category property.
type Property struct {
	ID                string
	Type              string
	Description       string
	Default           any // nil: none; string, int64, float64, bool or []string
	Multivalued       bool
	Range             bool
	Mode              string
	StorageID         string
	ReadPermission    string
	WritePermission   string
	Values            []string
	PortalType        []string
	ContentProperties []string
	Acquisition       *Acquisition

	kind     string
	source   string
	raw      map[string]string
	stripped bool // the loader refused its acquisition or flattened properties
}

// Acquisition is an Acquired Property's acquisition.
type Acquisition struct {
	BaseCategory []string
	PortalType   []string
	Accessor     string
	MaskValue    bool
	CopyValue    bool
	AltAccessor  []string
	ObjectID     []string

	// getter is the id ERP5's acquisition_accessor_id reads by its name
	// alone ("getDefaultAddressValue": default_address), before
	// resolveAccessors maps it to a property the schema has.
	getter string
}

// String renders the acquisition for an unsupported entry.
func (a *Acquisition) String() string {
	return fmt.Sprintf("base_category=%v portal_type=%v accessor=%q mask_value=%v copy_value=%v alt_accessor=%v object_id=%v",
		a.BaseCategory, a.PortalType, a.Accessor, a.MaskValue, a.CopyValue, a.AltAccessor, a.ObjectID)
}

// Constraint is a translated constraint, in the format of docs/schema.md.
type Constraint struct {
	Kind           string
	ID             string
	Description    string
	Messages       map[string]string
	CondPortalType []string
	CondMembership []string
	Properties     []string
	Property       string
	Regex          string
	Value          any   // nil: none; string, int64, float64, bool or []string
	Values         []any // strings, int64s, float64s or bools
	BaseCategory   []string
	PortalType     []string
	UseAcquisition bool
	Min, Max       *int64

	kind   string
	source string
	raw    map[string]string
}

// Ref is a reference to a named item, with the file that makes it.
type Ref struct {
	Name   string
	Kind   string // ERP5 kind of the assignment, for reports
	Source string

	label string // the item in reports, when not Name: "Type: Name" for a list file's entry
}

// item is the reference's item in reports.
func (r *Ref) item() string {
	if r.label != "" {
		return r.label
	}
	return r.Name
}

// Sheet is a property sheet.
type Sheet struct {
	Name        string
	Description string
	Source      string
	Properties  []*Property
	Categories  []*Ref
	Constraints []*Constraint
	Unsupported []Unsupported
}

// PortalType is a portal type with its type-level assignments.
type PortalType struct {
	Name           string
	Description    string
	TypeClass      string
	Source         string
	Sheets         []*Ref
	BaseCategories []*Ref
	Groups         []string
	Allowed        []*Ref
	Unsupported    []Unsupported
}

// BaseCategory is a base category with its tree.
type BaseCategory struct {
	Name        string
	Title       string
	Description string
	Source      string
	Values      []*CategoryValue
	Unsupported []Unsupported
}

// CategoryValue is a node of a category tree.
type CategoryValue struct {
	ID          string
	Title       string
	Description string
	Values      []*CategoryValue
}
