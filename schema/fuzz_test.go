package schema

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzCompile feeds arbitrary bytes to the loader: it must never panic and
// must return either a model or a positioned ErrorList. The seeds are the
// golden schemas and the example's.
func FuzzCompile(f *testing.F) {
	for _, pattern := range []string{"../testdata/golden/*/*.yaml", "../testdata/golden/*/*/*.yaml", "../examples/*/schema/*.yaml", "../examples/*/project/*.yaml"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Compile([]File{{Name: "f.yaml", Data: data}})
		if err == nil {
			if m == nil {
				t.Fatal("no model and no error")
			}
			return
		}
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error is not a non-empty ErrorList: %T %v", err, err)
		}
		for _, e := range list {
			if e.Pos.File != "f.yaml" || e.Pos.Line < 1 {
				t.Fatalf("error without a position: %q", e.Error())
			}
		}
	})
}

// FuzzParseConfig: the config parser never panics and returns a config or
// positioned errors. Seeds: every config in the goldens and examples.
func FuzzParseConfig(f *testing.F) {
	for _, pattern := range []string{"../testdata/golden/*/accessorgen.yaml", "../examples/*/accessorgen.yaml"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := ParseConfig(DefaultConfig, data)
		if err == nil {
			if cfg == nil || cfg.Holders.Dir == "" || cfg.Types.Dir == "" || len(cfg.Schema) == 0 {
				t.Fatalf("accepted an incomplete config: %+v", cfg)
			}
			return
		}
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error is not a non-empty ErrorList: %T %v", err, err)
		}
		for _, e := range list {
			if e.Pos.File != DefaultConfig || e.Pos.Line < 1 {
				t.Fatalf("error without a position: %q", e.Error())
			}
		}
	})
}
