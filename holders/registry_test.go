package holders_test

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/accessorgen/accessorgen/holders"
)

// testRoot is what generated code makes of a Builder and its Entries:
// per entry the value and error beside it, a constructor that may look
// up other entries through the build it is given, and a count of calls.
type testRoot struct {
	builds  holders.Builder
	entries map[string]*lazy
}

type lazy struct {
	entry holders.Entry
	value int
	err   error
	calls atomic.Int32
	build func(look func(path string) (int, error)) (int, error)
}

func newTestRoot(builds map[string]func(look func(string) (int, error)) (int, error)) *testRoot {
	r := &testRoot{entries: map[string]*lazy{}}
	for path, f := range builds {
		r.entries[path] = &lazy{build: f}
	}
	return r
}

// get is the generated accessor: the fast path, then a build from outside
// any construction.
func (r *testRoot) get(path string) (int, error) {
	l := r.entries[path]
	if !l.entry.Built() {
		return r.construct(nil, path)
	}
	return l.value, l.err
}

// construct is the generated builder, with b handed to the constructor.
func (r *testRoot) construct(b *holders.Build, path string) (int, error) {
	l := r.entries[path]
	b, err := r.builds.Begin(b, &l.entry, path)
	if b == nil {
		if err != nil {
			return 0, err
		}
		return l.value, l.err
	}
	defer r.builds.End(b, &l.entry)
	l.calls.Add(1)
	l.value, l.err = l.build(func(p string) (int, error) { return r.construct(r.builds.Within(b, &l.entry), p) })
	l.entry.Done()
	return l.value, l.err
}

type constructors = map[string]func(look func(string) (int, error)) (int, error)

func TestBuilder(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		builds  constructors
		get     string
		wantV   int
		wantErr string // "" for none
	}{
		{"value", constructors{"a": func(func(string) (int, error)) (int, error) { return 42, nil }}, "a", 42, ""},
		{"error is kept", constructors{"a": func(func(string) (int, error)) (int, error) { return 0, boom }}, "a", 0, "boom"},
		{"dependency", constructors{
			"a": func(look func(string) (int, error)) (int, error) { v, err := look("b"); return v + 1, err },
			"b": func(func(string) (int, error)) (int, error) { return 1, nil },
		}, "a", 2, ""},
		{"itself", constructors{
			"a": func(look func(string) (int, error)) (int, error) { return look("a") },
		}, "a", 0, "registry cycle: a -> a"},
		{"through another", constructors{
			"a": func(look func(string) (int, error)) (int, error) { return look("b") },
			"b": func(look func(string) (int, error)) (int, error) { return look("c") },
			"c": func(look func(string) (int, error)) (int, error) { return look("b") },
		}, "a", 0, "registry cycle: b -> c -> b"},
		{"cycle error handled", constructors{
			"a": func(look func(string) (int, error)) (int, error) {
				if _, err := look("a"); errors.Is(err, holders.ErrCycle) {
					return 5, nil
				}
				return 0, boom
			},
		}, "a", 5, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newTestRoot(tt.builds)
			for range 3 {
				v, err := r.get(tt.get)
				gotErr := ""
				if err != nil {
					gotErr = err.Error()
				}
				if v != tt.wantV || gotErr != tt.wantErr {
					t.Fatalf("get(%q) = %v, %q; want %v, %q", tt.get, v, gotErr, tt.wantV, tt.wantErr)
				}
			}
			for path, l := range r.entries {
				if n := l.calls.Load(); n > 1 || n == 1 != l.entry.Built() {
					t.Errorf("%s: calls = %d, built = %v; want at most one call, and built when called", path, n, l.entry.Built())
				}
			}
		})
	}
}

// The cycle error says which paths wait for each other, and wraps ErrCycle.
func TestCycleError(t *testing.T) {
	err := error(&holders.CycleError{Chain: []string{"tools.a", "tools.b", "tools.a"}})
	if !errors.Is(err, holders.ErrCycle) || err.Error() != "registry cycle: tools.a -> tools.b -> tools.a" {
		t.Errorf("CycleError = %v, Is(ErrCycle) = %v", err, errors.Is(err, holders.ErrCycle))
	}
}

// A constructor that panics leaves the entry unbuilt and released: the
// next access builds it.
func TestBuilderPanicRetries(t *testing.T) {
	r := newTestRoot(constructors{"a": nil})
	r.entries["a"].build = func(func(string) (int, error)) (int, error) {
		if r.entries["a"].calls.Load() == 1 {
			panic("first call fails")
		}
		return 7, nil
	}
	func() {
		defer func() { _ = recover() }()
		_, _ = r.get("a")
	}()
	if r.entries["a"].entry.Built() {
		t.Fatal("built after a panic")
	}
	if v, err := r.get("a"); v != 7 || err != nil {
		t.Fatalf("after a panic, get = %v, %v", v, err)
	}
}

// Goroutines that access an entry first at the same time build it once:
// the others wait and read its value.
func TestBuilderConcurrentFirstAccess(t *testing.T) {
	release := make(chan struct{})
	r := newTestRoot(constructors{"a": func(func(string) (int, error)) (int, error) {
		<-release
		return 3, nil
	}})
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			if v, err := r.get("a"); v != 3 || err != nil {
				errs <- fmt.Errorf("get = %v, %v", v, err)
			}
		})
	}
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := r.entries["a"].calls.Load(); n != 1 {
		t.Errorf("constructor called %d times", n)
	}
}

