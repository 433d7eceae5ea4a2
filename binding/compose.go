package binding

import (
	"fmt"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"github.com/accessorgen/accessorgen/schema"
)

// Resolve composes every portal type of m. pkg is the documents package, or
// nil when the config names none: type_class is then information only, and
// mixins are an error; Unloaded when it names one that was not loaded:
// references into it are then not checked. holdersPath is the generated holders package's
// import path. dynamic holds the base categories EvalDynamic found for
// each type. Errors are positioned in the schema and name the Go positions
// they concern.
func Resolve(m *schema.Model, pkg *Package, holdersPath string, dynamic map[*schema.PortalType][]Dynamic) (*Binding, error) {
	b := &Binding{Documents: pkg}
	var errs schema.ErrorList
	holders := newHolderSet(holdersPath, m)
	for _, t := range m.Types {
		bt := &Type{PortalType: t}
		for _, d := range dynamic[t] {
			bt.dynamic = append(bt.dynamic, d.Base)
			bt.dynamicPos = append(bt.dynamicPos, d.Pos)
		}
		if pkg != nil && !pkg.unloaded() && t.TypeClass != "" {
			bt.Document = pkg.lookup(t.TypeClass, "type_class", t.TypeClassPos, holders, &errs)
		}
		for _, mx := range t.Mixins {
			if pkg.unloaded() {
				continue
			}
			if pkg == nil {
				errs = append(errs, &schema.Error{Pos: mx.Pos, Msg: fmt.Sprintf("mixin %s needs a documents package: add documents: to the config", mx.Name)})
				continue
			}
			if g := pkg.lookup(mx.Name, "mixin", mx.Pos, holders, &errs); g != nil {
				if len(g.Holders) > 0 {
					errs = append(errs, &schema.Error{Pos: mx.Pos, Msg: fmt.Sprintf("mixin %s (%s) embeds holder %s: holders belong to the document or the type, not to mixins", g.Name, g.Pos, schema.HolderField(g.Holders[0]))})
					continue
				}
				bt.Mixins = append(bt.Mixins, g)
			}
		}
		errs = append(errs, bt.compose()...)
		b.Types = append(b.Types, bt)
	}
	// Contents and acquisitions read other types' tables: all composed.
	byType := map[*schema.PortalType]*Type{}
	for _, bt := range b.Types {
		byType[bt.PortalType] = bt
	}
	for _, bt := range b.Types {
		errs = append(errs, bt.link(byType)...)
		errs = append(errs, bt.constrain(pkg)...)
	}
	var regErrs schema.ErrorList
	b.Registry, regErrs = bindRegistry(m, pkg, byType)
	errs = append(errs, regErrs...)
	if len(errs) > 0 {
		return nil, errs.Sorted()
	}
	return b, nil
}

// provider is one embedded field's method of a given name.
type provider struct {
	kind     FieldKind
	path     []string
	property *schema.Property // for HolderField
	role     schema.Role
	method   *goMethod // for DocumentField and MixinField
	goType   *GoType
	at       schema.Pos // for DocumentField and MixinField: where the schema names the type
}

