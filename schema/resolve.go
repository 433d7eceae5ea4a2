package schema

import (
	"fmt"
	"sort"
	"strings"
)

// named is what link needs of a declaration to check its name.
type named struct {
	name, goName, kind string
	pos                Pos
}

// register checks that names (and their Go names, ignoring case, since
// generated files are named after them) are unique within one kind.
func (c *compiler) register(items []named) map[string]int {
	byName := map[string]int{}
	byGo := map[string]int{}
	for i, it := range items {
		if it.name == "" {
			continue
		}
		if j, dup := byName[it.name]; dup {
			c.errs.add(it.pos, "duplicate %s %q (first defined at %s)", it.kind, it.name, items[j].pos.Short())
			continue
		}
		byName[it.name] = i
		if it.goName == "" {
			continue
		}
		key := strings.ToLower(it.goName)
		if j, dup := byGo[key]; dup {
			c.errs.add(it.pos, "%s %q and %q (at %s) both become the Go name %s (ignoring case); rename one", it.kind, it.name, items[j].name, items[j].pos.Short(), it.goName)
			continue
		}
		byGo[key] = i
	}
	return byName
}

// link resolves references between declarations and computes each type's
// tables. It returns the model even when errors were recorded; Compile
// discards it then.
func (c *compiler) link() *Model {
	m := &Model{}
	var sheetNames, typeNames, baseNames []named
	for _, d := range c.sheets {
		sheetNames = append(sheetNames, named{d.sheet.Name, d.sheet.GoName, "property sheet", d.sheet.Pos})
	}
	for _, d := range c.types {
		typeNames = append(typeNames, named{d.t.Name, d.t.GoName, "portal type", d.t.Pos})
	}
	for _, b := range c.bases {
		baseNames = append(baseNames, named{b.Name, b.GoName, "base category", b.Pos})
	}
	sheets, types, bases := c.register(sheetNames), c.register(typeNames), c.register(baseNames)
	sortedKeys := func(idx map[string]int) []string {
		keys := make([]string, 0, len(idx))
		for k := range idx {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return keys
	}
	sheetList, typeList, baseList := sortedKeys(sheets), sortedKeys(types), sortedKeys(bases)

	for _, d := range c.sheets {
		for _, p := range d.sheet.Properties {
			if p.Type != Category || p.ID == "" {
				continue
			}
			if i, ok := bases[p.ID]; ok {
				p.Base = c.bases[i]
			} else {
				c.errs.add(p.Pos, "unknown base category %q%s", p.ID, suggest(p.ID, baseList))
			}
		}
	}
	for _, d := range c.types {
		t := d.t
		seen := map[string]Pos{}
		once := func(what string, it item) bool {
			key := what + "\x00" + it.Value
			if first, dup := seen[key]; dup {
				c.errs.add(it.Pos, "%s %q is listed twice in portal type %s (first at %s)", what, it.Value, t.Name, first)
				return false
			}
			seen[key] = it.Pos
			return true
		}
		for _, it := range d.sheets {
			if !once("property sheet", it) {
				continue
			}
			if i, ok := sheets[it.Value]; ok {
				t.Sheets = append(t.Sheets, c.sheets[i].sheet)
			} else {
				c.errs.add(it.Pos, "unknown property sheet %q%s", it.Value, suggest(it.Value, sheetList))
			}
		}
		var ownPos []Pos
		for _, it := range d.categories {
			if !once("base category", it) {
				continue
			}
			if i, ok := bases[it.Value]; ok {
				t.BaseCategories = append(t.BaseCategories, c.bases[i])
				ownPos = append(ownPos, it.Pos)
			} else {
				c.errs.add(it.Pos, "unknown base category %q%s", it.Value, suggest(it.Value, baseList))
			}
		}
		for _, it := range d.groups {
			if once("group", it) {
				t.Groups = append(t.Groups, it.Value)
			}
		}
		sort.Strings(t.Groups)
		for _, it := range d.allow {
			if !once("allowed content type", it) {
				continue
			}
			if i, ok := types[it.Value]; ok {
				t.AllowedContentTypes = append(t.AllowedContentTypes, c.types[i].t)
			} else {
				c.errs.add(it.Pos, "unknown portal type %q in allowed_content_types%s", it.Value, suggest(it.Value, typeList))
			}
		}
		c.resolveType(t, ownPos)
	}

	for _, k := range sheetList {
		m.Sheets = append(m.Sheets, c.sheets[sheets[k]].sheet)
	}
	for _, k := range typeList {
		m.Types = append(m.Types, c.types[types[k]].t)
	}
	for _, k := range baseList {
		m.BaseCategories = append(m.BaseCategories, c.bases[bases[k]])
	}
	return m
}

// HolderField is the name of the field through which a portal type embeds
// the holder of sheet s; it is also the holder's type name.
func HolderField(s *Sheet) string { return s.GoName + "Holder" }

// resolveType computes a type's own members, by-name table, forwards and
// shadows. ownPos are the positions of its base_categories items.
func (c *compiler) resolveType(t *PortalType, ownPos []Pos) {
	provided := map[*BaseCategory]bool{}
	fields := map[string]*Sheet{}
	for _, s := range t.Sheets {
		fields[HolderField(s)] = s
		for _, p := range s.Properties {
			if p.Base != nil {
				provided[p.Base] = true
			}
		}
	}
	for i, b := range t.BaseCategories {
		if provided[b] {
			continue // a holder has the accessors already
		}
		t.Own = append(t.Own, &Property{
			ID: b.Name, GoName: b.GoName, Type: Category, Multivalued: true, Mode: ReadWrite,
			ReadPerm: DefaultReadPermission, WritePerm: DefaultWritePermission, Base: b, Pos: ownPos[i],
		})
	}

	byID := map[string]*Property{}
	for _, s := range t.Sheets {
		for _, p := range s.Properties {
			if w, ok := byID[p.ID]; ok {
				t.Shadowed = append(t.Shadowed, Shadow{Winner: w, Loser: p})
				continue
			}
			byID[p.ID] = p
			t.Properties = append(t.Properties, p)
		}
	}
	ownMethods := map[string]*Property{}
	for _, p := range t.Own {
		if w, ok := byID[p.ID]; ok {
			c.errs.add(p.Pos, "base category %q of portal type %s clashes with property %q of sheet %s (at %s)", p.ID, t.Name, w.ID, w.Sheet.Name, w.Pos.Short())
			continue
		}
		byID[p.ID] = p
		t.Properties = append(t.Properties, p)
		for _, a := range p.Accessors() {
			ownMethods[a.Name] = p
		}
	}
	c.checkMembers("portal type "+t.Name, t.Own)

	// The method set: each holder's accessors, first holder winning.
	type method struct {
		p    *Property
		role Role
	}
	winner := map[string]method{}
	var forwarded []string
	clashed := map[[2]*Property]bool{} // own member and holder member reported
	for _, s := range t.Sheets {
		for _, p := range s.Properties {
			for _, a := range p.Accessors() {
				if o, ok := ownMethods[a.Name]; ok {
					if !clashed[[2]*Property{o, p}] {
						clashed[[2]*Property{o, p}] = true
						c.errs.add(o.Pos, "base category %q of portal type %s generates the method %s, which property %q of sheet %s (at %s) generates too", o.ID, t.Name, a.Name, p.ID, s.Name, p.Pos.Short())
					}
					continue
				}
				if f, ok := fields[a.Name]; ok {
					c.errs.add(p.Pos, "%s %q generates the method %s, which is the name of sheet %s's holder in portal type %s; rename it", memberWord(p), p.ID, a.Name, f.Name, t.Name)
					continue
				}
				w, ok := winner[a.Name]
				if !ok {
					winner[a.Name] = method{p, a.Role}
					continue
				}
				if w.p.Sheet != s {
					if !contains(forwarded, a.Name) {
						forwarded = append(forwarded, a.Name)
						t.Forwards = append(t.Forwards, Forward{Name: a.Name, Role: w.role, Property: w.p})
					}
					if w.p.ID != p.ID {
						t.Shadowed = append(t.Shadowed, Shadow{Method: a.Name, Winner: w.p, Loser: p})
					}
				}
			}
		}
	}
	for _, p := range t.Own {
		for _, a := range p.Accessors() {
			if f, ok := fields[a.Name]; ok {
				c.errs.add(p.Pos, "base category %q generates the method %s, which is the name of sheet %s's holder in portal type %s; rename it", p.ID, a.Name, f.Name, t.Name)
			}
		}
	}

	t.Calls = make([]map[Role]Call, len(t.Properties))
	for i, p := range t.Properties {
		calls := map[Role]Call{}
		for _, a := range p.Accessors() {
			call := Call{Name: a.Name}
			if p.Sheet != nil && winner[a.Name].p != p {
				call.Holder = p.Sheet
			}
			calls[a.Role] = call
		}
		t.Calls[i] = calls
	}
}

// String describes a shadow for people: which member hides which.
func (s Shadow) String() string {
	where := func(p *Property) string {
		if p.Sheet == nil {
			return "the type itself"
		}
		return "sheet " + p.Sheet.Name
	}
	if s.Method == "" {
		return fmt.Sprintf("%s %s from %s shadows the one from %s", memberWord(s.Winner), s.Winner.ID, where(s.Winner), where(s.Loser))
	}
	return fmt.Sprintf("method %s of %s %s (%s) shadows the one of %s %s (%s)", s.Method, memberWord(s.Winner), s.Winner.ID, where(s.Winner), memberWord(s.Loser), s.Loser.ID, where(s.Loser))
}
