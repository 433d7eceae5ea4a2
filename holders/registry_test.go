package holders_test

import (
	"errors"
	"testing"

	"github.com/accessorgen/accessorgen/holders"
)

type root struct{ calls int }

func TestLazy(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name      string
		build     func(*root) (int, error)
		wantV     int
		wantErr   error
		wantCalls int // after three accesses
	}{
		{"value", func(r *root) (int, error) { r.calls++; return 42, nil }, 42, nil, 1},
		{"error is kept", func(r *root) (int, error) { r.calls++; return 0, boom }, 0, boom, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l holders.Lazy[int]
			r := &root{}
			if l.Built() {
				t.Fatal("built before access")
			}
			for range 3 {
				v, err := holders.Load(&l, r, tt.build)
				if v != tt.wantV || !errors.Is(err, tt.wantErr) {
					t.Fatalf("Load = %v, %v; want %v, %v", v, err, tt.wantV, tt.wantErr)
				}
			}
			if r.calls != tt.wantCalls || !l.Built() {
				t.Errorf("calls = %d, built = %v; want %d, true", r.calls, l.Built(), tt.wantCalls)
			}
		})
	}
}

// A constructor that panics leaves the entry unbuilt, and unlocked: the
// next access builds it.
func TestLazyPanicRetries(t *testing.T) {
	var l holders.Lazy[string]
	r := &root{}
	build := func(r *root) (string, error) {
		r.calls++
		if r.calls == 1 {
			panic("first call fails")
		}
		return "ok", nil
	}
	func() {
		defer func() { _ = recover() }()
		_, _ = holders.Load(&l, r, build)
	}()
	if l.Built() {
		t.Fatal("built after a panic")
	}
	if v, err := holders.Load(&l, r, build); v != "ok" || err != nil {
		t.Fatalf("after a panic, Load = %q, %v", v, err)
	}
}

func TestUnknownLocation(t *testing.T) {
	err := holders.UnknownLocation("a.b")
	if !errors.Is(err, holders.ErrUnknownLocation) || err.Error() != `unknown location: "a.b"` {
		t.Errorf("UnknownLocation = %v", err)
	}
}
