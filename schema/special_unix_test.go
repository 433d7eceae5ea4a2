//go:build unix

package schema

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSpecialFiles: what a schema directory holds besides files must not
// hang a run or stop it for nothing. A named pipe would wait for a writer
// forever when opened: it is an error naming it. A link to a directory is
// a directory, skipped as one is. A file whose name is not UTF-8 (Latin-1
// from an old archive) would put invalid UTF-8 in the generated code's
// comments: an error names it.
func TestSpecialFiles(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(dir string) error
		err  string // "" for a run that loads the sheet
	}{
		{"named pipe", func(dir string) error { return syscall.Mkfifo(filepath.Join(dir, "pipe.yaml"), 0o644) }, "pipe.yaml is a named pipe, not a file"},
		{"name not in UTF-8", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "caf\xe9.yaml"), []byte("kind: PropertySheet\nname: B\n"), 0o644)
		}, `schema directory "." holds "caf\xe9.yaml", whose name is not valid UTF-8: rename it`},
		{"link to a directory", func(dir string) error {
			if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
				return err
			}
			return os.Symlink("sub", filepath.Join(dir, "linked.yaml"))
		}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("kind: PropertySheet\nname: A\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := tc.make(dir); err != nil {
				t.Skip("cannot make it here:", err)
			}
			type result struct {
				m   *Model
				err error
			}
			done := make(chan result, 1)
			go func() {
				m, err := Load(dir, &Config{File: "accessorgen.yaml", Schema: []Dir{{Path: "."}}})
				done <- result{m, err}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("Load hangs")
			}
			switch {
			case tc.err == "" && (r.err != nil || len(r.m.Sheets) != 1):
				t.Errorf("got %v, %v; want one sheet", r.m, r.err)
			case tc.err != "" && (r.err == nil || !strings.Contains(r.err.Error(), tc.err)):
				t.Errorf("got error %v; want one with %q", r.err, tc.err)
			}
		})
	}
}
