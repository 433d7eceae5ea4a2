// Package exampletest holds the checks every example's tests make: its
// generated code is what its schema produces, and its output is the one
// pinned in testdata/golden; and helpers for their other checks.
package exampletest

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accessorgen/accessorgen/internal/driver"
	"github.com/google/go-cmp/cmp"
)

// UpToDate fails when the generated packages of the example in the
// current directory differ from what its accessorgen.yaml produces.
func UpToDate(t *testing.T, example string) {
	t.Helper()
	res, err := driver.Run("accessorgen.yaml", driver.Options{Check: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stale() {
		t.Fatalf("generated code is stale; run go generate ./examples/%s\n%s", example, res.Diff)
	}
}

// TrackInputs reads every regular file below each of dirs in the test's
// own process. Documents packages are read by a go list subprocess, whose
// reads the go command's test cache does not see: without this, editing a
// document would replay a cached (stale) result. Files the test opens are
// part of the cache key.
func TrackInputs(t *testing.T, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !d.Type().IsRegular() {
				return err
			}
			_, err = os.ReadFile(path)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// Output runs run and compares what it writes with
// testdata/golden/run.stdout, or rewrites that file with update.
func Output(t *testing.T, example string, update bool, run func(io.Writer) error) {
	t.Helper()
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden", "run.stdout")
	if update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), out.String()); diff != "" {
		t.Errorf("output differs (-want +got); go test ./examples/%s -update rewrites it:\n%s", example, diff)
	}
}

// GrepLines returns the lines of out that contain sub: the compiler's
// verdicts on one function, for a test's message.
func GrepLines(out, sub string) string {
	var b strings.Builder
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, sub) {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}
