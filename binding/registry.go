package binding

import (
	"fmt"
	"go/types"
	"strings"

	"github.com/accessorgen/accessorgen/schema"
)

// RuntimePath is the import path of the runtime package.
const RuntimePath = "github.com/accessorgen/accessorgen/holders"

// Entry is a registry location, bound: what its accessor returns and how
// it is built.
type Entry struct {
	*schema.Location
	// For a service: the constructor, the type it returns, whether it
	// also returns an error, and what each parameter receives.
	Func   *Func
	Result types.Type
	Errors bool
	Deps   []*Entry // per parameter; nil for a holders.Registry parameter (the root)
	// For a portal type: its composition.
	Type *Type
}

// GoType describes what the entry's accessor returns, for people.
func (e *Entry) GoType(typesPkg string) string {
	if e.Type != nil {
		return "*" + typesPkg + "." + e.Type.GoName
	}
	return types.TypeString(e.Result, qualifier)
}

// bindRegistry binds every location of m: services to their constructors,
// whose parameters are matched by type against the other entries (or the
// root, for a holders.Registry parameter); portal types to their
// composition. A dependency cycle between constructors is an error that
// shows the cycle.
func bindRegistry(m *schema.Model, pkg *Package, byType map[*schema.PortalType]*Type) ([]*Entry, schema.ErrorList) {
	var errs schema.ErrorList
	add := func(pos schema.Pos, format string, args ...any) {
		errs = append(errs, &schema.Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
	}
	var entries []*Entry
	type param struct {
		e   *Entry
		typ types.Type
		i   int
	}
	var params []param
	for _, l := range m.Registry {
		e := &Entry{Location: l}
		entries = append(entries, e)
		if l.Type != nil {
			e.Type = byType[l.Type]
			continue
		}
		s := l.Service
		if s.Func.Name == "" {
			continue // reported by schema
		}
		if pkg.unloaded() {
			continue
		}
		if pkg == nil {
			add(s.Func.Pos, "service %s needs a documents package for its func %s: add documents: to the config", l.Path, s.Func.Name)
			continue
		}
		f, fn, err := pkg.findFunc(s.Func)
		if err != nil {
			errs = append(errs, err.(schema.ErrorList)...)
			continue
		}
		e.Func = f
		sig := fn.Type().(*types.Signature)
		res := sig.Results()
		switch {
		case res.Len() == 1 && !isError(res.At(0).Type()):
		case res.Len() == 2 && !isError(res.At(0).Type()) && isError(res.At(1).Type()):
			e.Errors = true
		default:
			add(s.Func.Pos, "func %s (%s) has the signature %s; a constructor returns one value, or a value and an error", f.Name, f.Pos, f.Sig)
			continue
		}
		if sig.Variadic() {
			add(s.Func.Pos, "func %s (%s) is variadic; a constructor's parameters are the entries it needs", f.Name, f.Pos)
			continue
		}
		e.Result = res.At(0).Type()
		if err := expressible(e.Result); err != "" {
			add(s.Func.Pos, "func %s (%s) returns %s: %s", f.Name, f.Pos, types.TypeString(e.Result, qualifier), err)
			e.Result = nil
			continue
		}
		e.Deps = make([]*Entry, sig.Params().Len())
		for i := 0; i < sig.Params().Len(); i++ {
			params = append(params, param{e, sig.Params().At(i).Type(), i})
		}
	}
	// Parameters, by type.
	for _, p := range params {
		if isRegistry(p.typ) {
			continue // the root itself
		}
		var found []*Entry
		for _, other := range entries {
			if other.Result != nil && types.Identical(other.Result, p.typ) {
				found = append(found, other)
			}
		}
		want := types.TypeString(p.typ, qualifier)
		switch len(found) {
		case 1:
			p.e.Deps[p.i] = found[0]
		case 0:
			add(p.e.Service.Func.Pos, "func %s (%s) needs a %s (parameter %d), which no service returns; constructors receive other entries, or holders.Registry for the root", p.e.Func.Name, p.e.Func.Pos, want, p.i+1)
		default:
			var paths []string
			for _, f := range found {
				paths = append(paths, f.Path)
			}
			add(p.e.Service.Func.Pos, "func %s (%s) needs a %s (parameter %d), which several services return (%s): take holders.Registry and look one up by path", p.e.Func.Name, p.e.Func.Pos, want, p.i+1, strings.Join(paths, ", "))
		}
	}
	// Cycles among the dependencies found, even if others are missing.
	errs = append(errs, cycles(entries)...)
	return entries, errs
}

// cycles reports each dependency cycle between constructors once, at the
// entry of the cycle that comes first by path, showing the whole cycle.
func cycles(entries []*Entry) schema.ErrorList {
	var errs schema.ErrorList
	const (
		unseen = iota
		active
		done
	)
	state := map[*Entry]int{}
	var stack []*Entry
	var visit func(e *Entry)
	visit = func(e *Entry) {
		state[e] = active
		stack = append(stack, e)
		for _, d := range e.Deps {
			switch {
			case d == nil:
			case state[d] == active:
				i := len(stack) - 1
				for stack[i] != d {
					i--
				}
				var path []string
				for _, s := range stack[i:] {
					path = append(path, s.Path)
				}
				errs = append(errs, &schema.Error{Pos: d.Service.Func.Pos,
					Msg: fmt.Sprintf("dependency cycle between constructors: %s → %s", strings.Join(path, " → "), d.Path)})
			case state[d] == unseen:
				visit(d)
			}
		}
		stack = stack[:len(stack)-1]
		state[e] = done
	}
	for _, e := range entries {
		if state[e] == unseen {
			visit(e)
		}
	}
	return errs
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// isRegistry reports whether t is holders.Registry.
func isRegistry(t types.Type) bool {
	n, ok := t.(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == RuntimePath && n.Obj().Name() == "Registry"
}

// expressible says why generated code could not name t, or "".
func expressible(t types.Type) string {
	switch t := t.(type) {
	case *types.Named:
		if t.Obj().Pkg() == nil {
			return "" // error, comparable
		}
		if !t.Obj().Exported() {
			return "an unexported type, which the generated package cannot name"
		}
		if t.TypeArgs().Len() > 0 {
			return "a generic type instance; return a named type"
		}
		return ""
	case *types.Pointer:
		return expressible(t.Elem())
	case *types.Slice:
		return expressible(t.Elem())
	case *types.Map:
		if why := expressible(t.Key()); why != "" {
			return why
		}
		return expressible(t.Elem())
	case *types.Basic:
		return ""
	case *types.Alias:
		return expressible(types.Unalias(t))
	}
	return "a type literal; return a named type"
}
