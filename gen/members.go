package gen

import (
	"time"

	"github.com/accessorgen/accessorgen/schema"
	"github.com/dave/jennifer/jen"
)

// elemType is the Go type of one value of p.
func elemType(p *schema.Property) *jen.Statement {
	switch p.Type.Scalar() {
	case schema.Int:
		return jen.Int()
	case schema.Float:
		return jen.Float64()
	case schema.Boolean:
		return jen.Bool()
	case schema.Date:
		return jen.Qual("time", "Time")
	case schema.Data:
		return jen.Index().Byte()
	}
	return jen.String()
}

// goType is the Go type of p's value: the element type, or a slice of it.
func goType(p *schema.Property) *jen.Statement {
	if p.IsList() {
		return jen.Index().Add(elemType(p))
	}
	return elemType(p)
}

// runtimeSuffix names p's value in the runtime's ToX and XValue functions.
func runtimeSuffix(p *schema.Property) string {
	name := map[schema.Type]string{schema.Int: "Int", schema.Float: "Float", schema.Boolean: "Bool", schema.Date: "Time", schema.Data: "Bytes"}[p.Type.Scalar()]
	if name == "" {
		name = "String"
	}
	if p.IsList() {
		name += "s"
	}
	return name
}

// isSelection reports whether p's values are checked against p.Values.
func isSelection(p *schema.Property) bool {
	return p.Type == schema.Selection || p.Type == schema.MultipleSelection
}

// literal renders a default value of p.
func literal(p *schema.Property, v any) jen.Code {
	switch x := v.(type) {
	case time.Time:
		loc := jen.Qual("time", "UTC")
		if _, off := x.Zone(); off != 0 || x.Location() != time.UTC {
			loc = jen.Qual("time", "FixedZone").Call(jen.Lit(""), jen.Lit(off))
		}
		return jen.Qual("time", "Date").Call(jen.Lit(x.Year()), jen.Qual("time", x.Month().String()), jen.Lit(x.Day()),
			jen.Lit(x.Hour()), jen.Lit(x.Minute()), jen.Lit(x.Second()), jen.Lit(x.Nanosecond()), loc)
	case []byte:
		return jen.Index().Byte().Call(jen.Lit(string(x)))
	case []string:
		return listLit(p, x)
	case []int:
		return listLit(p, x)
	case []float64:
		return listLit(p, x)
	case []bool:
		return listLit(p, x)
	case []time.Time:
		return listLit(p, x)
	}
	return jen.Lit(v)
}

func listLit[T any](p *schema.Property, list []T) jen.Code {
	items := make([]jen.Code, len(list))
	for i, v := range list {
		items[i] = literal(p, v)
	}
	return goType(p).Values(items...)
}

// bits assigns presence bits to the members that need one (all but
// categories, whose presence is a non-empty list) and says how many words
// the bitset has.
type bits struct {
	index map[*schema.Property]int
	words int
}

func newBits(props []*schema.Property) bits {
	b := bits{index: map[*schema.Property]int{}}
	for _, p := range props {
		if p.Type != schema.Category {
			b.index[p] = len(b.index)
		}
	}
	b.words = (len(b.index) + 63) / 64
	return b
}

// field declares the bitset field, if any.
func (b bits) field() jen.Code {
	switch b.words {
	case 0:
		return jen.Null()
	case 1:
		return jen.Id("present_").Uint64().Comment("presence bits, one per property")
	}
	return jen.Id("present_").Index(jen.Lit(b.words)).Uint64().Comment("presence bits, one per property")
}

// word and mask address p's presence bit.
func (b bits) word(r string, p *schema.Property) *jen.Statement {
	if b.words == 1 {
		return jen.Id(r).Dot("present_")
	}
	return jen.Id(r).Dot("present_").Index(jen.Lit(b.index[p] / 64))
}

func (b bits) mask(p *schema.Property) *jen.Statement {
	return jen.Parens(jen.Lit(1).Op("<<").Lit(b.index[p] % 64))
}

// storage returns the fields that hold props: the presence bitset, then
// one field per member.
func storage(props []*schema.Property) []jen.Code {
	b := newBits(props)
	var fields []jen.Code
	if b.words > 0 {
		fields = append(fields, b.field())
	}
	for _, p := range props {
		fields = append(fields, jen.Id(fieldName(p.GoName)).Add(goType(p)))
	}
	return fields
}

