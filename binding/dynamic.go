package binding

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/accessorgen/accessorgen/schema"
)

// DynamicSignatures are the signatures a dynamic category function may
// have: no argument, or the portal type's name.
var DynamicSignatures = []string{"func() []string", "func(string) []string"}

// evalDir is the directory, under the config directory, of the program
// that evaluates dynamic categories. It exists only in the go overlay.
const evalDir = ".accessorgen-eval"

// Dynamic is a base category a dynamic category function returned, and
// where the schema names that function.
type Dynamic struct {
	Base *schema.BaseCategory
	Pos  schema.Pos
}

// EvalDynamic calls the dynamic category functions of m's types and
// returns, for each type, the base categories they name. The functions are
// Go code of the documents package: they are checked with LookupFunc, then
// compiled into a small program, given to the go command as an overlay
// (nothing is written in the project), and run once for all types, as
// ent's entc loads schemas. overlay holds the holders of this run. Errors
// are positioned at the func: keys.
func EvalDynamic(m *schema.Model, pkg *Package, overlay map[string][]byte) (map[*schema.PortalType][]Dynamic, error) {
	var errs schema.ErrorList
	type call struct {
		t    *schema.PortalType
		ref  schema.Ref
		with bool // the function takes the portal type's name
	}
	var calls []call
	for _, t := range m.Types {
		for _, ref := range t.DynamicCategories {
			if pkg == nil {
				errs = append(errs, &schema.Error{Pos: ref.Pos, Msg: fmt.Sprintf("dynamic category %s needs a documents package: add documents: to the config", ref.Name)})
				continue
			}
			f, err := pkg.LookupFunc(ref, DynamicSignatures...)
			if err != nil {
				errs = append(errs, err.(schema.ErrorList)...)
				continue
			}
			if f.Recv != "" {
				errs = append(errs, &schema.Error{Pos: ref.Pos, Msg: fmt.Sprintf("dynamic category %s is a method: name a function", ref.Name)})
				continue
			}
			calls = append(calls, call{t, ref, f.Sig == DynamicSignatures[1]})
		}
	}
	if len(errs) > 0 || len(calls) == 0 {
		return nil, errs.Sorted().OrNil()
	}

	// The program prints one JSON list of base category ids per call, and
	// to stderr, before each call, which call it makes: a function that
	// panics or exits is then the last one named.
	var src strings.Builder
	fmt.Fprintf(&src, "package main\n\nimport (\n\t\"encoding/json\"\n\t\"fmt\"\n\t\"os\"\n\n\tdoc %q\n)\n\nfunc main() {\n\tout := make([][]string, %d)\n", pkg.Path, len(calls))
	for i, c := range calls {
		arg := ""
		if c.with {
			arg = fmt.Sprintf("%q", c.t.Name)
		}
		fmt.Fprintf(&src, "\tfmt.Fprintf(os.Stderr, \"%s%%d\\n\", %d)\n\tout[%d] = doc.%s(%s)\n", callMarker, i, i, c.ref.Name, arg)
	}
	src.WriteString("\tjson.NewEncoder(os.Stdout).Encode(out)\n}\n")
	results, failed, err := runProgram(pkg.dir, src.String(), overlay)
	if err != nil {
		if failed < 0 || failed >= len(calls) {
			return nil, schema.ErrorList{{Pos: calls[0].ref.Pos, Msg: "evaluating dynamic categories: " + err.Error()}}
		}
		c := calls[failed]
		return nil, schema.ErrorList{{Pos: c.ref.Pos, Msg: fmt.Sprintf("evaluating dynamic category %s for portal type %s: %v", c.ref.Name, c.t.Name, err)}}
	}
	var lists [][]string
	if err := json.Unmarshal(results, &lists); err != nil || len(lists) != len(calls) {
		return nil, schema.ErrorList{{Pos: calls[0].ref.Pos, Msg: fmt.Sprintf("evaluating dynamic categories: unexpected output %q", results)}}
	}
	bases := map[string]*schema.BaseCategory{}
	var names []string
	for _, b := range m.BaseCategories {
		bases[b.Name] = b
		names = append(names, b.Name)
	}
	out := map[*schema.PortalType][]Dynamic{}
	for i, c := range calls {
		for _, id := range lists[i] {
			b, ok := bases[id]
			if !ok {
				errs = append(errs, &schema.Error{Pos: c.ref.Pos, Msg: fmt.Sprintf("dynamic category %s returns %q for portal type %s, which is not a base category%s", c.ref.Name, id, c.t.Name, schema.Suggest(id, names))})
				continue
			}
			out[c.t] = append(out[c.t], Dynamic{b, c.ref.Pos})
		}
	}
	return out, errs.Sorted().OrNil()
}

// callMarker starts the line the evaluating program writes to stderr
// before each call, followed by the call's index.
const callMarker = "accessorgen-eval: call "

// runProgram runs a main package whose only file is src, in a directory of
// the module that exists only in the overlay, and returns its output. When
// it fails, failed is the index in the last callMarker line it wrote to
// stderr (-1 for none), and those lines are not in the error.
func runProgram(dir, src string, overlay map[string][]byte) (out []byte, failed int, err error) {
	failed = -1
	replace := map[string]string{}
	tmp, err := os.MkdirTemp("", "accessorgen-eval-")
	if err != nil {
		return nil, -1, err
	}
	defer os.RemoveAll(tmp)
	for name, data := range overlay {
		f := filepath.Join(tmp, fmt.Sprintf("%d.go", len(replace)))
		if err := os.WriteFile(f, data, 0o644); err != nil {
			return nil, -1, err
		}
		replace[name] = f
	}
	main := filepath.Join(tmp, "main.go")
	if err := os.WriteFile(main, []byte(src), 0o644); err != nil {
		return nil, -1, err
	}
	replace[filepath.Join(dir, evalDir, "main.go")] = main
	overlayJSON, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		return nil, -1, err
	}
	overlayFile := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(overlayFile, overlayJSON, 0o644); err != nil {
		return nil, -1, err
	}
	cmd := exec.Command("go", "run", "-overlay", overlayFile, "./"+evalDir)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var lines []string
		for _, line := range strings.Split(stderr.String(), "\n") {
			if n, ok := strings.CutPrefix(line, callMarker); ok {
				if i, convErr := strconv.Atoi(n); convErr == nil {
					failed = i
					continue
				}
			}
			lines = append(lines, line)
		}
		// A panic's message, without its goroutine dump (addresses and
		// absolute paths that would change from run to run).
		msg := strings.Join(lines, "\n")
		if i := strings.Index(msg, "\n\ngoroutine "); i >= 0 {
			msg = msg[:i]
		}
		return nil, failed, fmt.Errorf("%v: %s", err, strings.Join(strings.Fields(msg), " "))
	}
	// The results are the last line: the functions may print too.
	out = bytes.TrimSpace(stdout.Bytes())
	if i := bytes.LastIndexByte(out, '\n'); i >= 0 {
		out = out[i+1:]
	}
	return out, -1, nil
}
