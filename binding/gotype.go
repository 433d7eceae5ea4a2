package binding

import (
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/accessorgen/accessorgen/schema"
)

// Package is the documents package as go/packages read it.
type Package struct {
	Path  string // import path
	Name  string // package name
	types *types.Package
	fset  *token.FileSet
	dir   string // the config directory: Go positions are shown relative to it
	// constrained holds, by receiver type name, the methods declared in
	// files that only some builds include.
	constrained map[string][]constrainedMethod
}

// Unloaded stands, in Resolve, for a documents package that the config
// names but that was not loaded because the schema has errors: Resolve
// then checks no reference into it (type_class, mixins, constraint funcs,
// services' funcs), instead of reporting that the config has no documents
// package, which would be false.
var Unloaded = &Package{}

// unloaded reports whether p is Unloaded.
func (p *Package) unloaded() bool { return p == Unloaded }

// GoType is a document or mixin type of the documents package.
type GoType struct {
	Name    string          // e.g. "Person"; also its field name when embedded
	Pos     string          // its declaration, relative to the config directory
	Holders []*schema.Sheet // holders it embeds, by depth then in field order

	holderPaths map[*schema.Sheet][]string // each holder's field path in the type
	methods     map[string]*goMethod
	names       []string // method names, sorted
	named       *types.Named
	pkg         *Package
}

// field returns the position of g's exported field called name, its own
// or promoted from a struct it embeds, or "". (The holders' fields are
// unexported: an exported name is never one of theirs.)
func (g *GoType) field(name string) string {
	if g.named == nil {
		return ""
	}
	obj, _, _ := types.LookupFieldOrMethod(g.named, true, g.pkg.types, name)
	if v, ok := obj.(*types.Var); ok && v.IsField() {
		return g.pkg.position(v)
	}
	return ""
}

// goMethod is an exported method of a GoType that does not come from one of
// its embedded holders.
type goMethod struct {
	name  string
	sig   *types.Signature
	pos   string
	value bool // declared with a value receiver: it works on a copy
}

// position formats where obj is declared as file:line, relative to the
// config directory; a file outside it (another module's, in the module
// cache or a replace directory) as its package's import path and the
// file's name, so that generated code does not depend on where that is
// checked out. Columns are left out: types loaded from export data carry
// them or not depending on whether the build cache served the package,
// and generated code must not depend on the cache.
func (p *Package) position(obj types.Object) string {
	at := p.fset.Position(obj.Pos())
	at.Column = 0
	if s := p.relative(at.String()); !filepath.IsAbs(at.Filename) || s != at.String() || obj.Pkg() == nil {
		return s
	}
	return fmt.Sprintf("%s/%s:%d", obj.Pkg().Path(), filepath.Base(at.Filename), at.Line)
}

// relative rewrites an absolute "file:line:col" below the config directory
// as a relative, slash-separated one: generated code and messages never
// carry absolute paths.
func (p *Package) relative(position string) string {
	file, rest, ok := strings.Cut(position, ".go:")
	if !ok || !filepath.IsAbs(file) {
		return position
	}
	if rel, err := filepath.Rel(p.dir, file+".go"); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel) + ":" + rest
	}
	return position
}

