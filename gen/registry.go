package gen

import (
	"go/types"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/accessorgen/accessorgen/binding"
	"github.com/accessorgen/accessorgen/holders"
	"github.com/accessorgen/accessorgen/schema"
	"github.com/dave/jennifer/jen"
)

// RegistryFile is the types package's file holding the registry. It does
// not end in .gen.go, so no portal type's file can take its name.
const RegistryFile = "registry.go"

// switchedLookup is the largest registry, in paths and aliases, whose
// Lookup finds a path with a switch rather than with a perfect hash. On
// generated registries of 64, 256, 1,000 and 2,000 paths the switch took
// 0.88×, 0.93× and 1.3× the time of a flat map (4.2× at 2,000, and most of
// the package's build), the perfect hash 1.17×, 1.21×, 1.03× and 0.89–0.99×
// (docs/performance.md, "The registry's Lookup").
const switchedLookup = schema.SwitchedLookup

// registry renders Root: one lazily built field per entry, one group type
// per path prefix with one accessor per child, Lookup by path and
// Locations. Groups are views (a struct holding the root), so walking a
// path allocates nothing.
type registry struct {
	*generator
	entries []*binding.Entry
	f       *jen.File
	// children lists, per group path ("" for the root), its child
	// segments, sorted; target maps each entry or alias path to its
	// entry, and alias each alias path to its alias.
	children map[string][]string
	target   map[string]*binding.Entry // entry or alias path → entry
	alias    map[string]schema.Alias
	slot     map[*binding.Entry]int // the entry's index in Root.results_
}

// result renders the holders.Result of e in root: one array, so that
// Lookup and Locations read any entry's state with no code per entry.
func (r *registry) result(root *jen.Statement, e *binding.Entry) *jen.Statement {
	return root.Dot("results_").Index(jen.Lit(r.slot[e]))
}

// shadowsDocuments reports whether name, the documents package's, is an
// identifier the registry file declares where it calls a constructor: the
// builders' receiver r, construction b, results v and err and dependencies
// d0, d1, ..., or a package-level name of the registry (the view type
// building, lookups, ...). The file then imports the package as name_.
func shadowsDocuments(name string, entries int) bool {
	switch name {
	case "r", "b", "v", "err", "building", "lookups", "entryOf", "locations", "lookupIndex", "lookupIDs":
		return true
	}
	if n, ok := strings.CutPrefix(name, "d"); ok && n != "" {
		if _, err := strconv.Atoi(n); err == nil {
			return true
		}
	}
	return false
}

func (g *generator) registryFile(entries []*binding.Entry) *jen.File {
	r := &registry{generator: g, entries: entries, f: g.newFile(g.opts.Types),
		children: map[string][]string{}, target: map[string]*binding.Entry{}, alias: map[string]schema.Alias{}, slot: map[*binding.Entry]int{}}
	if g.opts.Documents.Path != "" && shadowsDocuments(g.opts.Documents.Name, len(entries)) {
		r.f.ImportAlias(g.opts.Documents.Path, g.opts.Documents.Name+"_")
	}
	addPath := func(path string) {
		segs := strings.Split(path, ".")
		for i := range segs {
			parent, child := strings.Join(segs[:i], "."), segs[i]
			if !slices.Contains(r.children[parent], child) {
				r.children[parent] = append(r.children[parent], child)
			}
		}
	}
	for i, e := range entries {
		r.slot[e] = i
		r.target[e.Path] = e
		addPath(e.Path)
		for _, a := range e.Aliases {
			r.target[a.Path] = e
			r.alias[a.Path] = a
			addPath(a.Path)
		}
	}
	for k := range r.children {
		sort.Strings(r.children[k])
	}
	r.root()
	r.groups("")
	r.builders()
	r.lookup()
	return r.f
}

// names are the Root fields and builder of an entry. Schema derives the
// registry's identifiers, and checks that none collide, with the same
// functions.
func names(e *binding.Entry) schema.EntryNames { return schema.RegistryEntryNames(e.Path) }

// field is the Root field holding an entry's holders.Entry.
func field(e *binding.Entry) string { return names(e).Entry }

// groupType is the type of the group at path.
func groupType(path string) string { return schema.GroupTypeName(path) }

// resultType is what an entry's accessor returns.
func (r *registry) resultType(e *binding.Entry) jen.Code {
	if e.Type != nil {
		return jen.Op("*").Id(e.Type.GoName)
	}
	return typeCode(e.Result)
}

