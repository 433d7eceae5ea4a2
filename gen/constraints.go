package gen

import (
	"github.com/accessorgen/accessorgen/binding"
	"github.com/accessorgen/accessorgen/holders"
	"github.com/accessorgen/accessorgen/schema"
	"github.com/dave/jennifer/jen"
)

// constraints emits CheckConsistency and FixConsistency, and the type's
// static constraint table: each entry's parameters were checked against
// the type when binding, so the runtime only reads them.
func (tg *typeGen) constraints(f *jen.File) {
	name := tg.t.GoName
	filters := jen.Id("filters").Op("...").Add(rt("ConstraintFilter"))
	f.Comment("CheckConsistency runs the constraints of " + tg.t.Name + " that filters accept and returns what they")
	f.Comment("report; constraints that reach other objects use the context's Resolver.")
	f.Func().Params(jen.Id("o").Op("*").Id(name)).Id("CheckConsistency").Params(ctxParam(), filters.Clone()).Index().Add(rt("Message")).Block(
		jen.Return(rt("CheckConsistency").Call(jen.Id("ctx"), self(), jen.False(), jen.Id("filters").Op("..."))))
	f.Comment("FixConsistency runs the same constraints, repairing what they can (the messages say Fixed),")
	f.Comment("and returns what they report.")
	f.Func().Params(jen.Id("o").Op("*").Id(name)).Id("FixConsistency").Params(ctxParam(), filters.Clone()).Index().Add(rt("Message")).Block(
		jen.Return(rt("CheckConsistency").Call(jen.Id("ctx"), self(), jen.True(), jen.Id("filters").Op("..."))))
	if len(tg.t.Constraints) == 0 {
		return
	}
	entries := make([]jen.Code, len(tg.t.Constraints))
	for i, k := range tg.t.Constraints {
		entries[i] = jen.Values(tg.constraintInfo(k))
	}
	f.Comment(tg.constraintsVar() + " are the constraints of " + name + ", in the order of its sheets.")
	f.Var().Id(tg.constraintsVar()).Op("=").Index().Op("*").Add(rt("ConstraintInfo")).Values(entries...)
}

func (tg *typeGen) constraintsVar() string { return unexported(tg.t.GoName) + "Constraints" }

// constraintInfo renders the fields of one holders.ConstraintInfo.
func (tg *typeGen) constraintInfo(k *binding.Constraint) jen.Dict {
	strs := func(list []string) jen.Code {
		items := make([]jen.Code, len(list))
		for i, s := range list {
			items[i] = jen.Lit(s)
		}
		return jen.Index().String().Values(items...)
	}
	refs := func(list []schema.Ref) []string {
		out := make([]string, len(list))
		for i, r := range list {
			out[i] = r.Name
		}
		return out
	}
	d := jen.Dict{
		jen.Id("ID"):    jen.Lit(k.ID),
		jen.Id("Kind"):  rt(string(k.Kind)),
		jen.Id("Sheet"): jen.Lit(k.Sheet.Name),
		jen.Id("Pos"):   jen.Lit(k.Pos.Short()),
	}
	if k.Description != "" {
		d[jen.Id("Description")] = jen.Lit(k.Description)
	}
	if len(k.Properties) > 0 {
		ids := make([]string, len(k.Properties))
		for i, p := range k.Properties {
			ids[i] = p.ID
		}
		d[jen.Id("Properties")] = strs(ids)
	}
	if len(k.BaseCategories) > 0 {
		d[jen.Id("BaseCategories")] = strs(refs(k.BaseCategories))
	}
	if len(k.PortalTypes) > 0 {
		d[jen.Id("PortalTypes")] = strs(refs(k.PortalTypes))
	}
	if k.Regex != "" {
		d[jen.Id("Regex")] = jen.Lit(k.Regex)
	}
	if k.Value != nil {
		d[jen.Id("Value")] = literal(k.Properties[0], k.Value)
	}
	if len(k.Values) > 0 {
		vals := make([]jen.Code, len(k.Values))
		for i, v := range k.Values {
			vals[i] = literal(k.Properties[0], v)
		}
		d[jen.Id("Values")] = jen.Index().Any().Values(vals...)
	}
	if k.Kind == holders.CategoryMembershipArity || k.Kind == holders.CategoryRelatedMembershipArity {
		if k.Min != 0 {
			d[jen.Id("Min")] = jen.Lit(k.Min)
		}
		d[jen.Id("Max")] = jen.Lit(k.Max) // -1: no maximum
	}
	if k.UseAcquisition {
		d[jen.Id("UseAcquisition")] = jen.True()
	}
	if len(k.Messages) > 0 {
		msgs := make([]jen.Code, len(k.Messages))
		for i, m := range k.Messages {
			md := jen.Dict{jen.Id("Text"): jen.Lit(m.Text)}
			if m.ID != "" {
				md[jen.Id("ID")] = jen.Lit(m.ID)
			}
			msgs[i] = jen.Values(md)
		}
		d[jen.Id("Messages")] = jen.Index().Add(rt("MessageText")).Values(msgs...)
	}
	// The condition's portal types were decided when binding; what is
	// left is checked at run time.
	cd := jen.Dict{}
	if sc := k.Constraint.Condition; sc != nil && len(sc.Membership) > 0 {
		cd[jen.Id("Membership")] = strs(refs(sc.Membership))
	}
	if k.Condition != nil {
		cd[jen.Id("Func")] = tg.documentQual(k.Condition.Name)
		cd[jen.Id("FuncName")] = jen.Lit(k.Condition.Name)
	}
	if len(cd) > 0 {
		d[jen.Id("Condition")] = jen.Op("&").Add(rt("Condition")).Values(cd)
	}
	if k.Func != nil {
		d[jen.Id("Func")] = tg.documentQual(k.Func.Name)
		d[jen.Id("FuncName")] = jen.Lit(k.Func.Name)
	}
	if k.Method != nil {
		// The method is the document's: reached through its field, so that
		// no accessor of the same name can intercept it.
		d[jen.Id("Script")] = jen.Func().Params(ctxParam(), jen.Id("o").Add(rt("Object")), jen.Id("fix").Bool()).Index().Add(rt("Message")).Block(
			jen.Return(jen.Id("o").Assert(jen.Op("*").Id(tg.t.GoName)).Dot(tg.t.Document.Name).Dot(k.Method.Name[len(tg.t.Document.Name)+1:]).Call(jen.Id("ctx"), jen.Id("o"), jen.Id("fix"))))
		d[jen.Id("ScriptName")] = jen.Lit(k.Method.Name)
	}
	return d
}
