package gen

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"github.com/accessorgen/accessorgen/binding"
	"github.com/accessorgen/accessorgen/schema"
	"github.com/dave/jennifer/jen"
)

// typeGen renders one portal type's file.
type typeGen struct {
	*generator
	t                *binding.Type
	index, info, own string // names of the type's package-level helpers
	ownIndex         map[*schema.Property]int
}

// holderQual qualifies a name of the generated holders package.
func (g *generator) holderQual(name string) *jen.Statement {
	return jen.Qual(g.opts.Holders.Path, name)
}

// infoExpr is the PropertyInfo of p (a holder's member or an own one).
func (tg *typeGen) infoExpr(p *schema.Property) *jen.Statement {
	if p.Sheet == nil {
		return jen.Id(tg.own).Index(jen.Lit(tg.ownIndex[p]))
	}
	return tg.holderQual(sheetProperties(p.Sheet)).Index(jen.Lit(tg.sheetIndex[p]))
}

// target renders a call of t: o.Path[0]...Name(args).
func target(t binding.Target, args ...jen.Code) *jen.Statement {
	recv := jen.Id("o")
	for _, f := range t.Path {
		recv = recv.Dot(f)
	}
	return recv.Dot(t.Name).Call(args...)
}

// call is the by-name code's call of accessor role of property i.
func (tg *typeGen) call(i int, role schema.Role, args ...jen.Code) *jen.Statement {
	return target(tg.t.Calls[i][role], args...)
}

// documentQual qualifies a type of the documents package.
func (g *generator) documentQual(name string) *jen.Statement {
	return jen.Qual(g.opts.Documents.Path, name)
}

func (g *generator) typeFile(t *binding.Type) *jen.File {
	low := unexported(t.GoName)
	tg := &typeGen{generator: g, t: t, index: low + "Index", info: g.infoName(t.GoName), own: low + "Own", ownIndex: map[*schema.Property]int{}}
	for i, p := range t.OnType() {
		tg.ownIndex[p] = i
	}
	f := g.newFile(g.typePackage(t.GoName))
	name := t.GoName
	var fields []jen.Code
	var order []string
	for _, fl := range t.Fields {
		switch fl.Kind {
		case binding.DocumentField, binding.MixinField:
			fields = append(fields, g.documentQual(fl.Name))
			order = append(order, g.opts.Documents.Name+"."+fl.Name)
		case binding.HolderField:
			fields = append(fields, g.holderQual(fl.Name))
			order = append(order, fl.Name)
		case binding.BaseField:
			fields = append(fields, rt("Base"))
			order = append(order, "holders.Base")
		}
	}
	fields = append(fields, storage(t.OnType())...)
	f.Add(doc(name+" is the portal type "+t.Name+" ("+t.Pos.Short()+").", t.Description,
		"Embedded, in ERP5's order: "+strings.Join(order, ", ")+". Use New(\""+t.Name+"\") or new("+name+")."))
	f.Type().Id(name).Struct(fields...)

	f.Var().Id("_").Add(rt("Object")).Op("=").Parens(jen.Op("*").Id(name)).Parens(jen.Nil())
	accessors(f, name, "o", "portal type "+t.Name, t.OnType(), tg.infoExpr, func() jen.Code { return g.holderQual("Categories").Call() })
	tg.related(f)
	tg.contents(f)
	tg.acquired(f)
	tg.forwards(f)
	tg.object(f)
	tg.constraints(f)
	tg.byName(f)
	tg.tables(f)
	return f
}

// forwards emits the methods that make the intended member win a name
// that several embedded fields provide, in ERP5's order.
func (tg *typeGen) forwards(f *jen.File) {
	for _, fw := range tg.t.Forwards {
		var params, results, args []jen.Code
		if fw.Method != nil {
			params, results, args = methodSignature(f, fw.Method)
		} else {
			params, results = signature(fw.Property, fw.Role)
			args = arguments(fw.Role)
		}
		call := target(fw.Target, args...)
		body := call
		if len(results) > 0 {
			body = jen.Return(call)
		}
		// o.Person.Title, not Person.Title: the field, which may share its
		// name with the portal type and the document type.
		f.Comment(fw.Name + " calls o." + strings.Join(append(slices.Clone(fw.Target.Path), fw.Name), ".") + ", which comes first in the composition of portal type " + tg.t.Name + ".")
		f.Func().Params(jen.Id("o").Op("*").Id(tg.t.GoName)).Id(fw.Name).Params(params...).Params(results...).Block(body)
	}
}

