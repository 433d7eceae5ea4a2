// Package driver runs accessorgen's pipeline: config → schema → gen →
// output. The CLI and the golden tests both call it, so what the tests see
// is what users get.
package driver

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/accessorgen/accessorgen/binding"
	"github.com/accessorgen/accessorgen/gen"
	"github.com/accessorgen/accessorgen/internal/output"
	"github.com/accessorgen/accessorgen/schema"
	"golang.org/x/tools/go/packages"
)

// Result is what a run did or, in check mode, would do.
type Result struct {
	Written   []string // paths relative to the config directory
	Removed   []string
	Unchanged int
	Diff      string // check mode: unified diff from disk to generated, paths under the config directory as given
	// LineEndings, in check mode, are the stale files (of Written) whose
	// only difference is CRLF line endings on disk.
	LineEndings []string
	// Skipped says that no input and no output changed since the last
	// successful run (its stamp): nothing was read but the inputs.
	Skipped bool
}

// Stale reports whether a check found out-of-date files.
func (r *Result) Stale() bool { return len(r.Written) > 0 || len(r.Removed) > 0 }

// Options change how Run works.
type Options struct {
	// Check writes nothing and reports, with a diff, what a generate
	// would change.
	Check bool
	// Load replaces packages.Load, for tests.
	Load binding.Loader
}

// Run generates the packages that the config file at configPath describes.
// Schema errors come back as a schema.ErrorList whose paths are relative to
// the current directory; on any error nothing is written.
func Run(configPath string, opts Options) (*Result, error) {
	// Runs on the same config take turns: a generate holds the lock
	// exclusively, a check shares it, so neither sees the other half done.
	// The config is read inside the lock: a run that waited must use the
	// config as it is now, which the stamp it saves will hash.
	unlock, lockErr := output.Lock(configPath, !opts.Check)
	if lockErr == nil {
		defer unlock()
	}
	cfg, err := loadConfig(configPath)
	if err != nil {
		return nil, err
	}
	if lockErr != nil {
		return nil, lockErr
	}
	configDir := filepath.Dir(configPath)
	stampPath := ""
	if opts.Load == nil { // a test's loader may see another world than the disk
		stampPath = stampFile(configPath)
	}
	inputs, tracked := inputsHash(configPath, cfg)
	if !tracked {
		inputs = ""
	}
	if n, ok := upToDate(stampPath, inputs, configDir); ok {
		return &Result{Unchanged: n, Skipped: true}, nil
	}
	// The output directories as the config names them, checked before
	// anything is loaded: the documents package is loaded with the
	// generated holders laid over their directory, so documents in an
	// output directory would fail there with errors that do not say why.
	// (Without a module, Generate says so.) The parts' directories are
	// known only once generated, and checked below with the others.
	if root, module, err := findModule(configDir); err == nil {
		if err := checkDirs(configDir, root, module, cfg, []string{cfg.Holders.Dir, cfg.Types.Dir}); err != nil {
			return nil, relocate(err, configDir)
		}
	}
	files, gopts, err := Generate(configDir, cfg, opts.Load)
	if err != nil {
		return nil, relocate(err, configDir)
	}
	dirs, err := OutputDirs(configDir, gopts, files)
	if err != nil {
		return nil, err
	}
	root, module, err := findModule(configDir)
	if err != nil {
		return nil, err
	}
	if err := checkDirs(configDir, root, module, cfg, dirs); err != nil {
		return nil, relocate(err, configDir)
	}
	plan, err := output.Compare(configDir, dirs, files, gen.Header)
	if err != nil {
		return nil, err
	}
	res := &Result{Unchanged: plan.Unchanged, Removed: plan.Remove}
	for _, f := range plan.Write {
		res.Written = append(res.Written, f.Path)
	}
	if opts.Check {
		res.Diff = plan.Diff(configDir)
		res.LineEndings = plan.LineEndingsOnly()
		if !res.Stale() {
			saveStamp(stampPath, inputs, configDir, files, stampDirs(configDir, gopts, dirs))
		}
		return res, nil
	}
	if err := plan.Apply(); err != nil {
		return nil, err
	}
	saveStamp(stampPath, inputs, configDir, files, stampDirs(configDir, gopts, dirs))
	return res, nil
}

// Generate loads the schema of cfg, binds it to the documents package if
// the config names one, and renders the files, without touching the disk's
// outputs. load replaces packages.Load when not nil; it is called at most
// once.
func Generate(configDir string, cfg *schema.Config, load binding.Loader) ([]output.File, gen.Options, error) {
	b, err := Build(configDir, cfg, load)
	if err != nil {
		return nil, gen.Options{}, err
	}
	return b.Files, b.Opts, nil
}

