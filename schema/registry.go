package schema

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// KindService is the document kind of a registry service.
const KindService = "Service"

var (
	serviceKeys = []string{"kind", "location", "func", "description", "aliases"}
	aliasKeys   = []string{"path", "deprecated"}
)

// Service is a registry entry built by a constructor function of the
// documents package (YAML kind Service), with no property sheet.
type Service struct {
	Description string
	Func        Ref // the constructor, in the documents package
	Pos         Pos // of the location
	Location    *Location

	// Layer is the config layer that defines the service; Overrides, the
	// definition of a lower layer it replaces.
	Layer     string
	Overrides *Service
	priority  int
}

// Location is one entry of the registry: a dotted path bound to a service
// or a portal type, built on first access.
type Location struct {
	Path    string
	Pos     Pos
	Aliases []Alias
	Service *Service    // one of Service and Type is set
	Type    *PortalType // the registry holds one object of the type
}

// Alias is another path for a location, reached by Lookup and a generated
// accessor; Deprecated, when set, marks both as deprecated.
type Alias struct {
	Path       string
	Deprecated string
	Pos        Pos
}

// Segments splits the path on dots.
func (l *Location) Segments() []string { return strings.Split(l.Path, ".") }

// locationPath is what a location path may be: dotted lower-case
// identifiers, data.serializers.json.
var locationPath = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$`)

// RootMethods are the methods of the generated Root: no top-level
// location segment may take their Go name.
var RootMethods = []string{"Locations", "Lookup"}

// location reads a location: key and its aliases into a Location; what
// names the document, for messages.
func (c *compiler) location(d *decoder, m *mapping, what string) *Location {
	if m.get("location") == nil {
		return nil
	}
	l := &Location{Path: m.optional("location", what), Pos: m.keyPos("location")}
	for _, n := range m.nodes("aliases") {
		n = resolve(n)
		a := Alias{Pos: d.pos(n)}
		if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
			a.Path = n.Value
			if a.Path == "" {
				// linkRegistry skips an empty path as one already reported.
				d.errorf(n, "empty alias in aliases of %s: give a path, or remove it", what)
			}
		} else {
			am := d.mapping(n, "alias", aliasKeys)
			a.Path = am.required("path", "alias")
			a.Deprecated = am.str("deprecated")
			a.Pos = am.keyPos("path")
		}
		l.Aliases = append(l.Aliases, a)
	}
	return l
}

func (c *compiler) service(d *decoder, m *mapping) {
	s := &Service{Description: m.str("description"), Layer: d.layer, priority: d.priority}
	if m.get("location") == nil {
		m.required("location", "service")
	}
	s.Location = c.location(d, m, "service")
	if s.Location == nil {
		s.Location = &Location{Pos: d.pos(m.node)}
	}
	s.Location.Service = s
	s.Pos = s.Location.Pos
	s.Func = Ref{m.required("func", "service"), m.keyPos("func")}
	c.services = append(c.services, s)
}

// linkRegistry collects the locations of services and portal types into
// the model's registry, sorted by path, and checks them: well-formed,
// unique (aliases included), no path both an entry and a group, no
// top-level segment named like a Root method, no two paths giving one Go
// name in one scope of the generated code (checkRegistryNames), every
// portal type located or saying it is not registered.
func (c *compiler) linkRegistry(m *Model) {
	var locs []*Location
	for _, s := range c.services {
		locs = append(locs, s.Location)
	}
	for _, d := range c.types {
		if d.t.Location != nil {
			locs = append(locs, d.t.Location)
		}
	}
	if len(locs) == 0 {
		return // no registry: types need no location
	}
	for _, d := range c.types {
		if d.t.Location == nil && !d.t.Unregistered {
			c.errs.add(d.t.Pos, "portal type %s has no location, and the schema has a registry: give it a location, or registered: false", d.t.Name)
		}
	}
	claims := map[string]pathClaim{}
	bad := map[string]bool{} // paths with an error: checkRegistryNames skips them
	var paths []string
	claimPath := func(path string, pos Pos, l *Location) bool {
		switch {
		case path == "":
			return false
		case !locationPath.MatchString(path) || strings.Contains(path, "__"):
			c.errs.add(pos, "location %q must be dot-separated lower-case names (letters, digits, '_'), like data.serializers.json", path)
			return false
		case slices.Contains(RootMethods, GoNameOf(strings.Split(path, ".")[0])):
			c.errs.add(pos, "location %q starts with %q, which would be the Root method %s: rename it", path, strings.Split(path, ".")[0], GoNameOf(strings.Split(path, ".")[0]))
			return false
		}
		if first, dup := claims[path]; dup {
			c.errs.add(pos, "duplicate location %q (first at %s)", path, first.pos)
			return false
		}
		claims[path] = pathClaim{l, pos}
		paths = append(paths, path)
		return true
	}
	for _, l := range locs {
		if !claimPath(l.Path, l.Pos, l) {
			l.Path = "" // not generated: the error says why
		}
		kept := l.Aliases[:0]
		for _, a := range l.Aliases {
			if claimPath(a.Path, a.Pos, l) {
				kept = append(kept, a)
			}
		}
		l.Aliases = kept
	}
	// A path that is a prefix of another would be both an entry and a
	// group: r.Data() could not return both. Sorted, a prefix comes right
	// before the paths below it.
	sort.Strings(paths)
	for i := 0; i+1 < len(paths); i++ {
		if strings.HasPrefix(paths[i+1], paths[i]+".") {
			inner, outer := claims[paths[i+1]], claims[paths[i]]
			c.errs.add(inner.pos, "location %q is below %q (at %s), which is an entry: an entry cannot also be a group of entries", paths[i+1], paths[i], outer.pos.Short())
			bad[paths[i+1]] = true
		}
	}
	// Sibling names must give distinct Go names: they are methods of one
	// group.
	goNames := map[string]string{} // parent path, child's Go name → child's path
	for _, p := range paths {
		segs := strings.Split(p, ".")
		for i := range segs {
			path := strings.Join(segs[:i+1], ".")
			k := strings.Join(segs[:i], ".") + "\x00" + strings.ToLower(GoNameOf(segs[i]))
			if other, dup := goNames[k]; dup && other != path {
				otherSegs := strings.Split(other, ".")
				c.errs.add(claims[p].pos, "location %q and %q give the Go names %s and %s, equal ignoring case; rename one",
					path, other, GoNameOf(segs[i]), GoNameOf(otherSegs[len(otherSegs)-1]))
				bad[p] = true
				break
			}
			goNames[k] = path
		}
	}
	// Group types and Root live in the types package beside the portal
	// types.
	typeNames := map[string]Pos{"Root": {}, "NewRoot": {}}
	for _, d := range c.types {
		if d.t.GoName != "" {
			typeNames[d.t.GoName] = d.t.Pos
		}
	}
	for _, d := range c.types {
		if d.t.GoName == "Root" || d.t.GoName == "NewRoot" {
			c.errs.add(d.t.Pos, "portal type %q would be the Go type %s, which the registry's package declares; rename it", d.t.Name, d.t.GoName)
		}
	}
	reported := map[string]bool{}
	for _, p := range paths {
		segs := strings.Split(p, ".")
		for i := 1; i < len(segs); i++ {
			group := strings.Join(segs[:i], ".")
			name := GroupTypeName(group)
			if at, clash := typeNames[name]; clash && !reported[group] {
				reported[group] = true
				bad[p] = true
				c.errs.add(claims[p].pos, "the group %s of location %q would be the Go type %s, the name of portal type at %s; rename one", group, p, name, at.Short())
			}
		}
	}
	c.checkRegistryNames(paths, claims, bad)
	for _, l := range locs {
		if l.Path != "" {
			m.Registry = append(m.Registry, l)
		}
	}
	sort.Slice(m.Registry, func(i, j int) bool { return m.Registry[i].Path < m.Registry[j].Path })
	for _, s := range c.services {
		if s.Location.Path != "" {
			m.Services = append(m.Services, s)
		}
	}
	sort.Slice(m.Services, func(i, j int) bool { return m.Services[i].Location.Path < m.Services[j].Location.Path })
}

// GoNameOf is the Go name of a location segment; a segment GoName
// refuses (two underscores in a row) is kept as it is, and reported by
// the path check.
func GoNameOf(name string) string {
	if n, err := GoName(name, false); err == nil {
		return n
	}
	return name
}