// methodSignature renders a document or mixin method's signature for a
// forward: its parameters (a0, a1, ...), results and the call's arguments.
func methodSignature(f *jen.File, sig *types.Signature) (params, results, args []jen.Code) {
	for i := 0; i < sig.Params().Len(); i++ {
		name := fmt.Sprintf("a%d", i)
		t := goTypeOf(f, sig.Params().At(i).Type())
		arg := jen.Id(name)
		if sig.Variadic() && i == sig.Params().Len()-1 {
			t = jen.Op("...").Add(goTypeOf(f, sig.Params().At(i).Type().(*types.Slice).Elem()))
			arg = arg.Op("...")
		}
		params = append(params, jen.Id(name).Add(t))
		args = append(args, arg)
	}
	for i := 0; i < sig.Results().Len(); i++ {
		results = append(results, goTypeOf(f, sig.Results().At(i).Type()))
	}
	return params, results, args
}

// goTypeOf renders a Go type that binding checked the generated package
// can name, importing its packages under their own names.
func goTypeOf(f *jen.File, t types.Type) *jen.Statement {
	switch t := types.Unalias(t).(type) {
	case *types.Basic:
		if t.Kind() == types.UnsafePointer {
			return jen.Qual("unsafe", "Pointer")
		}
		return jen.Id(t.Name())
	case *types.Named:
		obj := t.Obj()
		s := jen.Id(obj.Name())
		if obj.Pkg() != nil {
			f.ImportName(obj.Pkg().Path(), obj.Pkg().Name())
			s = jen.Qual(obj.Pkg().Path(), obj.Name())
		}
		if t.TypeArgs().Len() > 0 {
			var args []jen.Code
			for i := 0; i < t.TypeArgs().Len(); i++ {
				args = append(args, goTypeOf(f, t.TypeArgs().At(i)))
			}
			s = s.Types(args...)
		}
		return s
	case *types.Pointer:
		return jen.Op("*").Add(goTypeOf(f, t.Elem()))
	case *types.Slice:
		return jen.Index().Add(goTypeOf(f, t.Elem()))
	case *types.Array:
		return jen.Index(jen.Lit(int(t.Len()))).Add(goTypeOf(f, t.Elem()))
	case *types.Map:
		return jen.Map(goTypeOf(f, t.Key())).Add(goTypeOf(f, t.Elem()))
	case *types.Chan:
		switch t.Dir() {
		case types.SendOnly:
			return jen.Chan().Op("<-").Add(goTypeOf(f, t.Elem()))
		case types.RecvOnly:
			return jen.Op("<-").Chan().Add(goTypeOf(f, t.Elem()))
		}
		return jen.Chan().Add(goTypeOf(f, t.Elem()))
	case *types.Signature:
		var params, results []jen.Code
		for i := 0; i < t.Params().Len(); i++ {
			p := goTypeOf(f, t.Params().At(i).Type())
			if t.Variadic() && i == t.Params().Len()-1 {
				p = jen.Op("...").Add(goTypeOf(f, t.Params().At(i).Type().(*types.Slice).Elem()))
			}
			params = append(params, p)
		}
		for i := 0; i < t.Results().Len(); i++ {
			results = append(results, goTypeOf(f, t.Results().At(i).Type()))
		}
		return jen.Func().Params(params...).Params(results...)
	case *types.Struct:
		return jen.Struct()
	}
	return jen.Any()
}