func (r *registry) root() {
	// results_ cannot be the name of an entry's fields: schema reserves it
	// in Root's scope with every name the entries derive. The typed accessors read the entries' own fields:
	// their fast path stays within the compiler's inlining budget.
	fields := []jen.Code{
		jen.Id("results_").Index(jen.Lit(len(r.entries))).Add(rt("Result")).Comment("the entries' values as Lookup returns them, in schema order"),
		jen.Id("builds_").Add(rt("Builder")).Comment("the first constructions in progress"),
	}
	for _, e := range r.entries {
		fields = append(fields,
			jen.Id(field(e)).Add(rt("Entry")),
			jen.Id(names(e).Value).Add(r.resultType(e)),
			jen.Id(names(e).Err).Error())
	}
	r.f.Comment("Root is the registry of this schema's locations. Each entry is built on first access,")
	r.f.Comment("exactly once even when goroutines access it first at the same time; goroutines wait only")
	r.f.Comment("for the entries they need. Its constructor's error is kept and returned by every access.")
	r.f.Comment("Constructors receive the entries they take as parameters, or the Root as a holders.Registry:")
	r.f.Comment("there is no global. A look-up that would wait for itself (a constructor looking up its own")
	r.f.Comment("entry, or one that needs it) returns a holders.CycleError. The zero Root is ready to use.")
	r.f.Type().Id("Root").Struct(fields...)
	r.f.Comment("NewRoot returns an empty registry: nothing is built until an entry is accessed.")
	r.f.Func().Id("NewRoot").Params().Op("*").Id("Root").Block(jen.Return(jen.New(jen.Id("Root"))))
	r.f.Var().Id("_").Add(rt("Registry")).Op("=").Parens(jen.Op("*").Id("Root")).Parens(jen.Nil())
	r.f.Comment("building is the Root as a constructor receives it: its look-ups belong to the construction")
	r.f.Comment("in progress, so that one that would wait for itself is an error rather than a hang. Kept")
	r.f.Comment("and used after the constructor of e returns (e is then no longer in b), it is the Root.")
	r.f.Type().Id("building").Struct(jen.Id("r").Op("*").Id("Root"), jen.Id("b").Op("*").Add(rt("Build")), jen.Id("e").Op("*").Add(rt("Entry")))
	r.f.Comment("Lookup returns the entry at path, as Root.Lookup does, within the construction.")
	r.f.Func().Params(jen.Id("x").Id("building")).Id("Lookup").Params(jen.Id("path").String()).Params(jen.Any(), jen.Error()).Block(
		jen.Return(jen.Id("x").Dot("r").Dot("lookupIn").Call(jen.Id("path"), jen.Id("x").Dot("b"), jen.Id("x").Dot("e"))))
	r.f.Comment("Locations returns Root.Locations.")
	r.f.Func().Params(jen.Id("x").Id("building")).Id("Locations").Params().Index().Add(rt("Location")).Block(
		jen.Return(jen.Id("x").Dot("r").Dot("Locations").Call()))
}

// groups emits the accessors of the children of the group at path, and
// the group types below it, depth first.
func (r *registry) groups(path string) {
	recv, root := jen.Id("r").Op("*").Id("Root"), jen.Id("r")
	if path != "" {
		r.f.Comment(groupType(path) + " is the group " + path + " of the registry.")
		r.f.Type().Id(groupType(path)).Struct(jen.Id("r").Op("*").Id("Root"))
		recv, root = jen.Id("g").Id(groupType(path)), jen.Id("g").Dot("r")
	}
	for _, child := range r.children[path] {
		full := child
		if path != "" {
			full = path + "." + child
		}
		name := schema.GoNameOf(child)
		e, isEntry := r.target[full]
		if !isEntry {
			r.f.Comment(name + " returns the group " + full + ".")
			r.f.Func().Params(recv.Clone()).Id(name).Params().Id(groupType(full)).Block(
				jen.Return(jen.Id(groupType(full)).Values(root.Clone())))
			continue
		}
		if a, ok := r.alias[full]; ok {
			r.f.Comment(name + " returns " + e.Path + ": " + full + " is an alias of it.")
			if a.Deprecated != "" {
				r.f.Comment("")
				r.f.Comment("Deprecated: " + a.Deprecated)
			}
			r.f.Func().Params(recv.Clone()).Id(name).Params().Params(r.resultType(e), jen.Error()).Block(
				jen.Return(r.call(root.Clone(), e.Path)))
			continue
		}
		var what string
		if e.Type != nil {
			what = "a new " + e.Type.Name
		} else {
			what = "the service built by " + r.opts.Documents.Name + "." + e.Func.Name + " (" + e.Func.Pos + ")"
		}
		r.f.Comment(name + " returns " + full + ", " + what + ", building it on first access.")
		// The fast path is an atomic load, small enough to inline.
		r.f.Func().Params(recv.Clone()).Id(name).Params().Params(r.resultType(e), jen.Error()).Block(
			jen.If(jen.Op("!").Add(root.Clone()).Dot(field(e)).Dot("Built").Call()).Block(root.Clone().Dot(builder(e)).Call()),
			jen.Return(root.Clone().Dot(names(e).Value), root.Clone().Dot(names(e).Err)))
	}
	for _, child := range r.children[path] {
		full := child
		if path != "" {
			full = path + "." + child
		}
		if _, isEntry := r.target[full]; !isEntry {
			r.groups(full)
		}
	}
}

