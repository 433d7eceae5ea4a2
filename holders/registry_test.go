package holders_test

import (
	"errors"
	"testing"

	"github.com/accessorgen/accessorgen/holders"
)

// lazy is what generated code makes of an Entry: the value and error
// beside it, and a build method.
type lazy struct {
	entry holders.Entry
	value int
	err   error
	calls int
	build func(l *lazy) (int, error)
}

func (l *lazy) get() (int, error) {
	if !l.entry.Built() {
		l.slow()
	}
	return l.value, l.err
}

func (l *lazy) slow() {
	if !l.entry.Lock() {
		return
	}
	defer l.entry.Unlock()
	l.calls++
	l.value, l.err = l.build(l)
	l.entry.Done()
}

func TestEntry(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		build   func(*lazy) (int, error)
		wantV   int
		wantErr error
	}{
		{"value", func(*lazy) (int, error) { return 42, nil }, 42, nil},
		{"error is kept", func(*lazy) (int, error) { return 0, boom }, 0, boom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &lazy{build: tt.build}
			if l.entry.Built() {
				t.Fatal("built before access")
			}
			for range 3 {
				v, err := l.get()
				if v != tt.wantV || !errors.Is(err, tt.wantErr) {
					t.Fatalf("get = %v, %v; want %v, %v", v, err, tt.wantV, tt.wantErr)
				}
			}
			if l.calls != 1 || !l.entry.Built() {
				t.Errorf("calls = %d, built = %v; want 1, true", l.calls, l.entry.Built())
			}
		})
	}
}

// A constructor that panics leaves the entry unbuilt, and unlocked: the
// next access builds it.
func TestEntryPanicRetries(t *testing.T) {
	l := &lazy{build: func(l *lazy) (int, error) {
		if l.calls == 1 {
			panic("first call fails")
		}
		return 7, nil
	}}
	func() {
		defer func() { _ = recover() }()
		_, _ = l.get()
	}()
	if l.entry.Built() {
		t.Fatal("built after a panic")
	}
	if v, err := l.get(); v != 7 || err != nil {
		t.Fatalf("after a panic, get = %v, %v", v, err)
	}
}

// Lock returns false to a goroutine that waited while another built.
func TestEntryLockAfterBuild(t *testing.T) {
	var e holders.Entry
	if !e.Lock() {
		t.Fatal("first Lock refused")
	}
	e.Done()
	e.Unlock()
	if e.Lock() {
		t.Fatal("Lock of a built entry succeeded")
	}
}

func TestUnknownLocation(t *testing.T) {
	err := holders.UnknownLocation("a.b")
	if !errors.Is(err, holders.ErrUnknownLocation) || err.Error() != `unknown location: "a.b"` {
		t.Errorf("UnknownLocation = %v", err)
	}
}
