package schema

import (
	"fmt"
	"strings"
)

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

// badWindowsNames are the file names Windows reserves, which import paths
// may not use as an element (before its first dot), whatever the case.
var badWindowsNames = []string{
	"CON", "PRN", "AUX", "NUL",
	"COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
	"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
}

// dirProblem reports why dir, a cleaned output directory relative to the
// config file's directory, cannot hold a package of the module that the
// go command imports and builds with ./..., or "" if it can. The import
// path rules are those of golang.org/x/mod/module.CheckImportPath.
func dirProblem(dir string) string {
	for _, elem := range strings.Split(dir, "/") {
		switch {
		case elem == "vendor":
			return `it has a "vendor" element: the go command takes it for a vendored copy of another module and refuses the import ("must be imported as ...")`
		case elem == "testdata":
			return `it has a "testdata" element: the go command leaves testdata directories out of ./..., so go build, go vet and go test ./... would skip the package`
		case elem[0] == '.' || elem[0] == '_':
			return fmt.Sprintf("its element %q starts with %q: the go command leaves such directories out of ./..., so go build, go vet and go test ./... would skip the package", elem, elem[:1])
		case strings.HasSuffix(elem, "."):
			return fmt.Sprintf("its element %q ends with a dot, which import paths do not allow", elem)
		}
		for _, r := range elem {
			if !importPathRune(r) {
				return fmt.Sprintf("its element %q has %q, which import paths do not allow (only ASCII letters, digits and - . _ ~ +)", elem, r)
			}
		}
		short, _, _ := strings.Cut(elem, ".")
		for _, bad := range badWindowsNames {
			if strings.EqualFold(short, bad) {
				return fmt.Sprintf("its element %q is a file name Windows reserves, which import paths do not allow", elem)
			}
		}
		if i := strings.LastIndexByte(short, '~'); i >= 0 && i < len(short)-1 && strings.Trim(short[i+1:], "0123456789") == "" {
			return fmt.Sprintf("its element %q ends with a tilde and digits, like a Windows short name, which import paths do not allow", elem)
		}
	}
	return ""
}

// importPathRune reports whether r may appear in an import path element.
func importPathRune(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' ||
		strings.ContainsRune("-._~+", r)
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
		return
	case within(h, t):
		// The types package's parts go to <types>/internal/partN: a
		// holders directory there has its files overwritten by theirs.
		errs.add(cfg.Holders.DirPos, "holders directory %q is inside the types directory %q, whose subdirectories (%s/%s/partN) are the types package's: give holders a directory outside it", h, t, t, partsDir)
		return
	case within(t, h):
		errs.add(cfg.Types.DirPos, "types directory %q is inside the holders directory %q: give each package a directory outside the other's", t, h)
		return
	}
	// An internal package is importable only from the tree rooted at the
	// parent of its last internal element, and the types package imports
	// the holders package. Where else the outputs may be imported from
	// (the documents package, the user's code) is the user's choice: the
	// go command reports an import from outside at the import.
	i := strings.LastIndex("/"+h+"/", "/internal/")
	if i <= 0 {
		return // none, or the first element: internal to the config file's directory
	}
	parent := h[:i-1]
	if !within(t, parent) {
		errs.add(cfg.Holders.DirPos, "holders directory %q is internal to %q, so the types package in %q cannot import it: put types under %q too, or holders outside the internal directory", h, parent, t, parent)
	}
}

// partsDir is gen.PartsDir (schema cannot import gen): the directory,
// under the types package's, of the packages types_per_package splits the
// types into.
const partsDir = "internal"