// related emits, for each category of the type, the accessor of the
// objects whose membership points at this one.
func (tg *typeGen) related(f *jen.File) {
	for _, p := range tg.t.Related {
		name := p.RelatedAccessor()
		f.Comment(name + " returns the objects whose " + p.ID + " points at this one, through the context's Resolver.")
		f.Func().Params(jen.Id("o").Op("*").Id(tg.t.GoName)).Id(name).Params(ctxParam()).Params(jen.Index().Add(rt("Object")), jen.Error()).Block(
			jen.Return(rt("RelatedValues").Call(jen.Id("ctx"), self(), jen.Lit(p.Base.Name), jen.Lit(p.Base.HasTree()))))
	}
}

// self is the receiver o as a holders.Object, converted at run time: a
// static conversion would cost every linked type an itab registered at
// start-up (holders.ObjectOf).
func self() *jen.Statement { return rt("ObjectOf").Call(jen.Id("o")) }

// object emits the holders.Object methods that are the same for every type.
func (tg *typeGen) object(f *jen.File) {
	name, info := tg.t.GoName, jen.Op("&").Id(tg.info)
	recv := func() *jen.Statement { return f.Func().Params(jen.Id("o").Op("*").Id(name)) }
	f.Comment("PortalType returns \"" + tg.t.Name + "\".")
	f.Func().Params(jen.Op("*").Id(name)).Id("PortalType").Params().String().Block(jen.Return(jen.Lit(tg.t.Name)))
	f.Comment("TypeInfo returns the static description of " + name + ".")
	f.Func().Params(jen.Op("*").Id(name)).Id("TypeInfo").Params().Op("*").Add(rt("TypeInfo")).Block(jen.Return(info.Clone()))
	f.Comment("GetProperty returns property id's value as its typed getter does.")
	recv().Id("GetProperty").Params(jen.Id("id").String()).Params(jen.Any(), jen.Error()).Block(
		// holders.GetProperty's body, without converting o to an Object
		// (see holders.ObjectOf): an unknown id gives the zero Value, whose
		// Any is nil.
		jen.List(jen.Id("v"), jen.Err()).Op(":=").Id("o").Dot("Value").Call(jen.Id("id")),
		jen.Return(jen.Id("v").Dot("Any").Call(), jen.Err()))
	// SetProperty is written to be inlined (cost 80, the compiler's
	// budget: the named result and the literal error, rather than
	// TypeInfo.PropertyError, are what fit), so that a caller calls set
	// directly; TestInlined in examples/erp5 keeps it so.
	f.Comment("SetProperty sets property id through its typed setter, checking v's type.")
	recv().Id("SetProperty").Params(jen.Id("id").String(), jen.Id("v").Any()).Params(jen.Err().Error()).Block(
		jen.If(jen.List(jen.Id("_"), jen.Err()).Op("=").Id("o").Dot("set").Call(jen.Id("id"), jen.Id("v"), jen.True()), jen.Err().Op("!=").Nil()).Block(
			jen.Return(propertyError(tg.t.Name, jen.Err()))),
		jen.Return())
	// Edit is holders.Edit with direct calls: it checks every change with
	// set and keeps the index set found, then applies each change with
	// setAt, a jump on that index. Applying through set again (a second
	// string switch per change) made an Edit of ten 1.9–2.1× the ten
	// SetProperty calls; through holders.Edit and a method value, two
	// calls more per change, 2.1× (docs/performance.md). More changes
	// than holders.EditInPlace go through holders.Edit, which needs no
	// array.
	viaHolders := func() jen.Code {
		return jen.Return(rt("Edit").Call(info.Clone(), jen.Id("o").Dot("set"), jen.Id("changes")))
	}
	// A document's setter of a selection returns an error, and may refuse
	// a value only when it applies it, after other changes were applied:
	// such a type's Edit and EditMap save the generated state first and
	// put it back when a change fails.
	restoring := tg.refusingSetters()
	editName, editMapName := "Edit", "EditMap"
	if restoring {
		editName, editMapName = "edit", "editMap"
		tg.restoringEdits(f)
	}
	f.Comment(editName + " sets every property of changes, in their order, or none if any is refused.")
	recv().Id(editName).Params(jen.Id("changes").Op("...").Add(rt("Change"))).Error().Block(
		jen.If(jen.Len(jen.Id("changes")).Op(">").Add(rt("EditInPlace"))).Block(viaHolders()),
		jen.Var().Id("at").Index(rt("EditInPlace")).Int(),
		jen.For(jen.List(jen.Id("k"), jen.Id("c")).Op(":=").Range().Id("changes")).Block(
			jen.List(jen.Id("i"), jen.Err()).Op(":=").Id("o").Dot("set").Call(jen.Id("c").Dot("ID"), jen.Id("c").Dot("Value"), jen.False()),
			jen.If(jen.Err().Op("!=").Nil()).Block(
				jen.Comment("holders.Edit finds every refused change and applies nothing."),
				viaHolders()),
			jen.Id("at").Index(jen.Id("k")).Op("=").Id("i")),
		jen.For(jen.List(jen.Id("k"), jen.Id("c")).Op(":=").Range().Id("changes")).Block(
			jen.If(jen.Err().Op(":=").Id("o").Dot("setAt").Call(jen.Id("at").Index(jen.Id("k")), jen.Id("c").Dot("Value"), jen.True()), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Id(tg.info).Dot("PropertyError").Call(jen.Id("c").Dot("ID"), jen.Err())))),
		jen.Return(jen.Nil()))
	f.Comment(editMapName + " sets every property of changes, in " + name + "'s property order, or none if any is refused.")
	recv().Id(editMapName).Params(jen.Id("changes").Map(jen.String()).Any()).Error().Block(
		jen.Return(rt("EditMap").Call(info.Clone(), jen.Id("o").Dot("set"), jen.Id("changes"))))
	f.Comment("PropertyIDs lists the by-name ids of " + name + ".")
	f.Func().Params(jen.Op("*").Id(name)).Id("PropertyIDs").Params().Index().String().Block(
		jen.Return(jen.Id(tg.info).Dot("PropertyIDs").Call()))
}

