package schema

import "strings"

// The rules below keep the config from naming output packages that
// generate but cannot be built or imported: the types package imports the
// holders package, and the user's code imports both.

// reservedPackageName reports why name, a valid identifier, cannot be the
// name of an imported package, or "" if it can.
func reservedPackageName(name string) string {
	switch name {
	case "main":
		return `package name "main" is for programs, which cannot be imported (go build: "is a program, not an importable package")`
	case "init":
		return `package name "init" cannot be imported, as init is reserved for initialisers (go build: "cannot import package as init")`
	}
	return ""
}

// within reports whether dir is inside tree or is tree itself, both
// cleaned slash paths.
func within(dir, tree string) bool {
	return dir == tree || strings.HasPrefix(dir, tree+"/")
}

// checkOutputDirs checks the holders and types directories against each
// other, once both are parsed.
func checkOutputDirs(cfg *Config, errs *ErrorList) {
	h, t := cfg.Holders.Dir, cfg.Types.Dir
	if h == "" || t == "" {
		return
	}
	switch {
	case h == t:
		errs.add(cfg.Types.DirPos, "types and holders must be generated into different directories (both are %q)", t)
	case within(h, t):
		// The types package's parts go to <types>/internal/partN: a
		// holders directory there has its files overwritten by theirs.
		errs.add(cfg.Holders.DirPos, "holders directory %q is inside the types directory %q, whose subdirectories (%s/%s/partN) are the types package's: give holders a directory outside it", h, t, t, partsDir)
	case within(t, h):
		errs.add(cfg.Types.DirPos, "types directory %q is inside the holders directory %q: give each package a directory outside the other's", t, h)
	}
}

// partsDir is gen.PartsDir (schema cannot import gen): the directory,
// under the types package's, of the packages types_per_package splits the
// types into.
const partsDir = "internal"
