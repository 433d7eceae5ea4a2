package gen

import (
	"github.com/accessorgen/accessorgen/binding"
	"github.com/accessorgen/accessorgen/schema"
	"github.com/dave/jennifer/jen"
)

// callOn renders recv's call of the accessor with role of property id of
// type tt, through the path tt's by-name code uses (so the winning member
// is called, including document overrides).
func callOn(recv string, tt *binding.Type, id string, role schema.Role, args ...jen.Code) *jen.Statement {
	for i, p := range tt.Properties {
		if p.ID == id {
			c := tt.Calls[i][role]
			s := jen.Id(recv)
			for _, f := range c.Path {
				s = s.Dot(f)
			}
			return s.Dot(c.Name).Call(args...)
		}
	}
	panic("gen: no property " + id + " in " + tt.Name) // binding checked it
}

// readRole is the role that reads p's whole value.
func readRole(p *schema.Property) schema.Role {
	if p.IsList() {
		return schema.GetList
	}
	return schema.Get
}

// nonZero renders the test that a value of p's type holds something.
func nonZero(p *schema.Property, v *jen.Statement) *jen.Statement {
	switch {
	case p.IsList() || p.Type == schema.Data:
		return jen.Len(v).Op(">").Lit(0)
	case p.Type == schema.Date:
		return jen.Op("!").Add(v).Dot("IsZero").Call()
	case p.Type.Scalar() == schema.Boolean:
		return v
	case p.Type.Scalar() == schema.Int || p.Type.Scalar() == schema.Float:
		return v.Op("!=").Lit(0)
	}
	return v.Op("!=").Lit("")
}

// hasValue renders whether recv's property p of type tt is set.
func hasValue(recv string, tt *binding.Type, p *schema.Property) *jen.Statement {
	if p.Type == schema.Category {
		return jen.Len(callOn(recv, tt, p.ID, schema.GetList)).Op(">").Lit(0)
	}
	return callOn(recv, tt, p.ID, schema.Has)
}

// contentType is the Go type of a content property's sub-object: the
// portal type when there is one, holders.Object otherwise.
func (tg *typeGen) contentType(p *schema.Property) *jen.Statement {
	if len(p.PortalTypes) == 1 {
		return jen.Op("*").Add(tg.typeRef(p.PortalTypes[0].GoName))
	}
	return rt("Object")
}

