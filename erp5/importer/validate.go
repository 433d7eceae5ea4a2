package importer

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/accessorgen/accessorgen/binding"
	"github.com/accessorgen/accessorgen/schema"
	"go.yaml.in/yaml/v3"
)

// loaderRefuses starts the reason of an item that the loader refuses.
const loaderRefuses = "the accessorgen loader refuses it: "

// strippedNote ends the reason of a property kept without its acquisition.
const strippedNote = "; imported without acquisition and flattened properties"

// maxRounds bounds the validation: each round removes at least one item.
const maxRounds = 20

// span is where one list item of a document is, in lines.
type span struct {
	key        string
	index      int
	start, end int // lines, inclusive
}

// validate runs the output through accessorgen's own loader and
// composition, exactly as generation will, and turns every item they refuse
// (a name that is no Go name, an accessor clash, a reference to a sheet or
// type the data does not hold, an acquisition the generator cannot
// compile...) into an unsupported entry with the loader's message. What the
// loader refuses outside of a list item is an error of the importer.
func validate(res *Result) error {
	for round := 1; ; round++ {
		res.Report.Rounds = round
		docs, err := res.render()
		if err != nil {
			return err
		}
		files := make([]schema.File, len(docs))
		byPath := map[string]*doc{}
		for i, d := range docs {
			files[i] = schema.File{Name: d.path, Data: d.data}
			byPath[d.path] = d
		}
		errs := check(files)
		if len(errs) == 0 {
			return nil
		}
		if round == maxRounds {
			return fmt.Errorf("the loader still refuses the import after %d rounds: %v", maxRounds, errs)
		}
		// Group messages by item, then remove items from the end of each
		// list so that indices stay valid.
		type hit struct {
			d   *doc
			s   span
			msg []string
		}
		hits := map[string]*hit{}
		drop := map[*doc][]string{}
		var fatal schema.ErrorList
		for _, e := range errs {
			d := byPath[e.Pos.File]
			if d == nil {
				fatal = append(fatal, e)
				continue
			}
			s, ok := locate(d.data, e.Pos.Line)
			if !ok || !removable(d, s.key) {
				// Refused as a whole (its name, for one): the document
				// is left out and reported.
				if !slices.Contains(drop[d], e.Msg) {
					drop[d] = append(drop[d], e.Msg)
				}
				continue
			}
			id := fmt.Sprintf("%s\x00%s\x00%06d", d.path, s.key, s.index)
			if hits[id] == nil {
				hits[id] = &hit{d: d, s: s}
			}
			if !slices.Contains(hits[id].msg, e.Msg) {
				hits[id].msg = append(hits[id].msg, e.Msg)
			}
		}
		if len(fatal) > 0 {
			return fmt.Errorf("the loader refuses the import outside of its files (a bug of the importer):\n%v", fatal.Sorted())
		}
		for d, msgs := range drop {
			res.dropDocument(d, loaderRefuses+strings.Join(msgs, "; "))
		}
		ids := make([]string, 0, len(hits))
		for id := range hits {
			ids = append(ids, id)
		}
		sort.Sort(sort.Reverse(sort.StringSlice(ids)))
		for _, id := range ids {
			h := hits[id]
			if drop[h.d] != nil {
				continue
			}
			remove(h.d, h.s, loaderRefuses+strings.Join(h.msg, "; "))
		}
	}
}

// check loads files as the generator does, without a documents package.
func check(files []schema.File) schema.ErrorList {
	model, err := schema.Compile(files)
	var list schema.ErrorList
	if err != nil && !errors.As(err, &list) {
		return schema.ErrorList{{Msg: err.Error()}}
	}
	if model != nil {
		if _, err := binding.Resolve(model, nil, "", nil); err != nil {
			var more schema.ErrorList
			if !errors.As(err, &more) {
				return append(list, &schema.Error{Msg: err.Error()})
			}
			list = append(list, more...)
		}
	}
	return list
}

// locate finds the list item of the document's top-level mapping that
// holds line.
func locate(data []byte, line int) (span, bool) {
	var root yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&root); err != nil || len(root.Content) == 0 {
		return span{}, false
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i], m.Content[i+1]
		end := 1 << 30
		if i+2 < len(m.Content) {
			end = m.Content[i+2].Line - 1
		}
		if val.Kind != yaml.SequenceNode || line < key.Line || line > end {
			continue
		}
		for j, item := range val.Content {
			itemEnd := end
			if j+1 < len(val.Content) {
				itemEnd = val.Content[j+1].Line - 1
			}
			if line >= item.Line && line <= itemEnd {
				return span{key: key.Value, index: j, start: item.Line, end: itemEnd}, true
			}
		}
		if line == key.Line && len(val.Content) > 0 {
			return span{}, false
		}
	}
	return span{}, false
}

