package gen_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// coveredElsewhere lists the loader rules whose inputs do not belong in
// testdata/golden (files of megabytes, thousands of documents), each with
// the unit test that covers it; the test must exist.
var coveredElsewhere = map[string]string{
	"file is %d bytes; the limit is %d":                                      "schema.TestLimits",
	"file has more than %d documents; split it":                              "schema.TestLimits",
	"property sheet %s has %d properties; the limit is %d":                   "schema.TestLimits",
	"%s name is %d bytes long; the limit is %d":                              "schema.TestLimits",
	"category id is %d bytes long; the limit is %d":                          "schema.TestLimits",
	"category tree is more than %d levels deep at %s":                        "schema.TestLimits",
	"base category has more than %d values (aliases expanded)":               "schema.TestLimits",
	"too many errors: %d more not shown; fix these first":                    "schema.TestTooManyErrors",
	"func %s is not a function: %s.%s (%s) is a %s":                          "binding.TestLookupFunc",
	"func %s is not an exported function of package %s%s":                    "binding.TestLookupFunc",
	"func %s: %s is not a type of package %s":                                "binding.TestLookupFunc",
	"func %s: %s.%s has no method %s%s":                                      "binding.TestLookupFunc",
	"func %s (%s) has the signature %s; want %s":                             "binding.TestLookupFunc",
	"func %s (%s) is unexported":                                             "binding.TestLookupFunc",
	"config file not found (create it, or name another with -config)":        "cmd/accessorgen.TestUsage",
	"schema directory %q holds %q, whose name is not valid UTF-8: rename it": "schema.TestSpecialFiles", // macOS refuses such names in a checkout
	"loading documents package %s: %v":                                       "binding.TestLoadFailures",
	"documents package %s could not be loaded: %s":                           "binding.TestLoadFailures",
	"documents package %s gave no types and no error":                        "binding.TestLoadFailures",
}

// notErrors are formats the scan finds that are descriptions, not errors.
var notErrors = map[string]bool{
	"%s %s from %s shadows the one from %s":                 true, // binding.Shadow.String
	"method %s of %s %s (%s) shadows the one of %s %s (%s)": true, // binding.Shadow.String
	"%s bound of the range of %s.":                          true, // a derived property's description
}

// verbs are the fmt verbs the loader's messages use.
var verbs = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// messageFormats collects the message formats of the loader's errors: the
// string literals passed to its error-reporting calls.
func messageFormats(t *testing.T, dirs ...string) map[string]string {
	t.Helper()
	formats := map[string]string{} // format → file:line
	fset := token.NewFileSet()
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if kv, ok := n.(*ast.KeyValueExpr); ok {
					// schema.Error{Pos: ..., Msg: "..."}
					if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "Msg" {
						if lit, ok := kv.Value.(*ast.BasicLit); ok && lit.Kind == token.STRING {
							s, _ := strconv.Unquote(lit.Value)
							formats[s] = fset.Position(lit.Pos()).String()
						}
					}
				}
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				var fn string
				switch x := call.Fun.(type) {
				case *ast.Ident:
					fn = x.Name
				case *ast.SelectorExpr:
					fn = x.Sel.Name
				}
				if fn != "add" && fn != "errorf" && fn != "fail" && fn != "notFound" && fn != "Sprintf" {
					return true
				}
				for _, arg := range call.Args {
					lit, ok := arg.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					s, err := strconv.Unquote(lit.Value)
					// A message has words of its own, not only verbs.
					if err == nil && regexp.MustCompile(`[a-z]{3}`).MatchString(verbs.ReplaceAllString(s, "")) {
						formats[s] = fset.Position(lit.Pos()).String()
					}
				}
				return true
			})
		}
	}
	return formats
}

// formatRegexp matches what a format prints.
func formatRegexp(format string) *regexp.Regexp {
	var b strings.Builder
	last := 0
	for _, loc := range verbs.FindAllStringIndex(format, -1) {
		b.WriteString(regexp.QuoteMeta(format[last:loc[0]]))
		if format[loc[0]:loc[1]] == "%%" {
			b.WriteString("%")
		} else {
			b.WriteString(`(?s:.*?)`)
		}
		last = loc[1]
	}
	b.WriteString(regexp.QuoteMeta(format[last:]))
	return regexp.MustCompile(b.String())
}

// TestEveryLoaderRuleHasACase fails when an error the loader can report has
// no golden case under testdata/golden (or a named unit test, for inputs
// too large for testdata).
func TestEveryLoaderRuleHasACase(t *testing.T) {
	formats := messageFormats(t, "../schema", "../binding")
	if len(formats) < 50 {
		t.Fatalf("found only %d message formats: the scan is broken", len(formats))
	}
	stderrs, _ := filepath.Glob(filepath.Join(goldenDir, "*", "stderr"))
	var corpus []string
	for _, name := range stderrs {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		corpus = append(corpus, string(data))
	}
	tests := testNames(t, "../schema", "../binding", "../cmd/accessorgen")
	for format, at := range formats {
		if notErrors[format] {
			continue
		}
		if test, ok := coveredElsewhere[format]; ok {
			if !tests[test] {
				t.Errorf("%s: %q is said to be covered by %s, which does not exist", at, format, test)
			}
			continue
		}
		re := formatRegexp(format)
		covered := false
		for _, text := range corpus {
			if re.MatchString(text) {
				covered = true
				break
			}
		}
		if !covered {
			t.Errorf("%s: no golden case prints %q: add one under testdata/golden/err_*", at, format)
		}
	}
	for format := range coveredElsewhere {
		if _, ok := formats[format]; !ok {
			t.Errorf("coveredElsewhere names %q, which the loader no longer reports", format)
		}
	}
}

// testNames returns "pkg.TestName" for every test function in dirs.
func testNames(t *testing.T, dirs ...string) map[string]bool {
	t.Helper()
	names := map[string]bool{}
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
		pkg := strings.TrimPrefix(filepath.ToSlash(dir), "../")
		for _, name := range files {
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range f.Decls {
				if fn, ok := d.(*ast.FuncDecl); ok && strings.HasPrefix(fn.Name.Name, "Test") {
					names[pkg+"."+fn.Name.Name] = true
				}
			}
		}
	}
	return names
}