// origin says where a member is declared, for doc comments.
func origin(p *schema.Property, owner string) string {
	what := "Property " + p.ID
	switch {
	case p.Type == schema.Category:
		what = "Category " + p.ID
	case p.RangeOf != nil:
		what = "Range property " + p.ID
	}
	return what + " of " + owner + " (" + p.Pos.Short() + ")."
}

// accessors emits the typed accessors of props as methods of *recv, with
// receiver name r. owner names the sheet or type in doc comments; info
// returns the expression of a member's PropertyInfo, for selection checks;
// table is the expression of the category trees (holders.CategoryInfo,
// sorted by path), for the titles of tree categories.
func accessors(f *jen.File, recv, r, owner string, props []*schema.Property, info func(*schema.Property) *jen.Statement, table func() jen.Code) {
	b := newBits(props)
	rcv := func() *jen.Statement { return jen.Func().Params(jen.Id(r).Op("*").Id(recv)) }
	for _, p := range props {
		fld := jen.Id(r).Dot(fieldName(p.GoName))
		tracked := p.Type != schema.Category
		mark := jen.Null()
		if tracked {
			mark = b.word(r, p).Op("|=").Lit(1).Op("<<").Lit(b.index[p] % 64)
		}
		// get returns the stored value, or the default when unset.
		get := []jen.Code{jen.Return(fld.Clone())}
		var sharedDefault jen.Code // the package variable of a slice default, declared after the getter
		if p.Default != nil {
			def := literal(p, p.Default)
			if name, ok := defaultVar(recv, p); ok {
				sharedDefault = jen.Commentf("%s is the value of %s when unset, shared by every %s: nothing may modify it.", name, p.ID, recv).Line().
					Var().Id(name).Op("=").Add(def)
				def = jen.Id(name)
			}
			get = []jen.Code{
				jen.If(b.word(r, p).Op("&").Add(b.mask(p)).Op("==").Lit(0)).Block(jen.Return(def)),
				jen.Return(fld.Clone()),
			}
		}
		// check validates a selection's value; setters of selections
		// return its error.
		check := func(v jen.Code, fn string) []jen.Code {
			if !isSelection(p) {
				return nil
			}
			return []jen.Code{jen.If(jen.Err().Op(":=").Add(rt(fn)).Call(v, jen.Op("&").Add(info(p))), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))}
		}
		setter := func(name, comment string, param jen.Code, body ...jen.Code) {
			f.Comment(name + " " + comment)
			sig := rcv().Id(name).Params(jen.Id("v").Add(param))
			if isSelection(p) {
				f.Add(sig.Error().Block(append(body, jen.Return(jen.Nil()))...))
			} else {
				f.Add(sig.Block(body...))
			}
		}
		desc := origin(p, owner)
		if !p.IsList() {
			getterDoc := p.GoName + " returns " + p.ID + unset(p) + "."
			if p.Type == schema.Data {
				getterDoc += " Do not modify the slice."
			}
			f.Add(doc(getterDoc, p.Description, desc))
			f.Add(rcv().Id(p.GoName).Params().Add(goType(p)).Block(get...))
			val := jen.Id("v")
			if p.Type == schema.Data {
				val = jen.Qual("slices", "Clone").Call(jen.Id("v"))
			}
			if sharedDefault != nil {
				f.Add(sharedDefault)
			}
			setter("Set"+p.GoName, "sets "+p.ID+".", goType(p), append(check(jen.Id("v"), "CheckPropertySelection"), fld.Clone().Op("=").Add(val), mark)...)
		} else {
			f.Add(doc(p.GoName+"List returns the values of "+p.ID+unset(p)+". Do not modify the slice.", p.Description, desc))
			f.Add(rcv().Id(p.GoName + "List").Params().Add(goType(p)).Block(get...))
			if sharedDefault != nil {
				f.Add(sharedDefault)
			}
			f.Comment(p.GoName + " returns the first value of " + p.ID + ", ERP5's default value.")
			f.Add(rcv().Id(p.GoName).Params().Add(elemType(p)).Block(jen.Return(rt("First").Call(jen.Id(r).Dot(p.GoName + "List").Call()))))
			setter("Set"+p.GoName, "makes v the first value of "+p.ID+", keeping the others.", elemType(p),
				append(check(jen.Id("v"), "CheckPropertySelection"), fld.Clone().Op("=").Add(rt("SetDefault")).Call(fld.Clone(), jen.Id("v")), mark)...)
			setter("Set"+p.GoName+"List", "sets the values of "+p.ID+" to a copy of v.", goType(p),
				append(check(jen.Id("v"), "CheckPropertySelections"), fld.Clone().Op("=").Qual("slices", "Clone").Call(jen.Id("v")), mark)...)
		}
		if p.Type == schema.Category {
			categoryAccessors(f, rcv, r, p, table)
		}
		if tracked {
			f.Comment("Has" + p.GoName + " reports whether " + p.ID + " has been set.")
			f.Add(rcv().Id("Has" + p.GoName).Params().Bool().Block(jen.Return(b.word(r, p).Op("&").Add(b.mask(p)).Op("!=").Lit(0))))
		}
	}
}

