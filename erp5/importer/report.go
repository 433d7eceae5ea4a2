package importer

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// kindOrder is the order of kinds in the summary's table.
var kindOrder = []string{
	"Property Sheet", "Standard Property", "Acquired Property", "Category Property", "Dynamic Category Property",
	"Portal Type", "Property Sheet assignment", "Base Category assignment", "Allowed Content Type assignment",
	"Hidden Content Type assignment", "Type Mixin assignment", "Base Category", "Category",
}

var quoted = regexp.MustCompile(`"[^"]*"`)

// loaderCauses name the causes of the loader's refusals, for grouping.
var loaderCauses = []struct {
	re    *regexp.Regexp
	cause string
}{
	{regexp.MustCompile(`^content property \S+ flattens \S+, which portal type .* does not have`), "a flattened content property that the sub-object's portal type does not have"},
	{regexp.MustCompile(`^acquisition of \S+ from portal type .*, which has no property`), "acquisition from a portal type that does not have the property"},
	{regexp.MustCompile(`^acquisition of \S+ through base category \S+, which portal type .* does not have`), "acquisition through a base category that the portal type does not have"},
	{regexp.MustCompile(`^alt_accessor \S+ of \S+ is not a property of portal type`), "an alt_accessor that is not a property of the portal type with the same Go type"},
	{regexp.MustCompile(`^unknown (base category|portal type|property sheet)`), "unknown $1"},
	{regexp.MustCompile(`both generate the method`), "two members generate the same method"},
	{regexp.MustCompile(`both become the Go name`), "two names become the same Go name"},
	{regexp.MustCompile(`^duplicate property`), "a property defined twice in its sheet"},
	{regexp.MustCompile(`^constraint \S+ of sheet \S+ checks (property|base category) \S+, which portal type .* does not have`), "a constraint checks a $1 that a portal type using its sheet does not have"},
}

// Groups are the causes of an entry, for the summary's counts: its reason
// with the names in it replaced, so that entries for the same cause count
// together; an entry for several fields counts once per field.
func (u Unsupported) Groups() []string {
	if rest, ok := strings.CutPrefix(u.Reason, noEquivalent+": "); ok {
		var out []string
		for _, f := range strings.Split(rest, ", ") {
			out = append(out, u.Kind+": field "+f+" has no accessorgen equivalent")
		}
		return out
	}
	if msg, ok := strings.CutPrefix(u.Reason, loaderRefuses); ok {
		first, _, _ := strings.Cut(msg, "; ")
		suffix := ""
		if strings.HasSuffix(msg, strippedNote) {
			suffix = strippedNote
		}
		for _, c := range loaderCauses {
			if m := c.re.FindStringSubmatchIndex(first); m != nil {
				return []string{u.Kind + ": " + loaderRefuses + string(c.re.ExpandString(nil, c.cause, first, m)) + suffix}
			}
		}
	}
	return []string{u.Kind + ": " + quoted.ReplaceAllString(u.Reason, `"…"`)}
}

// Summary writes the report: where its paths are relative to, counts per kind, duplicates, every
// unsupported entry, the entries grouped by cause, and the fields outside
// the schema that were ignored.
func (r *Report) Summary(w io.Writer) {
	kinds := slices.Clone(kindOrder)
	var extra []string
	for k := range r.Found {
		if !slices.Contains(kinds, k) {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	kinds = append(kinds, extra...)
	whole := r.Whole()
	if len(r.Bases) > 1 || len(r.Bases) == 1 && r.Bases[0] != "." {
		fmt.Fprintf(w, "Paths below are relative to %s (the directory holding the import path).\n\n", strings.Join(r.Bases, " or "))
	}
	fmt.Fprintf(w, "%-48s %7s %9s %13s %9s\n", "ERP5 item", "found", "imported", "not imported", "repeated")
	for _, k := range kinds {
		if r.Found[k] == 0 && r.Imported[k] == 0 {
			continue
		}
		fmt.Fprintf(w, "%-48s %7d %9d %13d %9d\n", k, r.Found[k], r.Imported[k], whole[k], r.Repeated[k])
	}
	if len(r.Duplicates) > 0 {
		fmt.Fprintf(w, "\n%d items defined by several business templates (the last one is kept):\n", len(r.Duplicates))
		for _, d := range r.Duplicates {
			same := "different"
			if d.Identical {
				same = "identical"
			}
			fmt.Fprintf(w, "  %s %q (%s): kept %s; replaced %s\n", d.Kind, d.Name, same, d.Winner, strings.Join(d.Others, ", "))
		}
	}
	for _, n := range r.Renamed {
		fmt.Fprintf(w, "renamed: %s\n", n)
	}
	if len(r.Entries) > 0 {
		fmt.Fprintf(w, "\n%d items or fields not translated (kept under unsupported: in the YAML):\n", len(r.Entries))
		for _, u := range r.Entries {
			fmt.Fprintf(w, "  %s: %s (%s): %s\n", u.Source, u.Item, u.Kind, u.Reason)
		}
		counts := map[string]int{}
		for _, u := range r.Entries {
			for _, g := range u.Groups() {
				counts[g]++
			}
		}
		groups := sortedKeys(counts)
		sort.SliceStable(groups, func(i, j int) bool { return counts[groups[i]] > counts[groups[j]] })
		fmt.Fprintf(w, "\nNot translated, by cause:\n")
		for _, g := range groups {
			fmt.Fprintf(w, "  %5d  %s\n", counts[g], g)
		}
	}
	if len(r.Ignored) > 0 {
		fmt.Fprintf(w, "\nFields outside the schema (user interface, workflow, Zope settings, memberships of base category objects), ignored:\n ")
		for _, k := range sortedKeys(r.Ignored) {
			fmt.Fprintf(w, " %s×%d", k, r.Ignored[k])
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "\nPython literal expressions evaluated: %d; loader rounds: %d\n", r.Literals, r.Rounds)
}