// byName emits the by-name dispatch: the index switch behind
// TypeInfo.Index, and one switch on the id per operation whose cases call
// the same methods as the typed accessors. Value, HasProperty and set
// switch on the id themselves rather than on the index: one string switch
// instead of a call, a string switch and a jump table measured 3.5 ns
// against 5.5 ns per read (docs/performance.md).
func (tg *typeGen) byName(f *jen.File) {
	t, name := tg.t, tg.t.GoName
	var ids []string
	var val, has, set, setAt []jen.Code
	for i, p := range t.Properties {
		id := jen.Lit(p.ID)
		ids = append(ids, p.ID)
		getter := schema.Get
		if p.IsList() {
			getter = schema.GetList
		}
		val = append(val, jen.Case(id.Clone()).Block(jen.Return(rt(runtimeSuffix(p)+"Value").Call(tg.call(i, getter)), jen.True())))
		if p.Type == schema.Category {
			has = append(has, jen.Case(id.Clone()).Block(jen.Return(jen.Len(tg.call(i, schema.GetList)).Op(">").Lit(0))))
		} else {
			has = append(has, jen.Case(id.Clone()).Block(jen.Return(tg.call(i, schema.Has))))
		}
		set = append(set, jen.Case(id.Clone()).Block(tg.setCase(i, p)...))
		if p.Mode != schema.ReadOnly {
			setAt = append(setAt, jen.Case(jen.Lit(i)).Block(tg.setAtCase(i, p)...))
		}
	}
	recv := func() *jen.Statement { return f.Func().Params(jen.Id("o").Op("*").Id(name)) }

	f.Comment(tg.index + " returns the by-name index of id in " + name + ", or -1.")
	indexSwitch(f, tg.index, "id", ids)
	// Value is written to be inlined, as SetProperty is; value, its
	// switch, then needs no stack frame when everything it calls is
	// inlined: getters the compiler inlines, and ids of up to 16 bytes,
	// which Go compares without calling runtime.memequal.
	f.Comment("Value returns property id's value; it does not allocate for scalar values.")
	recv().Id("Value").Params(jen.Id("id").String()).Params(jen.Id("v").Add(rt("Value")), jen.Err().Error()).Block(
		jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("o").Dot("value").Call(jen.Id("id")),
		jen.If(jen.Op("!").Id("ok")).Block(
			jen.Err().Op("=").Add(propertyError(tg.t.Name, rt("ErrUnknownProperty")))),
		jen.Return())
	f.Comment("value is Value's switch on the id; it returns the zero Value and false for an unknown id.")
	recv().Id("value").Params(jen.Id("id").String()).Params(rt("Value"), jen.Bool()).Block(
		jen.Switch(jen.Id("id")).Block(val...),
		jen.Return(rt("Value").Values(), jen.False()))
	f.Comment("HasProperty reports whether property id has been set.")
	recv().Id("HasProperty").Params(jen.Id("id").String()).Bool().Block(
		jen.Switch(jen.Id("id")).Block(has...), jen.Return(jen.False()))
	f.Comment("set is " + name + "'s holders.Setter: it converts v for property id and applies it if apply.")
	recv().Id("set").Params(jen.Id("id").String(), jen.Id("v").Any(), jen.Id("apply").Bool()).Params(jen.Int(), jen.Error()).Block(
		jen.Switch(jen.Id("id")).Block(set...), jen.Return(jen.Lit(-1), rt("ErrUnknownProperty")))
	f.Comment("setAt converts v for writable property i and applies it if apply: set's path for all but")
	f.Comment("values of a scalar's own Go type, and Edit's, once set has accepted every change.")
	recv().Id("setAt").Params(jen.Id("i").Int(), jen.Id("v").Any(), jen.Id("apply").Bool()).Error().Block(
		jen.Switch(jen.Id("i")).Block(setAt...), jen.Return(rt("ErrUnknownProperty")))
}

