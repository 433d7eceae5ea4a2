package binding

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"github.com/accessorgen/accessorgen/schema"
)

// Func is a function or method of the documents package that the schema
// names in a func: key (dynamic categories, expression constraints,
// service constructors).
type Func struct {
	Name string // as the schema names it: "Classify" or "Person.IsEmployee"
	Recv string // the receiver's type name for a method, "" for a function
	Sig  string // its signature, in accessorSignature's form
	Pos  string // its Go position, relative to the config directory
}

// LookupFunc resolves ref, "Func" for a function or "Type.Method" for a
// method of a documents type, and checks that its signature (without the
// receiver) is one of want, written as "func(string) bool". Errors are
// positioned at ref.Pos and name the Go position of what was found.
func (p *Package) LookupFunc(ref schema.Ref, want ...string) (*Func, error) {
	f, _, err := p.findFunc(ref)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(want, f.Sig) {
		return nil, schema.ErrorList{{Pos: ref.Pos, Msg: fmt.Sprintf("func %s (%s) has the signature %s; want %s", ref.Name, f.Pos, f.Sig, strings.Join(want, " or "))}}
	}
	return f, nil
}

// findFunc resolves ref as LookupFunc does, without checking the
// signature, and also returns the function's go/types object.
func (p *Package) findFunc(ref schema.Ref) (*Func, *types.Func, error) {
	fail := func(format string, args ...any) (*Func, *types.Func, error) {
		return nil, nil, schema.ErrorList{{Pos: ref.Pos, Msg: fmt.Sprintf(format, args...)}}
	}
	typeName, method, isMethod := strings.Cut(ref.Name, ".")
	var fn *types.Func
	f := &Func{Name: ref.Name}
	if !isMethod {
		obj := p.types.Scope().Lookup(ref.Name)
		var ok bool
		if fn, ok = obj.(*types.Func); !ok {
			var funcs []string
			for _, n := range p.types.Scope().Names() {
				if _, ok := p.types.Scope().Lookup(n).(*types.Func); ok {
					funcs = append(funcs, n)
				}
			}
			if obj != nil {
				return fail("func %s is not a function: %s.%s (%s) is a %s", ref.Name, p.Name, ref.Name, p.position(obj), kindOf(obj))
			}
			return fail("func %s is not an exported function of package %s%s", ref.Name, p.Path, schema.Suggest(ref.Name, funcs))
		}
	} else {
		tn, ok := p.types.Scope().Lookup(typeName).(*types.TypeName)
		if !ok {
			return fail("func %s: %s is not a type of package %s", ref.Name, typeName, p.Path)
		}
		ms := types.NewMethodSet(types.NewPointer(tn.Type()))
		var names []string
		for i := 0; i < ms.Len(); i++ {
			m := ms.At(i).Obj().(*types.Func)
			names = append(names, m.Name())
			if m.Name() == method {
				fn = m
			}
		}
		if fn == nil {
			return fail("func %s: %s.%s has no method %s%s", ref.Name, p.Name, typeName, method, schema.Suggest(method, names))
		}
		f.Recv = typeName
	}
	if !fn.Exported() {
		return fail("func %s (%s) is unexported", ref.Name, p.position(fn))
	}
	f.Sig = signature(fn.Type().(*types.Signature))
	f.Pos = p.position(fn)
	return f, fn, nil
}
