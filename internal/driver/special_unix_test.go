//go:build unix

package driver

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestConfigNamedPipe: a config path naming a named pipe is an error that
// says so, in a generate and in a check; opening it (to lock or read it)
// would wait for a writer forever.
func TestConfigNamedPipe(t *testing.T) {
	config := filepath.Join(t.TempDir(), "accessorgen.yaml")
	if err := syscall.Mkfifo(config, 0o644); err != nil {
		t.Skip("cannot make a named pipe here:", err)
	}
	t.Setenv("ACCESSORGEN_CACHE", "off")
	for _, check := range []bool{false, true} {
		done := make(chan error, 1)
		go func() {
			_, err := Run(config, Options{Check: check})
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "accessorgen.yaml is a named pipe, not a file") {
				t.Errorf("check %v: got %v; want an error naming the pipe", check, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("check %v: Run hangs", check)
		}
	}
}