// lookup finds the named struct type name of the package for a schema
// reference; what names the reference ("type_class", "mixin").
func (p *Package) lookup(name, what string, pos schema.Pos, holders *holderSet, errs *schema.ErrorList) *GoType {
	obj := p.types.Scope().Lookup(name)
	fail := func(format string, args ...any) *GoType {
		*errs = append(*errs, &schema.Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
		return nil
	}
	if obj == nil {
		var candidates []string
		for _, n := range p.types.Scope().Names() {
			if _, ok := p.types.Scope().Lookup(n).(*types.TypeName); ok && token.IsExported(n) {
				candidates = append(candidates, n)
			}
		}
		return fail("%s %s is not a type of package %s%s", what, name, p.Path, schema.Suggest(name, candidates))
	}
	at := p.position(obj)
	tn, ok := obj.(*types.TypeName)
	if !ok {
		return fail("%s %s is not a type: %s.%s (%s) is a %s", what, name, p.Name, name, at, kindOf(obj))
	}
	if !obj.Exported() {
		return fail("%s %s (%s) is unexported: the generated package cannot embed it", what, name, at)
	}
	named, ok := types.Unalias(tn.Type()).(*types.Named)
	if !ok {
		return fail("%s %s (%s) is not a named type", what, name, at)
	}
	if a, ok := tn.Type().(*types.Alias); named.TypeParams().Len() > named.TypeArgs().Len() || ok && a.TypeParams().Len() > 0 {
		return fail("%s %s (%s) is generic: it cannot be embedded without type arguments", what, name, at)
	}
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return fail("%s %s (%s) is not a struct type: it is %s", what, name, at, types.TypeString(named.Underlying(), types.RelativeTo(p.types)))
	}
	for _, m := range p.constrained[named.Obj().Name()] {
		fail("%s %s: method %s (%s) is declared in a file with build constraints, so the generated code would change with GOOS, GOARCH or -tags; declare the methods of document and mixin types in files every build includes", what, name, m.name, p.relative(m.pos))
	}
	g := &GoType{Name: name, Pos: at, methods: map[string]*goMethod{}, named: named, pkg: p, holderPaths: map[*schema.Sheet][]string{}}
	// The holders the type embeds, directly or through structs it embeds
	// (a base shared by several documents), found level by level as Go
	// promotes them. holderIndex holds their field index paths.
	holderIndex := map[string]bool{}
	type level struct {
		st      *types.Struct
		path    []string       // field names from the type
		index   []int          // field indices from the type
		pointer string         // the first pointer on the way, for messages
		outer   []*types.Named // the types on the way, against pointer cycles
	}
	holderAt := map[*schema.Sheet]string{}
	for todo := []level{{st: st, outer: []*types.Named{named}}}; len(todo) > 0; {
		var next []level
		for _, l := range todo {
			for i := 0; i < l.st.NumFields(); i++ {
				f := l.st.Field(i)
				if !f.Embedded() {
					continue
				}
				path := append(slices.Clone(l.path), f.Name())
				index := append(slices.Clone(l.index), i)
				ft, pointer := f.Type(), l.pointer
				if ptr, ok := ft.(*types.Pointer); ok {
					ft = ptr.Elem()
					if pointer == "" {
						pointer = strings.Join(path, ".")
					}
				}
				via := ""
				if len(l.path) > 0 {
					via = " through " + strings.Join(l.path, ".")
				}
				if n, ok := types.Unalias(ft).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == RuntimePath && n.Obj().Name() == "Base" {
					fail("%s %s embeds holders.Base%s (%s): every generated type embeds it already, and the document would hold a second relative URL; remove it", what, name, via, p.position(f))
					holderIndex[fmt.Sprint(index)] = true // its methods are not the document's
					continue
				}
				sheet := holders.of(ft)
				if sheet == nil {
					if n, ok := types.Unalias(ft).(*types.Named); ok && !slices.Contains(l.outer, n) {
						if sub, ok := n.Underlying().(*types.Struct); ok {
							next = append(next, level{st: sub, path: path, index: index, pointer: pointer, outer: append(slices.Clone(l.outer), n)})
						}
					}
					continue
				}
				switch {
				case pointer == strings.Join(path, "."):
					fail("%s %s embeds *%s%s (%s): embed holders by value, so that a new object is ready to use", what, name, f.Name(), via, p.position(f))
				case pointer != "":
					fail("%s %s embeds %s through *%s (%s): embed %s by value, so that a new object is ready to use", what, name, f.Name(), pointer, p.position(f), pointer)
				case holderAt[sheet] != "":
					fail("%s %s embeds %s twice, as %s and %s (%s): embed it once", what, name, f.Name(), holderAt[sheet], strings.Join(path, "."), p.position(f))
				case slices.ContainsFunc(l.path, func(n string) bool { return !token.IsExported(n) }):
					fail("%s %s embeds %s through the unexported field %s (%s): the generated package cannot reach it; export the field", what, name, f.Name(), strings.Join(l.path, "."), p.position(f))
				default:
					holderAt[sheet] = fmt.Sprintf("%s (%s)", strings.Join(path, "."), p.position(f))
					holderIndex[fmt.Sprint(index)] = true
					g.Holders = append(g.Holders, sheet)
					g.holderPaths[sheet] = path
				}
			}
		}
		todo = next
	}
	// inHolder reports whether a selection's index path goes through one
	// of the holders.
	inHolder := func(index []int) bool {
		for k := 1; k < len(index); k++ {
			if holderIndex[fmt.Sprint(index[:k])] {
				return true
			}
		}
		return false
	}
	// An accessor of a holder the document embeds and a member of another
	// struct it embeds, at the same depth, make the selector ambiguous:
	// Go promotes neither, to the document or to the generated type.
	seen := map[string]bool{}
	for _, s := range g.Holders {
		for _, prop := range s.Properties {
			for _, a := range prop.Accessors() {
				if prop.GoName == "" || seen[a.Name] {
					continue
				}
				seen[a.Name] = true
				if obj, index, _ := types.LookupFieldOrMethod(types.NewPointer(named), true, p.types, a.Name); obj != nil || index == nil {
					continue
				}
				depth := len(g.holderPaths[s]) // the accessor's, below the type's fields
				for _, m := range p.membersAt(named, a.Name, depth, holders) {
					fail("%s %s (%s): %s (%s) and the accessor %s of holder %s (sheet %s) are at the same depth, so Go finds neither; define %s on %s itself, or rename one", what, name, g.Pos, m.path, m.pos, a.Name, schema.HolderField(s), s.Name, a.Name, name)
				}
			}
		}
	}
	ms := types.NewMethodSet(types.NewPointer(named))
	for i := 0; i < ms.Len(); i++ {
		sel := ms.At(i)
		fn := sel.Obj().(*types.Func)
		if !fn.Exported() || inHolder(sel.Index()) {
			continue // unexported, or an accessor of a holder the type embeds
		}
		sig := fn.Type().(*types.Signature)
		_, pointer := sig.Recv().Type().(*types.Pointer)
		value := !pointer && !types.IsInterface(sig.Recv().Type()) // an embedded interface's method reaches its dynamic value
		g.methods[fn.Name()] = &goMethod{name: fn.Name(), sig: sig, pos: p.position(fn), value: value}
		g.names = append(g.names, fn.Name())
	}
	sort.Strings(g.names)
	return g
}

