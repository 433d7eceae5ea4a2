package holders_test

import (
	"errors"
	"testing"
	"time"

	"github.com/accessorgen/accessorgen/holders"
)

// A constructor's goroutine that waits, with the constructor's build, for
// an entry that another build releases unbuilt (its constructor panicked)
// may take that entry after the constructor has returned. The nested
// constructions it then starts must still see that entry under
// construction: a look-up back at it is a cycle error, not a wait for
// itself.
func TestBuilderSharedBuildAfterItsEnd(t *testing.T) {
	xStarted, xPanic, gWaits := make(chan struct{}), make(chan struct{}), make(chan struct{})
	first := true
	done := make(chan error, 1)
	var r *testRoot
	r = newTestRoot(constructors{
		"x": func(look func(string) (int, error)) (int, error) {
			if first {
				first = false
				close(xStarted)
				<-xPanic
				panic("x fails once")
			}
			return look("y")
		},
		"y": func(look func(string) (int, error)) (int, error) { return look("x") },
		"a": func(look func(string) (int, error)) (int, error) {
			go func() {
				close(gWaits)
				_, err := look("x") // waits for the panicking build of x
				done <- err
			}()
			<-gWaits
			time.Sleep(50 * time.Millisecond) // the goroutine waits for x
			return 1, nil
		},
	})
	go func() {
		defer func() { _ = recover() }()
		_, _ = r.get("x")
	}()
	<-xStarted
	if _, err := r.get("a"); err != nil {
		t.Fatal(err)
	}
	close(xPanic) // x is released unbuilt: the goroutine takes it
	select {
	case err := <-done:
		if !errors.Is(err, holders.ErrCycle) {
			t.Errorf("x = %v; want a cycle error (x -> y -> x)", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("x's construction waits for itself forever")
	}
}
