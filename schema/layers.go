package schema

import (
	"fmt"
	"slices"
	"sort"
)

// Layers (config layers:) let a project override or extend the schema of
// a lower layer, as ERP5's component versions with priorities do: among
// the definitions of one name, the one of the highest priority wins; a
// sheet that says extends: true adds to the definition below it instead.
// Two definitions of one name with the same priority are an error. Each
// winner records what it overrides, for provenance.

// decl is what layering needs of a declaration.
type decl[T any] struct {
	item     T
	name     string
	pos      Pos
	layer    string
	priority int
}

// pick keeps one declaration per name: the one of the highest priority,
// merged by apply with the ones below it (lowest first). Declarations
// without a name are kept: their error is already reported.
func pick[T any](c *compiler, kind string, items []decl[T], apply func(lower, upper T) T) []T {
	groups := map[string][]decl[T]{}
	var order []string
	var out []T
	for _, it := range items {
		if it.name == "" {
			out = append(out, it.item)
			continue
		}
		if _, seen := groups[it.name]; !seen {
			order = append(order, it.name)
		}
		groups[it.name] = append(groups[it.name], it)
	}
	for _, name := range order {
		group := groups[name]
		sort.SliceStable(group, func(i, j int) bool { return group[i].priority < group[j].priority })
		result, last := group[0].item, group[0]
		for _, d := range group[1:] {
			if d.priority == last.priority {
				if d.layer == last.layer {
					c.errs.add(d.pos, "duplicate %s %q (first defined at %s)", kind, name, last.pos.Short())
				} else {
					c.errs.add(d.pos, "%s %q is defined in layers %s and %s (at %s), which have the same priority %d: give one a higher priority",
						kind, name, d.layer, last.layer, last.pos.Short(), d.priority)
				}
				continue
			}
			result, last = apply(result, d.item), d
		}
		out = append(out, result)
	}
	return out
}

// layer applies the layers to every kind of declaration.
func (c *compiler) layer() {
	var sheets []decl[*sheetDecl]
	for _, d := range c.sheets {
		sheets = append(sheets, decl[*sheetDecl]{d, d.sheet.Name, d.sheet.Pos, d.sheet.Layer, d.sheet.priority})
	}
	for _, d := range c.sheets {
		if d.sheet.Extends && !slices.ContainsFunc(c.sheets, func(o *sheetDecl) bool {
			// One of the same priority is an error of its own (pick's).
			return o != d && o.sheet.Name == d.sheet.Name && o.sheet.priority <= d.sheet.priority
		}) {
			c.errs.add(d.extendsPos, "property sheet %s says extends: true, but no lower layer defines it", d.sheet.Name)
		}
	}
	c.sheets = pick(c, "property sheet", sheets, c.extend)

	var types []decl[*typeDecl]
	for _, d := range c.types {
		types = append(types, decl[*typeDecl]{d, d.t.Name, d.t.Pos, d.t.Layer, d.t.priority})
	}
	c.types = pick(c, "portal type", types, func(lower, upper *typeDecl) *typeDecl {
		upper.t.Overrides = lower.t
		return upper
	})

	var bases []decl[*BaseCategory]
	for _, b := range c.bases {
		bases = append(bases, decl[*BaseCategory]{b, b.Name, b.Pos, b.Layer, b.priority})
	}
	c.bases = pick(c, "base category", bases, func(lower, upper *BaseCategory) *BaseCategory {
		upper.Overrides = lower
		return upper
	})

	var services []decl[*Service]
	for _, s := range c.services {
		services = append(services, decl[*Service]{s, s.Location.Path, s.Pos, s.Layer, s.priority})
	}
	c.services = pick(c, "service", services, func(lower, upper *Service) *Service {
		upper.Overrides = lower
		return upper
	})
}

// extend merges upper, a sheet of a higher layer, with lower: replacing it
// (recording which properties it overrides), or, with extends: true,
// adding to it. An extending sheet may redefine an inherited property
// (its description, default, ...) but not its type.
func (c *compiler) extend(lower, upper *sheetDecl) *sheetDecl {
	ls, us := lower.sheet, upper.sheet
	us.Overrides = ls
	inherited := map[string]*Property{}
	for _, p := range append(slices.Clone(ls.Properties), ls.Contents...) {
		inherited[p.ID] = p
	}
	for _, p := range append(slices.Clone(us.Properties), us.Contents...) {
		if q := inherited[p.ID]; q != nil {
			p.Overrides = q
		}
	}
	if !us.Extends {
		return upper
	}
	changed := func(p, q *Property) {
		c.errs.add(p.Pos, "property %s of sheet %s has type %s in layer %s (at %s); extending it cannot change that to %s",
			p.ID, us.Name, DescribeType(q), q.Layer, q.Pos.Short(), DescribeType(p))
	}
	// Properties and content properties are kept in two lists: one turned
	// into the other would be merged into neither and be reported twice,
	// as a duplicate. It is the one type change, reported once; the
	// layer's own definition is kept.
	crossed := map[*Property]bool{}
	for _, p := range append(slices.Clone(us.Properties), us.Contents...) {
		if q := inherited[p.ID]; q != nil && (p.Type == Content) != (q.Type == Content) {
			changed(p, q)
			crossed[q] = true
		}
	}
	merge := func(base, own []*Property) []*Property {
		out := slices.DeleteFunc(slices.Clone(base), func(q *Property) bool { return crossed[q] })
		for _, p := range own {
			i := slices.IndexFunc(out, func(q *Property) bool { return q.ID == p.ID })
			if i < 0 {
				out = append(out, p)
				continue
			}
			q := out[i]
			if p.Type != q.Type || p.Multivalued != q.Multivalued {
				changed(p, q)
			}
			out[i] = p
		}
		for _, p := range out {
			p.Sheet = us
		}
		return out
	}
	us.Properties = merge(ls.Properties, us.Properties)
	us.Contents = merge(ls.Contents, us.Contents)
	constraints := slices.Clone(ls.Constraints)
	for _, k := range us.Constraints {
		if i := slices.IndexFunc(constraints, func(o *Constraint) bool { return o.ID == k.ID }); i >= 0 {
			if !k.idGiven {
				// A default id counts places in this layer's list only:
				// the new constraint would silently replace the
				// inherited one that happens to have the same place.
				c.errs.add(k.Pos, "constraint %s of sheet %s has the default id of the constraint it inherits (at %s), which it would replace: give it an id of its own to add it, or id: %s to replace that one",
					k.ID, us.Name, constraints[i].Pos.Short(), k.ID)
			}
			constraints[i] = k
		} else {
			constraints = append(constraints, k)
		}
	}
	for _, k := range constraints {
		k.Sheet = us
	}
	us.Constraints = constraints
	us.Unsupported = append(slices.Clone(ls.Unsupported), us.Unsupported...)
	if us.Description == "" {
		us.Description = ls.Description
	}
	c.checkMembers("property sheet "+us.Name, append(slices.Clone(us.Properties), us.Contents...))
	return upper
}

// DescribeType names a property's type as the schema writes it, for
// messages and reports: "string", "int multivalued".
func DescribeType(p *Property) string { return DescribeTypeOf(p.Type, p.Multivalued) }

// DescribeTypeOf is DescribeType of a property of type t, multivalued or
// not: the list types say nothing more.
func DescribeTypeOf(t Type, multivalued bool) string {
	if multivalued && t != Lines && t != Tokens && t != MultipleSelection && t != Category {
		return fmt.Sprintf("%s multivalued", t)
	}
	return string(t)
}
