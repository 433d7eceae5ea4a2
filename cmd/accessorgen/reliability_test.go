package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// bigSchema returns a schema of n sheets and n types; extra adds a
// property to every sheet, which changes every generated file.
func bigSchema(n int, extra bool) map[string]string {
	files := map[string]string{}
	for i := 0; i < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "kind: PropertySheet\nname: Sheet%d\nproperties:\n", i)
		for j := 0; j < 30; j++ {
			fmt.Fprintf(&b, "  - {id: p%d_%d, type: string}\n", i, j)
		}
		if extra {
			fmt.Fprintf(&b, "  - {id: added%d, type: int}\n", i)
		}
		fmt.Fprintf(&b, "---\nkind: PortalType\nname: Type %d\nproperty_sheets: [Sheet%d, Sheet%d]\n", i, i, (i+1)%n)
		files[fmt.Sprintf("schema/s%03d.yaml", i)] = b.String()
	}
	return files
}

// outputs reads every file of the output directories of a project.
func outputs(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, sub := range []string{"accessorholder", "portaltype"} {
		entries, _ := os.ReadDir(filepath.Join(dir, sub))
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(dir, sub, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			out[sub+"/"+e.Name()] = string(data)
		}
	}
	return out
}

func buildCommand(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "accessorgen")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestKilledRunLeavesOldOrNew kills a generation at many points: every
// generated file must then be wholly the old version or wholly the new one,
// and the next run must finish the job and clear what the killed one left.
func TestKilledRunLeavesOldOrNew(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command many times; skipped with -short")
	}
	bin := buildCommand(t)
	const n = 100
	base := project(t, bigSchema(n, false))
	if out, err := exec.Command(bin, "-config", base).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	old := outputs(t, filepath.Dir(base))
	next := project(t, bigSchema(n, true))
	start := time.Now()
	if out, err := exec.Command(bin, "-config", next).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	full := time.Since(start) // bounds the wait for the first write
	want := outputs(t, filepath.Dir(next))
	// Files are written in path order: the first that changes goes first.
	firstChanged := ""
	for name := range want {
		if want[name] != old[name] && (firstChanged == "" || name < firstChanged) {
			firstChanged = name
		}
	}

	const kills = 10
	mixed := 0
	for i := 0; i < kills; i++ {
		// A project in the old state, with the new schema.
		work := project(t, bigSchema(n, true))
		dir := filepath.Dir(work)
		for name, data := range old {
			write(t, filepath.Join(dir, name), data)
		}
		cmd := exec.Command(bin, "-config", work)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		// Wait until the first file has been replaced, then kill after a
		// delay that grows with i: the kill lands while the others are
		// being written, at a different point each time.
		first := filepath.Join(dir, firstChanged)
	poll:
		for deadline := time.Now().Add(10 * full); time.Now().Before(deadline); {
			select {
			case <-exited:
				break poll
			default:
			}
			if data, err := os.ReadFile(first); err == nil && string(data) == want[firstChanged] {
				break
			}
			time.Sleep(200 * time.Microsecond)
		}
		time.Sleep(time.Duration(i) * 300 * time.Microsecond)
		cmd.Process.Kill()
		<-exited

		newCount, oldCount := 0, 0
		for name, got := range outputs(t, dir) {
			if strings.HasPrefix(filepath.Base(name), ".accessorgen-") {
				continue // a temporary file: never a generated file's name
			}
			switch {
			case got == want[name] && got == old[name]:
				// unchanged by the new schema: says nothing of the kill
			case got == want[name]:
				newCount++
			case got == old[name]:
				oldCount++
			default:
				t.Fatalf("kill %d after %v: %s is neither the old nor the new version (%d bytes)", i, full*time.Duration(i+1)/kills, name, len(got))
			}
		}
		if newCount > 0 && oldCount > 0 {
			mixed++ // killed between two renames
		}
		if out, err := exec.Command(bin, "-config", work).CombinedOutput(); err != nil {
			t.Fatalf("run after kill %d: %v\n%s", i, err, out)
		}
		if diff := cmp.Diff(want, outputs(t, dir)); diff != "" {
			t.Fatalf("after kill %d and a full run, outputs differ from a clean run (-want +got):\n%s", i, diff)
		}
	}
	// Most kills must land between two renames, or the test proved little.
	if mixed < kills/2 {
		t.Errorf("only %d of %d kills landed while files were being replaced", mixed, kills)
	}
	t.Logf("%d of %d kills landed while files were being replaced", mixed, kills)
}

// TestConcurrentRuns: runs started together on the same outputs take turns
// and leave them exactly as one run would.
func TestConcurrentRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command several times; skipped with -short")
	}
	bin := buildCommand(t)
	reference := project(t, bigSchema(40, true))
	if out, err := exec.Command(bin, "-config", reference).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := outputs(t, filepath.Dir(reference))
	for round := 0; round < 5; round++ {
		config := project(t, bigSchema(40, true))
		var wg sync.WaitGroup
		errs := make(chan string, 8)
		for i := 0; i < 4; i++ {
			wg.Add(1)
			go func(check bool) {
				defer wg.Done()
				args := []string{"-config", config}
				if check {
					args = append(args, "check")
				}
				out, err := exec.Command(bin, args...).CombinedOutput()
				// A check may run before or after the generates: stale
				// (exit 1) or clean, never an error of another kind.
				if err != nil && !(check && strings.Contains(string(out), "out of date")) {
					errs <- fmt.Sprintf("%v: %v\n%s", args, err, out)
				}
			}(i == 3)
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
		if diff := cmp.Diff(want, outputs(t, filepath.Dir(config))); diff != "" {
			t.Fatalf("round %d: concurrent runs left (-one run +concurrent):\n%s", round, diff)
		}
	}
}