// contents emits the accessors of the type's content properties: the
// sub-object (acquired when the property says so) and the flattened
// accessors of its properties.
func (tg *typeGen) contents(f *jen.File) {
	recv := func() *jen.Statement { return f.Func().Params(jen.Id("o").Op("*").Id(tg.t.GoName)) }
	for _, c := range tg.t.Contents {
		p, typ := c.Property, tg.contentType(c.Property)
		name := binding.ValueName(p)
		local := rt("Content").Types(typ.Clone()).Call(jen.Id("ctx"), self(), jen.Lit(p.ID))
		if len(p.PortalTypes) > 1 {
			// An Object: the portal type is checked by name.
			args := []jen.Code{jen.Id("ctx"), self(), jen.Lit(p.ID)}
			for _, pt := range p.PortalTypes {
				args = append(args, jen.Lit(pt.Name))
			}
			local = rt("ContentOfTypes").Call(args...)
		}
		if c.Acquired == nil {
			f.Comment(name + " returns the " + p.ID + " sub-object, or nil, through the context's Resolver.")
			recv().Id(name).Params(ctxParam()).Params(typ.Clone(), jen.Error()).Block(jen.Return(local))
		} else {
			a := c.Acquired
			fields := tg.acquisitionFields(a, typ, func(recv string, tt *binding.Type, q *schema.Property) []jen.Code {
				// v is tested before the conversion: a nil *Leaf would
				// be a non-nil holders.Object.
				return []jen.Code{
					jen.List(jen.Id("v"), jen.Err()).Op(":=").Id(recv).Dot(binding.ValueName(q)).Call(jen.Id("ctx")),
					jen.If(jen.Err().Op("!=").Nil().Op("||").Id("v").Op("==").Nil()).Block(jen.Return(jen.Nil(), jen.False(), jen.Err())),
					jen.List(jen.Id("x"), jen.Id("ok")).Op(":=").Any().Parens(jen.Id("v")).Assert(typ.Clone()),
					jen.Return(jen.Id("x"), jen.Id("ok"), jen.Nil()),
				}
			})
			fields[jen.Id("Local")] = jen.Func().Params().Params(typ.Clone(), jen.Bool(), jen.Error()).Block(
				jen.List(jen.Id("v"), jen.Err()).Op(":=").Add(local),
				jen.Return(jen.Id("v"), jen.Id("v").Op("!=").Nil(), jen.Err()))
			var alts []jen.Code
			for _, q := range a.Alt {
				// Another sub-object, through its accessor (which acquires
				// when its property does); v is tested before the
				// conversion, as in Remote.
				alts = append(alts, jen.Func().Params().Params(typ.Clone(), jen.Bool(), jen.Error()).Block(
					jen.List(jen.Id("v"), jen.Err()).Op(":=").Id("o").Dot(binding.ValueName(q)).Call(jen.Id("ctx")),
					jen.If(jen.Err().Op("!=").Nil().Op("||").Id("v").Op("==").Nil()).Block(jen.Return(jen.Nil(), jen.False(), jen.Err())),
					jen.Return(jen.Id("v"), jen.True(), jen.Nil())))
			}
			if len(alts) > 0 {
				fields[jen.Id("Alt")] = altField(typ, alts)
			}
			f.Comment(name + " returns the " + p.ID + " sub-object, acquired as the schema says when it has none, through the context's Resolver.")
			recv().Id(name).Params(ctxParam()).Params(typ.Clone(), jen.Error()).Block(
				jen.Return(rt("Acquire").Call(jen.Id("ctx"), self(), jen.Op("&").Add(rt("Acquisition")).Types(typ.Clone()).Values(fields))))
		}
		for i, q := range c.Flattened {
			flat := p.GoName + q.GoName
			var cases []jen.Code
			for _, target := range c.Targets {
				cases = append(cases, jen.Case(jen.Op("*").Add(tg.typeRef(target.GoName))).Block(jen.Return(callOn("t", target, q.ID, readRole(q)), jen.Nil())))
			}
			f.Comment(flat + " returns " + q.ID + " of the " + p.ID + " sub-object (" + p.ContentProperties[i].Name + "), or its zero value when there is none.")
			recv().Id(flat).Params(ctxParam()).Params(goType(q), jen.Error()).Block(
				jen.List(jen.Id("v"), jen.Err()).Op(":=").Id("o").Dot(name).Call(jen.Id("ctx")),
				jen.Var().Id("zero").Add(goType(q)),
				jen.If(jen.Err().Op("!=").Nil().Op("||").Id("v").Op("==").Nil()).Block(jen.Return(jen.Id("zero"), jen.Err())),
				jen.Switch(jen.Id("t").Op(":=").Any().Parens(jen.Id("v")).Assert(jen.Type())).Block(cases...),
				jen.Return(jen.Id("zero"), jen.Nil()))
		}
	}
}

// acquired emits the Acquire accessors of the type's acquired properties.
func (tg *typeGen) acquired(f *jen.File) {
	for _, a := range tg.t.Acquired {
		p := a.Property
		typ := goType(p)
		fields := tg.acquisitionFields(a, typ, func(recv string, tt *binding.Type, q *schema.Property) []jen.Code {
			if q.Acquisition != nil {
				// The target acquires it too: ERP5 calls its getter, which does.
				// A value the target holds counts, even a zero one: its
				// Acquire returns it, or one it found, but never nothing.
				return []jen.Code{
					jen.List(jen.Id("v"), jen.Err()).Op(":=").Id(recv).Dot(binding.AcquireName(q)).Call(jen.Id("ctx")),
					jen.Return(jen.Id("v"), jen.Err().Op("==").Nil().Op("&&").Parens(hasValue(recv, tt, q).Op("||").Add(nonZero(q, jen.Id("v")))), jen.Err()),
				}
			}
			// A value counts when set or when the target's schema gives it a
			// default: ERP5 acquires whatever the getter returns but None.
			return []jen.Code{
				jen.Id("v").Op(":=").Add(callOn(recv, tt, q.ID, readRole(q))),
				jen.Return(jen.Id("v"), hasValue(recv, tt, q).Op("||").Add(nonZero(q, jen.Id("v"))), jen.Nil()),
			}
		})
		fields[jen.Id("Local")] = jen.Func().Params().Params(typ.Clone(), jen.Bool(), jen.Error()).Block(
			jen.Return(callOn("o", tg.t, p.ID, readRole(p)), hasValue("o", tg.t, p), jen.Nil()))
		if p.Acquisition.Copy {
			set := callOn("o", tg.t, p.ID, schema.Set, jen.Id("v"))
			if isSelection(p) {
				set = jen.Id("_").Op("=").Add(set) // acquired from a selection whose values are p's (binding checks it): valid
			}
			fields[jen.Id("SetLocal")] = jen.Func().Params(jen.Id("v").Add(typ.Clone())).Block(set)
		}
		var alts []jen.Code
		for _, q := range a.Alt {
			// As for a target, a value counts when set or given by the
			// schema's default: ERP5 calls the alternative getter.
			alts = append(alts, jen.Func().Params().Params(typ.Clone(), jen.Bool(), jen.Error()).Block(
				jen.Id("v").Op(":=").Add(callOn("o", tg.t, q.ID, readRole(q))),
				jen.Return(jen.Id("v"), hasValue("o", tg.t, q).Op("||").Add(nonZero(q, jen.Id("v"))), jen.Nil())))
		}
		if len(alts) > 0 {
			fields[jen.Id("Alt")] = altField(typ, alts)
		}
		if p.Default != nil {
			// A function, so that holders.Acquire returns nothing it read
			// from the Acquisition, which can then stay on the stack.
			fields[jen.Id("Default")] = jen.Func().Params().Add(typ.Clone()).Block(jen.Return(literal(p, p.Default)))
		}
		name := binding.AcquireName(p)
		f.Comment(name + " returns " + p.ID + ", acquired in ERP5's order (local value when masking, sub-objects, related objects, alternative accessors, default), through the context's Resolver.")
		if p.Acquisition.Copy {
			// Callers must know it writes: it races with concurrent reads
			// (docs/generated-code.md, "Concurrency").
			f.Comment("")
			f.Comment("With copy_value, a value acquired from elsewhere is stored as the local " + p.ID + " when it is unset: the call writes the object.")
		}
		f.Func().Params(jen.Id("o").Op("*").Id(tg.t.GoName)).Id(name).Params(ctxParam()).Params(typ.Clone(), jen.Error()).Block(
			jen.Return(rt("Acquire").Call(jen.Id("ctx"), self(), jen.Op("&").Add(rt("Acquisition")).Types(typ.Clone()).Values(fields))))
	}
}

