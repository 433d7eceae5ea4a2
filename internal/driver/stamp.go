package driver

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/accessorgen/accessorgen/internal/output"
	"github.com/accessorgen/accessorgen/schema"
)

// A stamp makes a run where nothing changed cheap: it records, after a
// successful run, a hash of every input (the generator's executable, the
// config as parsed, the schema files, go.mod and go.sum; with a documents
// package, its Go files and those of the packages it imports from the
// module or from modules go.mod replaces by a directory (and those
// modules' go.mod files), the go command's
// environment, its go env file and its executable) and the size and
// modification time of every output file and directory (and of the types'
// parts directory). A later run that finds the same inputs and untouched
// outputs reads nothing else: no YAML parsing, no go/packages load, no
// rendering, no write. Runs whose inputs cannot all be tracked are never
// skipped: documents named by import path, documents that embed files
// (go:embed), and modules in a go.work workspace. Like make, it trusts a
// stat: an output edited to the same size with its time restored is not
// noticed.
//
// Stamps live in the user's cache directory (like Go's build cache), not in
// the project: a fresh checkout, and CI, always run in full, and the
// generated files never depend on a stamp. ACCESSORGEN_CACHE names another
// directory, or "off" to disable stamps.

// stampVersion changes when the stamp's meaning changes.
const stampVersion = "accessorgen-stamp-1"

type stamp struct {
	Version string      `json:"version"`
	Inputs  string      `json:"inputs"`
	Outputs []fileState `json:"outputs"`
}

// fileState is what a stat says of an output file or directory.
type fileState struct {
	Path  string `json:"path"`
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime_ns"`
	Dir   bool   `json:"dir,omitempty"`
}

// stampFile is where the stamp of the config at configPath lives, or ""
// when stamps are off or there is no cache directory.
func stampFile(configPath string) string {
	dir := os.Getenv("ACCESSORGEN_CACHE")
	if dir == "off" {
		return ""
	}
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(cache, "accessorgen")
	}
	abs, err := filepath.Abs(configPath)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, hex.EncodeToString(sum[:12])+".json")
}