// removable reports whether a list of a document can lose items.
func removable(d *doc, key string) bool {
	switch {
	case d.sheet != nil:
		return key == "properties" || key == "categories" || key == "constraints"
	case d.typ != nil:
		return key == "property_sheets" || key == "base_categories" || key == "allowed_content_types" || key == "groups"
	}
	return false
}

// remove moves a refused item to its document's unsupported list.
func remove(d *doc, s span, reason string) {
	i := s.index
	switch {
	case d.sheet != nil:
		sh := d.sheet
		switch s.key {
		case "properties":
			p := sh.Properties[i]
			if !p.stripped && (p.Acquisition != nil || len(p.ContentProperties) > 0) {
				// What the loader checks beyond the property itself is
				// its acquisition and flattened properties, which
				// depend on other types: the property is kept without
				// them, and dropped only if it is refused again.
				p.stripped = true
				fields := map[string]string{}
				if p.Acquisition != nil {
					fields["acquisition"] = p.Acquisition.String()
				}
				if len(p.ContentProperties) > 0 {
					fields["content_acquired_property_id"] = strings.Join(p.ContentProperties, ", ")
				}
				p.Acquisition, p.ContentProperties = nil, nil
				sh.Unsupported = append(sh.Unsupported, Unsupported{Item: p.ID, Kind: p.kind, Source: p.source, Fields: fields,
					Reason: reason + strippedNote})
				return
			}
			sh.Properties = slices.Delete(sh.Properties, i, i+1)
			sh.Unsupported = append(sh.Unsupported, Unsupported{Item: p.ID, Kind: p.kind, Reason: reason, Source: p.source, Fields: p.raw, whole: true})
		case "categories":
			r := sh.Categories[i]
			sh.Categories = slices.Delete(sh.Categories, i, i+1)
			sh.Unsupported = append(sh.Unsupported, Unsupported{Item: r.Name, Kind: r.Kind, Reason: reason, Source: r.Source, whole: true})
		case "constraints":
			c := sh.Constraints[i]
			sh.Constraints = slices.Delete(sh.Constraints, i, i+1)
			sh.Unsupported = append(sh.Unsupported, Unsupported{Item: c.ID, Kind: c.kind, Reason: reason, Source: c.source, Fields: c.raw, whole: true})
		}
	case d.typ != nil:
		t := d.typ
		var list *[]*Ref
		switch s.key {
		case "property_sheets":
			list = &t.Sheets
		case "base_categories":
			list = &t.BaseCategories
		case "allowed_content_types":
			list = &t.Allowed
		case "groups":
			g := t.Groups[i]
			t.Groups = slices.Delete(t.Groups, i, i+1)
			t.Unsupported = append(t.Unsupported, Unsupported{Item: g, Kind: "Type Group", Reason: reason, Source: t.Source, whole: true})
			return
		}
		r := (*list)[i]
		*list = slices.Delete(*list, i, i+1)
		t.Unsupported = append(t.Unsupported, Unsupported{Item: r.item(), Kind: r.Kind, Reason: reason, Source: r.Source, whole: true})
	}
}

// dropDocument leaves a document the loader refuses as a whole out of the
// result, and reports it with its own unsupported entries, which have no
// other place to be kept.
func (res *Result) dropDocument(d *doc, reason string) {
	rep := res.Report
	switch {
	case d.sheet != nil:
		res.Sheets = slices.DeleteFunc(res.Sheets, func(s *Sheet) bool { return s == d.sheet })
		rep.Entries = append(rep.Entries, Unsupported{Item: d.sheet.Name, Kind: "Property Sheet", Reason: reason, Source: d.sheet.Source, whole: true})
		rep.Entries = append(rep.Entries, d.sheet.Unsupported...)
	case d.typ != nil:
		res.Types = slices.DeleteFunc(res.Types, func(t *PortalType) bool { return t == d.typ })
		rep.Entries = append(rep.Entries, Unsupported{Item: d.typ.Name, Kind: "Portal Type", Reason: reason, Source: d.typ.Source, whole: true})
		rep.Entries = append(rep.Entries, d.typ.Unsupported...)
	case d.base != nil:
		res.BaseCategories = slices.DeleteFunc(res.BaseCategories, func(b *BaseCategory) bool { return b == d.base })
		rep.Entries = append(rep.Entries, Unsupported{Item: d.base.Name, Kind: "Base Category", Reason: reason, Source: d.base.Source, whole: true})
		rep.Entries = append(rep.Entries, d.base.Unsupported...)
	}
}
