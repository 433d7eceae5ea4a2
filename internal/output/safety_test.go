package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestConfine(t *testing.T) {
	module := t.TempDir()
	outside := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(module, "pkg/real"), 0o755))
	must(os.Symlink(outside, filepath.Join(module, "pkg/escape")))
	must(os.Symlink(filepath.Join(module, "pkg/real"), filepath.Join(module, "pkg/inside")))
	root := filepath.Join(module, "pkg")
	cases := []struct {
		dir string
		ok  bool
	}{
		{"real", true},
		{"new/deeper", true},              // does not exist yet: created under pkg
		{"inside", true},                  // a link that stays in the module
		{"escape", false},                 // a link out of the module
		{"escape/not/yet/created", false}, // below a link out of the module
	}
	// The CLI passes the config's directory as given: often relative.
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(module); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		err := Confine("pkg", module, []string{c.dir})
		if (err == nil) != c.ok {
			t.Errorf("relative root: Confine(%q) = %v, want ok %v", c.dir, err, c.ok)
		}
	}
	for _, c := range cases {
		err := Confine(root, module, []string{c.dir})
		if (err == nil) != c.ok {
			t.Errorf("Confine(%q) = %v, want ok %v", c.dir, err, c.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "outside the module") {
			t.Errorf("Confine(%q) error %q does not say why", c.dir, err)
		}
	}
}

// TestGarbageRemoved: temporary files of a killed run are removed by the
// next Apply and ignored by a check.
func TestGarbageRemoved(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	junk := filepath.Join(dir, ".accessorgen-12345.tmp")
	if err := os.WriteFile(junk, []byte("half a fi"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := []File{{Path: "out/a.go", Data: []byte(header + "\npackage out\n")}}
	if err := writeAtomic(filepath.Join(root, "out/a.go"), files[0].Data); err != nil {
		t.Fatal(err)
	}
	p, err := Compare(root, []string{"out"}, files, header)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Clean() || len(p.Garbage) != 1 || p.Diff() != "" {
		t.Fatalf("plan: clean %v, garbage %v, diff %q", p.Clean(), p.Garbage, p.Diff())
	}
	if err := p.Apply(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(junk); !os.IsNotExist(err) {
		t.Errorf("temporary file still there: %v", err)
	}
}

// TestLockExcludes: an exclusive lock keeps a second one waiting until it
// is released; shared locks do not wait for each other.
func TestLockExcludes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "accessorgen.yaml")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	unlock, err := Lock(path, true)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan time.Time)
	go func() {
		u, err := Lock(path, true)
		if err != nil {
			t.Error(err)
		}
		got <- time.Now()
		u()
	}()
	time.Sleep(100 * time.Millisecond)
	released := time.Now()
	unlock()
	if at := <-got; at.Before(released) {
		t.Fatal("the second exclusive lock was granted while the first was held")
	}

	s1, err := Lock(path, false)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		s2, err := Lock(path, false)
		if err != nil {
			t.Error(err)
		}
		s2()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("a shared lock waited for another shared lock")
	}
	s1()
}
