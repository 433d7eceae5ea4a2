package bench

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/accessorgen/accessorgen/bench/registry2000/document"
	"github.com/accessorgen/accessorgen/bench/registry2000/registry"
	"github.com/accessorgen/accessorgen/bench/synth"
)

// registry2000Services is the number of services of bench/registry2000
// (its generate.go).
const registry2000Services = 2000

// The generated registry of 2,000 services in bench/registry2000, the size
// of BenchmarkRegistry's hand-made paths: its typed accessor and Lookup
// after each entry's first access, against a flat map of the same paths,
// and the first access itself.

// registry2000Paths are the registry's paths, in service order (not
// sorted: consecutive look-ups go to different areas).
func registry2000Paths() []string {
	paths := make([]string, registry2000Services)
	for i := range paths {
		paths[i] = synth.ServicePath(i)
	}
	return paths
}

// builtRegistry2000 returns a root whose every entry is built, and a flat
// map of the same paths to the same services.
func builtRegistry2000(tb testing.TB, paths []string) (*registry.Root, map[string]*document.Service) {
	root := registry.NewRoot()
	flat := make(map[string]*document.Service, len(paths))
	for i, p := range paths {
		v, err := root.Lookup(p) // the first access builds the entry
		if err != nil {
			tb.Fatal(err)
		}
		s := v.(interface{ Base() *document.Service }).Base()
		if s.ID != i {
			tb.Fatalf("%s: service %d, want %d", p, s.ID, i)
		}
		flat[p] = s
	}
	return root, flat
}

func TestGeneratedRegistry2000(t *testing.T) {
	paths := registry2000Paths()
	root := registry.NewRoot()
	locs := root.Locations()
	if len(locs) != len(paths) {
		t.Fatalf("%d locations, want %d", len(locs), len(paths))
	}
	for _, l := range locs {
		if l.Built {
			t.Fatalf("%s built before any access", l.Path)
		}
	}
	s, err := root.Area01().Group05().Service0101() // takes the hub area00.group05.service0100
	if err != nil || s.ID != 101 || s.Dep == nil || s.Dep.ID != 100 {
		t.Fatalf("service0101 = %+v, %v", s, err)
	}
	hub, _ := root.Area00().Group05().Service0100()
	if s.Dep != &hub.Service {
		t.Error("service0101 was not built with the registry's hub")
	}
	root, flat := builtRegistry2000(t, paths)
	for _, l := range root.Locations() {
		if !l.Built {
			t.Errorf("%s not built after its look-up", l.Path)
		}
	}
	typed, _ := root.Area14().Group01().Service1234()
	if typed != flat["area14.group01.service1234"] || typed.ID != 1234 {
		t.Errorf("typed accessor %+v, map %+v", typed, flat["area14.group01.service1234"])
	}
	if _, err := root.Lookup("area14.group01.service9999"); err == nil {
		t.Error("an unknown path found")
	}
}

// TestRegistry2000Inputs checks that bench/registry2000's schema and
// documents package are what its go:generate line has cmd/synth write
// (accessorgen's check covers the generated registry).
func TestRegistry2000Inputs(t *testing.T) {
	for name, want := range (synth.Registry{Services: registry2000Services, DependEvery: 100}).Files() {
		got, err := os.ReadFile(filepath.Join("registry2000", filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("registry2000/%s is not what cmd/synth writes: run go generate ./registry2000", name)
		}
	}
}

// The loops repeat BenchmarkGeneratedRegistry's on purpose: each calls
// its registry's methods directly, as a user does; through a shared helper
// taking function values every access would measure an indirect call more.
func BenchmarkGeneratedRegistry2000(b *testing.B) {
	paths := registry2000Paths()
	root, flat := builtRegistry2000(b, paths)
	paths = asInput(paths)
	b.Run("TypedAfterFirst", func(b *testing.B) {
		for b.Loop() {
			v, _ := root.Area14().Group01().Service1234()
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
	// The first access of each entry, by Lookup over every path in turn:
	// after the last path, a new root, created with the timer stopped.
	b.Run("FirstAccessLookup", func(b *testing.B) {
		fresh := registry.NewRoot()
		for i := 0; b.Loop(); i++ {
			if i == len(paths) {
				i = 0
				b.StopTimer()
				fresh = registry.NewRoot()
				b.StartTimer()
			}
			anySink, _ = fresh.Lookup(paths[i])
		}
	})
}
