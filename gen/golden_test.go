package gen_test

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accessorgen/accessorgen/gen"
	"github.com/accessorgen/accessorgen/internal/driver"
	"github.com/accessorgen/accessorgen/internal/exampletest"
	"github.com/accessorgen/accessorgen/internal/output"
	"github.com/accessorgen/accessorgen/schema"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenDir holds one directory per case. A case is a small project: an
// optional accessorgen.yaml (defaultConfig when absent) and schema files.
// A generation case holds the expected generated packages beside them; an
// error case holds the expected stderr in a file named stderr.
const goldenDir = "../testdata/golden"

// defaultConfig is the config of cases that have none.
const defaultConfig = `schema: [.]
holders: {dir: accessorholder}
types: {dir: portaltype}
`

// runs is how many times each case is generated; every run must give
// byte-identical files.
const runs = 10

func loadConfig(t *testing.T, dir string) (*schema.Config, error) {
	t.Helper()
	path := filepath.Join(dir, schema.DefaultConfig)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return schema.ParseConfig(schema.DefaultConfig, []byte(defaultConfig))
	}
	return schema.LoadConfig(path)
}

// stderrOf formats an error as the CLI prints it.
func stderrOf(err error) string {
	var list schema.ErrorList
	if errors.As(err, &list) {
		return list.Error() + "\n"
	}
	return "accessorgen: " + err.Error() + "\n"
}

func TestGolden(t *testing.T) {
	entries, err := os.ReadDir(goldenDir)
	if err != nil {
		t.Fatal(err)
	}
	var packages []string // generated package directories, to compile and vet
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(goldenDir, e.Name())
		stderrFile := filepath.Join(dir, "stderr")
		_, statErr := os.Stat(stderrFile)
		isErrorCase := statErr == nil
		t.Run(e.Name(), func(t *testing.T) {
			exampletest.TrackInputs(t, dir)
			if isErrorCase {
				errorCase(t, dir, stderrFile)
				return
			}
			packages = append(packages, generationCase(t, dir)...)
		})
	}
	if len(packages) == 0 || t.Failed() {
		return
	}
	// Every golden output must compile and be vet-clean. One go vet for
	// all packages: it type-checks them together, in a few seconds.
	args := []string{"vet"}
	for _, p := range packages {
		args = append(args, "./"+filepath.ToSlash(filepath.Join("testdata/golden", p)))
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// generationCase generates dir's schema runs times, checks that every run
// is identical and that the files on disk are exactly those generated. It
// returns the generated package directories relative to goldenDir.
func generationCase(t *testing.T, dir string) []string {
	cfg, err := loadConfig(t, dir)
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	var first []output.File
	var opts gen.Options
	for i := 0; i < runs; i++ {
		files, o, err := driver.Generate(dir, cfg, nil)
		if err != nil {
			t.Fatalf("generate: %s", stderrOf(err))
		}
		if i == 0 {
			first, opts = files, o
			continue
		}
		if diff := cmp.Diff(first, files); diff != "" {
			t.Fatalf("run %d differs from run 0 (-first +this):\n%s", i, diff)
		}
	}
	// Generated code must not depend on where the project is checked out.
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range first {
		if strings.Contains(string(f.Data), filepath.Dir(filepath.Dir(filepath.Dir(abs)))) {
			t.Errorf("%s contains an absolute path", f.Path)
		}
	}
	dirs, err := driver.OutputDirs(dir, opts, first)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := output.Compare(dir, dirs, first, gen.Header)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := plan.Apply(); err != nil {
			t.Fatal(err)
		}
	} else {
		for i, f := range plan.Write {
			t.Errorf("%s differs from the golden file (go test ./gen -update rewrites it) (-golden +generated):\n%s",
				f.Path, cmp.Diff(string(plan.Old[i]), string(f.Data)))
		}
		for _, name := range plan.Remove {
			t.Errorf("golden file %s is no longer generated (go test ./gen -update removes it)", name)
		}
	}
	name := filepath.Base(dir)
	pkgs := []string{filepath.Join(name, opts.Holders.Dir), filepath.Join(name, opts.Types.Dir)}
	if opts.TypesPerPackage > 0 {
		pkgs[1] += "/..." // and its internal packages
	}
	if strings.HasPrefix(cfg.Documents, "./") {
		pkgs = append(pkgs, filepath.Join(name, cfg.Documents))
	}
	return pkgs
}

// errorCase checks that dir's schema fails with exactly the expected
// stderr, and that an error case has no generated files.
func errorCase(t *testing.T, dir, stderrFile string) {
	cfg, err := loadConfig(t, dir)
	if err == nil {
		_, _, err = driver.Generate(dir, cfg, nil)
	}
	if err == nil {
		t.Fatalf("generation succeeded; want the errors in %s", stderrFile)
	}
	got := stderrOf(err)
	if *update {
		if err := os.WriteFile(stderrFile, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(stderrFile)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("stderr differs (-want +got):\n%s", diff)
	}
}