// inputsHash hashes every input of a run. ok is false when an input cannot
// be tracked (a documents package named by import path): such runs are
// never skipped.
func inputsHash(configPath string, cfg *schema.Config) (hash string, ok bool) {
	h := sha256.New()
	add := func(name string, data []byte) {
		io.WriteString(h, name+"\x00"+strconv.Itoa(len(data))+"\x00")
		h.Write(data)
	}
	addFile := func(name string) bool {
		data, err := os.ReadFile(name)
		if errors.Is(err, os.ErrNotExist) {
			add(name, []byte("\x00absent"))
			return true
		}
		if err != nil {
			return false
		}
		add(name, data)
		return true
	}
	// The generator itself: its executable's identity.
	exe, err := os.Executable()
	if err != nil {
		return "", false
	}
	info, err := os.Stat(exe)
	if err != nil {
		return "", false
	}
	add("executable", []byte(exe+"\x00"+strconv.FormatInt(info.Size(), 10)+"\x00"+strconv.FormatInt(info.ModTime().UnixNano(), 10)))
	add("stamp", []byte(stampVersion))

	configDir := filepath.Dir(configPath)
	if cfg.Source == nil {
		return "", false // not read from a file: nothing to compare a later run with
	}
	add(configPath, cfg.Source)
	files, err := schema.ReadFiles(configDir, cfg)
	if err != nil {
		return "", false
	}
	for _, f := range files {
		add("schema:"+f.Name+"\x00"+f.Layer+"\x00"+strconv.Itoa(f.Priority), f.Data)
	}
	root, module, err := findModule(configDir)
	if err != nil {
		return "", false
	}
	if !addFile(filepath.Join(root, "go.mod")) || !addFile(filepath.Join(root, "go.sum")) {
		return "", false
	}
	if cfg.Documents != "" {
		if !strings.HasPrefix(cfg.Documents, "./") {
			return "", false // an import path: its files are not ours to track
		}
		// Absolute, as the module root is: the generated packages the
		// documents import must be recognised as outputs, or every run
		// that writes them would change the inputs of the next.
		absDir, err := filepath.Abs(configDir)
		if err != nil {
			return "", false
		}
		outputs := map[string]bool{
			filepath.Join(absDir, filepath.FromSlash(cfg.Holders.Dir)): true,
			filepath.Join(absDir, filepath.FromSlash(cfg.Types.Dir)):   true,
		}
		if inWorkspace(root) {
			return "", false // the workspace's modules are not tracked
		}
		modules, ok := localModules(root, module)
		if !ok {
			return "", false
		}
		// A replaced module's go.mod is read too: its go version and its
		// requirements change how its packages, and the documents, load.
		for _, m := range modules {
			if m.dir != root && !addFile(filepath.Join(m.dir, "go.mod")) {
				return "", false
			}
		}
		dirs, ok := localPackages(modules, filepath.Join(absDir, filepath.FromSlash(cfg.Documents)), outputs)
		if !ok {
			return "", false
		}
		for _, dir := range dirs {
			entries, err := os.ReadDir(dir)
			if err != nil {
				return "", false
			}
			for _, e := range entries {
				if !strings.HasSuffix(e.Name(), ".go") || e.IsDir() {
					continue
				}
				name := filepath.Join(dir, e.Name())
				data, err := os.ReadFile(name)
				if err != nil || bytes.Contains(data, []byte("//go:embed")) {
					return "", false // embedded files are not tracked: such runs always run
				}
				add(name, data)
			}
		}
		// What the go command loads depends on its environment too
		// (build tags in GOFLAGS, GOOS, ...), and on its own version.
		for _, v := range buildEnv {
			add("env:"+v, []byte(os.Getenv(v)))
		}
		if !addFile(goEnvFile()) {
			return "", false
		}
		if goCmd, err := exec.LookPath("go"); err == nil {
			if info, err := os.Stat(goCmd); err == nil {
				add("go", []byte(goCmd+"\x00"+strconv.FormatInt(info.Size(), 10)+"\x00"+strconv.FormatInt(info.ModTime().UnixNano(), 10)))
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// buildEnv are the environment variables that change what the go command
// loads for the documents package.
var buildEnv = []string{"GOFLAGS", "GOOS", "GOARCH", "GO386", "GOAMD64", "GOARM", "GOARM64", "GOMIPS", "GOMIPS64",
	"GOPPC64", "GORISCV64", "GOWASM", "CGO_ENABLED", "GOEXPERIMENT", "GOWORK", "GOTOOLCHAIN", "GOROOT", "GOPATH", "GOENV"}

// goEnvFile is the file "go env -w" writes, which the go command reads as
// defaults for the variables above.
func goEnvFile() string {
	if f := os.Getenv("GOENV"); f != "" {
		return f
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "go", "env")
}

// inWorkspace reports whether the go command would use a go.work file
// for the module at root.
func inWorkspace(root string) bool {
	switch w := os.Getenv("GOWORK"); w {
	case "off":
		return false
	case "":
	default:
		return true
	}
	for dir := root; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			return true
		}
		if filepath.Dir(dir) == dir {
			return false
		}
	}
}

// localModule is a module whose files are on disk for the user to edit:
// the main module, or a replacement by a directory.
type localModule struct {
	path, dir string
}

// localModules returns the main module and the modules go.mod replaces
// with a local directory, longest path first (a nested module wins).
func localModules(root, module string) ([]localModule, bool) {
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return nil, false
	}
	mods := []localModule{{path: module, dir: root}}
	inBlock := false
	for _, line := range strings.Split(string(data), "\n") {
		line, _, _ = strings.Cut(line, "//")
		fields := strings.Fields(line)
		switch {
		case len(fields) == 0:
			continue
		case inBlock && fields[0] == ")":
			inBlock = false
			continue
		case fields[0] == "replace" && len(fields) == 2 && fields[1] == "(":
			inBlock = true
			continue
		case fields[0] == "replace":
			fields = fields[1:]
		case !inBlock:
			continue
		}
		arrow := slices.Index(fields, "=>")
		if arrow < 1 || arrow != len(fields)-2 {
			continue // a replacement by a module version, or malformed: go reports it
		}
		target := fields[arrow+1]
		if unq, err := strconv.Unquote(target); err == nil {
			target = unq
		}
		if !filepath.IsAbs(target) && !strings.HasPrefix(target, "./") && !strings.HasPrefix(target, "../") {
			continue
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(root, filepath.FromSlash(target))
		}
		path := fields[0]
		if unq, err := strconv.Unquote(path); err == nil {
			path = unq
		}
		mods = append(mods, localModule{path: path, dir: filepath.Clean(target)})
	}
	slices.SortStableFunc(mods, func(a, b localModule) int { return len(b.path) - len(a.path) })
	return mods, true
}

// localPackages returns the directory of the documents package and of
// every package of a local module it imports, directly or not, sorted; the
// generated packages are outputs, checked as such, and left out.
func localPackages(modules []localModule, start string, outputs map[string]bool) ([]string, bool) {
	seen := map[string]bool{}
	queue := []string{filepath.Clean(start)}
	for len(queue) > 0 {
		dir := queue[0]
		queue = queue[1:]
		if seen[dir] || outputs[dir] {
			continue
		}
		seen[dir] = true
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, false
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, name), nil, parser.ImportsOnly)
			if err != nil {
				return nil, false // let the full run report it
			}
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				for _, m := range modules {
					if p == m.path || strings.HasPrefix(p, m.path+"/") {
						queue = append(queue, filepath.Join(m.dir, filepath.FromSlash(strings.TrimPrefix(p, m.path))))
						break
					}
				}
			}
		}
	}
	var dirs []string
	for d := range seen {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	return dirs, true
}

