package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/golden")

const (
	erp5     = "../../examples/erp5/accessorgen.yaml"
	services = "../../examples/services/accessorgen.yaml"
)

// The reports of the examples, pinned: explain (text and JSON), explain
// sheet, docs, graph and jsonschema. Each runs twice and must give the
// same bytes.
func TestReportGoldens(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
	}{
		{"explain_person.txt", []string{"-config", erp5, "explain", "Person"}},
		{"explain_person.json", []string{"-config", erp5, "explain", "-json", "Person"}},
		{"explain_sheet_person.txt", []string{"-config", erp5, "explain", "sheet", "Person"}},
		{"explain_session.txt", []string{"-config", services, "explain", "Session"}},
		{"docs_erp5.md", []string{"-config", erp5, "docs"}},
		{"docs_services.md", []string{"-config", services, "docs"}},
		{"graph_erp5.dot", []string{"-config", erp5, "graph"}},
		{"graph_services.dot", []string{"-config", services, "graph"}},
		{"jsonschema.json", []string{"jsonschema"}},
		{"jsonschema_config.json", []string{"jsonschema", "-config"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			code, stdout, stderr := cli(tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if _, again, _ := cli(tt.args...); again != stdout {
				t.Fatal("a second run printed something else")
			}
			if strings.HasSuffix(tt.golden, ".json") && !json.Valid([]byte(stdout)) {
				t.Fatal("output is not valid JSON")
			}
			golden := filepath.Join("testdata", "golden", tt.golden)
			if *update {
				if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), stdout); diff != "" {
				t.Errorf("output differs (-want +got); go test ./cmd/accessorgen -update rewrites it:\n%s", diff)
			}
		})
	}
}

func TestReportErrors(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inStderr string
	}{
		{[]string{"-config", erp5, "explain", "Persn"}, 1, `no portal type "Persn"; did you mean "Person"?`},
		{[]string{"-config", erp5, "explain", "sheet", "Persn"}, 1, `no property sheet "Persn"; did you mean "Person"?`},
		{[]string{"-config", erp5, "explain"}, 2, "explain takes a portal type name"},
		{[]string{"-config", erp5, "explain", "a", "b", "c"}, 2, "explain takes a portal type name"},
		{[]string{"-config", erp5, "explain", "Person", "-json"}, 2, "flag -json goes before the arguments of explain: accessorgen explain -json"},
		{[]string{"-config", erp5, "explain", "Person", "-v"}, 2, "flag -v goes before the command"},
		{[]string{"-config", erp5, "docs", "extra"}, 2, "docs takes no arguments"},
		{[]string{"-config", erp5, "docs", "-o", "x.md", "-v"}, 2, "flag -v goes before the command: accessorgen -v docs"},
		{[]string{"-config", erp5, "graph", "-nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"-config", erp5, "graph", "-x"}, 2, "flag provided but not defined: -x"},
		{[]string{"jsonschema", "x"}, 2, "jsonschema takes no arguments"},
		{[]string{"-config", "missing.yaml", "docs"}, 1, "config file not found"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := cli(tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.inStderr) {
				t.Errorf("exit %d (want %d), stderr %q (want %q in it)", code, tt.code, stderr, tt.inStderr)
			}
		})
	}
}

// docs -o writes the file, atomically, and the same bytes as stdout.
func TestReportToFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sub", "SCHEMA.md")
	if code, _, stderr := cli("-config", erp5, "docs", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	_, stdout, _ := cli("-config", erp5, "docs")
	if string(got) != stdout {
		t.Error("docs -o wrote something else than docs prints")
	}
}
