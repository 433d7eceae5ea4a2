package holders

import (
	"fmt"
	"sync"
	"sync/atomic"
)

// Registry is what a generated Root implements: entries by dotted path,
// each built on first access. A constructor that takes a Registry
// receives the root it is built for, never a global.
type Registry interface {
	// Lookup returns the entry at path (or at an alias), building it on
	// first access; an unknown path gives an error wrapping
	// ErrUnknownLocation.
	Lookup(path string) (any, error)
	// Locations lists every path and alias, sorted, with whether it is
	// built yet.
	Locations() []Location
}

// ErrUnknownLocation is wrapped by Lookup's error for a path the registry
// does not have.
var ErrUnknownLocation error = sentinel("unknown location")

// UnknownLocation returns Lookup's error for path.
func UnknownLocation(path string) error {
	return fmt.Errorf("%w: %s", ErrUnknownLocation, quote(path))
}

// AnyOf returns an accessor's results as Lookup does: the value as an
// any, or nil and the error. Generated Lookup tables call it.
func AnyOf[T any](v T, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return v, nil
}

// Result is a built entry's value as Lookup returns it, published once
// the entry is built: generated Roots keep one per entry in an array, so
// that Lookup and Locations reach any entry's state without code per
// entry.
type Result struct {
	done atomic.Uint32
	v    any
	err  error
}

// Publish records the entry's value, or its error (then the value is
// dropped, as Lookup returns nil with an error). The builder calls it once,
// before the entry is done.
func (r *Result) Publish(v any, err error) {
	if err != nil {
		v = nil
	}
	r.v, r.err = v, err
	r.done.Store(1)
}

// Load returns what Publish recorded; ok is false before.
func (r *Result) Load() (v any, err error, ok bool) {
	if r.done.Load() == 0 {
		return nil, nil, false
	}
	return r.v, r.err, true
}

// Published reports whether Publish was called.
func (r *Result) Published() bool { return r.done.Load() != 0 }

// Location describes one registry path.
type Location struct {
	Path       string
	Kind       string // "service" or "portal type"
	GoType     string // what the accessor returns, e.g. "*document.JSONSerializer"
	Pos        string // schema file:line of the location
	Layer      string // the config layer that defines it; "" without layers
	Replaces   string // the definition of a lower layer it replaces: "file:line (layer core)"
	Func       string // a service's constructor and its Go position
	AliasOf    string // for an alias, the path it stands for
	Deprecated string // for a deprecated alias, what to use instead
	Built      bool   // the entry has been built (for an alias: its target)
}

// Entry is the state of one registry entry: built once, on first access,
// even when several goroutines access it first at the same time. Each
// entry has its own lock, taken only until it is built; after that, an
// access is one atomic load. The generated root keeps the entry's value
// and error beside it, so that the accessor's fast path is small enough
// for the compiler to inline, as sync.Once's is:
//
//	func (g DataSerializersGroup) JSON() (*document.JSONSerializer, error) {
//		if !g.r.json.Built() {
//			g.r.buildJSON()
//		}
//		return g.r.jsonValue, g.r.jsonErr
//	}
//
//	func (r *Root) buildJSON() {
//		if !r.json.Lock() {
//			return // another goroutine built it while this one waited
//		}
//		defer r.json.Unlock()
//		r.jsonValue, r.jsonErr = document.NewJSONSerializer(), nil
//		r.json.Done()
//	}
//
// A constructor's error is kept, as its value would be. A constructor that
// panics leaves the entry unbuilt: Unlock runs, Done does not, and the next
// access tries again.
type Entry struct {
	// done is 1 once built, read with atomic.LoadUint32: one call less
	// than atomic.Uint32's method, which keeps the accessors' inlining
	// cost within the compiler's budget (measured: 80 of 80).
	done uint32
	mu   sync.Mutex
}

// Built reports whether the entry has been built (successfully or not).
func (e *Entry) Built() bool { return atomic.LoadUint32(&e.done) != 0 }

// Lock takes the entry's lock to build it. It returns false, holding
// nothing, when the entry was built while the caller waited.
func (e *Entry) Lock() bool {
	e.mu.Lock()
	if atomic.LoadUint32(&e.done) != 0 {
		e.mu.Unlock()
		return false
	}
	return true
}

// Done marks the entry built; the caller still holds the lock.
func (e *Entry) Done() { atomic.StoreUint32(&e.done, 1) }

// Unlock releases the lock Lock took.
func (e *Entry) Unlock() { e.mu.Unlock() }