// call renders the accessor chain of path from the root expression.
func (r *registry) call(root *jen.Statement, path string) *jen.Statement {
	s := root
	for _, seg := range strings.Split(path, ".") {
		s = s.Dot(schema.GoNameOf(seg)).Call()
	}
	return s
}

func builder(e *binding.Entry) string { return names(e).Builder }

// construct renders the call that returns e's value and error within the
// construction b, building e first if need be.
func construct(e *binding.Entry, b jen.Code) *jen.Statement {
	return jen.Id("r").Dot(names(e).Construct).Call(b)
}

// builders emits, per entry, the method its accessor calls to build it,
// and the one that constructs it within a construction in progress: a
// new object of a portal type, or the constructor called with its
// dependencies, each constructed within the same construction.
func (r *registry) builders() {
	for _, e := range r.entries {
		f := jen.Id("r").Dot(field(e))
		value, errField := jen.Id("r").Dot(names(e).Value), jen.Id("r").Dot(names(e).Err)
		publish := r.result(jen.Id("r"), e).Dot("Publish").Call(value.Clone(), errField.Clone())
		builds := jen.Id("r").Dot("builds_")
		body := []jen.Code{
			jen.List(jen.Id("b"), jen.Id("err")).Op("=").Add(builds.Clone()).Dot("Begin").Call(jen.Id("b"), jen.Op("&").Add(f.Clone()), jen.Lit(e.Path)),
			jen.If(jen.Id("b").Op("==").Nil()).Block(
				jen.If(jen.Err().Op("==").Nil()).Block(jen.List(jen.Id("v"), jen.Err()).Op("=").List(value.Clone(), errField.Clone())),
				jen.Return(jen.Id("v"), jen.Err())),
			jen.Defer().Add(builds.Clone()).Dot("End").Call(jen.Id("b"), jen.Op("&").Add(f.Clone())),
		}
		if e.Type != nil {
			body = append(body, value.Clone().Op("=").New(jen.Id(e.Type.GoName)))
		} else {
			var args []jen.Code
			for i, d := range e.Deps {
				if d == nil {
					args = append(args, jen.Id("building").Values(jen.Id("r"), jen.Id("b"), jen.Op("&").Add(f.Clone())))
					continue
				}
				dv := jen.Id("d" + strconv.Itoa(i))
				args = append(args, dv)
				body = append(body,
					jen.List(dv.Clone(), jen.Err()).Op(":=").Add(construct(d, jen.Id("b"))),
					jen.If(jen.Err().Op("!=").Nil()).Block(
						jen.Err().Op("=").Qual("fmt", "Errorf").Call(jen.Lit(e.Path+" needs "+d.Path+": %w"), jen.Err()),
						// A cycle through constructions in progress is not
						// this entry's to keep: its constructor never ran.
						jen.If(builds.Clone().Dot("Transient").Call(jen.Id("b"), jen.Op("&").Id("r").Dot(field(d)))).Block(
							jen.Return(jen.Id("v"), jen.Err())),
						errField.Clone().Op("=").Err(),
						publish.Clone(),
						f.Clone().Dot("Done").Call(),
						jen.Return(jen.Id("v"), jen.Err())))
			}
			call := r.documentQual(e.Func.Name).Call(args...)
			if e.Errors {
				body = append(body, jen.List(value.Clone(), errField.Clone()).Op("=").Add(call))
			} else {
				body = append(body, value.Clone().Op("=").Add(call))
			}
		}
		body = append(body, publish.Clone(), f.Clone().Dot("Done").Call(), jen.Return(value.Clone(), errField.Clone()))
		// The accessor's slow path stays a call: inlined there, even this
		// one call would take the accessor over the inlining budget.
		r.f.Comment(builder(e) + " builds " + e.Path + " for an access from outside any construction.")
		r.f.Comment("//go:noinline")
		r.f.Func().Params(jen.Id("r").Op("*").Id("Root")).Id(builder(e)).Params().Block(construct(e, jen.Nil()))
		r.f.Comment(names(e).Construct + " returns " + e.Path + ", building it once; b is the construction in progress,")
		r.f.Comment("nil outside one.")
		r.f.Func().Params(jen.Id("r").Op("*").Id("Root")).Id(names(e).Construct).
			Params(jen.Id("b").Op("*").Add(rt("Build"))).Params(jen.Id("v").Add(r.resultType(e)), jen.Err().Error()).Block(body...)
	}
}

