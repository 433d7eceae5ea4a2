package schema

import (
	"go/token"
	"slices"
	"strings"
	"unicode"
)

// The Go identifiers the generated registry derives from location paths.
// gen names what it generates with these functions, and linkRegistry
// checks that no two of them meet in one Go scope: the check is of the
// names generated, not of a list of cases.

// PathGoName joins the Go names of a path's segments: data.serializers →
// DataSerializers.
func PathGoName(path string) string {
	var b strings.Builder
	for _, s := range strings.Split(path, ".") {
		b.WriteString(GoNameOf(s))
	}
	return b.String()
}

// GroupTypeName is the types package's Go type of the group at path:
// data.serializers → DataSerializersGroup.
func GroupTypeName(path string) string { return PathGoName(path) + "Group" }

// EntryNames are the identifiers of one entry in the generated Root: its
// fields (the holders.Entry, the value, the error), the method its
// accessor calls to build it, and the method that constructs it within a
// construction in progress.
type EntryNames struct {
	Entry, Value, Err, Builder, Construct string
}

// RegistryEntryNames are the Root identifiers of the entry at path:
// clients.kv → clientsKv, clientsKvValue, clientsKvErr, buildClientsKv,
// construct_ClientsKv. No path derives a name with an underscore but a
// keyword's field (type_), so the constructor method meets no path's name:
// construct.w beside w, which constructW would have refused, compiles.
// A field that would be a Go keyword (location type) ends in '_'.
func RegistryEntryNames(path string) EntryNames {
	goName := PathGoName(path)
	low := LowerGoName(goName)
	entry := low
	if token.IsKeyword(entry) {
		entry += "_"
	}
	return EntryNames{Entry: entry, Value: low + "Value", Err: low + "Err", Builder: "build" + goName, Construct: "construct_" + goName}
}

// LowerGoName gives an exported Go name a lower-case start, as gen names
// fields and package-level helpers: "SaleOrder" → "saleOrder",
// "URLString" → "urlString", "UI" → "ui". It may return a Go keyword.
func LowerGoName(goName string) string {
	runes := []rune(goName)
	n := 0
	for n < len(runes) && unicode.IsUpper(runes[n]) {
		n++
	}
	if n > 1 && n < len(runes) {
		n-- // keep the capital that starts the next word
	}
	for i := range n {
		runes[i] = unicode.ToLower(runes[i])
	}
	return string(runes)
}

// SwitchedLookup is the largest registry, in paths and aliases, whose
// Lookup finds a path with a switch (lookupIndex) rather than with a
// perfect hash (lookupIDs); gen says why.
const SwitchedLookup = 256

// registryPackageNames are the package-level names the registry declares
// beside its group types, for a registry of paths paths and aliases.
func registryPackageNames(paths int) []string {
	find := "lookupIndex"
	if paths > SwitchedLookup {
		find = "lookupIDs"
	}
	return []string{"Root", "NewRoot", "building", find, "lookups", "entryOf", "locations"}
}

// rootOwnNames are the fields and methods of Root that no location
// derives: the results array, the builder and the look-up methods.
var rootOwnNames = append([]string{"results_", "builds_", "lookupIn"}, RootMethods...)

// typeHelperSuffixes end the package-level helpers the types package
// declares per portal type after its lower-case Go name (saleOrderIndex,
// saleOrderInfo, saleOrderOwn, saleOrderConstraints).
var typeHelperSuffixes = []string{"Index", "Info", "Own", "Constraints"}

// registryIdent is a Go identifier claimed in one scope: by a location
// or alias (path set), by a portal type, or by the generated code itself
// (who empty, from naming the declarer: "the registry").
type registryIdent struct {
	scope, name string
	kind        string // what the identifier is: "group type", "Root field", ...
	from        string // what it is derived from: a path, a group, a type
	path        string // the location or alias that derives it; "" when none does
	who         string // the claimant, for messages: "location ui.y", "portal type Lookup"
	pos         Pos
	registry    bool // declared by the registry: a collision with it is reported here
}

// describe names id's claimant in a message: "u.i of location u.i.x
// (schema.yaml:3:11)".
func (id registryIdent) describe() string {
	if id.path != "" && id.from != id.path {
		return id.from + " of " + id.who + " (" + id.pos.String() + ")"
	}
	return id.who + " (" + id.pos.String() + ")"
}

