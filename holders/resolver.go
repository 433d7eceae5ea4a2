package holders

import (
	"context"
	"slices"
	"strings"
	"sync"
)

// Resolver is how generated code reaches other objects: the application's
// storage behind an interface. Category value accessors (RegionValue(ctx))
// traverse relative URLs with Get; related accessors
// (SubordinationRelatedValueList(ctx)) find the objects whose membership in
// a base category points at an object; Children lists sub-objects.
// Implementations must be safe for concurrent use.
type Resolver interface {
	// Get returns the object at a relative URL, or an error wrapping
	// ErrNotFound.
	Get(ctx context.Context, url string) (Object, error)
	// Related returns the objects that have value among their memberships
	// in baseCategory, sorted by relative URL.
	Related(ctx context.Context, baseCategory, value string) ([]Object, error)
	// Children returns the objects directly contained in the object at
	// url, sorted by relative URL.
	Children(ctx context.Context, url string) ([]Object, error)
}

// ErrNotFound is wrapped by Resolver errors for a URL with no object.
var ErrNotFound error = sentinel("not found")

// ErrNoResolver is returned by accessors that need a Resolver when the
// context carries none.
var ErrNoResolver error = sentinel("no resolver in the context: use holders.WithResolver")

type resolverKey struct{}

// WithResolver returns a context carrying r, for the generated accessors
// that reach other objects.
func WithResolver(ctx context.Context, r Resolver) context.Context {
	return context.WithValue(ctx, resolverKey{}, r)
}

// ResolverFrom returns the Resolver ctx carries, or ErrNoResolver.
func ResolverFrom(ctx context.Context) (Resolver, error) {
	if r, ok := ctx.Value(resolverKey{}).(Resolver); ok && r != nil {
		return r, nil
	}
	return nil, ErrNoResolver
}

// Memory is an in-memory Resolver: objects by relative URL, their
// containment (the URL's parent), and an index of category memberships for
// related look-ups. Like ERP5's catalog, the index reflects the objects as
// they were when Put: after changing an object's memberships, Put it again.
// Memory is safe for concurrent use; the objects it holds are not, as
// documented for generated types.
type Memory struct {
	mu       sync.RWMutex
	objects  map[string]Object
	children map[string][]string    // parent URL → child URLs, sorted
	indexed  map[string][][2]string // URL → its indexed (base category, value) pairs
	related  map[[2]string][]string // (base category, value) → URLs, sorted
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory {
	return &Memory{
		objects:  map[string]Object{},
		children: map[string][]string{},
		indexed:  map[string][][2]string{},
		related:  map[[2]string][]string{},
	}
}

// urlSetter is implemented by Base, so by every generated type.
type urlSetter interface{ SetRelativeURL(string) }

// Put stores obj at url, sets the object's relative URL, and indexes its
// category memberships, replacing what url held. It refuses, with
// ErrInvalidValue and storing nothing, a url or a membership that is not a
// relative URL (CheckPath): typed setters store what they are given, and
// the store would otherwise hold objects, and index memberships, at paths
// such as "person_module/../x" that name no object.
func (m *Memory) Put(url string, obj Object) error {
	if err := CheckPath(url); err != nil {
		return err
	}
	var pairs [][2]string
	for _, p := range obj.TypeInfo().Properties {
		if p.Type != "category" {
			continue
		}
		v, err := obj.Value(p.ID)
		if err != nil {
			return err
		}
		if err := CheckPaths(v.Strings()); err != nil {
			return &PropertyError{Type: obj.PortalType(), Property: p.ID, Err: err}
		}
		for _, s := range v.Strings() {
			pairs = append(pairs, [2]string{p.ID, s})
		}
	}
	if s, ok := obj.(urlSetter); ok {
		s.SetRelativeURL(url)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.unindex(url)
	if _, had := m.objects[url]; !had {
		parent := parentURL(url)
		m.children[parent] = insertSorted(m.children[parent], url)
	}
	m.objects[url] = obj
	m.indexed[url] = pairs
	for _, pair := range pairs {
		m.related[pair] = insertSorted(m.related[pair], url)
	}
	return nil
}

// Delete removes the object at url, and its index entries.
func (m *Memory) Delete(url string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.objects[url]; !ok {
		return
	}
	m.unindex(url)
	delete(m.objects, url)
	parent := parentURL(url)
	m.children[parent] = slices.DeleteFunc(m.children[parent], func(s string) bool { return s == url })
}

// unindex removes url's memberships from the index; m.mu is held.
func (m *Memory) unindex(url string) {
	for _, pair := range m.indexed[url] {
		m.related[pair] = slices.DeleteFunc(m.related[pair], func(s string) bool { return s == url })
		if len(m.related[pair]) == 0 {
			delete(m.related, pair)
		}
	}
	delete(m.indexed, url)
}

// Get returns the object at url.
func (m *Memory) Get(_ context.Context, url string) (Object, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if obj, ok := m.objects[url]; ok {
		return obj, nil
	}
	return nil, &notFoundError{url}
}

// notFoundError is Memory's error for a URL with no object: "not found:
// "url"", wrapping ErrNotFound. It is formatted only when read: an
// acquisition that looks for a sub-object the object does not have takes
// the error as absence and never prints it, so building the message with
// fmt on every miss was most of what such a read allocated.
type notFoundError struct{ url string }

func (e *notFoundError) Error() string { return ErrNotFound.Error() + ": " + quote(e.url) }

func (e *notFoundError) Unwrap() error { return ErrNotFound }

// Related returns the objects indexed with value in baseCategory.
func (m *Memory) Related(_ context.Context, baseCategory, value string) ([]Object, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.list(m.related[[2]string{baseCategory, value}]), nil
}

// Children returns the objects directly under url.
func (m *Memory) Children(_ context.Context, url string) ([]Object, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.list(m.children[url]), nil
}

// Find returns the objects of portalType whose property id equals v,
// sorted by relative URL: Memory implements Finder by scanning, which is
// what an in-memory store for tests and small programs can afford.
func (m *Memory) Find(_ context.Context, portalType, id string, v any) ([]Object, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var urls []string
	for url, obj := range m.objects {
		if obj.PortalType() != portalType || !obj.HasProperty(id) {
			continue
		}
		if got, err := obj.GetProperty(id); err == nil && sameValue(got, v) {
			urls = append(urls, url)
		}
	}
	slices.Sort(urls)
	return m.list(urls), nil
}

// list returns the objects at urls; m.mu is held.
func (m *Memory) list(urls []string) []Object {
	out := make([]Object, 0, len(urls))
	for _, u := range urls {
		out = append(out, m.objects[u])
	}
	return out
}

func parentURL(url string) string {
	if i := strings.LastIndexByte(url, '/'); i >= 0 {
		return url[:i]
	}
	return ""
}

func insertSorted(list []string, s string) []string {
	i, found := slices.BinarySearch(list, s)
	if found {
		return list
	}
	return slices.Insert(list, i, s)
}
