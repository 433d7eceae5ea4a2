package holders

import (
	"fmt"
	"slices"
	"strings"
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
// even when several goroutines access it first at the same time. After
// that, an access is one atomic load. The generated root keeps the
// entry's value and error beside it, so that the accessor's fast path is
// small enough for the compiler to inline, as sync.Once's is:
//
//	func (g DataSerializersGroup) JSON() (*document.JSONSerializer, error) {
//		if !g.r.dataSerializersJSON.Built() {
//			g.r.buildDataSerializersJSON()
//		}
//		return g.r.dataSerializersJSONValue, g.r.dataSerializersJSONErr
//	}
//
// The first access goes through the root's Builder (see Builder.Begin),
// which builds the entry or waits for the goroutine building it.
type Entry struct {
	// done is 1 once built, read with atomic.LoadUint32: one call less
	// than atomic.Uint32's method, which keeps the accessors' inlining
	// cost within the compiler's budget (measured: 80 of 80).
	done  uint32
	owner *Build // the build constructing the entry; guarded by its Builder
}

// Built reports whether the entry has been built (successfully or not).
func (e *Entry) Built() bool { return atomic.LoadUint32(&e.done) != 0 }

// Done marks the entry built; its value and error must be set before.
func (e *Entry) Done() { atomic.StoreUint32(&e.done, 1) }

// ErrCycle is wrapped by the error a look-up returns when building the
// entry would wait for itself: a constructor that looks up, through the
// Registry it receives, its own entry or one whose construction needs it,
// in the same goroutine or in goroutines that would wait for each other.
var ErrCycle error = sentinel("registry cycle")

// CycleError is the error of a look-up that closes a cycle of
// constructions. The look-up fails; the entries in the chain are still
// being built, and their constructors decide what to make of it.
type CycleError struct {
	// Chain lists the paths of the cycle, in the order each construction
	// needs the next, starting and ending with the same path:
	// "tools.a", "tools.b", "tools.a".
	Chain []string
}

// Error formats the error as "registry cycle: tools.a -> tools.b -> tools.a".
func (e *CycleError) Error() string {
	return "registry cycle: " + strings.Join(e.Chain, " -> ")
}

// Unwrap returns ErrCycle.
func (e *CycleError) Unwrap() error { return ErrCycle }

// Builder is a generated Root's state of first constructions: which
// entries each build in progress constructs, and which it waits for. It makes every entry built once, makes a goroutine that accesses
// an entry under construction wait for it, and turns what would be a
// deadlock (a constructor waiting, directly or through other
// constructions and other goroutines, for its own entry) into a
// *CycleError. Its lock is held only to take or release an entry, never
// while a constructor runs, so independent entries are built in
// parallel. The zero Builder is ready to use.
type Builder struct {
	mu   sync.Mutex
	cond sync.Cond // signalled when an entry is released; L is &mu
}

// Build is one first access and every construction it leads to, nested
// in one goroutine. Generated code hands it down explicitly, to the
// constructions of dependencies and to the Registry a constructor
// receives, because Go gives a goroutine no identity to find it by.
type Build struct {
	stack []frame // the entries being constructed, outermost first
	// waiting lists the entries this build waits for: one, but several
	// when goroutines share the build (a constructor's goroutine using the
	// Registry it received while the constructor runs), so that no wait
	// is lost from the cycle check.
	waiting []*Entry
	done    bool // the outermost construction ended: a later use starts a new build
	// first holds the stack of most builds: one allocation per build.
	first [4]frame
}

// newBuild returns a build with no construction in progress.
func newBuild() *Build {
	b := new(Build)
	b.stack = b.first[:0]
	return b
}

// frame is one entry under construction.
type frame struct {
	e    *Entry
	path string
}

// Begin starts the construction of e, at path, for b (nil for an access
// from outside any construction). It returns the build to pass to the
// constructions e needs, after which the caller builds e, calls Done and
// then End (deferred, so that a constructor that panics leaves e unbuilt
// for the next access to retry). It returns a nil build when e is built,
// perhaps by another goroutine while this one waited, and a nil build with
// a *CycleError when waiting for e would never end.
func (bl *Builder) Begin(b *Build, e *Entry, path string) (*Build, error) {
	if e.Built() {
		return nil, nil
	}
	bl.mu.Lock()
	defer bl.mu.Unlock()
	if bl.cond.L == nil {
		bl.cond.L = &bl.mu
	}
	if b == nil || b.done {
		b = newBuild()
	}
	for !e.Built() {
		if e.owner == nil {
			e.owner = b
			b.stack = append(b.stack, frame{e, path})
			return b, nil
		}
		if chain := b.cycle(e); chain != nil {
			return nil, &CycleError{Chain: chain}
		}
		b.waiting = append(b.waiting, e)
		bl.cond.Wait()
		i := slices.Index(b.waiting, e)
		b.waiting = slices.Delete(b.waiting, i, i+1)
		if b.done {
			// The build ended while this goroutine (one a constructor
			// started, sharing its build) waited: taking e into it would
			// hide e from the constructions e leads to, as a later use
			// of a done build starts a new one.
			b = newBuild()
		}
	}
	return nil, nil
}

// End releases e, which b began, and wakes the goroutines waiting for an
// entry.
func (bl *Builder) End(b *Build, e *Entry) {
	bl.mu.Lock()
	defer bl.mu.Unlock()
	e.owner = nil
	if i := b.index(e); i >= 0 {
		b.stack = slices.Delete(b.stack, i, i+1)
	}
	b.done = len(b.stack) == 0
	bl.cond.Broadcast()
}

// Within returns the build a look-up through the Registry handed to e's
// constructor belongs to: b while e's construction is in b, nil (an access
// from outside any construction) once e's constructor has returned. So a
// Registry kept by a nested constructor and used later, while the outer
// construction still runs, is the root, as it is after the whole build,
// rather than a part of constructions it no longer belongs to.
func (bl *Builder) Within(b *Build, e *Entry) *Build {
	if b == nil {
		return nil
	}
	bl.mu.Lock()
	defer bl.mu.Unlock()
	if b.index(e) < 0 {
		return nil
	}
	return b
}

// index returns e's place in b's stack, or -1.
func (b *Build) index(e *Entry) int {
	for i := len(b.stack) - 1; i >= 0; i-- {
		if b.stack[i].e == e {
			return i
		}
	}
	return -1
}

// paths appends the paths of b's stack from i on to chain.
func (b *Build) paths(chain []string, i int) []string {
	for _, f := range b.stack[i:] {
		chain = append(chain, f.path)
	}
	return chain
}

// cycle returns the chain of paths by which b, waiting for e, would wait
// for itself, or nil when it would not: a search from e's owner through
// what each build waits for. Waits form no cycle but this one (Begin
// refuses to wait otherwise), and seen ends the search of a build reached
// twice.
func (b *Build) cycle(e *Entry) []string {
	seen := map[*Build]bool{}
	// walk returns the paths from w, through the builds that wait, to the
	// entry of b's stack at which the chain closes, and that entry's index.
	var walk func(w *Entry) ([]string, int)
	walk = func(w *Entry) ([]string, int) {
		o := w.owner
		if o == nil {
			return nil, -1
		}
		i := o.index(w)
		switch {
		case i < 0:
			return nil, -1
		case o == b:
			return nil, i
		case seen[o]:
			return nil, -1
		}
		seen[o] = true
		for _, next := range o.waiting {
			if rest, j := walk(next); j >= 0 {
				return append(o.paths(nil, i), rest...), j
			}
		}
		return nil, -1
	}
	others, j := walk(e)
	if j < 0 {
		return nil
	}
	chain := b.paths(nil, j)
	chain = append(chain, others...)
	return append(chain, b.stack[j].path)
}

// Transient reports whether the error a construction in b got from its
// dependency dep is a cycle through constructions in progress rather than
// the dependency's kept error (dep is not built), in a construction nested
// in another. Its constructor never ran, so the entry must not keep the
// error: it is returned to the construction that asked, and the next
// access tries again. The outermost construction keeps it, as its
// accessor reads the entry's fields.
func (bl *Builder) Transient(b *Build, dep *Entry) bool {
	if dep.Built() {
		return false
	}
	bl.mu.Lock()
	defer bl.mu.Unlock()
	return len(b.stack) > 1
}
