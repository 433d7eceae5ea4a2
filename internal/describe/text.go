package describe

import (
	"fmt"
	"io"
	"strings"
)

// WriteText prints a type report for people.
func (r *TypeReport) WriteText(w io.Writer) {
	fmt.Fprintf(w, "portal type %s (%s)%s\n", r.Name, r.Pos, layerNote(r.Layer, r.Replaces))
	if r.Description != "" {
		fmt.Fprintf(w, "  %s\n", r.Description)
	}
	fmt.Fprintf(w, "  Go type: %s\n", r.GoType)
	fmt.Fprintln(w, "\ncomposition, first wins (ERP5's mro):")
	for i, e := range r.Composition {
		pos := ""
		if e.Pos != "" {
			pos = " (" + e.PosText() + ")"
		}
		fmt.Fprintf(w, "  %d. %-40s %s: %s%s\n", i+1, e.GoType, e.KindText(), e.FromText(), pos)
	}
	fmt.Fprintln(w, "\nproperties (by-name order):")
	for _, m := range r.Properties {
		writeMember(w, m)
	}
	if len(r.Contents) > 0 {
		fmt.Fprintln(w, "\ncontent properties (sub-objects, through the Resolver):")
		for _, m := range r.Contents {
			writeMember(w, m)
		}
	}
	var shadowed, overridden []string
	for _, x := range r.Shadowed {
		shadowed = append(shadowed, x.Text)
	}
	for _, x := range r.Overridden {
		overridden = append(overridden, x.Text)
	}
	section(w, "shadowed", shadowed)
	section(w, "overridden by the document", overridden)
	if len(r.Categories) > 0 {
		fmt.Fprintln(w, "\nbase categories:")
		for _, c := range r.Categories {
			tree := "no tree: values are object URLs"
			if c.Values > 0 {
				tree = fmt.Sprintf("a tree of %d values", c.Values)
			}
			fmt.Fprintf(w, "  %-24s from %s; %s\n", c.ID, c.From, tree)
		}
	}
	section(w, "related accessors", r.Related)
	if len(r.Acquired) > 0 {
		fmt.Fprintln(w, "\nacquisition:")
		for _, a := range r.Acquired {
			fmt.Fprintf(w, "  %-24s %s\n", a.Property, a.Path)
		}
	}
	if len(r.Constraints) > 0 {
		fmt.Fprintln(w, "\nconstraints (in order):")
		for _, c := range r.Constraints {
			writeConstraint(w, c)
		}
	}
	if l := r.Location; l != nil {
		fmt.Fprintf(w, "\nlocation: %s (%s)\n", l.Path, l.Pos)
		for _, a := range l.Aliases {
			fmt.Fprintf(w, "  alias %s\n", a.Text())
		}
	}
	section(w, "groups", r.Groups)
	section(w, "allowed content types", r.Allowed)
	section(w, "dynamic categories from", r.Dynamic)
	writeUnsupported(w, r.Unsupported)
}

// WriteText prints a sheet report for people.
func (r *SheetReport) WriteText(w io.Writer) {
	fmt.Fprintf(w, "property sheet %s (%s)%s\n", r.Name, r.Pos, r.layerNote())
	if r.Description != "" {
		fmt.Fprintf(w, "  %s\n", r.Description)
	}
	fmt.Fprintf(w, "  holder: %s\n", r.Holder)
	fmt.Fprintln(w, "\nproperties:")
	for _, m := range r.Properties {
		writeMember(w, m)
	}
	if len(r.Contents) > 0 {
		fmt.Fprintln(w, "\ncontent properties:")
		for _, m := range r.Contents {
			writeMember(w, m)
		}
	}
	if len(r.Constraints) > 0 {
		fmt.Fprintln(w, "\nconstraints:")
		for _, c := range r.Constraints {
			writeConstraint(w, c)
		}
	}
	if len(r.UsedBy) == 0 {
		fmt.Fprintln(w, "\nused by no portal type")
	} else {
		section(w, "used by", r.usedByText())
	}
	writeUnsupported(w, r.Unsupported)
}

// layerNote is a sheet's layer note: an extending sheet extends the
// definition it names rather than replacing it.
func (r *SheetReport) layerNote() string {
	note := layerNote(r.Layer, r.Replaces)
	if r.Extends {
		note = strings.Replace(note, ", replaces ", ", extends ", 1)
	}
	return note
}

func layerNote(layer string, replaces *Replaced) string {
	switch {
	case layer == "":
		return ""
	case replaces == nil:
		return ", layer " + layer
	}
	return ", layer " + layer + ", replaces " + replaces.Text()
}

func writeMember(w io.Writer, m Member) {
	from := "type"
	if m.Sheet != "" {
		from = "sheet " + m.Sheet
	}
	fmt.Fprintf(w, "  %-24s %-22s %s (%s)%s\n", m.ID, m.TypeModeText(), from, m.Pos, layerNote(m.Layer, m.Replaces))
	if d := m.DetailsText(); d != "" {
		fmt.Fprintf(w, "  %-24s %s\n", "", d)
	}
	if len(m.Accessors) > 0 {
		fmt.Fprintf(w, "  %-24s %s\n", "", strings.Join(m.Accessors, ", "))
	}
}

func writeConstraint(w io.Writer, c Constraint) {
	fmt.Fprintf(w, "  %-24s %-30s sheet %s (%s)\n", c.ID, c.Kind, c.Sheet, c.Pos)
	if c.Checks != "" {
		fmt.Fprintf(w, "  %-24s %s\n", "", c.Checks)
	}
}

func writeUnsupported(w io.Writer, list []Unsupported) {
	if len(list) == 0 {
		return
	}
	fmt.Fprintln(w, "\nunsupported (imported, not generated):")
	for _, u := range list {
		fmt.Fprintf(w, "  %-24s %s: %s (%s)\n", u.Item, u.Kind, u.Reason, u.Pos)
	}
}

func section(w io.Writer, title string, lines []string) {
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s:\n", title)
	for _, l := range lines {
		fmt.Fprintf(w, "  %s\n", l)
	}
}
