package schema

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