// Two goroutines whose constructors look each other up would wait for each
// other forever: the second to wait gets a cycle error instead, so both
// finish, and neither constructor runs twice.
func TestBuilderCrossGoroutineCycle(t *testing.T) {
	started := make(chan struct{}, 2)
	var r *testRoot
	mutual := func(other string) func(look func(string) (int, error)) (int, error) {
		return func(look func(string) (int, error)) (int, error) {
			started <- struct{}{}
			// Wait until both constructions are in progress, so that each
			// looks up an entry the other goroutine is building.
			for !(r.entries["a"].calls.Load() == 1 && r.entries["b"].calls.Load() == 1) {
				runtime.Gosched()
			}
			return look(other)
		}
	}
	r = newTestRoot(constructors{"a": mutual("b"), "b": mutual("a")})
	results := make(chan error, 2)
	for _, p := range []string{"a", "b"} {
		go func() {
			_, err := r.get(p)
			results <- err
		}()
	}
	timeout := time.After(10 * time.Second)
	var cycles int
	for range 2 {
		select {
		case err := <-results:
			if errors.Is(err, holders.ErrCycle) {
				cycles++
				if msg := err.Error(); msg != "registry cycle: a -> b -> a" && msg != "registry cycle: b -> a -> b" {
					t.Errorf("cycle error = %q", msg)
				}
			} else if err != nil {
				t.Errorf("get = %v; want a cycle error or nil", err)
			}
		case <-timeout:
			t.Fatal("the two constructions deadlocked")
		}
	}
	if cycles != 2 {
		// One goroutine gets the cycle error; the other gets the first's
		// result, which returned that error as its own.
		t.Errorf("%d of 2 results wrap ErrCycle; want both", cycles)
	}
	for p, l := range r.entries {
		if n := l.calls.Load(); n != 1 {
			t.Errorf("%s built %d times", p, n)
		}
	}
}

// A build kept past its construction (a constructor that stores the
// Registry it received and uses it later) starts a new build: the entries
// it constructed are no longer in progress, so nothing is a cycle.
func TestBuilderKeptBuild(t *testing.T) {
	var kept func(string) (int, error)
	r := newTestRoot(constructors{
		"a": func(look func(string) (int, error)) (int, error) { kept = look; return 1, nil },
		"b": func(look func(string) (int, error)) (int, error) { return look("a") },
	})
	if _, err := r.get("a"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"a", "b"} {
		if v, err := kept(p); v != 1 || err != nil {
			t.Errorf("kept look-up of %s = %v, %v; want 1, nil", p, v, err)
		}
	}
}

func TestUnknownLocation(t *testing.T) {
	err := holders.UnknownLocation("a.b")
	if !errors.Is(err, holders.ErrUnknownLocation) || err.Error() != `unknown location: "a.b"` {
		t.Errorf("UnknownLocation = %v", err)
	}
}

// A Registry kept by a nested constructor and used after that constructor
// returned, while the outer construction still runs (here from a goroutine
// the outer constructor starts), is the root: its look-up of the outer entry
// waits for it rather than being a cycle.
func TestBuilderKeptNestedBuild(t *testing.T) {
	var kept func(string) (int, error)
	got := make(chan error, 1)
	r := newTestRoot(constructors{
		"b": func(look func(string) (int, error)) (int, error) { kept = look; return 1, nil },
		"a": func(look func(string) (int, error)) (int, error) {
			if _, err := look("b"); err != nil {
				return 0, err
			}
			go func() { _, err := kept("a"); got <- err }()
			select {
			case err := <-got:
				got <- err // answered while a is still being built: a cycle error
			case <-time.After(100 * time.Millisecond):
			}
			return 2, nil
		},
	})
	if v, err := r.get("a"); v != 2 || err != nil {
		t.Fatalf("a = %v, %v", v, err)
	}
	if err := <-got; err != nil {
		t.Errorf("b's kept Registry, used after b returned, looking up a: %v; want nil after waiting for a", err)
	}
}

// A constructor's goroutine that uses the Registry it received while the
// constructor runs shares its build. Two waits of one build must both
// count in the cycle check: a waits for d while its goroutine waits for
// c; when the goroutine's wait ends, a's must still be known, so that d,
// looking a up, gets the cycle error instead of both waiting forever.
// (Before, the build kept one wait, and the goroutine's wake-up erased
// a's: under -race it hung about one run in two.)
func TestBuilderSharedBuildKeepsEveryWait(t *testing.T) {
	cRelease, dGo, goroutineWaits := make(chan struct{}), make(chan struct{}), make(chan struct{})
	r := newTestRoot(constructors{
		"c": func(func(string) (int, error)) (int, error) { <-cRelease; return 3, nil },
		"d": func(look func(string) (int, error)) (int, error) { <-dGo; return look("a") },
		"a": func(look func(string) (int, error)) (int, error) {
			go func() {
				time.Sleep(50 * time.Millisecond) // after a's own wait for d below
				close(goroutineWaits)
				_, _ = look("c")
			}()
			return look("d")
		},
	})
	go func() { _, _ = r.get("c") }()
	go func() { _, _ = r.get("d") }()
	time.Sleep(20 * time.Millisecond)
	done := make(chan error, 1)
	go func() { _, err := r.get("a"); done <- err }()
	<-goroutineWaits
	time.Sleep(50 * time.Millisecond)
	close(cRelease) // the goroutine's wait for c ends
	time.Sleep(50 * time.Millisecond)
	close(dGo) // d looks up a, which waits for d
	select {
	case err := <-done:
		if !errors.Is(err, holders.ErrCycle) {
			t.Errorf("a = %v; want the cycle error d's look-up of a returned", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a and d wait for each other forever")
	}
}