// registryScopes holds the identifiers claimed so far, per scope.
type registryScopes struct {
	errs  *ErrorList
	names map[string]registryIdent // scope, name → first claimant
	bad   map[string]bool          // paths with an error already: one error each
}

// claim records id, or reports it at id's position when another claimant
// already holds its name in its scope. Claims of one name from one source
// (two paths below one group) are one identifier. A collision none of
// whose sides is the registry's is left to the check of those names.
func (s *registryScopes) claim(id registryIdent) {
	if id.path != "" && s.bad[id.path] {
		return
	}
	key := id.scope + "\x00" + id.name
	first, taken := s.names[key]
	switch {
	case !taken:
		s.names[key] = id
		return
	case first.from == id.from && first.kind == id.kind, !first.registry && !id.registry:
		return
	case first.who == "":
		s.errs.add(id.pos, "%s gives %s %s, which %s already declares: rename it", id.who, id.kind, id.name, first.from)
	case first.kind != id.kind:
		s.errs.add(id.pos, "%s gives %s %s, the %s of %s: rename one", id.who, id.kind, id.name, first.kind, first.describe())
	default:
		s.errs.add(id.pos, "%s gives %s %s, as %s does: rename one", id.who, id.kind, id.name, first.describe())
	}
	if id.path != "" {
		s.bad[id.path] = true
	}
}

// pathClaim is the location or alias that claims a path, and where.
type pathClaim struct {
	loc *Location
	pos Pos
}

// checkRegistryNames claims, in schema order, every identifier the
// registry derives from the paths, beside the names the generated code
// declares itself and the helpers of the portal types, so that a
// collision in any Go scope (the types package, Root, a group type) is
// reported at the later location. bad holds the paths already reported.
func (c *compiler) checkRegistryNames(paths []string, claims map[string]pathClaim, bad map[string]bool) {
	s := &registryScopes{errs: &c.errs, names: map[string]registryIdent{}, bad: bad}
	const pkg, root = "package", "Root"
	own := func(scope, name, declarer string, registry bool) {
		s.claim(registryIdent{scope: scope, name: name, kind: "name", from: declarer, registry: registry})
	}
	for _, n := range registryPackageNames(len(paths)) {
		own(pkg, n, "the registry", true)
	}
	for _, n := range ReservedTypeNames {
		own(pkg, n, "the types package", false)
	}
	for _, n := range rootOwnNames {
		own(root, n, "Root", true)
	}
	for _, d := range c.types {
		if t := d.t; t.GoName != "" {
			for _, suffix := range typeHelperSuffixes {
				s.claim(registryIdent{scope: pkg, name: LowerGoName(t.GoName) + suffix, kind: "package-level name", from: t.Name, who: "portal type " + t.Name, pos: t.Pos})
			}
		}
	}
	byPos := slices.Clone(paths)
	slices.SortFunc(byPos, func(a, b string) int { return comparePos(claims[a].pos, claims[b].pos) })
	for _, p := range byPos {
		cl := claims[p]
		who := "location " + p
		if cl.loc.Path != p {
			who = "alias " + p
		}
		derive := func(scope, name, kind, from string) {
			s.claim(registryIdent{scope: scope, name: name, kind: kind, from: from, path: p, who: who, pos: cl.pos, registry: true})
		}
		segs := strings.Split(p, ".")
		for i, seg := range segs {
			parent, full := strings.Join(segs[:i], "."), strings.Join(segs[:i+1], ".")
			if parent == "" {
				derive(root, GoNameOf(seg), "Root method", full)
			} else {
				own("group "+parent, "r", "the registry", true)
				derive("group "+parent, GoNameOf(seg), "method of "+GroupTypeName(parent), full)
			}
			if i+1 < len(segs) {
				derive(pkg, GroupTypeName(full), "group type", full)
			}
		}
		if cl.loc.Path == p { // an entry, not an alias: its fields and builder
			n := RegistryEntryNames(p)
			derive(root, n.Entry, "Root field", p)
			derive(root, n.Value, "Root field", p)
			derive(root, n.Err, "Root field", p)
			derive(root, n.Builder, "Root method", p)
			derive(root, n.Construct, "Root method", p)
		}
	}
}

// comparePos orders positions as errors are listed: by file, line and
// column.
func comparePos(a, b Pos) int {
	if a.File != b.File {
		return strings.Compare(a.File, b.File)
	}
	if a.Line != b.Line {
		return a.Line - b.Line
	}
	return a.Col - b.Col
}