// setCase renders the case of set for property i. A read-only property is
// refused. A scalar whose Go type a type assertion tells (assertable) is
// converted and applied in the case, and any other value goes to setAt,
// which converts it as the holders.To functions do; every other member
// goes to setAt directly. Keeping every call but the typed setter out of
// set's cases keeps set's frame small and its arguments in registers: with
// the conversions' calls in each case, the wide type's set had a frame of
// over 1 KB and SetProperty over its scalars took about 6.5 ns against
// about 5 ns (docs/performance.md).
func (tg *typeGen) setCase(i int, p *schema.Property) []jen.Code {
	index := jen.Lit(i)
	if p.Mode == schema.ReadOnly {
		return []jen.Code{jen.Return(index, rt("ErrReadOnly"))}
	}
	slow := jen.Return(index.Clone(), jen.Id("o").Dot("setAt").Call(index.Clone(), jen.Id("v"), jen.Id("apply")))
	if !assertable(p) {
		return []jen.Code{slow}
	}
	refused := jen.Op("!").Id("ok")
	if p.Type == schema.Float {
		refused = refused.Op("||").Id("x").Op("-").Id("x").Op("!=").Lit(0) // NaN and the infinities: ToFloat refuses them
	}
	return []jen.Code{
		jen.If(jen.List(jen.Id("x"), jen.Id("ok")).Op(":=").Id("v").Assert(goType(p)), refused).Block(slow).
			Else().If(jen.Id("apply")).Block(tg.call(i, setterRole(p), jen.Id("x"))),
		jen.Return(index.Clone(), jen.Nil()),
	}
}

// assertable reports whether set converts p's by-name value with a type
// assertion in its case: a single-valued property of a type with nothing
// to check, whose holders.To function takes a value of its Go type
// unchanged. The declared type is named, not its Scalar: a selection's
// setter checks its value, and a category (whose Scalar is String too)
// may check its tree.
func assertable(p *schema.Property) bool {
	if p.IsList() {
		return false
	}
	switch p.Type {
	case schema.String, schema.Text, schema.Int, schema.Float, schema.Boolean, schema.Date:
		return true
	}
	return false
}

