package holders

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// Acquisition describes one acquired property of a portal type, for
// Acquire: generated code fills it with typed functions chosen when
// generating, so no reflection is involved.
type Acquisition[T any] struct {
	Property string // the acquired property's id, for the cycle guard
	Mask     bool   // a local value, when set, wins
	Copy     bool   // an acquired value is stored locally, when there is none

	// ObjectIDs are ids of sub-objects (of the object's URL) to read first.
	ObjectIDs []string
	// Memberships return the object's memberships in each base category
	// acquired through; Trees says which of them have a tree.
	Memberships []func() []string
	Bases       []string
	Trees       []bool

	// Local returns the local value and whether it is set, or an error
	// reading it (a content sub-object of the wrong type); SetLocal stores
	// a value (for Copy).
	Local    func() (T, bool, error)
	SetLocal func(T)
	// Remote reads the property on another object: ok is false when obj is
	// not of a portal type acquired from, or has no value.
	Remote func(ctx context.Context, obj Object) (v T, ok bool, err error)
	// Alt are the object's own alternative accessors, in order: each
	// returns its value, whether it has one, and an error reading it (a
	// content sub-object's).
	Alt []func() (T, bool, error)
	// Default returns the value when nothing gives one; nil for the zero T.
	// It is a function, not a T, so that Acquire never returns a value it
	// read from the Acquisition: the compiler can then keep a generated
	// accessor's Acquisition, its slices and function literals on the
	// stack (a T field it returned would make all of them escape).
	Default func() T
}

// defaultValue is a's Default, or the zero T.
func (a *Acquisition[T]) defaultValue() T {
	if a.Default == nil {
		var zero T
		return zero
	}
	return a.Default()
}

type acquiringKey struct{}

// errCycle is what Acquire returns for a property it is already computing
// for the same object: the Acquire that called the Remote, up the stack,
// skips that object. It never reaches the caller of the first Acquire,
// which is not in a cycle.
var errCycle = errors.New("holders: acquisition cycle")

// acquiring is the context Acquire gives the reads it makes of other
// objects: it marks the property of the object at url as being computed,
// and links to the acquisitions already under way, for the cycle guard.
type acquiring struct {
	context.Context
	url, property string
	outer         *acquiring
}

// Value returns the innermost acquisition for acquiringKey.
func (c *acquiring) Value(key any) any {
	if key == (acquiringKey{}) {
		return c
	}
	return c.Context.Value(key)
}

