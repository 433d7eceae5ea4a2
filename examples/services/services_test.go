package main

import (
	"bytes"
	"errors"
	"flag"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/accessorgen/accessorgen/examples/services/document"
	"github.com/accessorgen/accessorgen/examples/services/registry"
	"github.com/accessorgen/accessorgen/holders"
	"github.com/accessorgen/accessorgen/internal/exampletest"
	"github.com/accessorgen/accessorgen/schema"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/run.stdout")

// TestGeneratedCodeIsUpToDate fails when the checked-in generated packages
// differ from what the schema produces: run go generate ./examples/services.
func TestGeneratedCodeIsUpToDate(t *testing.T) { exampletest.UpToDate(t, "services") }

// TestRun pins the example's output.
func TestRun(t *testing.T) { exampletest.Output(t, "services", *update, run) }

var constructors = []string{"core.logger", "data.serializers.json", "data.serializers.base64", "clients.kv", "clients.remote", "tools.inventory"}

// Importing the package and creating a Root builds nothing; accessing an
// entry builds it and its dependencies, and nothing else.
func TestNothingBuiltUntilAccessed(t *testing.T) {
	document.Built.Reset()
	document.Out = &bytes.Buffer{}
	root := registry.NewRoot()
	for _, l := range root.Locations() {
		if l.Built {
			t.Errorf("%s is built before any access", l.Path)
		}
	}
	for _, c := range constructors {
		if n := document.Built.Get(c); n != 0 {
			t.Errorf("%s was constructed %d times before any access", c, n)
		}
	}
	if _, err := root.Data().Serializers().JSON(); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"data.serializers.json": 1}
	for _, c := range constructors {
		if got := document.Built.Get(c); got != want[c] {
			t.Errorf("after accessing data.serializers.json, %s was constructed %d times, want %d", c, got, want[c])
		}
	}
	var built []string
	for _, l := range root.Locations() {
		if l.Built {
			built = append(built, l.Path)
		}
	}
	if diff := cmp.Diff([]string{"data.serializers.json", "serializers.json"}, built); diff != "" {
		t.Errorf("built locations (-want +got):\n%s", diff)
	}
}

// Concurrent first accesses build an entry, and each of its dependencies,
// exactly once, and all see the same value. Run with -race.
func TestConcurrentFirstAccess(t *testing.T) {
	for round := range 20 {
		document.Built.Reset()
		document.Out = &bytes.Buffer{}
		root := registry.NewRoot()
		const n = 16
		got := make([]any, n)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				if i%2 == 0 {
					got[i], _ = root.Clients().Kv()
				} else {
					got[i], _ = root.Lookup("clients.kv")
				}
			}()
		}
		close(start)
		wg.Wait()
		for i := range got {
			if got[i] != got[0] || got[i] == nil {
				t.Fatalf("round %d: access %d got %v, access 0 got %v", round, i, got[i], got[0])
			}
		}
		for _, c := range []string{"clients.kv", "core.logger", "data.serializers.json"} {
			if k := document.Built.Get(c); k != 1 {
				t.Fatalf("round %d: %s constructed %d times, want 1", round, c, k)
			}
		}
	}
}

// Lookup gives what the typed accessor gives, on the first access (which
// builds) and on later ones (answered from the published results), for
// entries, aliases and a constructor that fails; unknown paths are refused.
func TestLookupMatchesTypedAccessors(t *testing.T) {
	document.Out = &bytes.Buffer{}
	typed := map[string]func(r *registry.Root) (any, error){
		"core.logger":           func(r *registry.Root) (any, error) { return r.Core().Logger() },
		"data.serializers.json": func(r *registry.Root) (any, error) { return r.Data().Serializers().JSON() },
		"serializers.json":      func(r *registry.Root) (any, error) { return r.Data().Serializers().JSON() }, // an alias
		"clients.kv":            func(r *registry.Root) (any, error) { return r.Clients().Kv() },
		"clients.remote":        func(r *registry.Root) (any, error) { return r.Clients().Remote() }, // fails
	}
	for path, get := range typed {
		t.Run(path, func(t *testing.T) {
			root := registry.NewRoot()
			first, firstErr := root.Lookup(path)
			again, againErr := root.Lookup(path)
			want, wantErr := get(root)
			if wantErr != nil {
				if firstErr == nil || againErr == nil || firstErr.Error() != wantErr.Error() || againErr != firstErr || first != nil || again != nil {
					t.Fatalf("Lookup = %v, %v then %v, %v; the accessor fails with %v", first, firstErr, again, againErr, wantErr)
				}
				return
			}
			if firstErr != nil || againErr != nil || first != want || again != want {
				t.Fatalf("Lookup = %v, %v then %v, %v; the accessor gives %v", first, firstErr, again, againErr, want)
			}
		})
	}
	root := registry.NewRoot()
	for _, path := range []string{"", "core", "core.logger.x", "data.serializers", "Core.Logger", "clients.kv "} {
		if v, err := root.Lookup(path); !errors.Is(err, holders.ErrUnknownLocation) || v != nil {
			t.Errorf("Lookup(%q) = %v, %v; want ErrUnknownLocation", path, v, err)
		}
	}
}

// TestAccessorsInlined checks that the compiler inlines every entry's
// typed accessor, whose fast path (an atomic load, two field reads) was
// written to be (cost 80 of 80, docs/registry.md): a change of the
// generated code, or of the compiler, that puts it over fails here
// instead of showing only in a benchmark.
func TestAccessorsInlined(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the example's registry with -m")
	}
	out, err := exec.Command("go", "build", "-gcflags=-m=2", "./registry").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m=2: %v\n%s", err, out)
	}
	checked := 0
	for _, l := range registry.NewRoot().Locations() {
		if l.AliasOf != "" {
			continue
		}
		segs := strings.Split(l.Path, ".")
		accessor := "(*Root)." + schema.GoNameOf(segs[0])
		if len(segs) > 1 {
			accessor = schema.GroupTypeName(strings.Join(segs[:len(segs)-1], ".")) + "." + schema.GoNameOf(segs[len(segs)-1])
		}
		checked++
		if !strings.Contains(string(out), "can inline "+accessor+" with cost") {
			t.Errorf("the compiler does not inline %s, the accessor of %s; -m=2 says:\n%s", accessor, l.Path, exampletest.GrepLines(string(out), "inline "+accessor+":"))
		}
	}
	if checked == 0 {
		t.Fatal("no entry found")
	}
}