// Built is what a run computes before it touches the disk: the model, its
// binding, and the generated files.
type Built struct {
	Model   *schema.Model
	Binding *binding.Binding
	Opts    gen.Options
	Files   []output.File
}

// Build is Generate, keeping the model and binding: explain, docs and
// graph report on them.
func Build(configDir string, cfg *schema.Config, load binding.Loader) (*Built, error) {
	model, err := schema.Load(configDir, cfg)
	if err != nil {
		// Compose what the schema gave, without Go: its errors belong to
		// the same run, so the user sees them all at once. The documents
		// package is not loaded, so references into it are not checked.
		var list schema.ErrorList
		if model != nil && errors.As(err, &list) {
			var docs *binding.Package
			if cfg.Documents != "" {
				docs = binding.Unloaded
			}
			if _, more := binding.Resolve(model, docs, "", nil); more != nil {
				list = append(slices.Clone(list), more.(schema.ErrorList)...)
				return nil, list.Sorted()
			}
		}
		return nil, err
	}
	opts, err := Packages(configDir, cfg)
	if err != nil {
		return nil, err
	}
	holderFiles, err := gen.Holders(model, opts)
	if err != nil {
		return nil, err
	}
	var docs *binding.Package
	var overlay map[string][]byte
	if cfg.Documents != "" {
		if load == nil {
			load = packages.Load
		}
		overlay, err = holdersOverlay(configDir, opts.Holders, holderFiles)
		if err != nil {
			return nil, err
		}
		docs, err = binding.Load(load, configDir, cfg.Documents, cfg.DocumentsPos, overlay, opts.Types.Path)
		if err != nil {
			return nil, err
		}
		opts.Documents = gen.Package{Path: docs.Path, Name: docs.Name}
	}
	dynamic, err := binding.EvalDynamic(model, docs, overlay)
	if err != nil {
		return nil, err
	}
	b, err := binding.Resolve(model, docs, opts.Holders.Path, dynamic)
	if err != nil {
		return nil, err
	}
	typeFiles, err := gen.Types(model, b, opts)
	if err != nil {
		return nil, err
	}
	built := &Built{Model: model, Binding: b, Opts: opts}
	for _, f := range append(holderFiles, typeFiles...) {
		built.Files = append(built.Files, output.File(f))
	}
	return built, nil
}

// Load builds the project of the config file at configPath for reports,
// with schema error positions relative to the current directory.
func Load(configPath string) (*Built, error) {
	cfg, err := loadConfig(configPath)
	if err != nil {
		return nil, err
	}
	b, err := Build(filepath.Dir(configPath), cfg, nil)
	if err != nil {
		return nil, relocate(err, filepath.Dir(configPath))
	}
	return b, nil
}

// loadConfig reads the config file at configPath, with schema error
// positions relative to the current directory. A directory is not read
// ("read DIR: is a directory" says nothing of what was expected): the
// error names the config file that it may hold.
func loadConfig(configPath string) (*schema.Config, error) {
	if info, err := os.Stat(configPath); err == nil && info.IsDir() {
		inside := filepath.Join(configPath, schema.DefaultConfig)
		if info, err := os.Stat(inside); err == nil && info.Mode().IsRegular() {
			return nil, fmt.Errorf("%s is a directory, not a config file: did you mean -config %s?", configPath, inside)
		}
		return nil, fmt.Errorf("%s is a directory, not a config file, and holds no %s: -config names the config file itself", configPath, schema.DefaultConfig)
	}
	cfg, err := schema.LoadConfig(configPath)
	if err != nil {
		return nil, relocate(err, filepath.Dir(configPath))
	}
	return cfg, nil
}

// holdersOverlay gives go/packages the holders as this run generates them:
// new and changed files with their new content, and generated files that
// this run would remove reduced to their package clause, so that the
// documents package is checked against exactly what will be written.
// Files already up to date on disk are left out.
func holdersOverlay(configDir string, holders gen.Package, files []gen.File) (map[string][]byte, error) {
	abs, err := filepath.Abs(configDir)
	if err != nil {
		return nil, err
	}
	// Only files that differ from the disk go into the overlay: go does not
	// cache builds of overlaid packages, and a load with an empty overlay
	// is twice as fast (docs/performance.md).
	overlay := map[string][]byte{}
	want := map[string]bool{}
	for _, f := range files {
		name := filepath.Join(abs, filepath.FromSlash(f.Path))
		want[name] = true
		if old, err := os.ReadFile(name); err != nil || !bytes.Equal(old, f.Data) {
			overlay[name] = f.Data
		}
	}
	dir := filepath.Join(abs, filepath.FromSlash(holders.Dir))
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	for _, e := range entries {
		name := filepath.Join(dir, e.Name())
		if want[name] || e.IsDir() || !strings.HasSuffix(name, ".go") {
			continue
		}
		if data, err := os.ReadFile(name); err == nil && output.IsGenerated(data, gen.Header) {
			overlay[name] = []byte("package " + holders.Name + "\n")
		}
	}
	return overlay, nil
}

