package gen

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/accessorgen/accessorgen/binding"
	"github.com/dave/jennifer/jen"
)

// PartsDir is the directory, under the types package's, of the internal
// packages that hold the portal types when Options.TypesPerPackage splits
// them.
const PartsDir = "internal"

// partName is the package name (and directory) of internal package k of
// n: part0 … part9, or part00 … part42, so that they sort as numbered.
func partName(k, n int) string {
	return fmt.Sprintf("part%0*d", len(fmt.Sprint(max(n-1, 0))), k)
}

// IsPartDir reports whether name is a directory name of an internal
// package of split types (part0, part17, ...).
func IsPartDir(name string) bool {
	digits, ok := strings.CutPrefix(name, "part")
	if !ok || digits == "" {
		return false
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// splitTypes assigns the portal types to internal packages of about size
// types each and returns them in order, each sorted by name.
//
// A type's file names the types it reads sub-objects of or acquires from
// (references), so the packages must import each other without a cycle.
// Types that reference each other, directly or not (a strongly connected
// component), share a package, even past size; the components are packed
// in an order where every type comes after those it references
// (Tarjan's algorithm gives that order), so a package imports only
// packages before it. With no references the packages are the types in
// name order, cut every size types: adding a type moves the types after
// it, a cost only of a regeneration.
func splitTypes(types []*binding.Type, size int) [][]*binding.Type {
	byName := map[string]*binding.Type{}
	for _, t := range types {
		byName[t.GoName] = t
	}
	index := map[*binding.Type]int{}
	low := map[*binding.Type]int{}
	onStack := map[*binding.Type]bool{}
	var stack []*binding.Type
	var parts [][]*binding.Type
	var cur []*binding.Type
	var visit func(t *binding.Type)
	visit = func(t *binding.Type) {
		index[t], low[t] = len(index), len(index)
		stack = append(stack, t)
		onStack[t] = true
		for _, u := range references(t, byName) {
			if _, seen := index[u]; !seen {
				visit(u)
				low[t] = min(low[t], low[u])
			} else if onStack[u] {
				low[t] = min(low[t], index[u])
			}
		}
		if low[t] != index[t] {
			return
		}
		i := slices.Index(stack, t)
		component := slices.Clone(stack[i:])
		stack = stack[:i]
		for _, u := range component {
			onStack[u] = false
		}
		if len(cur) > 0 && len(cur)+len(component) > size {
			parts = append(parts, cur)
			cur = nil
		}
		cur = append(cur, component...)
	}
	for _, t := range types {
		if _, seen := index[t]; !seen {
			visit(t)
		}
	}
	if len(cur) > 0 {
		parts = append(parts, cur)
	}
	for _, p := range parts {
		slices.SortFunc(p, func(a, b *binding.Type) int { return strings.Compare(a.GoName, b.GoName) })
	}
	return parts
}

// references lists, sorted by name and once each, the other portal types
// whose Go types t's file names: the typed sub-object of a content
// property (contentType), and the targets its content and acquired
// properties switch on (contents, acquisitionFields).
func references(t *binding.Type, byName map[string]*binding.Type) []*binding.Type {
	var refs []*binding.Type
	add := func(us ...*binding.Type) {
		for _, u := range us {
			if u != nil && u != t && !slices.Contains(refs, u) {
				refs = append(refs, u)
			}
		}
	}
	for _, c := range t.Contents {
		if len(c.Property.PortalTypes) == 1 {
			add(byName[c.Property.PortalTypes[0].GoName])
		}
		add(c.Targets...)
		if c.Acquired != nil {
			add(c.Acquired.Targets...)
		}
	}
	for _, a := range t.Acquired {
		add(a.Targets...)
	}
	slices.SortFunc(refs, func(a, b *binding.Type) int { return strings.Compare(a.GoName, b.GoName) })
	return refs
}

// partPackages returns the internal packages of split types, named and
// placed under the types package.
func (g *generator) partPackages(n int) []Package {
	pkgs := make([]Package, n)
	for k := range pkgs {
		name := partName(k, n)
		pkgs[k] = Package{
			Dir:  path.Join(g.opts.Types.Dir, PartsDir, name),
			Path: path.Join(g.opts.Types.Path, PartsDir, name),
			Name: name,
		}
	}
	return pkgs
}

// typePackage is the package that declares the Go type of a portal type.
func (g *generator) typePackage(goName string) Package {
	if pkg, ok := g.typePkg[goName]; ok {
		return pkg
	}
	return g.opts.Types
}

// typeRef names portal type goName's Go type, qualified by its internal
// package when the types are split (jennifer leaves the qualifier out in
// the type's own package).
func (g *generator) typeRef(goName string) *jen.Statement {
	return jen.Qual(g.typePackage(goName).Path, goName)
}

// infoName is the variable of a portal type's TypeInfo: unexported in one
// package; exported when the types are split, for the types package's
// table, with an underscore so that it cannot be a portal type's Go name
// (schema.GoName never has one).
func (g *generator) infoName(goName string) string {
	if g.opts.TypesPerPackage > 0 {
		return "Info_" + goName
	}
	return unexported(goName) + "Info"
}

// partDoc renders an internal package's accessorgen.go: its package doc.
func (g *generator) partDoc(pkg Package, types []*binding.Type) *jen.File {
	f := g.newFile(pkg)
	f.PackageComment(fmt.Sprintf("Package %s holds %d of the portal types of package %s, which names them", pkg.Name, len(types), g.opts.Types.Name))
	f.PackageComment("by aliases: use them from there. accessorgen splits the types over internal")
	f.PackageComment("packages when asked to (types_per_package), so that each compiles on its own.")
	return f
}