// altField renders the Alt field of a holders.Acquisition[typ].
func altField(typ *jen.Statement, alts []jen.Code) *jen.Statement {
	return jen.Index().Func().Params().Params(typ.Clone(), jen.Bool(), jen.Error()).Values(alts...)
}

// acquisitionFields renders the fields of a holders.Acquisition common to
// properties and content properties; remote renders the read of q on a
// target t of type tt.
func (tg *typeGen) acquisitionFields(a *binding.Acquired, typ *jen.Statement, remote func(recv string, tt *binding.Type, q *schema.Property) []jen.Code) jen.Dict {
	acq := a.Property.Acquisition
	d := jen.Dict{jen.Id("Property"): jen.Lit(a.Property.ID)}
	if acq.Mask {
		d[jen.Id("Mask")] = jen.True()
	}
	if acq.Copy {
		d[jen.Id("Copy")] = jen.True()
	}
	if len(acq.ObjectIDs) > 0 {
		var ids []jen.Code
		for _, id := range acq.ObjectIDs {
			ids = append(ids, jen.Lit(id.Name))
		}
		d[jen.Id("ObjectIDs")] = jen.Index().String().Values(ids...)
	}
	if len(a.Bases) > 0 {
		var members, bases, trees []jen.Code
		for _, b := range a.Bases {
			members = append(members, jen.Func().Params().Index().String().Block(jen.Return(callOn("o", tg.t, b.ID, schema.GetList))))
			bases = append(bases, jen.Lit(b.Base.Name))
			trees = append(trees, jen.Lit(b.Base.HasTree()))
		}
		d[jen.Id("Memberships")] = jen.Index().Func().Params().Index().String().Values(members...)
		d[jen.Id("Bases")] = jen.Index().String().Values(bases...)
		d[jen.Id("Trees")] = jen.Index().Bool().Values(trees...)
	}
	var cases []jen.Code
	for i, target := range a.Targets {
		cases = append(cases, jen.Case(jen.Op("*").Add(tg.typeRef(target.GoName))).Block(remote("t", target, a.Remote[i])...))
	}
	var body []jen.Code
	if len(cases) > 0 {
		// Without a portal type to read (an acquisition by alt_accessor
		// alone), an empty type switch would declare t and not use it.
		body = append(body, jen.Switch(jen.Id("t").Op(":=").Id("obj").Assert(jen.Type())).Block(cases...))
	}
	d[jen.Id("Remote")] = jen.Func().Params(ctxParam(), jen.Id("obj").Add(rt("Object"))).Params(typ.Clone(), jen.Bool(), jen.Error()).Block(
		append(body,
			jen.Var().Id("zero").Add(typ.Clone()),
			jen.Return(jen.Id("zero"), jen.False(), jen.Nil()))...)
	return d
}