// Packages computes the import paths of the output packages from the
// enclosing module's go.mod.
func Packages(configDir string, cfg *schema.Config) (gen.Options, error) {
	root, module, err := findModule(configDir)
	if err != nil {
		return gen.Options{}, err
	}
	abs, err := filepath.Abs(configDir)
	if err != nil {
		return gen.Options{}, err
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return gen.Options{}, err
	}
	pkg := func(o schema.Output) gen.Package {
		return gen.Package{Dir: o.Dir, Name: o.Package, Path: path.Join(module, filepath.ToSlash(rel), o.Dir)}
	}
	if err := nestedModules(abs, cfg); err != nil {
		return gen.Options{}, err
	}
	return gen.Options{Holders: pkg(cfg.Holders), Types: pkg(cfg.Types), TypesPerPackage: cfg.Types.TypesPerPackage}, nil
}

// nestedModules reports, at the config's position, an output directory
// that a go.mod between the config file's directory (in the module that
// findModule found) and the directory itself puts in another module: its
// import path would not be the one the generated code uses, and the types
// package's parts (under <types>/internal) are checked the same way.
func nestedModules(configDir string, cfg *schema.Config) error {
	var errs schema.ErrorList
	check := func(key string, o schema.Output, dir string) {
		if dir == "" || dir == "." {
			return
		}
		d := configDir
		for _, elem := range strings.Split(dir, "/") {
			d = filepath.Join(d, elem)
			mod := filepath.Join(d, "go.mod")
			if _, err := os.Stat(mod); err == nil {
				rel, _ := filepath.Rel(configDir, mod)
				errs = append(errs, &schema.Error{Pos: o.DirPos, Msg: fmt.Sprintf("%s directory %q is inside another module (%s): its package would not belong to the config file's module, so its import path would be wrong; move the directory out of that module, or remove that go.mod", key, o.Dir, filepath.ToSlash(rel))})
				return
			}
		}
	}
	check("holders", cfg.Holders, cfg.Holders.Dir)
	types := cfg.Types.Dir
	if cfg.Types.TypesPerPackage > 0 {
		types = path.Join(types, gen.PartsDir)
	}
	check("types", cfg.Types, types)
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// checkDirs runs output.CheckDirs on the output directories, with the
// user's inputs as its sources, and positions a failure at the config's
// dir entry of the output directory at fault.
func checkDirs(configDir, root, module string, cfg *schema.Config, dirs []string) error {
	sources := []output.Source{{Path: ".", What: "the config file's directory", Enclosing: true}}
	for _, d := range cfg.Schema {
		sources = append(sources, output.Source{Path: d.Path, What: "the schema directory " + d.Path})
	}
	if dir, ok := documentsDir(configDir, root, module, cfg.Documents); ok {
		sources = append(sources, output.Source{Path: dir, What: "the documents directory " + cfg.Documents})
	}
	err := output.CheckDirs(configDir, root, dirs, sources)
	var bad *output.DirError
	if !errors.As(err, &bad) {
		return err
	}
	key, o := "types", cfg.Types
	if bad.Dir == cfg.Holders.Dir {
		key, o = "holders", cfg.Holders
	}
	return schema.ErrorList{{Pos: o.DirPos, Msg: fmt.Sprintf("%s directory %s %s", key, bad.Dir, bad.Msg)}}
}

// documentsDir returns the directory of the documents package, as a
// slash path relative to the config directory, when the config names it
// as a directory (./document) or by an import path in the config's
// module (example.com/shop/document); a package of another module is
// none of the output directories' business.
func documentsDir(configDir, root, module, documents string) (string, bool) {
	documents = strings.TrimSuffix(documents, "/...")
	switch {
	case documents == "":
		return "", false
	case strings.HasPrefix(documents, "."):
		return path.Clean(documents), true
	case module == "" || documents != module && !strings.HasPrefix(documents, module+"/"):
		return "", false
	}
	abs, err := filepath.Abs(configDir)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(abs, filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(documents, module))))
	if err != nil {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// stampDirs are the directories whose state a stamp records: the output
// directories and, when it exists, the directory of the types' parts, in
// which a new directory would be a stale part that a full run removes.
func stampDirs(configDir string, opts gen.Options, dirs []string) []string {
	parts := path.Join(opts.Types.Dir, gen.PartsDir)
	if info, err := os.Stat(filepath.Join(configDir, filepath.FromSlash(parts))); err == nil && info.IsDir() && !slices.Contains(dirs, parts) {
		return append(slices.Clone(dirs), parts)
	}
	return dirs
}

// OutputDirs lists the directories whose generated files a run owns: the
// holders and types packages, the internal packages files go to when the
// types are split, and those already on disk, so that a package no longer
// generated (fewer types, a larger types_per_package, no split) loses its
// files instead of breaking the build with stale ones.
func OutputDirs(configDir string, opts gen.Options, files []output.File) ([]string, error) {
	dirs := []string{opts.Holders.Dir, opts.Types.Dir}
	seen := map[string]bool{opts.Holders.Dir: true, opts.Types.Dir: true}
	add := func(dir string) {
		if !seen[dir] {
			seen[dir] = true
			dirs = append(dirs, dir)
		}
	}
	parts := path.Join(opts.Types.Dir, gen.PartsDir)
	paths := map[string]bool{}
	for _, f := range files {
		// The config's rules keep the packages apart; should two files
		// still share a path, writing one over the other would leave a
		// run that never stops finding its output stale.
		if paths[f.Path] {
			return nil, fmt.Errorf("internal error: two generated files have the same path %s (please report it, with the config)", f.Path)
		}
		paths[f.Path] = true
		if dir := path.Dir(f.Path); path.Dir(dir) == parts {
			add(dir)
		}
	}
	// A file of the user's named like the parts' directory is no part:
	// it stops only a split run, which must make that directory.
	partsPath := filepath.Join(configDir, filepath.FromSlash(parts))
	var entries []os.DirEntry
	if info, err := os.Stat(partsPath); err == nil && info.IsDir() {
		if entries, err = os.ReadDir(partsPath); err != nil {
			return nil, err
		}
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	for _, e := range entries {
		if e.IsDir() && gen.IsPartDir(e.Name()) {
			add(path.Join(parts, e.Name()))
		}
	}
	slices.Sort(dirs[2:])
	return dirs, nil
}

// findModule finds the go.mod at or above dir and returns its directory and
// module path.
func findModule(dir string) (root, module string, err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		data, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil {
			module := modulePath(data)
			if module == "" {
				return "", "", fmt.Errorf("%s has no module line", filepath.Join(d, "go.mod"))
			}
			return d, module, nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return "", "", err
		}
		if filepath.Dir(d) == d {
			return "", "", fmt.Errorf("no go.mod at or above %s: the generated packages must belong to a Go module", abs)
		}
	}
}

// modulePath returns the module path of a go.mod file.
func modulePath(data []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if rest, ok := strings.CutPrefix(line, "module"); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			rest, _, _ = strings.Cut(rest, "//")
			rest = strings.TrimSpace(rest)
			if unq, err := strconv.Unquote(rest); err == nil {
				rest = unq
			}
			return rest
		}
	}
	return ""
}