// lookup emits Lookup, the static location table and Locations.
func (r *registry) lookup() {
	var paths []string
	for p := range r.target {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var funcs, entryOf, rows []jen.Code
	for _, p := range paths {
		e := r.target[p]
		funcs = append(funcs, jen.Func().Params(jen.Id("r").Op("*").Id("Root"), jen.Id("b").Op("*").Add(rt("Build"))).Params(jen.Any(), jen.Error()).Block(
			jen.Return(rt("AnyOf").Call(construct(e, jen.Id("b"))))))
		entryOf = append(entryOf, jen.Lit(r.slot[e]))
		a, isAlias := r.alias[p]
		pos := e.Pos
		if isAlias {
			pos = a.Pos
		}
		d := jen.Dict{
			jen.Id("Path"):   jen.Lit(p),
			jen.Id("GoType"): jen.Lit(e.GoType(r.opts.Types.Name)),
			jen.Id("Pos"):    jen.Lit(pos.Short()),
		}
		layer, replaces := "", ""
		if e.Type != nil {
			layer = e.Type.Layer
			if o := e.Type.PortalType.Overrides; o != nil {
				replaces = provenance(o.Pos, o.Layer)
			}
		} else {
			layer = e.Service.Layer
			if o := e.Service.Overrides; o != nil {
				replaces = provenance(o.Pos, o.Layer)
			}
		}
		if layer != "" {
			d[jen.Id("Layer")] = jen.Lit(layer)
		}
		if replaces != "" && !isAlias {
			d[jen.Id("Replaces")] = jen.Lit(replaces)
		}
		if e.Type != nil {
			d[jen.Id("Kind")] = jen.Lit("portal type")
		} else {
			d[jen.Id("Kind")] = jen.Lit("service")
			d[jen.Id("Func")] = jen.Lit(r.opts.Documents.Name + "." + e.Func.Name + " (" + e.Func.Pos + ")")
		}
		if isAlias {
			d[jen.Id("AliasOf")] = jen.Lit(e.Path)
			if a.Deprecated != "" {
				d[jen.Id("Deprecated")] = jen.Lit(a.Deprecated)
			}
		}
		rows = append(rows, jen.Values(d))
	}
	// Lookup finds the path's index in locations, then returns a built
	// entry from arrays, calling no per-entry code; the first access calls
	// the entry's function in a table. A registry of up to switchedLookup
	// paths finds the index with a switch; a larger one with a perfect
	// hash computed now, since a switch was slower than a map for
	// thousands of paths with shared prefixes and one giant function
	// compiled slowly (docs/performance.md).
	var find []jen.Code
	if len(paths) <= switchedLookup {
		r.f.Comment("lookupIndex returns a path's index in locations, or -1.")
		indexSwitch(r.f, "lookupIndex", "path", paths)
		find = []jen.Code{
			jen.Id("i").Op(":=").Id("lookupIndex").Call(jen.Id("path")),
			jen.If(jen.Id("i").Op("<").Lit(0)).Block(
				jen.Return(jen.Nil(), rt("UnknownLocation").Call(jen.Id("path")))),
		}
	} else {
		r.f.Comment("lookupIDs finds a path's index in locations: a perfect hash computed when generating.")
		r.f.Var().Id("lookupIDs").Op("=").Add(idTableLit(holders.NewIDTable(paths)))
		find = []jen.Code{
			jen.Id("i").Op(":=").Id("lookupIDs").Dot("Candidate").Call(jen.Id("path")),
			jen.If(jen.Id("i").Op("<").Lit(0).Op("||").Id("locations").Index(jen.Id("i")).Dot("Path").Op("!=").Id("path")).Block(
				jen.Return(jen.Nil(), rt("UnknownLocation").Call(jen.Id("path")))),
		}
	}
	r.f.Comment("lookups builds each path's entry on its first access, in the order of locations.")
	r.f.Var().Id("lookups").Op("=").Index(jen.Op("...")).Func().Params(jen.Op("*").Id("Root"), jen.Op("*").Add(rt("Build"))).Params(jen.Any(), jen.Error()).Values(funcs...)
	r.f.Comment("entryOf is each path's index in Root.results_, in the order of locations.")
	r.f.Var().Id("entryOf").Op("=").Index(jen.Op("...")).Uint32().Values(entryOf...)
	r.f.Comment("Lookup returns the entry at path, or at an alias, building it on first access.")
	r.f.Func().Params(jen.Id("r").Op("*").Id("Root")).Id("Lookup").Params(jen.Id("path").String()).Params(jen.Any(), jen.Error()).Block(
		jen.Return(jen.Id("r").Dot("lookupIn").Call(jen.Id("path"), jen.Nil(), jen.Nil())))
	r.f.Comment("lookupIn is Lookup from the constructor of e within the construction b, both nil outside one.")
	r.f.Func().Params(jen.Id("r").Op("*").Id("Root")).Id("lookupIn").Params(jen.Id("path").String(), jen.Id("b").Op("*").Add(rt("Build")), jen.Id("e").Op("*").Add(rt("Entry"))).Params(jen.Any(), jen.Error()).Block(
		append(find, jen.If(jen.List(jen.Id("v"), jen.Err(), jen.Id("ok")).Op(":=").Id("r").Dot("results_").Index(jen.Id("entryOf").Index(jen.Id("i"))).Dot("Load").Call(), jen.Id("ok")).Block(
			jen.Return(jen.Id("v"), jen.Err())),
			jen.Return(jen.Id("lookups").Index(jen.Id("i")).Call(jen.Id("r"), jen.Id("r").Dot("builds_").Dot("Within").Call(jen.Id("b"), jen.Id("e")))))...)
	r.f.Comment("locations describes every path, sorted; Locations adds whether each is built.")
	r.f.Var().Id("locations").Op("=").Index(jen.Op("...")).Add(rt("Location")).Values(rows...)
	r.f.Comment("Locations lists every path and alias, sorted, with whether its entry is built.")
	r.f.Func().Params(jen.Id("r").Op("*").Id("Root")).Id("Locations").Params().Index().Add(rt("Location")).Block(
		jen.Id("out").Op(":=").Make(jen.Index().Add(rt("Location")), jen.Len(jen.Id("locations"))),
		jen.Copy(jen.Id("out"), jen.Id("locations").Index(jen.Op(":"))),
		jen.For(jen.Id("i").Op(":=").Range().Id("out")).Block(
			jen.Id("out").Index(jen.Id("i")).Dot("Built").Op("=").Id("r").Dot("results_").Index(jen.Id("entryOf").Index(jen.Id("i"))).Dot("Published").Call()),
		jen.Return(jen.Id("out")))
}

// typeCode renders a Go type that binding checked is expressible.
func typeCode(t types.Type) jen.Code {
	switch t := t.(type) {
	case *types.Alias:
		return typeCode(types.Unalias(t))
	case *types.Named:
		if t.Obj().Pkg() == nil {
			return jen.Id(t.Obj().Name())
		}
		return jen.Qual(t.Obj().Pkg().Path(), t.Obj().Name())
	case *types.Pointer:
		return jen.Op("*").Add(typeCode(t.Elem()))
	case *types.Slice:
		return jen.Index().Add(typeCode(t.Elem()))
	case *types.Map:
		return jen.Map(typeCode(t.Key())).Add(typeCode(t.Elem()))
	case *types.Basic:
		return jen.Id(t.Name())
	}
	panic("typeCode: " + t.String())
}
