package gen

import (
	"github.com/accessorgen/accessorgen/schema"
	"github.com/dave/jennifer/jen"
)

// holdersDoc renders the holders package's accessorgen.go: its doc and
// the category trees, which holders need for titles and checks.
func (g *generator) holdersDoc(m *schema.Model) *jen.File {
	f := g.newFile(g.opts.Holders)
	f.PackageComment("Package " + g.opts.Holders.Name + " holds the accessor holders that accessorgen generates:")
	f.PackageComment("one type per property sheet, named after the sheet with the suffix Holder, with")
	f.PackageComment("typed accessors for its properties and categories, and a SheetInfo table; and")
	f.PackageComment("the base category trees.")
	categoryTable(f, m)
	return f
}

// sheetVars are the names of a sheet's static tables.
func sheetProperties(s *schema.Sheet) string { return s.GoName + "Properties" }
func sheetInfo(s *schema.Sheet) string       { return s.GoName + "Sheet" }

// holderFile renders the holder of one sheet.
func (g *generator) holderFile(s *schema.Sheet) *jen.File {
	f := g.newFile(g.opts.Holders)
	holder := schema.HolderField(s)
	owner := "sheet " + s.Name
	if s.Category != nil {
		f.Add(doc(holder+" holds the accessors of base category "+s.Name+" ("+s.Pos.Short()+") for the portal types that",
			"list it in base_categories and have no sheet declaring it: they embed it, so its accessors are generated",
			"once, not once per type. Its zero value is an empty holder."))
	} else {
		f.Add(doc(holder+" is the accessor holder of property sheet "+s.Name+" ("+s.Pos.Short()+").", s.Description,
			"Portal types embed it; its zero value is an empty holder."))
	}
	// Not comparable, as Base and so every portal type (holders.NoCompare).
	f.Type().Id(holder).Struct(append([]jen.Code{jen.Id("_").Add(rt("NoCompare"))}, storage(s.Properties)...)...)
	accessors(f, holder, "h", owner, s.Properties, func(p *schema.Property) *jen.Statement {
		return jen.Id(sheetProperties(s)).Index(jen.Lit(g.sheetIndex[p]))
	}, func() jen.Code { return jen.Id("categoryTable").Index(jen.Op(":")) })

	infos := make([]jen.Code, len(s.Properties))
	refs := make([]jen.Code, len(s.Properties))
	for i, p := range s.Properties {
		infos[i] = propertyInfo(p)
		refs[i] = jen.Op("&").Id(sheetProperties(s)).Index(jen.Lit(i))
	}
	f.Comment(sheetProperties(s) + " describes the members of sheet " + s.Name + ", in order.")
	f.Var().Id(sheetProperties(s)).Op("=").Index(jen.Op("...")).Add(rt("PropertyInfo")).Values(infos...)
	f.Comment(sheetInfo(s) + " describes sheet " + s.Name + ".")
	info := jen.Dict{
		jen.Id("Name"):        jen.Lit(s.Name),
		jen.Id("Holder"):      jen.Lit(holder),
		jen.Id("Description"): jen.Lit(s.Description),
		jen.Id("Pos"):         jen.Lit(s.Pos.Short()),
		jen.Id("Properties"):  jen.Index().Op("*").Add(rt("PropertyInfo")).Values(refs...),
	}
	if s.Layer != "" {
		info[jen.Id("Layer")] = jen.Lit(s.Layer)
	}
	if s.Extends {
		info[jen.Id("Extends")] = jen.True()
	}
	if s.Overrides != nil {
		info[jen.Id("Replaces")] = jen.Lit(provenance(s.Overrides.Pos, s.Overrides.Layer))
	}
	f.Var().Id(sheetInfo(s)).Op("=").Add(rt("SheetInfo")).Values(info)
	return f
}
