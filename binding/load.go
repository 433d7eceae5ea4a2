package binding

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/accessorgen/accessorgen/schema"
	"golang.org/x/tools/go/packages"
)

// Loader loads Go packages; it is packages.Load, replaceable in tests.
type Loader func(cfg *packages.Config, patterns ...string) ([]*packages.Package, error)

// LoadMode is the cheapest go/packages mode that gives the documents
// package's types and method sets (from export data, compiled with the
// overlay), its files (for import positions) and its imports (to find
// cycles through the generated packages).
const LoadMode = packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedTypes

// Load reads the documents package named by pattern from configDir with a
// single call of load. overlay maps absolute file paths to contents: the
// holders just generated, so that the documents are checked against them
// before anything is written. typesPath is the generated types package:
// the documents package must not import it, since it imports them. Errors
// are positioned at pos, the config's documents key.
func Load(load Loader, configDir, pattern string, pos schema.Pos, overlay map[string][]byte, typesPath string) (*Package, error) {
	abs, err := filepath.Abs(configDir)
	if err != nil {
		return nil, err
	}
	fail := func(format string, args ...any) (*Package, error) {
		return nil, schema.ErrorList{{Pos: pos, Msg: fmt.Sprintf(format, args...)}}
	}
	// notFound is fail for the failures of finding the package, where
	// a directory named without ./ is the likely cause.
	notFound := func(format string, args ...any) (*Package, error) {
		return fail("%s%s", fmt.Sprintf(format, args...), directoryHint(abs, pattern))
	}
	if strings.HasPrefix(pattern, ".") {
		dir := strings.TrimSuffix(strings.TrimSuffix(pattern, "..."), "/")
		if info, err := os.Stat(filepath.Join(abs, filepath.FromSlash(dir))); err != nil || !info.IsDir() {
			return fail("documents directory %s does not exist", pattern)
		}
	}
	cfg := &packages.Config{Mode: LoadMode, Dir: abs, Overlay: overlay}
	pkgs, err := load(cfg, pattern)
	if err != nil {
		return notFound("loading documents package %s: %v", pattern, err)
	}
	if len(pkgs) == 0 {
		// go/packages can return nothing and no error when go list fails
		// as a whole (a go.mod that needs tidying, say): ask go list again,
		// on this failure path only, for what it said.
		return notFound("documents package %s could not be loaded: %s", pattern, goListError(abs, pattern))
	}
	if len(pkgs) != 1 {
		return fail("documents %s names %d packages; it must name one", pattern, len(pkgs))
	}
	p := pkgs[0]
	doc := &Package{Path: p.PkgPath, Name: p.Name, types: p.Types, fset: p.Fset, dir: abs}
	if p.PkgPath == typesPath {
		return fail("documents package %s is the generated types package %s, which embeds the documents: put them in a package of their own", pattern, typesPath)
	}
	if chain := importChain(p, typesPath); chain != nil {
		last := chain[len(chain)-1]
		at := doc.importPosition(append(slices.Clone(last.GoFiles), last.CompiledGoFiles...), typesPath)
		through := ""
		if len(chain) > 1 {
			var paths []string
			for _, q := range chain[1:] {
				paths = append(paths, q.PkgPath)
			}
			through = " through " + strings.Join(paths, ", ")
		}
		return fail("documents package %s imports the generated types package %s%s (%s), which imports it: remove that import (documents may import the holders package)", pattern, typesPath, through, at)
	}
	// The type checker reads the imported packages from export data: one
	// that does not compile leaves the documents package ill-typed with no
	// error of its own, or with only "could not import X", while the
	// import's own errors say why (no module provides it, its errors).
	var depErrs []packages.Error
	packages.Visit([]*packages.Package{p}, nil, func(q *packages.Package) {
		if q != p {
			depErrs = append(depErrs, q.Errors...)
		}
	})
	if lines := doc.errorLines(firstErrors(append(slices.Clone(p.Errors), depErrs...))); len(lines) > 0 {
		what := "does not compile"
		if len(p.Errors) == 0 {
			what += ": a package it imports has errors"
		} else if !slices.ContainsFunc(p.Errors, func(e packages.Error) bool { return e.Kind != packages.ListError }) {
			// go list found no package to compile: not found,
			// or no file a build includes.
			what = "could not be loaded"
		}
		return notFound("documents package %s %s:\n\t%s", pattern, what, strings.Join(lines, "\n\t"))
	}
	if p.Types == nil || p.Name == "" {
		return fail("documents package %s gave no types and no error", pattern)
	}
	// go list reports "no non-test Go files" for a directory of _test.go
	// files only, but go/packages drops that error: the package loads,
	// empty, and every type_class would be "not a type".
	// A _test.go file beside files that build constraints exclude loads
	// the same way; there the constraints are what leaves the documents
	// out, and the test files are no clue.
	if len(p.GoFiles) == 0 && len(p.CompiledGoFiles) == 0 {
		if excluded := excludedGoFiles(p); len(excluded) > 0 {
			for i, name := range excluded {
				excluded[i] = filepath.Base(name)
			}
			return fail("documents package %s has no Go files a build includes: build constraints exclude %s; declare the documents in files every build includes", pattern, strings.Join(excluded, ", "))
		}
		return fail("documents package %s has no non-test Go files: a build leaves out _test.go files, so the documents are not in the package; declare them in files not named *_test.go", pattern)
	}
	if p.Name == "main" {
		return fail("documents package %s is a command (%s: package main): the generated types package cannot import it; give it another package name", pattern, doc.packageClause(p.GoFiles))
	}
	doc.constrained = constrainedMethods(p)
	if parent, ok := internalParent(p.PkgPath); ok && typesPath != parent && !strings.HasPrefix(typesPath, parent+"/") {
		return fail("documents package %s (%s) is internal to %s: the generated types package %s cannot import it; put the documents or the types inside %s", pattern, p.PkgPath, parent, typesPath, parent)
	}
	return doc, nil
}