// member is a field or method found by membersAt.
type member struct {
	path string // e.g. "Named.Title"
	pos  string
}

// membersAt returns the fields and methods called name that t has at
// depth (0: its own), outside the holders it embeds, in field order.
func (p *Package) membersAt(t types.Type, name string, depth int, holders *holderSet) []member {
	var out []member
	var walk func(t types.Type, prefix string, depth int, seen map[*types.Named]bool)
	walk = func(t types.Type, prefix string, depth int, seen map[*types.Named]bool) {
		if ptr, ok := t.(*types.Pointer); ok {
			t = ptr.Elem()
		}
		if holders.of(t) != nil {
			return
		}
		n, ok := types.Unalias(t).(*types.Named)
		if !ok || seen[n] {
			return
		}
		seen[n] = true
		st, _ := n.Underlying().(*types.Struct)
		if depth == 0 {
			for i := 0; i < n.NumMethods(); i++ {
				if m := n.Method(i); m.Name() == name {
					out = append(out, member{prefix + name, p.position(m)})
				}
			}
			for i := 0; st != nil && i < st.NumFields(); i++ {
				if f := st.Field(i); f.Name() == name {
					out = append(out, member{prefix + name, p.position(f)})
				}
			}
			return
		}
		for i := 0; st != nil && i < st.NumFields(); i++ {
			if f := st.Field(i); f.Embedded() {
				walk(f.Type(), prefix+f.Name()+".", depth-1, maps.Clone(seen))
			}
		}
	}
	if n, ok := t.(*types.Named); ok {
		// The type itself is depth 0: its embedded fields start at 1.
		st := n.Underlying().(*types.Struct)
		for i := 0; i < st.NumFields(); i++ {
			if f := st.Field(i); f.Embedded() {
				walk(f.Type(), f.Name()+".", depth-1, map[*types.Named]bool{n: true})
			}
		}
	}
	return out
}