// defaultVar names the package variable that holds p's default when the
// default is a slice (a list, or data) the linker can lay out: the getter
// returns it instead of a new slice on every unset read, so reading a
// default never allocates. Dates are left out: time.Date is a call, which
// would make the variable init work. recv has no underscore and a GoName
// never has one, so the "_" keeps two members' names apart.
func defaultVar(recv string, p *schema.Property) (string, bool) {
	if p.Type == schema.Date || !(p.IsList() || p.Type == schema.Data) {
		return "", false
	}
	return unexported(recv) + "_" + p.GoName + "Default", true
}

// unset says what a getter returns for an unset property with a default.
func unset(p *schema.Property) string {
	if p.Default == nil {
		return ""
	}
	return ", or " + p.DefaultText() + " when unset"
}

// categoryAccessors emits the accessors a category has beyond its URLs:
// distinct values, id, title, resolved values and setters from objects.
func categoryAccessors(f *jen.File, rcv func() *jen.Statement, r string, p *schema.Property, table func() jen.Code) {
	n, base, tree := p.GoName, jen.Lit(p.Base.Name), jen.Lit(p.Base.HasTree())
	get := func(name string) *jen.Statement { return jen.Id(r).Dot(name).Call() }
	emit := func(role schema.Role, name, comment string, body jen.Code) {
		params, results := signature(p, role)
		f.Comment(name + " " + comment)
		f.Add(rcv().Id(name).Params(params...).Params(results...).Block(body))
	}
	emit(schema.GetSet, n+"Set", "returns the distinct values of "+p.ID+", in order.",
		jen.Return(rt("CategorySet").Call(get(n+"List"))))
	emit(schema.GetID, n+"ID", "returns the last segment of the first value of "+p.ID+".",
		jen.Return(rt("CategoryID").Call(get(n))))
	if p.Base.HasTree() {
		emit(schema.GetTitle, n+"Title", "returns the title of the first value of "+p.ID+", from the "+p.Base.Name+" tree.",
			jen.Return(rt("TreeTitle").Call(table(), base, get(n))))
	} else {
		emit(schema.GetTitle, n+"Title", "returns the title of the object the first value of "+p.ID+" points at, through the context's Resolver.",
			jen.Return(rt("ObjectTitle").Call(jen.Id("ctx"), base, get(n))))
	}
	emit(schema.GetValue, n+"Value", "returns the object the first value of "+p.ID+" points at, through the context's Resolver.",
		jen.Return(rt("CategoryValue").Call(jen.Id("ctx"), base, get(n), tree)))
	emit(schema.GetValueList, n+"ValueList", "returns the objects the values of "+p.ID+" point at, through the context's Resolver.",
		jen.Return(rt("CategoryValueList").Call(jen.Id("ctx"), base, get(n+"List"), tree)))
	// A nil v clears the category, as ERP5's setRegionValue(None) does:
	// it must not store "" or call a method on a nil object.
	emit(schema.SetValue, "Set"+n+"Value", "makes v's URL the first value of "+p.ID+"; a nil v clears "+p.ID+".",
		jen.If(rt("IsNil").Call(jen.Id("v"))).Block(
			jen.Id(r).Dot("Set"+n+"List").Call(jen.Nil()),
			jen.Return(),
		).Line().Id(r).Dot("Set"+n).Call(rt("Membership").Call(jen.Id("v"), base, tree)))
	emit(schema.SetValueList, "Set"+n+"ValueList", "sets the values of "+p.ID+" to the URLs of v, leaving out nil objects.",
		jen.Id(r).Dot("Set"+n+"List").Call(rt("Memberships").Call(jen.Id("v"), base, tree)))
}

