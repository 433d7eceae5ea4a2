package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/accessorgen/accessorgen/examples/services/document"
	"github.com/accessorgen/accessorgen/examples/services/registry"
)

// The registry's costs against what a Go user would write instead, in one
// run (docs/performance.md): an entry's typed accessor after the first
// access, Lookup by path, a flat map of paths, nested maps walked by
// splitting the path, and a sync.Once-guarded global.

var sinkAny any

func builtRoot(b *testing.B) *registry.Root {
	document.Out = &bytes.Buffer{}
	root := registry.NewRoot()
	for _, l := range root.Locations() {
		if _, err := root.Lookup(l.Path); err != nil && l.Path != "clients.remote" {
			b.Fatal(err)
		}
	}
	return root
}

func BenchmarkRegistryTyped(b *testing.B) {
	root := builtRoot(b)
	b.ReportAllocs()
	for b.Loop() {
		v, _ := root.Data().Serializers().JSON()
		sinkAny = v
	}
}

func BenchmarkRegistryLookup(b *testing.B) {
	root := builtRoot(b)
	b.ReportAllocs()
	for b.Loop() {
		v, _ := root.Lookup("data.serializers.json")
		sinkAny = v
	}
}

func BenchmarkFlatMap(b *testing.B) {
	m := map[string]any{}
	root := builtRoot(b)
	for _, l := range root.Locations() {
		m[l.Path], _ = root.Lookup(l.Path)
	}
	b.ReportAllocs()
	for b.Loop() {
		sinkAny = m["data.serializers.json"]
	}
}

func BenchmarkNestedMapsSplit(b *testing.B) {
	tree := map[string]any{}
	root := builtRoot(b)
	for _, l := range root.Locations() {
		node := tree
		segs := strings.Split(l.Path, ".")
		for _, s := range segs[:len(segs)-1] {
			next, ok := node[s].(map[string]any)
			if !ok {
				next = map[string]any{}
				node[s] = next
			}
			node = next
		}
		node[segs[len(segs)-1]], _ = root.Lookup(l.Path)
	}
	b.ReportAllocs()
	for b.Loop() {
		var v any = tree
		for _, s := range strings.Split("data.serializers.json", ".") {
			v = v.(map[string]any)[s]
		}
		sinkAny = v
	}
}

var (
	onceJSON   sync.Once
	globalJSON *document.JSONSerializer
)

func BenchmarkSyncOnceGlobal(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		onceJSON.Do(func() { globalJSON = document.NewJSONSerializer() })
		sinkAny = globalJSON
	}
}

// lazyJSON is what a hand-written lazy field looks like: a sync.Once in
// a struct reached through a pointer, as the generated root's entries are.
type lazyJSON struct {
	once sync.Once
	v    *document.JSONSerializer
}

func (l *lazyJSON) get() *document.JSONSerializer {
	l.once.Do(func() { l.v = document.NewJSONSerializer() })
	return l.v
}

func BenchmarkSyncOnceField(b *testing.B) {
	l := &lazyJSON{}
	b.ReportAllocs()
	for b.Loop() {
		sinkAny = l.get()
	}
}

// BenchmarkFirstAccess builds a new root and its first entry each time:
// the lazy path, with its dependencies (clients.kv builds three entries).
func BenchmarkFirstAccess(b *testing.B) {
	document.Out = &bytes.Buffer{}
	b.ReportAllocs()
	for b.Loop() {
		root := registry.NewRoot()
		v, _ := root.Clients().Kv()
		sinkAny = v
	}
}
