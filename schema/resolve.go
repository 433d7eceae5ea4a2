package schema

import (
	"slices"
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
	c.layer()
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
			} else if !c.lost[p.ID] {
				c.errs.add(p.Pos, "unknown base category %q%s", p.ID, Suggest(p.ID, baseList))
			}
		}
	}
	for _, d := range c.types {
		t := d.t
		where := "portal type " + t.Name
		for _, it := range unique(&c.errs, "property sheet", where, d.sheets) {
			if i, ok := sheets[it.Value]; ok {
				t.Sheets = append(t.Sheets, c.sheets[i].sheet)
			} else if !c.lost[it.Value] {
				c.errs.add(it.Pos, "unknown property sheet %q%s", it.Value, Suggest(it.Value, sheetList))
			}
		}
		for _, it := range unique(&c.errs, "base category", where, d.categories) {
			if i, ok := bases[it.Value]; ok {
				t.BaseCategories = append(t.BaseCategories, c.bases[i])
				t.BaseCategoryPos = append(t.BaseCategoryPos, it.Pos)
			} else if !c.lost[it.Value] {
				c.errs.add(it.Pos, "unknown base category %q%s", it.Value, Suggest(it.Value, baseList))
			}
		}
		for _, it := range unique(&c.errs, "group", where, d.groups) {
			t.Groups = append(t.Groups, it.Value)
		}
		sort.Strings(t.Groups)
		for _, it := range unique(&c.errs, "allowed content type", where, d.allow) {
			if i, ok := types[it.Value]; ok {
				t.AllowedContentTypes = append(t.AllowedContentTypes, c.types[i].t)
			} else if !c.lost[it.Value] {
				c.errs.add(it.Pos, "unknown portal type %q in allowed_content_types%s", it.Value, Suggest(it.Value, typeList))
			}
		}
	}

	for _, r := range c.refs {
		for _, it := range r.items {
			if i, ok := types[it.Value]; ok {
				*r.into = append(*r.into, c.types[i].t)
			} else if !c.lost[it.Value] {
				c.errs.add(it.Pos, "unknown portal type %q in %s%s", it.Value, r.what, Suggest(it.Value, typeList))
			}
		}
	}
	for _, d := range c.sheets {
		for _, p := range append(slices.Clone(d.sheet.Properties), d.sheet.Contents...) {
			if a := p.Acquisition; a != nil {
				for _, b := range a.BaseCategories {
					if _, ok := bases[b.Name]; !ok && !c.lost[b.Name] {
						c.errs.add(b.Pos, "unknown base category %q in the acquisition of %s%s", b.Name, p.ID, Suggest(b.Name, baseList))
					}
				}
			}
		}
	}

	for _, d := range c.sheets {
		for _, k := range d.sheet.Constraints {
			c.linkConstraint(k, bases, baseList)
		}
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
	c.categorySheets(m)
	c.linkRegistry(m)
	return m
}

// HolderField is the name of the field through which a portal type embeds
// the holder of sheet s; it is also the holder's type name.
func HolderField(s *Sheet) string { return s.GoName + "Holder" }

// linkConstraint checks a constraint's base categories and the memberships
// of its condition against the base categories of the schema.
func (c *compiler) linkConstraint(k *Constraint, bases map[string]int, baseList []string) {
	for _, b := range k.BaseCategories {
		i, ok := bases[b.Name]
		if !ok {
			if !c.lost[b.Name] {
				c.errs.add(b.Pos, "unknown base category %q in constraint %s%s", b.Name, k.ID, Suggest(b.Name, baseList))
			}
			k.Bases = append(k.Bases, nil)
			continue
		}
		k.Bases = append(k.Bases, c.bases[i])
	}
	if k.Condition == nil {
		return
	}
	for _, ref := range k.Condition.Membership {
		base, value, _ := strings.Cut(ref.Name, "/")
		i, ok := bases[base]
		k.Condition.Bases = append(k.Condition.Bases, nil)
		if ok {
			k.Condition.Bases[len(k.Condition.Bases)-1] = c.bases[i]
		}
		switch {
		case !ok && c.lost[base]:
		case !ok:
			c.errs.add(ref.Pos, "unknown base category %q in the condition of constraint %s%s", base, k.ID, Suggest(base, baseList))
		case c.bases[i].HasTree() && !c.bases[i].hasPath(value):
			c.errs.add(ref.Pos, "membership %q of the condition of constraint %s is not in the %s tree", ref.Name, k.ID, base)
		}
	}
}

// categorySheets creates the holder of each base category a portal type
// lists in base_categories. Its name is the base category's; its Go name,
// <Base>Category, must not be a declared sheet's.
func (c *compiler) categorySheets(m *Model) {
	sheetGo := map[string]*Sheet{}
	for _, s := range m.Sheets {
		sheetGo[strings.ToLower(s.GoName)] = s
	}
	// A type whose own sheets declare the base category needs no holder
	// for it (ERP5 merges the two); the documents' holders are not known
	// yet, so a type whose document declares it still counts.
	needs := func(t *PortalType, b *BaseCategory) bool {
		return slices.Contains(t.BaseCategories, b) && !slices.ContainsFunc(t.Sheets, func(s *Sheet) bool {
			return slices.ContainsFunc(s.Properties, func(p *Property) bool { return p.Base == b })
		})
	}
	for _, b := range m.BaseCategories {
		used := slices.ContainsFunc(m.Types, func(t *PortalType) bool { return needs(t, b) })
		if !used || b.GoName == "" {
			continue
		}
		s := &Sheet{Name: b.Name, GoName: b.GoName + "Category", Description: b.Description, Pos: b.Pos, Layer: b.Layer, Category: b}
		if other, clash := sheetGo[strings.ToLower(s.GoName)]; clash {
			c.errs.add(other.Pos, "property sheet %s would have the Go name %s, which the holder of base category %s (at %s) takes: rename the sheet", other.Name, s.GoName, b.Name, b.Pos.Short())
			continue
		}
		s.Properties = []*Property{{
			ID: b.Name, GoName: b.GoName, Type: Category, Multivalued: true, Mode: ReadWrite,
			ReadPerm: DefaultReadPermission, WritePerm: DefaultWritePermission,
			Base: b, Sheet: s, Pos: b.Pos, Layer: b.Layer,
		}}
		b.Holder = s
		m.CategorySheets = append(m.CategorySheets, s)
	}
}
