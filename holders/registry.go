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

// Location describes one registry path.
type Location struct {
	Path       string
	Kind       string // "service" or "portal type"
	GoType     string // what the accessor returns, e.g. "*document.JSONSerializer"
	Pos        string // schema file:line of the location
	Layer      string // the config layer that defines it; "" without layers
	Func       string // a service's constructor and its Go position
	AliasOf    string // for an alias, the path it stands for
	Deprecated string // for a deprecated alias, what to use instead
	Built      bool   // the entry has been built (for an alias: its target)
}

// Lazy is a registry entry: built once, on first access, even when
// several goroutines access it first at the same time. Each entry has its
// own lock, taken only until it is built; after that, access is one atomic
// load. A constructor's error is kept and returned by every access, as the
// value would be.
type Lazy[T any] struct {
	done  atomic.Bool
	mu    sync.Mutex
	value T
	err   error
}

// Built reports whether the entry has been built (successfully or not).
func (l *Lazy[T]) Built() bool { return l.done.Load() }

// Load returns l's value, building it with build(root) on first access.
// build is a method expression of the generated root, so that no closure
// is allocated on the fast path.
func Load[R, T any](l *Lazy[T], root R, build func(R) (T, error)) (T, error) {
	if l.done.Load() {
		return l.value, l.err
	}
	return loadSlow(l, root, build)
}

// loadSlow builds the entry under its lock, unless another goroutine did
// while this one waited. A constructor that panics leaves the entry
// unbuilt: the next access tries again.
func loadSlow[R, T any](l *Lazy[T], root R, build func(R) (T, error)) (T, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.done.Load() {
		l.value, l.err = build(root)
		l.done.Store(true)
	}
	return l.value, l.err
}