// directoryHint explains a failure to load documents named like a
// directory beside the config but without ./: go reads "document" as an
// import path, of the standard library when it has no dot, and says
// only that it is not there.
func directoryHint(configDir, pattern string) string {
	if strings.HasPrefix(pattern, ".") || filepath.IsAbs(pattern) {
		return ""
	}
	dir := strings.TrimSuffix(strings.TrimSuffix(pattern, "..."), "/")
	if info, err := os.Stat(filepath.Join(configDir, filepath.FromSlash(dir))); err != nil || !info.IsDir() {
		return ""
	}
	return fmt.Sprintf("\n\t(%s is read as an import path; for the directory beside the config, write ./%s)", pattern, pattern)
}

// constrainedMethods finds the methods declared in the package's files
// that build constraints (//go:build lines, _GOOS and _GOARCH file names,
// tags) include in some builds only, by receiver type name: a document's
// method set would then change with GOOS, GOARCH or -tags, and so would
// the generated code. A loaded file is constrained when a build for
// another common platform, without tags, would leave it out.
func constrainedMethods(p *packages.Package) map[string][]constrainedMethod {
	var probes []build.Context
	for _, target := range [][2]string{{"linux", "amd64"}, {"windows", "amd64"}, {"darwin", "arm64"}, {"linux", "386"}, {"js", "wasm"}} {
		ctx := build.Default
		ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled, ctx.BuildTags = target[0], target[1], true, nil
		probes = append(probes, ctx)
	}
	constrained := func(name string) bool {
		for _, ctx := range probes {
			if ok, err := ctx.MatchFile(filepath.Dir(name), filepath.Base(name)); err == nil && !ok {
				return true
			}
		}
		return false
	}
	var files []string
	for _, name := range p.GoFiles {
		if constrained(name) {
			files = append(files, name)
		}
	}
	files = append(files, excludedGoFiles(p)...)
	out := map[string][]constrainedMethod{}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil || f.Name.Name != p.Name {
			continue // another package's (a //go:build ignore program)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 {
				continue
			}
			recv := fd.Recv.List[0].Type
			if star, ok := recv.(*ast.StarExpr); ok {
				recv = star.X
			}
			switch x := recv.(type) {
			case *ast.IndexExpr:
				recv = x.X
			case *ast.IndexListExpr:
				recv = x.X
			}
			if id, ok := recv.(*ast.Ident); ok {
				at := fset.Position(fd.Name.Pos())
				at.Column = 0
				out[id.Name] = append(out[id.Name], constrainedMethod{name: fd.Name.Name, pos: at.String()})
			}
		}
	}
	return out
}

// constrainedMethod is a method declared in a file that some builds leave
// out.
type constrainedMethod struct {
	name string
	pos  string // absolute: Package.relative makes it relative
}

