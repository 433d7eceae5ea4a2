package driver

import (
	"path/filepath"
	"testing"

	"github.com/accessorgen/accessorgen/binding"
	"github.com/accessorgen/accessorgen/gen"
	"github.com/accessorgen/accessorgen/schema"
	"golang.org/x/tools/go/packages"
)

// countingLoader wraps packages.Load and counts its calls.
func countingLoader(n *int) binding.Loader {
	return func(cfg *packages.Config, patterns ...string) ([]*packages.Package, error) {
		*n++
		return packages.Load(cfg, patterns...)
	}
}

// TestOneLoadPerRun: a run with a documents package loads Go packages
// exactly once; a run without one never does.
func TestOneLoadPerRun(t *testing.T) {
	for _, c := range []struct {
		config string
		loads  int
	}{
		{"../../examples/erp5/accessorgen.yaml", 1},
		{"../../testdata/golden/doc_binding/accessorgen.yaml", 1},
		{"../../testdata/golden/custom_packages/accessorgen.yaml", 0},
	} {
		cfg, err := schema.LoadConfig(c.config)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		if _, _, err := Generate(filepath.Dir(c.config), cfg, countingLoader(&n)); err != nil {
			t.Fatalf("%s: %v", c.config, err)
		}
		if n != c.loads {
			t.Errorf("%s: packages.Load called %d times, want %d", c.config, n, c.loads)
		}
	}
}

// BenchmarkLoadDocuments measures the one go/packages load of a run on
// examples/erp5, the documents package type-checked against the holders:
// when the holders on disk are up to date (an empty overlay, cached
// builds) and when every holder changed (all of them in the overlay).
// docs/performance.md reports it.
func BenchmarkLoadDocuments(b *testing.B) {
	const dir = "../../examples/erp5"
	cfg, err := schema.LoadConfig(filepath.Join(dir, schema.DefaultConfig))
	if err != nil {
		b.Fatal(err)
	}
	model, err := schema.Load(dir, cfg)
	if err != nil {
		b.Fatal(err)
	}
	opts, err := Packages(dir, cfg)
	if err != nil {
		b.Fatal(err)
	}
	files, err := gen.Holders(model, opts)
	if err != nil {
		b.Fatal(err)
	}
	unchanged, err := holdersOverlay(dir, opts.Holders, files)
	if err != nil {
		b.Fatal(err)
	}
	abs, _ := filepath.Abs(dir)
	changed := map[string][]byte{}
	for _, f := range files {
		changed[filepath.Join(abs, filepath.FromSlash(f.Path))] = f.Data
	}
	for _, c := range []struct {
		name    string
		overlay map[string][]byte
	}{{"holders-unchanged", unchanged}, {"holders-changed", changed}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := binding.Load(packages.Load, dir, cfg.Documents, cfg.DocumentsPos, c.overlay, opts.Types.Path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