func kindOf(obj types.Object) string {
	switch obj.(type) {
	case *types.TypeName:
		return "type"
	case *types.Func:
		return "function"
	case *types.Var:
		return "variable"
	case *types.Const:
		return "constant"
	}
	return "package name"
}

// holderSet recognises the generated holder types by import path and name.
type holderSet struct {
	path   string
	sheets map[string]*schema.Sheet // holder type name → sheet
}

func newHolderSet(path string, m *schema.Model) *holderSet {
	h := &holderSet{path: path, sheets: map[string]*schema.Sheet{}}
	for _, s := range append(slices.Clone(m.Sheets), m.CategorySheets...) {
		h.sheets[schema.HolderField(s)] = s
	}
	return h
}

// of returns the sheet whose holder t is, or nil.
func (h *holderSet) of(t types.Type) *schema.Sheet {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != h.path {
		return nil
	}
	return h.sheets[n.Obj().Name()]
}

// accessorSignature is the signature of property p's accessor with role,
// as go/types prints it with package names.
func accessorSignature(p *schema.Property, role schema.Role) string {
	elem := map[schema.Type]string{schema.Int: "int", schema.Float: "float64", schema.Boolean: "bool", schema.Date: "time.Time", schema.Data: "[]byte"}[p.Type.Scalar()]
	if elem == "" {
		elem = "string"
	}
	full := elem
	if p.IsList() {
		full = "[]" + elem
	}
	fails := ""
	if p.Type == schema.Selection || p.Type == schema.MultipleSelection {
		fails = " error"
	}
	switch role {
	case schema.Get, schema.GetID:
		return "func() " + elem
	case schema.GetList, schema.GetSet:
		return "func() " + full
	case schema.Has:
		return "func() bool"
	case schema.Set:
		return "func(" + elem + ")" + fails
	case schema.GetTitle:
		return "func(context.Context) (string, error)"
	case schema.GetValue:
		return "func(context.Context) (holders.Object, error)"
	case schema.GetValueList:
		return "func(context.Context) ([]holders.Object, error)"
	case schema.SetValue:
		return "func(holders.Object)"
	case schema.SetValueList:
		return "func([]holders.Object)"
	}
	return "func(" + full + ")" + fails
}

// unalias replaces the aliases in t, at any depth of the types an
// accessor's signature can have, by what they stand for, and uint8 by its
// alias byte, the accessors' spelling: Go sees one type either way.
func unalias(t types.Type) types.Type {
	switch t := types.Unalias(t).(type) {
	case *types.Slice:
		return types.NewSlice(unalias(t.Elem()))
	case *types.Basic:
		if t.Kind() == types.Uint8 {
			return types.Universe.Lookup("byte").Type()
		}
		return t
	default:
		return t
	}
}

// knownPackages are the packages accessor signatures name, by the name
// accessorSignature gives them, with their import paths.
var knownPackages = map[string]string{"time": "time", "context": "context", "holders": RuntimePath}

// qualifier qualifies a package by its name, as accessorSignature does,
// except a package that has the name of one of knownPackages but another
// path: it is qualified by its path, so that a package of the user's named
// holders or time never passes for the real one, and a message shows which
// it is.
func qualifier(p *types.Package) string {
	if path, ok := knownPackages[p.Name()]; ok && p.Path() != path {
		return p.Path()
	}
	return p.Name()
}

// signature prints a Go signature in accessorSignature's form: parameter
// types only, package-qualified by name (by path for a package named like
// one of knownPackages that is not it).
func signature(sig *types.Signature) string {
	q := qualifier
	list := func(t *types.Tuple, variadic bool) []string {
		var out []string
		for i := 0; i < t.Len(); i++ {
			s := types.TypeString(unalias(t.At(i).Type()), q)
			if variadic && i == t.Len()-1 {
				s = "..." + strings.TrimPrefix(s, "[]")
			}
			out = append(out, s)
		}
		return out
	}
	s := "func(" + strings.Join(list(sig.Params(), sig.Variadic()), ", ") + ")"
	switch res := list(sig.Results(), false); len(res) {
	case 0:
	case 1:
		s += " " + res[0]
	default:
		s += " (" + strings.Join(res, ", ") + ")"
	}
	return s
}