// outputStates stats the generated files and the output directories.
func outputStates(configDir string, files []string, dirs []string) ([]fileState, bool) {
	var out []fileState
	for _, d := range dirs {
		info, err := os.Stat(filepath.Join(configDir, filepath.FromSlash(d)))
		if err != nil {
			return nil, false
		}
		out = append(out, fileState{Path: d, MTime: info.ModTime().UnixNano(), Dir: true})
	}
	for _, f := range files {
		info, err := os.Stat(filepath.Join(configDir, filepath.FromSlash(f)))
		if err != nil {
			return nil, false
		}
		out = append(out, fileState{Path: f, Size: info.Size(), MTime: info.ModTime().UnixNano()})
	}
	return out, true
}

// upToDate reports whether the stamp in file says nothing changed since
// the last successful run, given the inputs' hash now: then the run has
// nothing to do. It returns the number of generated files.
func upToDate(file, inputs, configDir string) (int, bool) {
	if file == "" || inputs == "" {
		return 0, false
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return 0, false
	}
	var s stamp
	if json.Unmarshal(data, &s) != nil || s.Version != stampVersion || s.Inputs != inputs {
		return 0, false
	}
	var files, dirs []string
	for _, o := range s.Outputs {
		if o.Dir {
			dirs = append(dirs, o.Path)
		} else {
			files = append(files, o.Path)
		}
	}
	now, ok := outputStates(configDir, files, dirs)
	if !ok || len(now) != len(s.Outputs) {
		return 0, false
	}
	for i := range now {
		if now[i] != s.Outputs[i] {
			return 0, false
		}
	}
	return len(files), true
}

// saveStamp records a successful run: inputs is the hash taken before it
// started (so that an input changed during the run invalidates the stamp),
// files are its outputs, all up to date on disk now. Errors are ignored:
// a stamp is an optimisation.
func saveStamp(file, inputs, configDir string, files []output.File, dirs []string) {
	if file == "" {
		return
	}
	if inputs == "" {
		os.Remove(file)
		return
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	sort.Strings(paths)
	sortedDirs := append([]string(nil), dirs...)
	sort.Strings(sortedDirs)
	states, ok := outputStates(configDir, paths, sortedDirs)
	if !ok {
		return
	}
	data, err := json.MarshalIndent(stamp{Version: stampVersion, Inputs: inputs, Outputs: states}, "", " ")
	if err != nil {
		return
	}
	_ = output.WriteFile(file, data)
}