// internalParent returns the directory a path with an internal element is
// internal to: only packages in its tree may import the path. As the go
// command, it uses the last internal element, the most restrictive.
func internalParent(path string) (string, bool) {
	switch {
	case strings.HasSuffix(path, "/internal"):
		return strings.TrimSuffix(path, "/internal"), true
	case strings.Contains(path, "/internal/"):
		return path[:strings.LastIndex(path, "/internal/")], true
	case path == "internal" || strings.HasPrefix(path, "internal/"):
		return "", true
	}
	return "", false
}

// packageClause finds the position of the first of files' package names.
func (p *Package) packageClause(files []string) string {
	fset := token.NewFileSet()
	for _, name := range files {
		if f, err := parser.ParseFile(fset, name, nil, parser.PackageClauseOnly); err == nil {
			return p.relative(fset.Position(f.Name.Pos()).String())
		}
	}
	return "package clause not found"
}

// errorLines formats go/packages errors one per line, with positions
// relative to the config directory. go list and the type checker may
// report one problem twice, with absolute and relative paths, under a
// "# package" heading.
func (p *Package) errorLines(errs []packages.Error) []string {
	var lines []string
	seen := map[string]bool{}
	for _, e := range errs {
		msg := e.Msg
		if e.Pos != "" && e.Pos != "-" {
			msg = e.Pos + ": " + msg
		}
		for _, line := range strings.Split(msg, "\n") {
			// Positions, and directories go list names ("no Go files
			// in DIR"), relative to the config directory.
			line = strings.ReplaceAll(p.relative(strings.TrimSpace(line)), p.dir+string(filepath.Separator), "")
			// And the Go installation's directory ("not in std
			// (GOROOT/src/x)") as $GOROOT, the same on every machine.
			if goroot := build.Default.GOROOT; goroot != "" {
				line = strings.ReplaceAll(line, goroot+string(filepath.Separator), "$GOROOT"+string(filepath.Separator))
			}
			if line == "" || strings.HasPrefix(line, "#") || seen[line] {
				continue
			}
			seen[line] = true
			lines = append(lines, line)
		}
	}
	return lines
}

// firstErrors keeps the errors of the earliest stage that failed: go
// list's (which include the compiler's syntax errors), else the parser's,
// else the type checker's. A later stage runs on what the earlier one
// could not read, and says so again ("expected ';', found 'EOF'" after
// "syntax error: unexpected EOF") or reports what it could not see
// ("declared and not used"), as go build never does.
func firstErrors(errs []packages.Error) []packages.Error {
	for _, kind := range []packages.ErrorKind{packages.ListError, packages.ParseError} {
		var first []packages.Error
		for _, e := range errs {
			if e.Kind == kind {
				first = append(first, e)
			}
		}
		if first != nil {
			return first
		}
	}
	return errs
}

// importChain returns the shortest chain of packages from p, p first, whose
// last imports path, or nil when p does not depend on path.
func importChain(p *packages.Package, path string) []*packages.Package {
	parent := map[*packages.Package]*packages.Package{p: nil}
	queue := []*packages.Package{p}
	for len(queue) > 0 {
		q := queue[0]
		queue = queue[1:]
		if _, ok := q.Imports[path]; ok {
			var chain []*packages.Package
			for ; q != nil; q = parent[q] {
				chain = append([]*packages.Package{q}, chain...)
			}
			return chain
		}
		imports := slices.Sorted(maps.Keys(q.Imports))
		for _, name := range imports {
			next := q.Imports[name]
			if _, seen := parent[next]; !seen {
				parent[next] = q
				queue = append(queue, next)
			}
		}
	}
	return nil
}

// importPosition finds where one of files imports path.
func (p *Package) importPosition(files []string, path string) string {
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			continue
		}
		for _, imp := range f.Imports {
			if s, _ := strconv.Unquote(imp.Path.Value); s == path {
				return p.relative(fset.Position(imp.Pos()).String())
			}
		}
	}
	return "import not found in the package's files"
}

// goListError runs go list on pattern in dir and returns what it printed
// on failure, for messages.
func goListError(dir, pattern string) string {
	cmd := exec.Command("go", "list", pattern)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err == nil {
		return "go list found no package"
	}
	return strings.Join(strings.Fields(strings.TrimSpace(string(out))), " ")
}

// excludedGoFiles are p's non-test Go files that build constraints leave
// out of the build.
func excludedGoFiles(p *packages.Package) []string {
	var names []string
	for _, name := range p.IgnoredFiles {
		if strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") {
			names = append(names, name)
		}
	}
	return names
}
