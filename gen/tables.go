package gen

import (
	"path"
	"sort"

	"github.com/accessorgen/accessorgen/schema"
	"github.com/dave/jennifer/jen"
)

// tablesFile renders the types package's accessorgen.go: the package doc
// and the package-wide lookup tables. They are sorted arrays searched in
// O(log n): a giant switch over thousands of names compiles far slower,
// and a map literal would be built at start-up. The category trees are in
// the holders package, whose accessors need them.
func (g *generator) tablesFile(m *schema.Model) *jen.File {
	f := g.newFile(g.opts.Types)
	f.PackageComment("Package " + g.opts.Types.Name + " holds the portal types that accessorgen generates: one Go")
	f.PackageComment("type per portal type, embedding its accessor holders in order, and static")
	f.PackageComment("lookup tables (type by name, types by group, category by path).")

	var types []jen.Code
	for _, t := range m.Types {
		types = append(types, jen.Op("&").Qual(g.typePackage(t.GoName).Path, g.infoName(t.GoName)))
	}
	if g.opts.TypesPerPackage > 0 {
		for _, t := range m.Types {
			pkg := g.typePackage(t.GoName)
			f.Comment(t.GoName + " is the portal type " + t.Name + " (" + t.Pos.Short() + "), declared in " + path.Join(PartsDir, pkg.Name) + ".")
			f.Type().Id(t.GoName).Op("=").Qual(pkg.Path, t.GoName)
		}
	}
	f.Comment("typeTable lists every portal type, sorted by name.")
	f.Var().Id("typeTable").Op("=").Index(jen.Op("...")).Op("*").Add(rt("TypeInfo")).Values(types...)

	type pair struct{ group, typ string }
	var pairs []pair
	for _, t := range m.Types {
		for _, gr := range t.Groups {
			pairs = append(pairs, pair{gr, t.Name})
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].group != pairs[j].group {
			return pairs[i].group < pairs[j].group
		}
		return pairs[i].typ < pairs[j].typ
	})
	var groups []jen.Code
	for _, p := range pairs {
		groups = append(groups, jen.Values(jen.Lit(p.group), jen.Lit(p.typ)))
	}
	f.Comment("groupTable pairs groups with their portal types, sorted.")
	f.Var().Id("groupTable").Op("=").Index(jen.Op("...")).Index(jen.Lit(2)).String().Values(groups...)

	f.Comment("New returns a new object of the named portal type, e.g. New(\"Sale Order\").")
	f.Func().Id("New").Params(jen.Id("portalType").String()).Params(rt("Object"), jen.Error()).Block(
		jen.List(jen.Id("t"), jen.Id("ok")).Op(":=").Add(rt("FindType")).Call(jen.Id("typeTable").Index(jen.Op(":")), jen.Id("portalType")),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Nil(), rt("UnknownType").Call(jen.Id("portalType")))),
		jen.Return(jen.Id("t").Dot("New").Call(), jen.Nil()))
	f.Comment("LookupType returns the static description of the named portal type.")
	f.Func().Id("LookupType").Params(jen.Id("portalType").String()).Params(jen.Op("*").Add(rt("TypeInfo")), jen.Bool()).Block(
		jen.Return(rt("FindType").Call(jen.Id("typeTable").Index(jen.Op(":")), jen.Id("portalType"))))
	f.Comment("TypeNames returns the names of all portal types, sorted.")
	f.Func().Id("TypeNames").Params().Index().String().Block(
		jen.Id("names").Op(":=").Make(jen.Index().String(), jen.Len(jen.Id("typeTable"))),
		jen.For(jen.List(jen.Id("i"), jen.Id("t")).Op(":=").Range().Id("typeTable")).Block(jen.Id("names").Index(jen.Id("i")).Op("=").Id("t").Dot("Name")),
		jen.Return(jen.Id("names")))
	f.Comment("TypesInGroup returns the names of the portal types in group, sorted.")
	f.Func().Id("TypesInGroup").Params(jen.Id("group").String()).Index().String().Block(
		jen.Return(rt("TypesInGroup").Call(jen.Id("groupTable").Index(jen.Op(":")), jen.Id("group"))))
	f.Comment("AllowedContentTypes returns the portal types that objects of portalType may contain.")
	f.Func().Id("AllowedContentTypes").Params(jen.Id("portalType").String()).Index().String().Block(
		jen.List(jen.Id("t"), jen.Id("ok")).Op(":=").Id("LookupType").Call(jen.Id("portalType")),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Qual("slices", "Clone").Call(jen.Id("t").Dot("AllowedContentTypes"))))
	f.Comment("LookupCategory returns the category at path, e.g. \"region/europe/france\".")
	f.Func().Id("LookupCategory").Params(jen.Id("path").String()).Params(rt("CategoryInfo"), jen.Bool()).Block(
		jen.Return(g.holderQual("LookupCategory").Call(jen.Id("path"))))
	return f
}

type holderCategory struct {
	path, id, title, description, parent string
	children                             []string
}

// categoryTable emits the base category trees into the holders package: a
// sorted array, with Categories and LookupCategory over it.
func categoryTable(f *jen.File, m *schema.Model) {
	var cats []holderCategory
	for _, b := range m.BaseCategories {
		title := b.Title
		if title == "" {
			title = b.Name
		}
		cats = append(cats, holderCategory{path: b.Name, id: b.Name, title: title, description: b.Description})
		b.Walk(func(parent, v *schema.CategoryValue) {
			parentPath := b.Name
			if parent != nil {
				parentPath = parent.Path
			}
			title := v.Title
			if title == "" {
				title = v.ID
			}
			cats = append(cats, holderCategory{path: v.Path, id: v.ID, title: title, description: v.Description, parent: parentPath})
		})
	}
	children := map[string][]string{}
	for _, c := range cats {
		if c.parent != "" {
			children[c.parent] = append(children[c.parent], c.path)
		}
	}
	sort.Slice(cats, func(i, j int) bool { return cats[i].path < cats[j].path })
	var catCode []jen.Code
	for _, c := range cats {
		if kids := children[c.path]; len(kids) > 0 {
			c.children = kids
		}
		d := jen.Dict{jen.Id("Path"): jen.Lit(c.path), jen.Id("ID"): jen.Lit(c.id), jen.Id("Title"): jen.Lit(c.title)}
		if c.parent != "" {
			d[jen.Id("Parent")] = jen.Lit(c.parent)
		}
		if c.description != "" {
			d[jen.Id("Description")] = jen.Lit(c.description)
		}
		if len(c.children) > 0 {
			kids := make([]jen.Code, len(c.children))
			for i, k := range c.children {
				kids[i] = jen.Lit(k)
			}
			d[jen.Id("Children")] = jen.Index().String().Values(kids...)
		}
		catCode = append(catCode, jen.Values(d))
	}
	f.Comment("categoryTable lists every base category and category value, sorted by path.")
	f.Var().Id("categoryTable").Op("=").Index(jen.Op("...")).Add(rt("CategoryInfo")).Values(catCode...)

	f.Comment("Categories returns every base category and category value, sorted by path. Do not modify it.")
	f.Func().Id("Categories").Params().Index().Add(rt("CategoryInfo")).Block(jen.Return(jen.Id("categoryTable").Index(jen.Op(":"))))
	f.Comment("LookupCategory returns the category at path, e.g. \"region/europe/france\".")
	f.Func().Id("LookupCategory").Params(jen.Id("path").String()).Params(rt("CategoryInfo"), jen.Bool()).Block(
		jen.Return(rt("FindCategory").Call(jen.Id("categoryTable").Index(jen.Op(":")), jen.Id("path"))))
}
