package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoToolDirective is README's recommended set-up, as a user has it: a
// module whose go.mod has a tool directive for accessorgen, and a
// //go:generate go tool accessorgen line. go generate runs it, and
// go tool accessorgen check agrees.
func TestGoToolDirective(t *testing.T) {
	if testing.Short() {
		t.Skip("builds accessorgen with the go command; skipped with -short")
	}
	repo, gosum := thisModule(t)
	config := project(t, map[string]string{
		"go.mod": "module example.com/shop\n\ngo 1.26\n\nrequire github.com/accessorgen/accessorgen v0.0.0\n\n" +
			"replace github.com/accessorgen/accessorgen => " + repo + "\n\ntool github.com/accessorgen/accessorgen/cmd/accessorgen\n",
		"go.sum":  string(gosum),
		"main.go": "package main\n\n//go:generate go tool accessorgen\n\nfunc main() {}\n",
	})
	dir := filepath.Dir(config)
	goCmd := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "ACCESSORGEN_CACHE=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	goCmd("mod", "tidy") // as a user does after adding the tool directive
	if out := goCmd("tool", "accessorgen", "-version"); !strings.HasPrefix(out, "accessorgen ") {
		t.Fatalf("go tool accessorgen -version printed %q", out)
	}
	goCmd("generate", "./...")
	for _, f := range []string{"accessorholder/person.gen.go", "portaltype/product.gen.go"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("go generate did not write %s: %v", f, err)
		}
	}
	goCmd("tool", "accessorgen", "check")
	goCmd("build", "./...")
}