// setAtCase renders the case of setAt for writable property i: v is
// converted and checked, then applied if apply. A property with nothing to
// check is one line, holders.Apply with the typed setter in a function
// literal, which the compiler inlines: the code is that of the five lines
// written out (the wide type's setAt has the same frame and calls), and
// 500 types of 20 properties are about 40,000 lines shorter.
func (tg *typeGen) setAtCase(i int, p *schema.Property) []jen.Code {
	setter := setterRole(p)
	tree := p.Type == schema.Category && p.Base.HasTree()
	if !isSelection(p) && !tree {
		// On one line, as jen's Block would not write it.
		set := jen.Func().Params(jen.Id("x").Add(goType(p))).Op("{").Add(tg.call(i, setter, jen.Id("x"))).Op("}")
		return []jen.Code{jen.Return(rt("Apply").Call(jen.Id("v"), jen.Id("apply"), converter(p), set))}
	}
	body := []jen.Code{jen.List(jen.Id("x"), jen.Err()).Op(":=").Add(convertV(p))}
	if isSelection(p) {
		fn := "CheckSelection"
		if p.IsList() {
			fn = "CheckSelections"
		}
		cond := jen.Err().Op("==").Nil()
		if !tg.overridden(i, setter) {
			// The generated typed setter checks the selection itself; setAt
			// checks it only when it does not apply.
			cond = cond.Op("&&").Op("!").Id("apply")
		}
		body = append(body, jen.If(cond).Block(jen.Err().Op("=").Add(rt(fn)).Call(jen.Id("x"), tg.infoExpr(p).Dot("Values"))))
	}
	if tree {
		body = append(body, jen.If(jen.Err().Op("==").Nil()).Block(jen.Err().Op("=").Add(rt("CheckTree")).Call(tg.holderQual("Categories").Call(), jen.Lit(p.Base.Name), jen.Id("x"))))
	}
	// One return per case: with a second one for the refusal, each case
	// repeated the function's epilogue, and the wide type's SetProperty
	// over varying ids was 6-11% slower (docs/performance.md).
	apply := tg.call(i, setter, jen.Id("x"))
	if isSelection(p) {
		// A selection's typed setter checks the value again and returns an error.
		apply = jen.Err().Op("=").Add(apply)
	}
	return append(body,
		jen.If(jen.Err().Op("==").Nil().Op("&&").Id("apply")).Block(apply),
		jen.Return(jen.Err()))
}

// setterRole is the accessor role by-name writes of p call: the list
// setter of a list, the setter otherwise.
func setterRole(p *schema.Property) schema.Role {
	if p.IsList() {
		return schema.SetList
	}
	return schema.Set
}

// convertV converts the by-name value v to p's Go type.
func convertV(p *schema.Property) *jen.Statement {
	return converter(p).Call(jen.Id("v"))
}

// converter is the holders function that converts a by-name value to p's
// Go type (holders.ToString and the like).
func converter(p *schema.Property) *jen.Statement {
	if p.Type == schema.Category {
		// Its memberships are paths, checked as they are converted.
		return rt("ToCategories")
	}
	return rt("To" + runtimeSuffix(p))
}

// propertyError is a *holders.PropertyError literal about property id of
// portal type typeName. Generated SetProperty and Value write it out rather
// than call TypeInfo.PropertyError, so that they stay within the
// compiler's inlining budget.
func propertyError(typeName string, err jen.Code) *jen.Statement {
	return jen.Op("&").Add(rt("PropertyError")).Values(jen.Dict{
		jen.Id("Type"): jen.Lit(typeName), jen.Id("Property"): jen.Id("id"), jen.Id("Err"): err})
}

// refusingSetters reports whether a document method overrides the setter
// of one of the type's selections: the one kind of setter that returns an
// error, and so may refuse a change while Edit applies it.
func (tg *typeGen) refusingSetters() bool {
	for i, p := range tg.t.Properties {
		if p.Mode != schema.ReadOnly && isSelection(p) && tg.overridden(i, setterRole(p)) {
			return true
		}
	}
	return false
}

