package describe

import (
	"bytes"
	"fmt"
	"strconv"
)

// Dot renders the model as a Graphviz graph: portal types (boxes) point at
// their sheets (ellipses, labelled with their order) and their own base
// categories (diamonds); sheets point at the base categories they declare;
// services (hexagons) point at the entries their constructors need; a
// portal type that is a registry entry shows its location.
// Render it with: dot -Tsvg graph.dot -o graph.svg.
func (p *Project) Dot() []byte {
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	q := strconv.Quote
	w("digraph accessorgen {\n")
	w("  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n")
	for _, t := range p.Binding.Types {
		label := t.Name
		if t.Location != nil {
			label += "\n" + t.Location.Path // a registry entry
		}
		w("  %s [shape=box, style=bold, label=%s];\n", q("type:"+t.Name), q(label))
	}
	for _, s := range p.Model.Sheets {
		w("  %s [shape=ellipse, label=%s];\n", q("sheet:"+s.Name), q(s.Name))
	}
	for _, bc := range p.Model.BaseCategories {
		w("  %s [shape=diamond, label=%s];\n", q("category:"+bc.Name), q(bc.Name))
	}
	for _, e := range p.Binding.Registry {
		if e.Type == nil {
			w("  %s [shape=hexagon, label=%s];\n", q("location:"+e.Path), q(e.Path))
		}
	}
	for _, t := range p.Binding.Types {
		for i, s := range t.Sheets {
			w("  %s -> %s [label=%s];\n", q("type:"+t.Name), q("sheet:"+s.Name), q(strconv.Itoa(i+1)))
		}
		for _, own := range t.Own {
			w("  %s -> %s [style=dashed];\n", q("type:"+t.Name), q("category:"+own.Base.Name))
		}
	}
	for _, s := range p.Model.Sheets {
		for _, prop := range s.Properties {
			if prop.Base != nil {
				w("  %s -> %s;\n", q("sheet:"+s.Name), q("category:"+prop.Base.Name))
			}
		}
	}
	for _, e := range p.Binding.Registry {
		for _, d := range e.Deps {
			if d != nil {
				w("  %s -> %s [label=\"needs\"];\n", q("location:"+e.Path), q("location:"+d.Path))
			}
		}
	}
	w("}\n")
	return b.Bytes()
}
