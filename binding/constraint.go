package binding

import (
	"fmt"
	"strings"

	"github.com/accessorgen/accessorgen/holders"
	"github.com/accessorgen/accessorgen/schema"
)

// The signatures of the documents package's functions constraints call.
const (
	// PredicateSignature is an Expression's function, or a condition's.
	PredicateSignature = "func(context.Context, holders.Object) (bool, error)"
	// ScriptSignature is a Script constraint's document method: it gets
	// the whole object (the document is only a part of it) and whether to
	// fix what it finds.
	ScriptSignature = "func(context.Context, holders.Object, bool) []holders.Message"
)

// Constraint is a sheet's constraint as one portal type has it: its
// members found in the type's by-name table, its values typed, its
// functions bound. Whatever could not hold for the type was an error.
type Constraint struct {
	*schema.Constraint
	Properties []*schema.Property // the checked properties, in the type's table
	Value      any                // AttributeEquality's value, of the property's Go type
	Values     []any              // AttributeBlacklisted's values
	Func       *Func              // Expression
	Condition  *Func              // the condition's func
	Method     *Func              // Script: the document's method
}

// constrain binds the constraints of the type's sheets, in order, leaving
// out those whose condition excludes the type.
func (t *Type) constrain(pkg *Package) schema.ErrorList {
	var errs schema.ErrorList
	add := func(pos schema.Pos, format string, args ...any) {
		errs = append(errs, &schema.Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
	}
	lookup := func(ref schema.Ref, what, sig string) *Func {
		if pkg.unloaded() {
			return nil
		}
		if pkg == nil {
			add(ref.Pos, "%s %s needs a documents package: add documents: to the config", what, ref.Name)
			return nil
		}
		f, err := pkg.LookupFunc(ref, sig)
		if err != nil {
			errs = append(errs, err.(schema.ErrorList)...)
		}
		return f
	}
	for _, s := range t.Sheets {
		for _, sc := range s.Constraints {
			if !sc.Condition.AppliesTo(t.PortalType) {
				continue
			}
			k := &Constraint{Constraint: sc}
			where := fmt.Sprintf("constraint %s of sheet %s", sc.ID, s.Name)
			ok := true
			for _, ref := range sc.Properties {
				p := t.property(ref.Name)
				switch {
				case p == nil && t.content(ref.Name) != nil:
					add(ref.Pos, "%s checks %s, a content property of portal type %s: check sub-objects with ContentExistence", where, ref.Name, t.Name)
				case p == nil:
					add(ref.Pos, "%s checks property %s, which portal type %s does not have%s", where, ref.Name, t.Name, schema.Suggest(ref.Name, t.propertyIDs()))
				case sc.Kind == holders.StringAttributeMatch && (p.Type.Scalar() != schema.String):
					add(ref.Pos, "%s matches %s against a regex, but %s holds %s, not strings", where, ref.Name, ref.Name, goTypeName(p))
				case sc.Kind == holders.AttributeBlacklisted && p.Type == schema.Data:
					add(ref.Pos, "%s blacklists values of %s, a data property: compare bytes in an Expression instead", where, ref.Name)
				default:
					k.Properties = append(k.Properties, p)
					continue
				}
				ok = false
			}
			if sc.Kind == holders.PropertyTypeValidity && len(sc.Properties) == 0 {
				k.Properties = t.Properties // all of them
			}
			if ok && len(k.Properties) > 0 && sc.Kind == holders.AttributeEquality && sc.HasValue() {
				v, err := sc.Value(k.Properties[0])
				if err != nil {
					errs = append(errs, err.(schema.ErrorList)...)
				}
				k.Value = v
			}
			if ok && len(k.Properties) > 0 && sc.Kind == holders.AttributeBlacklisted {
				vs, err := sc.Values(k.Properties[0])
				if err != nil {
					errs = append(errs, err.(schema.ErrorList)...)
				}
				k.Values = vs
			}
			for i, ref := range sc.BaseCategories {
				if p := t.property(ref.Name); sc.Bases[i] != nil && (p == nil || p.Type != schema.Category) {
					add(ref.Pos, "%s checks base category %s, which portal type %s does not have", where, ref.Name, t.Name)
				}
			}
			if c := sc.Condition; c != nil {
				for i, ref := range c.Membership {
					base, _, _ := strings.Cut(ref.Name, "/")
					if p := t.property(base); c.Bases[i] != nil && (p == nil || p.Type != schema.Category) {
						add(ref.Pos, "the condition of %s tests membership in %s, a base category portal type %s does not have", where, base, t.Name)
					}
				}
				if c.Func.Name != "" {
					k.Condition = lookup(c.Func, "condition func", PredicateSignature)
				}
			}
			switch sc.Kind {
			case holders.Expression:
				if sc.Func.Name != "" {
					k.Func = lookup(sc.Func, "func", PredicateSignature)
				}
			case holders.Script:
				if sc.Method.Name == "" {
					break
				}
				if t.Document == nil {
					if pkg.unloaded() && t.TypeClass != "" {
						break // bound once the schema's errors are fixed
					}
					add(sc.Method.Pos, "%s calls method %s of the document, but portal type %s has no bound type_class", where, sc.Method.Name, t.Name)
					break
				}
				k.Method = lookup(schema.Ref{Name: t.Document.Name + "." + sc.Method.Name, Pos: sc.Method.Pos}, "method", ScriptSignature)
			}
			t.Constraints = append(t.Constraints, k)
		}
	}
	return errs
}

// propertyIDs lists the by-name ids, for suggestions.
func (t *Type) propertyIDs() []string {
	out := make([]string, len(t.Properties))
	for i, p := range t.Properties {
		out[i] = p.ID
	}
	return out
}