// restoringEdits emits Edit and EditMap for a type with refusingSetters:
// each saves what the generated code stores (every holder, wherever it is
// embedded, and the type's own fields), calls edit or editMap, and puts
// it all back if a change failed, so that nothing is applied. The
// document's own state, if a setter changes it, is the document's.
func (tg *typeGen) restoringEdits(f *jen.File) {
	t, name := tg.t, tg.t.GoName
	state := unexported(name) + "State"
	var fields, save, restore []jen.Code
	add := func(field string, typ jen.Code, path ...string) {
		sel := jen.Id("o")
		for _, p := range path {
			sel = sel.Dot(p)
		}
		fields = append(fields, jen.Id(field).Add(typ))
		save = append(save, jen.Id("s").Dot(field).Op("=").Add(sel))
		restore = append(restore, sel.Clone().Op("=").Id("s").Dot(field))
	}
	for _, fl := range t.Fields {
		if fl.Kind == binding.HolderField {
			add(fieldName(fl.Name), tg.holderQual(fl.Name), fl.Name)
		}
	}
	if t.Document != nil {
		for _, h := range t.Document.Holders {
			path := t.HolderPath(h)
			add(fieldName(strings.Join(path, "")), tg.holderQual(schema.HolderField(h)), path...)
		}
	}
	if own := t.OnType(); len(own) > 0 {
		if b := newBits(own); b.words > 0 {
			typ := jen.Uint64()
			if b.words > 1 {
				typ = jen.Index(jen.Lit(b.words)).Uint64()
			}
			add("present_", typ, "present_")
		}
		for _, p := range own {
			add(fieldName(p.GoName), goType(p), fieldName(p.GoName))
		}
	}
	f.Comment(state + " is what " + name + "'s generated code stores, saved by Edit and EditMap.")
	f.Type().Id(state).Struct(fields...)
	recv := func() *jen.Statement { return f.Func().Params(jen.Id("o").Op("*").Id(name)) }
	f.Comment("save copies what Edit may change into s.")
	recv().Id("save").Params(jen.Id("s").Op("*").Id(state)).Block(save...)
	f.Comment("restore puts back what save copied.")
	recv().Id("restore").Params(jen.Id("s").Op("*").Id(state)).Block(restore...)
	wrap := func(method, inner string, param jen.Code, arg jen.Code, doc string) {
		f.Comment(doc)
		f.Comment("A setter of the document may refuse a change as it applies it; what was applied is then put back.")
		recv().Id(method).Params(param).Error().Block(
			jen.Var().Id("s").Id(state),
			jen.Id("o").Dot("save").Call(jen.Op("&").Id("s")),
			jen.Err().Op(":=").Id("o").Dot(inner).Call(arg),
			jen.If(jen.Err().Op("!=").Nil()).Block(
				jen.Id("o").Dot("restore").Call(jen.Op("&").Id("s")),
				jen.Err().Op("=").Id(tg.info).Dot("Restored").Call(jen.Err())),
			jen.Return(jen.Err()))
	}
	wrap("Edit", "edit", jen.Id("changes").Op("...").Add(rt("Change")), jen.Id("changes").Op("..."),
		"Edit sets every property of changes, in their order, or none if any is refused.")
	wrap("EditMap", "editMap", jen.Id("changes").Map(jen.String()).Any(), jen.Id("changes"),
		"EditMap sets every property of changes, in "+name+"'s property order, or none if any is refused.")
}

// overridden reports whether the by-name code's accessor role of property
// i is a method of the document rather than a generated one.
func (tg *typeGen) overridden(i int, role schema.Role) bool {
	p, name := tg.t.Properties[i], tg.t.Calls[i][role].Name
	return slices.ContainsFunc(tg.t.Overrides, func(o binding.Override) bool { return o.Property == p && o.Method == name })
}

