package bench

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/accessorgen/accessorgen/examples/services/document"
	"github.com/accessorgen/accessorgen/examples/services/registry"
)

// The structures a registry of located singletons could use (look-up by a
// dotted path such as "data.serializers.json", and lazy construction on
// first access) over 2,000 paths, and accessorgen's generated registry of
// examples/services (BenchmarkGeneratedRegistry), whose handful of paths
// is compared with a flat map of the same paths.

type service struct{ name string }

// registryPaths are 2,000 dotted paths of three segments.
func registryPaths() []string {
	var out []string
	for i := range 2000 {
		out = append(out, fmt.Sprintf("area%02d.group%02d.service%d", i%20, i/20%10, i))
	}
	return out
}

// asInput returns copies of paths, as a program receives paths (read from
// a request or a file), never the very strings a map was built with or a
// registry holds: comparing a string with itself stops at the pointers, and
// a look-up would then skip the comparison of bytes that every real
// look-up makes.
func asInput(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = strings.Clone(p)
	}
	return out
}

type node struct {
	children map[string]*node
	value    *service
}

func BenchmarkRegistry(b *testing.B) {
	paths := registryPaths()
	flat := map[string]*service{}
	root := &node{children: map[string]*node{}}
	for _, p := range paths {
		s := &service{p}
		flat[p] = s
		n := root
		for _, seg := range strings.Split(p, ".") {
			c, ok := n.children[seg]
			if !ok {
				c = &node{children: map[string]*node{}}
				n.children[seg] = c
			}
			n = c
		}
		n.value = s
	}
	paths = asInput(paths)
	b.Run("FlatMap", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(paths) {
				i = 0
			}
			if flat[paths[i]] != nil {
				sink++
			}
		}
	})
	b.Run("NestedMapsSplit", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(paths) {
				i = 0
			}
			n := root
			for _, seg := range strings.Split(paths[i], ".") {
				if n = n.children[seg]; n == nil {
					break
				}
			}
			if n != nil && n.value != nil {
				sink++
			}
		}
	})
	var once struct {
		sync.Once
		s *service
	}
	get := func() *service {
		once.Do(func() { once.s = &service{"lazy"} })
		return once.s
	}
	get()
	b.Run("SyncOnceAfterFirst", func(b *testing.B) {
		for b.Loop() {
			if get() != nil {
				sink++
			}
		}
	})
}

func BenchmarkGeneratedRegistry(b *testing.B) {
	document.Out = &bytes.Buffer{} // the example's services log their construction
	root := registry.NewRoot()
	var paths []string
	flat := map[string]any{}
	for _, l := range root.Locations() {
		v, err := root.Lookup(l.Path) // the first access builds the entry
		if err != nil {
			continue // an entry whose constructor fails on purpose
		}
		paths = append(paths, l.Path)
		flat[l.Path] = v
	}
	paths = asInput(paths)
	b.Run("TypedAfterFirst", func(b *testing.B) {
		for b.Loop() {
			v, _ := root.Data().Serializers().JSON()
			anySink = v
		}
	})
	b.Run("LookupByPath", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(paths) {
				i = 0
			}
			anySink, _ = root.Lookup(paths[i])
		}
	})
	b.Run("FlatMapSamePaths", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(paths) {
				i = 0
			}
			anySink = flat[paths[i]]
		}
	})
}