// Acquire computes an acquired property of self in ERP5's order: the local
// value when masking; sub-objects by id; the objects self's memberships
// point at (through the context's Resolver), of the portal types acquired
// from, excluding self; the alternative accessors; the default. The first
// that has a value wins. An acquisition that would come back to a property
// it is already computing (a cycle through related objects) gives no value
// there instead of looping. A sub-object or related object the Resolver
// does not find (ErrNotFound) is skipped; any other Resolver error is
// returned.
func Acquire[T any](ctx context.Context, self Object, a *Acquisition[T]) (T, error) {
	if a.Mask && a.Local != nil {
		if v, ok, err := a.Local(); err != nil || ok {
			return v, err
		}
	}
	url := self.RelativeURL()
	outer, _ := ctx.Value(acquiringKey{}).(*acquiring)
	for c := outer; c != nil; c = c.outer {
		if c.url == url && c.property == a.Property {
			// A cycle: this branch gives nothing. The caller is a Remote
			// of an Acquire up the stack, which skips the object on
			// errCycle; returning the default as a value would stop the
			// search there and be copied by copy_value.
			var zero T
			return zero, errCycle
		}
	}
	// Errors are built by concatenation, and the property copied into
	// the context, so that nothing of a escapes (see Default).
	found := func(v T) (T, error) {
		if a.Copy && a.SetLocal != nil {
			// As ERP5, copy only when the object has no value of its
			// own: a local value (acquired earlier, or set) is kept.
			if a.Local == nil {
				a.SetLocal(v)
			} else if _, set, err := a.Local(); err == nil && !set {
				a.SetLocal(v)
			}
		}
		return v, nil
	}
	if len(a.ObjectIDs) > 0 || len(a.Memberships) > 0 {
		r, err := ResolverFrom(ctx)
		if err != nil {
			return a.defaultValue(), err
		}
		// The context of the reads of other objects, made at the first:
		// most calls return before reaching any.
		var inner context.Context
		mark := func() context.Context {
			if inner == nil {
				inner = &acquiring{Context: ctx, url: url, property: strings.Clone(a.Property), outer: outer}
			}
			return inner
		}
		if url != "" {
			for _, id := range a.ObjectIDs {
				ctx := mark()
				subURL := url + "/" + id
				sub, err := r.Get(ctx, subURL)
				if errors.Is(err, ErrNotFound) {
					continue // no such sub-object
				}
				if err != nil {
					return a.defaultValue(), fmt.Errorf("%s: %w", "acquiring "+a.Property+" from "+quote(subURL), err)
				}
				if v, ok, err := a.Remote(ctx, sub); errors.Is(err, errCycle) {
					continue
				} else if err != nil {
					return a.defaultValue(), err
				} else if ok {
					return found(v)
				}
			}
		}
		for i, memberships := range a.Memberships {
			for _, m := range memberships() {
				ctx := mark()
				objURL := valueURL(a.Bases[i], m, a.Trees[i])
				obj, err := r.Get(ctx, objURL)
				if errors.Is(err, ErrNotFound) {
					continue // unresolvable
				}
				if err != nil {
					return a.defaultValue(), fmt.Errorf("%s: %w", "acquiring "+a.Property+" from "+quote(objURL), err)
				}
				if obj == Object(self) || (obj.RelativeURL() != "" && obj.RelativeURL() == url) {
					continue // self
				}
				if v, ok, err := a.Remote(ctx, obj); errors.Is(err, errCycle) {
					continue
				} else if err != nil {
					return a.defaultValue(), fmt.Errorf("%s: %w", "acquiring "+a.Property+" from "+quote(obj.RelativeURL()), err)
				} else if ok {
					return found(v)
				}
			}
		}
	}
	for _, alt := range a.Alt {
		if v, ok, err := alt(); errors.Is(err, errCycle) {
			continue // an alternative that acquires, back to this property
		} else if err != nil {
			return a.defaultValue(), err
		} else if ok {
			return v, nil
		}
	}
	if !a.Mask && a.Local != nil {
		if v, ok, err := a.Local(); err != nil || ok {
			return v, err
		}
	}
	return a.defaultValue(), nil
}

// ContentOfTypes is Content for a content property of several portal
// types, whose value is an Object: a sub-object whose portal type is not
// one of portalTypes is ErrWrongType.
func ContentOfTypes(ctx context.Context, obj Object, id string, portalTypes ...string) (Object, error) {
	sub, err := Content[Object](ctx, obj, id)
	if err != nil || sub == nil {
		return nil, err
	}
	if !slices.Contains(portalTypes, sub.PortalType()) {
		return nil, fmt.Errorf("%w: %s: want portal type %s, got %s", ErrWrongType, quote(obj.RelativeURL()+"/"+id), orList(portalTypes), quote(sub.PortalType()))
	}
	return sub, nil
}

// Content returns the sub-object id of obj (at obj's URL + "/" + id) as a
// T, through the context's Resolver: a content property's value, ERP5's
// default_address. With no such sub-object it returns the zero T and no
// error; a sub-object of another type is ErrWrongType.
func Content[T Object](ctx context.Context, obj Object, id string) (T, error) {
	var zero T
	if obj.RelativeURL() == "" {
		return zero, nil // an object not stored has no sub-objects
	}
	r, err := ResolverFrom(ctx)
	if err != nil {
		return zero, err
	}
	url := obj.RelativeURL() + "/" + id
	sub, err := r.Get(ctx, url)
	if errors.Is(err, ErrNotFound) {
		return zero, nil
	}
	if err != nil {
		return zero, err
	}
	v, ok := sub.(T)
	if !ok {
		return zero, fmt.Errorf("%w: %s: want %s, got %T (portal type %s)", ErrWrongType, quote(url), reflect.TypeFor[T](), sub, quote(sub.PortalType()))
	}
	return v, nil
}

// orList quotes names and joins them with "or": "Address" or "Email".
func orList(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = quote(n)
	}
	return strings.Join(quoted, " or ")
}