// tables emits the type's static TypeInfo and own PropertyInfos.
func (tg *typeGen) tables(f *jen.File) {
	t := tg.t
	ref := func(p *schema.Property) jen.Code { return jen.Op("&").Add(tg.infoExpr(p)) }
	var sheets, props, shadows []jen.Code
	for _, s := range t.Sheets {
		sheets = append(sheets, jen.Op("&").Add(tg.holderQual(sheetInfo(s))))
	}
	for _, fl := range t.Fields { // the category holders come after the sheets' holders
		if fl.Kind == binding.HolderField && fl.Sheet.Category != nil {
			sheets = append(sheets, jen.Op("&").Add(tg.holderQual(sheetInfo(fl.Sheet))))
		}
	}
	var overrides []jen.Code
	for _, o := range t.Overrides {
		overrides = append(overrides, jen.Values(jen.Dict{jen.Id("Method"): jen.Lit(o.Method), jen.Id("Property"): ref(o.Property), jen.Id("Pos"): jen.Lit(o.Pos)}))
	}
	for _, p := range t.Properties {
		props = append(props, ref(p))
	}
	for _, s := range t.Shadowed {
		d := jen.Dict{jen.Id("Winner"): ref(s.Winner), jen.Id("Loser"): ref(s.Loser)}
		if s.Method != "" {
			d[jen.Id("Method")] = jen.Lit(s.Method)
		}
		shadows = append(shadows, jen.Values(d))
	}
	strs := func(list []string) jen.Code {
		if len(list) == 0 {
			return jen.Nil()
		}
		items := make([]jen.Code, len(list))
		for i, s := range list {
			items[i] = jen.Lit(s)
		}
		return jen.Index().String().Values(items...)
	}
	var bases, allowed []string
	for _, b := range t.BaseCategories {
		bases = append(bases, b.Name)
	}
	for _, a := range t.AllowedContentTypes {
		allowed = append(allowed, a.Name)
	}
	d := jen.Dict{
		jen.Id("Name"):       jen.Lit(t.Name),
		jen.Id("GoName"):     jen.Lit(t.GoName),
		jen.Id("Pos"):        jen.Lit(t.Pos.Short()),
		jen.Id("Sheets"):     jen.Index().Op("*").Add(rt("SheetInfo")).Values(sheets...),
		jen.Id("Properties"): jen.Index().Op("*").Add(rt("PropertyInfo")).Values(props...),
		jen.Id("Index"):      jen.Id(tg.index),
		jen.Id("New"):        jen.Func().Params().Add(rt("Object")).Block(jen.Return(rt("ObjectOf").Call(jen.New(jen.Id(t.GoName))))),
	}
	if t.Description != "" {
		d[jen.Id("Description")] = jen.Lit(t.Description)
	}
	if t.TypeClass != "" {
		d[jen.Id("TypeClass")] = jen.Lit(t.TypeClass)
	}
	if t.Layer != "" {
		d[jen.Id("Layer")] = jen.Lit(t.Layer)
	}
	if r := t.PortalType.Overrides; r != nil {
		d[jen.Id("Replaces")] = jen.Lit(provenance(r.Pos, r.Layer))
	}
	var mixins []string
	for _, fl := range t.Fields {
		switch fl.Kind {
		case binding.DocumentField:
			d[jen.Id("Document")] = jen.Lit(tg.opts.Documents.Name + "." + fl.Name)
		case binding.MixinField:
			mixins = append(mixins, tg.opts.Documents.Name+"."+fl.Name)
		}
	}
	if len(mixins) > 0 {
		d[jen.Id("Mixins")] = strs(mixins)
	}
	if len(overrides) > 0 {
		d[jen.Id("Overrides")] = jen.Index().Add(rt("OverrideInfo")).Values(overrides...)
	}
	if len(shadows) > 0 {
		d[jen.Id("Shadowed")] = jen.Index().Add(rt("ShadowInfo")).Values(shadows...)
	}
	if len(bases) > 0 {
		d[jen.Id("BaseCategories")] = strs(bases)
	}
	if len(t.Groups) > 0 {
		d[jen.Id("Groups")] = strs(t.Groups)
	}
	if len(allowed) > 0 {
		d[jen.Id("AllowedContentTypes")] = strs(allowed)
	}
	if len(t.Constraints) > 0 {
		d[jen.Id("Constraints")] = jen.Id(tg.constraintsVar())
	}
	f.Comment(tg.info + " describes " + t.GoName + "; it is laid out by the linker, not built at start-up.")
	f.Var().Id(tg.info).Op("=").Add(rt("TypeInfo")).Values(d)
	if onType := t.OnType(); len(onType) > 0 {
		infos := make([]jen.Code, len(onType))
		for i, p := range onType {
			infos[i] = propertyInfo(p)
		}
		f.Comment(tg.own + " describes the categories " + t.GoName + " has itself.")
		f.Var().Id(tg.own).Op("=").Index(jen.Op("...")).Add(rt("PropertyInfo")).Values(infos...)
	}
}