// compose computes the type's fields, tables and dispatch.
func (t *Type) compose() schema.ErrorList {
	var errs schema.ErrorList
	add := func(pos schema.Pos, format string, args ...any) {
		errs = append(errs, &schema.Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
	}
	docPos := t.TypeClassPos

	// Holders: the type's sheets, then the ones only the document embeds.
	t.Sheets = slices.Clone(t.PortalType.Sheets)
	inDoc := map[*schema.Sheet]bool{}
	if t.Document != nil {
		for _, s := range t.Document.Holders {
			inDoc[s] = true
			if !slices.Contains(t.Sheets, s) {
				t.Sheets = append(t.Sheets, s)
			}
		}
	}

	// Own categories: base categories no holder declares.
	provided := map[*schema.BaseCategory]bool{}
	for _, s := range t.Sheets {
		for _, p := range s.Properties {
			if p.Base != nil {
				provided[p.Base] = true
			}
		}
	}
	// A base category of base_categories comes with its holder, shared by
	// every type that has it; a dynamic one (known only after the holders
	// were generated) gets its accessors on the type itself.
	t.ownPos = map[*schema.Property]schema.Pos{}
	own := func(b *schema.BaseCategory, pos schema.Pos, dynamic bool) {
		if provided[b] || b.GoName == "" {
			return
		}
		provided[b] = true
		p := &schema.Property{
			ID: b.Name, GoName: b.GoName, Type: schema.Category, Multivalued: true, Mode: schema.ReadWrite,
			ReadPerm: schema.DefaultReadPermission, WritePerm: schema.DefaultWritePermission, Base: b, Pos: pos,
			Layer: t.Layer,
		}
		if !dynamic && b.Holder != nil {
			p = b.Holder.Properties[0]
		}
		t.ownPos[p] = pos
		t.Own = append(t.Own, p)
	}
	for i, b := range t.BaseCategories {
		own(b, t.BaseCategoryPos[i], false)
	}
	for i, b := range t.dynamic {
		own(b, t.dynamicPos[i], true)
	}

	// Fields, in ERP5's order; their names must differ.
	fieldPos := map[string]string{} // name → what it is
	field := func(f Field, what string, pos schema.Pos) {
		if other, dup := fieldPos[f.Name]; dup {
			add(pos, "%s would be embedded as field %s, the name of %s already; rename one", what, f.Name, other)
			return
		}
		fieldPos[f.Name] = what
		t.Fields = append(t.Fields, f)
	}
	if t.Document != nil {
		field(Field{Kind: DocumentField, Name: t.Document.Name, GoType: t.Document}, "document "+t.Document.Name, docPos)
	}
	for _, s := range t.PortalType.Sheets {
		if !inDoc[s] {
			field(Field{Kind: HolderField, Name: schema.HolderField(s), Sheet: s}, "the holder of sheet "+s.Name, s.Pos)
		}
	}
	for _, s := range t.Sheets {
		if inDoc[s] {
			fieldPos[schema.HolderField(s)] = "the holder of sheet " + s.Name
		}
	}
	for _, p := range t.Own {
		if p.Sheet == nil {
			continue // dynamic: on the type
		}
		// A duplicate field means two base categories with one Go name,
		// which schema reports.
		if _, dup := fieldPos[schema.HolderField(p.Sheet)]; !dup {
			field(Field{Kind: HolderField, Name: schema.HolderField(p.Sheet), Sheet: p.Sheet}, "the holder of base category "+p.ID, t.ownPos[p])
		}
	}
	field(Field{Kind: BaseField, Name: "Base"}, "holders.Base", t.Pos)
	for i, mx := range t.Mixins {
		field(Field{Kind: MixinField, Name: mx.Name, GoType: mx}, "mixin "+mx.Name, t.mixinPos(i))
	}

	// The by-name table: the first member of each id wins.
	byID := map[string]*schema.Property{}
	for _, s := range t.Sheets {
		for _, p := range s.Properties {
			if p.ID == "" {
				continue
			}
			if w, ok := byID[p.ID]; ok {
				t.Shadowed = append(t.Shadowed, Shadow{Winner: w, Loser: p})
				continue
			}
			byID[p.ID] = p
			t.Properties = append(t.Properties, p)
		}
	}
	ownMethods := map[string]*schema.Property{}
	for _, p := range t.Own {
		if w, ok := byID[p.ID]; ok {
			add(t.ownPos[p], "base category %q of portal type %s clashes with property %q of sheet %s (at %s)", p.ID, t.Name, w.ID, w.Sheet.Name, w.Pos.Short())
			continue
		}
		byID[p.ID] = p
		t.Properties = append(t.Properties, p)
		for _, a := range p.Accessors() {
			ownMethods[a.Name] = p
		}
	}
	// Checked at the type's base_categories entries: the holders' own
	// positions are the base categories'.
	var atType []*schema.Property
	for _, p := range t.Own {
		c := *p
		c.Pos = t.ownPos[p]
		atType = append(atType, &c)
	}
	errs = append(errs, schema.CheckMembers("portal type "+t.Name, atType)...)

	// Providers of each method name, in priority order: the document's
	// own methods, the holders by priority, the mixins.
	providers := map[string][]provider{}
	var names []string // in order of first appearance, for determinism
	offer := func(name string, p provider) {
		if _, seen := providers[name]; !seen {
			names = append(names, name)
		}
		providers[name] = append(providers[name], p)
	}
	goMethods := func(kind FieldKind, g *GoType, at schema.Pos) {
		for _, n := range g.names {
			offer(n, provider{kind: kind, path: []string{g.Name}, method: g.methods[n], goType: g, at: at})
		}
	}
	if t.Document != nil {
		goMethods(DocumentField, t.Document, docPos)
	}
	for _, s := range t.Sheets {
		for _, p := range s.Properties {
			if p.GoName == "" {
				continue // its name was rejected by the schema already
			}
			for _, a := range p.Accessors() {
				offer(a.Name, provider{kind: HolderField, path: t.HolderPath(s), property: p, role: a.Role})
			}
		}
	}
	for _, p := range t.Own {
		for _, a := range p.Accessors() {
			if fieldPos[a.Name] != "" {
				add(t.ownPos[p], "base category %q generates the method %s, which is the name of %s in portal type %s; rename it", p.ID, a.Name, fieldPos[a.Name], t.Name)
			}
		}
	}
	for i, mx := range t.Mixins {
		goMethods(MixinField, mx, t.mixinPos(i))
	}
	// A field of the document or of a mixin named like an accessor would
	// make the selector ambiguous at the holders' depth: Go would reject
	// every use of the accessor through the type.
	fields := func(g *GoType, pos schema.Pos) {
		for _, name := range names {
			at := g.field(name)
			if at == "" {
				continue
			}
			for _, p := range providers[name] {
				if p.kind == HolderField {
					add(pos, "%s has a field %s (%s), the name of the accessor of %s %q (sheet %s): Go would find both; rename or unexport the field", g.Name, name, at, schema.MemberWord(p.property), p.property.ID, p.property.Sheet.Name)
					break
				}
			}
		}
	}
	if t.Document != nil {
		fields(t.Document, docPos)
	}
	for i, mx := range t.Mixins {
		fields(mx, t.mixinPos(i))
	}

	winner := map[string]provider{}
	clashed := map[[2]*schema.Property]bool{}
	for _, name := range names {
		ps := providers[name]
		before := len(errs)
		var accessor *provider // the first holder accessor of this name
		for i := range ps {
			if ps[i].kind == HolderField {
				accessor = &ps[i]
				break
			}
		}
		for _, p := range ps {
			switch {
			case p.kind != HolderField && schema.Reserved(name) == name:
				add(p.at, "method %s.%s (%s) would be hidden by the %s method every generated type has; rename it", p.goType.Name, name, p.method.pos, name)
			case p.kind != HolderField && fieldPos[name] != "":
				add(p.at, "method %s.%s (%s) has the name of the field of %s in portal type %s, which is shallower, so the field would hide the method; rename it", p.goType.Name, name, p.method.pos, fieldPos[name], t.Name)
			case p.kind != HolderField && ownMethods[name] != nil:
				add(t.ownPos[ownMethods[name]], "base category %q of portal type %s generates the method %s, which %s.%s (%s) defines too", ownMethods[name].ID, t.Name, name, p.goType.Name, name, p.method.pos)
			case p.kind == HolderField && ownMethods[name] != nil:
				o := ownMethods[name]
				if !clashed[[2]*schema.Property{o, p.property}] {
					clashed[[2]*schema.Property{o, p.property}] = true
					add(t.ownPos[o], "base category %q of portal type %s generates the method %s, which property %q of sheet %s (at %s) generates too", o.ID, t.Name, name, p.property.ID, p.property.Sheet.Name, p.property.Pos.Short())
				}
			case p.kind == HolderField && fieldPos[name] != "":
				add(p.property.Pos, "%s %q generates the method %s, which is the name of %s in portal type %s; rename it", schema.MemberWord(p.property), p.property.ID, name, fieldPos[name], t.Name)
			}
		}
		if accessor == nil {
			// Only document and mixin methods: ERP5's order decides too,
			// where Go would find several at one depth and promote none.
			if len(ps) > 1 && len(errs) == before {
				w := ps[0]
				if bad := unnamable(w.method.sig); bad != "" {
					add(w.at, "%s.%s (%s) and %s.%s (%s) have one name, so the generated type forwards it to the first, but its signature uses %s, which the generated package cannot name; rename one", w.goType.Name, name, w.method.pos, ps[1].goType.Name, name, ps[1].method.pos, bad)
					continue
				}
				t.Forwards = append(t.Forwards, Forward{Name: name, Target: Target{Path: w.path, Name: name}, Method: w.method.sig})
			}
			continue
		}
		w := ps[0]
		if w.kind == DocumentField {
			want := accessorSignature(accessor.property, accessor.role)
			if got := signature(w.method.sig); got != want {
				add(docPos, "%s.%s (%s) has the name of an accessor but the signature %s; the accessor of %s %q (sheet %s) is %s",
					w.goType.Name, name, w.method.pos, got, schema.MemberWord(accessor.property), accessor.property.ID, accessor.property.Sheet.Name, want)
				continue
			}
			switch accessor.role {
			case schema.Set, schema.SetList, schema.SetValue, schema.SetValueList:
				if w.method.value {
					add(docPos, "%s.%s (%s) overrides the setter of %s %q (sheet %s) with a value receiver: it would set a copy of the document, and the value would be lost; give it a pointer receiver",
						w.goType.Name, name, w.method.pos, schema.MemberWord(accessor.property), accessor.property.ID, accessor.property.Sheet.Name)
					continue
				}
			}
		}
		winner[name] = w
		if len(ps) == 1 {
			continue // promoted by Go as it is
		}
		fw := Forward{Name: name, Property: accessor.property, Role: accessor.role, Target: Target{Path: w.path, Name: name}}
		if w.kind == HolderField {
			fw.Property, fw.Role = w.property, w.role
		}
		t.Forwards = append(t.Forwards, fw)
		for _, p := range ps[1:] {
			switch {
			case p.kind != HolderField:
			case w.kind == DocumentField:
				t.Overrides = append(t.Overrides, Override{Method: name, Property: p.property, Pos: w.method.pos})
			case w.property.Sheet != p.property.Sheet && w.property.ID != p.property.ID:
				t.Shadowed = append(t.Shadowed, Shadow{Method: name, Winner: w.property, Loser: p.property})
			}
		}
	}

	// Contents: the first sheet's content property of each id.
	seenContent := map[string]bool{}
	for _, s := range t.Sheets {
		for _, c := range s.Contents {
			if seenContent[c.ID] {
				continue
			}
			seenContent[c.ID] = true
			if w, ok := byID[c.ID]; ok {
				add(c.Pos, "content property %q has the id of %s %q (at %s) in portal type %s", c.ID, schema.MemberWord(w), w.ID, w.Pos.Short(), t.Name)
				continue
			}
			t.Contents = append(t.Contents, &Content{Property: c})
		}
	}

	// Methods generated on the type itself (related, content and acquired
	// accessors) must not take a name another member or field has.
	typeMethods := map[string]string{}
	typeMethod := func(name, what string, pos schema.Pos) bool {
		switch other := providers[name]; {
		case len(other) > 0 && other[0].kind == HolderField:
			add(pos, "%s gets the accessor %s, which %s %q (at %s) generates too; rename one", what, name, schema.MemberWord(other[0].property), other[0].property.ID, other[0].property.Pos.Short())
		case len(other) > 0:
			add(pos, "%s gets the accessor %s, which %s.%s (%s) defines too", what, name, other[0].goType.Name, name, other[0].method.pos)
		case ownMethods[name] != nil:
			add(pos, "%s gets the accessor %s, which base category %q generates too", what, name, ownMethods[name].ID)
		case typeMethods[name] != "":
			add(pos, "%s gets the accessor %s, which %s gets too", what, name, typeMethods[name])
		case schema.Reserved(name) != "" || fieldPos[name] != "":
			add(pos, "%s gets the accessor %s, a name the type already uses; rename it", what, name)
		default:
			typeMethods[name] = what
			return true
		}
		return false
	}
	for _, p := range t.Properties {
		if p.Type == schema.Category && typeMethod(p.RelatedAccessor(), "category "+strconv.Quote(p.ID), t.errorPos(p)) {
			t.Related = append(t.Related, p)
		}
	}
	for _, c := range t.Contents {
		typeMethod(ValueName(c.Property), "content property "+strconv.Quote(c.Property.ID), c.Property.Pos)
		for _, f := range c.Property.ContentProperties {
			if g, err := schema.GoName(f.Name, false); err == nil {
				typeMethod(c.Property.GoName+g, "content property "+strconv.Quote(c.Property.ID), f.Pos)
			}
		}
	}
	for _, p := range t.Properties {
		if p.Acquisition != nil {
			typeMethod(AcquireName(p), "acquired property "+strconv.Quote(p.ID), p.Pos)
		}
	}

	t.Calls = make([]map[schema.Role]Target, len(t.Properties))
	for i, p := range t.Properties {
		calls := map[schema.Role]Target{}
		for _, a := range p.Accessors() {
			w, ok := winner[a.Name]
			call := Target{Name: a.Name}
			if p.Sheet != nil && ok && w.kind == HolderField && w.property != p {
				call.Path = t.HolderPath(p.Sheet)
			}
			calls[a.Role] = call
		}
		t.Calls[i] = calls
	}
	return errs
}

// unnamable returns a type of sig that code outside its package cannot
// write (an unexported type, a struct or interface literal with members),
// or "".
func unnamable(sig *types.Signature) string {
	var walk func(t types.Type) string
	tuple := func(tu *types.Tuple) string {
		for i := 0; i < tu.Len(); i++ {
			if bad := walk(tu.At(i).Type()); bad != "" {
				return bad
			}
		}
		return ""
	}
	walk = func(t types.Type) string {
		switch t := types.Unalias(t).(type) {
		case *types.Basic:
			return ""
		case *types.Named:
			if obj := t.Obj(); obj.Pkg() != nil && !obj.Exported() {
				return obj.Pkg().Name() + "." + obj.Name()
			}
			for i := 0; i < t.TypeArgs().Len(); i++ {
				if bad := walk(t.TypeArgs().At(i)); bad != "" {
					return bad
				}
			}
			return ""
		case *types.Pointer:
			return walk(t.Elem())
		case *types.Slice:
			return walk(t.Elem())
		case *types.Array:
			return walk(t.Elem())
		case *types.Chan:
			return walk(t.Elem())
		case *types.Map:
			if bad := walk(t.Key()); bad != "" {
				return bad
			}
			return walk(t.Elem())
		case *types.Signature:
			if bad := tuple(t.Params()); bad != "" {
				return bad
			}
			return tuple(t.Results())
		case *types.Interface:
			if t.NumMethods() == 0 && t.NumEmbeddeds() == 0 {
				return ""
			}
		case *types.Struct:
			if t.NumFields() == 0 {
				return ""
			}
		}
		return "the type literal " + t.String()
	}
	if bad := tuple(sig.Params()); bad != "" {
		return bad
	}
	return tuple(sig.Results())
}

// errorPos is where an error about member p belongs: for a type's own
// category, whose holder is shared, the type's base_categories entry.
func (t *Type) errorPos(p *schema.Property) schema.Pos {
	if at, ok := t.ownPos[p]; ok {
		return at
	}
	return p.Pos
}

// mixinPos is where the schema names the i-th bound mixin.
func (t *Type) mixinPos(i int) schema.Pos {
	for _, ref := range t.PortalType.Mixins {
		if ref.Name == t.Mixins[i].Name {
			return ref.Pos
		}
	}
	return t.Pos
}

// link resolves the type's contents and acquisitions against the other
// types' tables, so that every accessor they call is chosen, and checked,
// when generating.
func (t *Type) link(types map[*schema.PortalType]*Type) schema.ErrorList {
	var errs schema.ErrorList
	add := func(pos schema.Pos, format string, args ...any) {
		errs = append(errs, &schema.Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
	}
	for _, c := range t.Contents {
		for _, pt := range c.Property.PortalTypes {
			c.Targets = append(c.Targets, types[pt])
		}
		for _, f := range c.Property.ContentProperties {
			var first *schema.Property
			for _, target := range c.Targets {
				q := target.property(f.Name)
				switch {
				case q == nil:
					add(f.Pos, "content property %s flattens %s, which portal type %s does not have", c.Property.ID, f.Name, target.Name)
				case first == nil:
					first = q
				case !sameGoType(first, q):
					add(f.Pos, "content property %s flattens %s, of type %s in %s but %s in %s: the types must agree", c.Property.ID, f.Name, goTypeName(first), c.Targets[0].Name, goTypeName(q), target.Name)
				}
			}
			if first != nil {
				c.Flattened = append(c.Flattened, first)
			}
		}
		if c.Property.Acquisition != nil {
			c.Acquired = t.acquired(c.Property, types, add)
		}
	}
	for _, p := range t.Properties {
		if p.Acquisition != nil {
			if a := t.acquired(p, types, add); a != nil {
				t.Acquired = append(t.Acquired, a)
			}
		}
	}
	return errs
}

// acquired resolves the acquisition of p (a property or content property).
func (t *Type) acquired(p *schema.Property, types map[*schema.PortalType]*Type, add func(schema.Pos, string, ...any)) *Acquired {
	a := &Acquired{Property: p}
	acq := p.Acquisition
	ok := true
	for _, b := range acq.BaseCategories {
		m := t.property(b.Name)
		if m == nil || m.Type != schema.Category {
			add(b.Pos, "acquisition of %s through base category %s, which portal type %s does not have", p.ID, b.Name, t.Name)
			ok = false
			continue
		}
		a.Bases = append(a.Bases, m)
	}
	accPos := acq.AccessorPos
	if accPos.File == "" {
		accPos = acq.Pos
	}
	for i, pt := range acq.Types {
		target := types[pt]
		var q *schema.Property
		if p.Type == schema.Content {
			q = target.content(acq.Accessor)
		} else {
			q = target.property(acq.Accessor)
		}
		switch {
		case q == nil:
			add(acq.PortalTypes[i].Pos, "acquisition of %s from portal type %s, which has no %s %s", p.ID, pt.Name, map[bool]string{true: "content property", false: "property"}[p.Type == schema.Content], acq.Accessor)
			ok = false
		case p.Type != schema.Content && !sameGoType(p, q):
			add(accPos, "acquisition of %s (of type %s) reads %s of portal type %s, of type %s: the types must agree", p.ID, goTypeName(p), q.ID, pt.Name, goTypeName(q))
			ok = false
		case p.Type != schema.Content && selectionGap(p, q) != "":
			add(accPos, "acquisition of %s (a selection of %s) reads %s of portal type %s, %s: its values must be among %s's",
				p.ID, strings.Join(p.Values, ", "), q.ID, pt.Name, selectionGap(p, q), p.ID)
			ok = false
		case p.Type == schema.Content && foreignType(q, p) != nil:
			// Its accessor could never return such a sub-object: the
			// acquisition would skip it, or return a type p does not have.
			add(accPos, "acquisition of %s reads %s of portal type %s, whose sub-object may be a %s, which is not a portal type of %s (%s)",
				p.ID, q.ID, pt.Name, foreignType(q, p).Name, p.ID, typeNames(p.PortalTypes))
			ok = false
		default:
			a.Targets = append(a.Targets, target)
			a.Remote = append(a.Remote, q)
		}
	}
	for _, alt := range acq.AltAccessors {
		if p.Type == schema.Content {
			// A sub-object of the object's own, as ERP5's
			// getCareerDefaultAddressValue for default_address.
			q := t.content(alt.Name)
			if q == nil || foreignType(q, p) != nil {
				add(alt.Pos, "alt_accessor %s of %s is not a content property of portal type %s whose sub-object can only be of portal type %s", alt.Name, p.ID, t.Name, strings.Join(typeNamesOr(p.PortalTypes), " or "))
				ok = false
				continue
			}
			a.Alt = append(a.Alt, q)
			continue
		}
		q := t.property(alt.Name)
		if q == nil || q.Type == schema.Content || !sameGoType(p, q) {
			add(alt.Pos, "alt_accessor %s of %s is not a property of portal type %s with the same Go type", alt.Name, p.ID, t.Name)
			ok = false
			continue
		}
		if gap := selectionGap(p, q); gap != "" {
			add(alt.Pos, "alt_accessor %s of %s (a selection of %s) is %s: its values must be among %s's", alt.Name, p.ID, strings.Join(p.Values, ", "), gap, p.ID)
			ok = false
			continue
		}
		a.Alt = append(a.Alt, q)
	}
	if !ok {
		return nil
	}
	return a
}

// selectionGap says how q, whose value p acquires, may hold a value that
// p, a selection, does not allow ("" when it cannot): acquired, such a
// value would be returned as p's, and not stored by copy_value, whose
// setter refuses it.
func selectionGap(p, q *schema.Property) string {
	if p.Type != schema.Selection && p.Type != schema.MultipleSelection {
		return ""
	}
	if q.Type != schema.Selection && q.Type != schema.MultipleSelection {
		return "a " + goTypeName(q) + " that may hold any value"
	}
	for _, v := range q.Values {
		if !slices.Contains(p.Values, v) {
			return fmt.Sprintf("a selection that may hold %q", v)
		}
	}
	return ""
}

// foreignType returns the first portal type of content property q that
// is not one of p's, or nil.
func foreignType(q, p *schema.Property) *schema.PortalType {
	for _, pt := range q.PortalTypes {
		if !slices.Contains(p.PortalTypes, pt) {
			return pt
		}
	}
	return nil
}

// typeNames lists portal types' names for messages: "Address, Place".
func typeNames(types []*schema.PortalType) string { return strings.Join(typeNamesOr(types), ", ") }

// typeNamesOr returns portal types' names.
func typeNamesOr(types []*schema.PortalType) []string {
	names := make([]string, len(types))
	for i, pt := range types {
		names[i] = pt.Name
	}
	return names
}

// property returns the by-name property id of t, or nil.
func (t *Type) property(id string) *schema.Property {
	for _, p := range t.Properties {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// content returns the content property id of t, or nil.
func (t *Type) content(id string) *schema.Property {
	for _, c := range t.Contents {
		if c.Property.ID == id {
			return c.Property
		}
	}
	return nil
}

// sameGoType reports whether two properties hold values of the same Go
// type. A property whose type is unknown (empty, the schema's error) agrees
// with any: comparing it would add a false error to the one reported.
func sameGoType(a, b *schema.Property) bool {
	if a.Type == "" || b.Type == "" {
		return true
	}
	return a.Type.Scalar() == b.Type.Scalar() && a.IsList() == b.IsList() && a.Type != schema.Content && b.Type != schema.Content
}

// goTypeName names a property's Go type for messages.
func goTypeName(p *schema.Property) string {
	return strings.TrimPrefix(accessorSignature(p, schema.GetList), "func() ")
}