// Shown returns name, a slash-separated path relative to configDir, as it
// is to be shown: relative to the current directory by the shortest way,
// so that an editor opens it from where the command ran. Run from inside
// schema/, schema/person.yaml is person.yaml, not ../schema/person.yaml; a
// configDir given as an absolute path keeps absolute paths.
func Shown(configDir, name string) string {
	if configDir == "." || configDir == "" {
		return name
	}
	joined := path.Join(filepath.ToSlash(configDir), name)
	if filepath.IsAbs(configDir) {
		return joined
	}
	cwd, err := os.Getwd()
	if err != nil {
		return joined
	}
	absConfig, err := filepath.Abs(configDir)
	if err != nil {
		return joined
	}
	if rel, err := filepath.Rel(cwd, filepath.Join(absConfig, filepath.FromSlash(name))); err == nil && len(rel) < len(joined) {
		return filepath.ToSlash(rel)
	}
	return joined
}

// relocate makes the positions of schema errors relative to the current
// directory instead of the config directory, so editors can open them.
func relocate(err error, configDir string) error {
	var list schema.ErrorList
	if !errors.As(err, &list) || configDir == "." || configDir == "" {
		return err
	}
	out := make(schema.ErrorList, len(list))
	for i, e := range list {
		c := *e
		if c.Pos.File != "" && !path.IsAbs(c.Pos.File) {
			c.Pos.File = Shown(configDir, c.Pos.File)
		}
		out[i] = &c
	}
	return out
}