// ctxParam is the context parameter of accessors that use a Resolver.
func ctxParam() jen.Code { return jen.Id("ctx").Qual("context", "Context") }

// signature returns the parameters and results of p's accessor with role.
func signature(p *schema.Property, role schema.Role) (params, results []jen.Code) {
	fails := isSelection(p)
	switch role {
	case schema.Get, schema.GetID:
		return nil, []jen.Code{elemType(p)}
	case schema.GetList, schema.GetSet:
		return nil, []jen.Code{goType(p)}
	case schema.Has:
		return nil, []jen.Code{jen.Bool()}
	case schema.GetTitle:
		return []jen.Code{ctxParam()}, []jen.Code{jen.String(), jen.Error()}
	case schema.GetValue:
		return []jen.Code{ctxParam()}, []jen.Code{rt("Object"), jen.Error()}
	case schema.GetValueList:
		return []jen.Code{ctxParam()}, []jen.Code{jen.Index().Add(rt("Object")), jen.Error()}
	case schema.SetValue:
		return []jen.Code{jen.Id("v").Add(rt("Object"))}, nil
	case schema.SetValueList:
		return []jen.Code{jen.Id("v").Index().Add(rt("Object"))}, nil
	case schema.Set:
		params = []jen.Code{jen.Id("v").Add(elemType(p))}
	case schema.SetList:
		params = []jen.Code{jen.Id("v").Add(goType(p))}
	}
	if fails {
		results = []jen.Code{jen.Error()}
	}
	return params, results
}

// arguments are the names a forward passes on for role.
func arguments(role schema.Role) []jen.Code {
	switch role {
	case schema.GetTitle, schema.GetValue, schema.GetValueList:
		return []jen.Code{jen.Id("ctx")}
	case schema.Set, schema.SetList, schema.SetValue, schema.SetValueList:
		return []jen.Code{jen.Id("v")}
	}
	return nil
}

// propertyInfo renders a member's static PropertyInfo.
func propertyInfo(p *schema.Property) jen.Code {
	d := jen.Dict{
		jen.Id("ID"):              jen.Lit(p.ID),
		jen.Id("Type"):            jen.Lit(string(p.Type)),
		jen.Id("ReadPermission"):  jen.Lit(p.ReadPerm),
		jen.Id("WritePermission"): jen.Lit(p.WritePerm),
		jen.Id("Pos"):             jen.Lit(p.Pos.Short()),
	}
	if p.IsList() {
		d[jen.Id("Multivalued")] = jen.True()
	}
	if p.Mode == schema.ReadOnly {
		d[jen.Id("ReadOnly")] = jen.True()
	}
	if len(p.Values) > 0 {
		vals := make([]jen.Code, len(p.Values))
		for i, v := range p.Values {
			vals[i] = jen.Lit(v)
		}
		d[jen.Id("Values")] = jen.Index().String().Values(vals...)
	}
	if p.Base != nil && p.Base.HasTree() {
		d[jen.Id("Tree")] = jen.True()
	}
	if p.RangeOf != nil {
		d[jen.Id("RangeOf")] = jen.Lit(p.RangeOf.ID)
	}
	if p.StorageID != "" {
		d[jen.Id("StorageID")] = jen.Lit(p.StorageID)
	}
	if p.Description != "" {
		d[jen.Id("Description")] = jen.Lit(p.Description)
	}
	if p.Sheet != nil && p.Sheet.Category == nil { // a base category's holder is the type's own
		d[jen.Id("Sheet")] = jen.Lit(p.Sheet.Name)
	}
	if p.Layer != "" {
		d[jen.Id("Layer")] = jen.Lit(p.Layer)
	}
	if p.Overrides != nil {
		d[jen.Id("Replaces")] = jen.Lit(provenance(p.Overrides.Pos, p.Overrides.Layer))
	}
	return jen.Values(d)
}

// provenance names a declaration of a layer: "schema/core/x.yaml:3 (layer core)".
func provenance(pos schema.Pos, layer string) string {
	return pos.Short() + " (layer " + layer + ")"
}
