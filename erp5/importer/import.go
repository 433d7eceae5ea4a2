package importer

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Report is what an import read, translated and could not translate.
type Report struct {
	Found    map[string]int // ERP5 kind → items in the data (after duplicates are resolved)
	Imported map[string]int // ERP5 kind → items imported, some perhaps without some fields
	// Entries lists every unsupported item or field, sorted by source and
	// item; each is also in its document's unsupported: list, except
	// assignments to portal types that no template defines.
	Entries    []Unsupported
	Duplicates []Duplicate
	// Ignored counts fields outside the schema (user interface, workflow,
	// Zope settings of portal types) by name; docs/erp5.md lists them.
	Ignored map[string]int
	// Literals counts the TALES expressions that were Python literals and
	// were evaluated.
	Literals int
	// Rounds is how many times the output went through the loader.
	Rounds int
	// Repeated counts assignments that repeat one the type already has,
	// kept once.
	Repeated map[string]int
	// Renamed lists the names mapped by SheetName.
	Renamed []string
	// Bases are the directories that the report's paths (and the YAML's
	// Source: comments) are relative to: the parent of each import path,
	// relative to the current directory, once each, in order. The paths
	// themselves do not depend on where the import ran or how a path was
	// spelt, so that its output does not either.
	Bases []string
}

func (r *Report) found(kind string) { r.Found[kind]++ }

// Duplicate is a sheet, portal type or base category that several
// business templates define. The last one in the order of the import paths,
// then of the templates' paths, wins, as a template installed later
// replaces what an earlier one installed.
type Duplicate struct {
	Kind      string
	Name      string
	Winner    string   // source of the definition kept
	Others    []string // sources of the definitions replaced
	Identical bool     // all definitions have the same content
}

// Result is an import: the translated documents and the report.
type Result struct {
	Sheets         []*Sheet
	Types          []*PortalType
	BaseCategories []*BaseCategory
	Report         *Report
}

// found records per item what it holds, so that only the definitions kept
// after duplicates are counted.
type counted struct {
	found  map[string]int
	digest [32]byte
	source string
}

// Import reads the business templates at or below each path and translates
// them. Errors are malformed input, positioned in its file.
func Import(paths []string) (*Result, error) {
	var templates []template
	for i, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			return nil, fmt.Errorf("%s is not a directory", p)
		}
		ts, err := findTemplates(p, i)
		if err != nil {
			return nil, err
		}
		if len(ts) == 0 {
			return nil, fmt.Errorf("%s: no business template (a directory with *TemplateItem directories) found", p)
		}
		templates = append(templates, ts...)
	}
	sort.SliceStable(templates, func(i, j int) bool {
		if templates[i].rank != templates[j].rank {
			return templates[i].rank < templates[j].rank
		}
		return templates[i].rel < templates[j].rel
	})
	rep := &Report{Found: map[string]int{}, Imported: map[string]int{}, Ignored: map[string]int{}, Repeated: map[string]int{}}
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	for _, p := range paths {
		base, err := importBase(p)
		if err != nil {
			return nil, err
		}
		if rel, err := filepath.Rel(cwd, base); err == nil {
			base = rel // as it opens from here
		}
		if !slices.Contains(rep.Bases, base) {
			rep.Bases = append(rep.Bases, base)
		}
	}
	res := &Result{Report: rep}
	sheets := map[string][]*Sheet{}
	types := map[string][]*PortalType{}
	bases := map[string][]*BaseCategory{}
	info := map[any]*counted{}
	tr := &translator{report: rep}
	for _, t := range templates {
		err := readAll(rep, info, filepath.Join(t.dir, sheetsItem, "portal_property_sheets"), sheets,
			func(f string) (*Sheet, error) { return tr.readSheet(t, f) }, func(s *Sheet) string { return s.Name })
		if err == nil {
			err = readAll(rep, info, filepath.Join(t.dir, typesItem, "portal_types"), types,
				func(f string) (*PortalType, error) { return tr.readType(t, f) }, func(p *PortalType) string { return p.Name })
		}
		if err == nil {
			err = readAll(rep, info, filepath.Join(t.dir, categoryItem, "portal_categories"), bases,
				func(f string) (*BaseCategory, error) { return tr.readBaseCategory(t, f) }, func(b *BaseCategory) string { return b.Name })
		}
		if err != nil {
			return nil, err
		}
	}
	res.Sheets = resolveDuplicates(rep, "Property Sheet", sheets, info, func(s *Sheet) string { return s.Source })
	res.Types = resolveDuplicates(rep, "Portal Type", types, info, func(t *PortalType) string { return t.Source })
	res.BaseCategories = resolveDuplicates(rep, "Base Category", bases, info, func(b *BaseCategory) string { return b.Source })
	for _, s := range res.Sheets {
		rep.addFound(info[s].found)
		rep.Found["Property Sheet"]++
	}
	for _, b := range res.BaseCategories {
		rep.addFound(info[b].found)
		rep.Found["Base Category"]++
	}
	for _, t := range res.Types {
		rep.addFound(info[t].found)
		rep.Found["Portal Type"]++
	}
	if err := assign(templates, res); err != nil {
		return nil, err
	}
	resolveAccessors(res)
	if err := validate(res); err != nil {
		return nil, err
	}
	res.count()
	return res, nil
}

// readAll reads each item file of dir with read and files the items by
// name in defs, with what each holds counted apart: only the definitions
// kept after duplicates are resolved count as found.
func readAll[T any](rep *Report, info map[any]*counted, dir string, defs map[string][]T, read func(string) (T, error), name func(T) string) error {
	files, err := xmlFiles(dir)
	if err != nil {
		return err
	}
	for _, file := range files {
		saved := rep.Found
		rep.Found = map[string]int{}
		v, err := read(file)
		found := rep.Found
		rep.Found = saved
		if err != nil {
			return err
		}
		d, err := digest(file)
		if err != nil {
			return err
		}
		info[any(v)] = &counted{found: found, digest: d}
		defs[name(v)] = append(defs[name(v)], v)
	}
	return nil
}

func (r *Report) addFound(m map[string]int) {
	for k, n := range m {
		r.Found[k] += n
	}
}

// digest hashes an item's file and, for a sheet or a category, the files
// of its children, to tell identical duplicates from different ones.
func digest(file string) ([32]byte, error) {
	h := sha256.New()
	dir := strings.TrimSuffix(file, ".xml")
	data, err := os.ReadFile(file)
	if err != nil {
		return [32]byte{}, err
	}
	h.Write(data)
	if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "\x00%s\x00%d\x00", filepath.ToSlash(rel), len(data))
			h.Write(data)
			return nil
		})
		if err != nil {
			return [32]byte{}, err
		}
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out, nil
}

// resolveDuplicates keeps the last definition of each name and reports the
// others; the result is sorted by name.
func resolveDuplicates[T any](rep *Report, kind string, defs map[string][]T, info map[any]*counted, source func(T) string) []T {
	var out []T
	for _, name := range sortedKeys(defs) {
		list := defs[name]
		win := list[len(list)-1]
		out = append(out, win)
		if len(list) == 1 {
			continue
		}
		d := Duplicate{Kind: kind, Name: name, Winner: source(win), Identical: true}
		for _, other := range list[:len(list)-1] {
			d.Others = append(d.Others, source(other))
			if info[any(other)].digest != info[any(win)].digest {
				d.Identical = false
			}
		}
		rep.Duplicates = append(rep.Duplicates, d)
	}
	return out
}

func sortedKeys[T any](m map[string]T) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// assign applies the type-level assignment lists of every template, in
// template order, to the portal types kept.
func assign(templates []template, res *Result) error {
	byName := map[string]*PortalType{}
	for _, t := range res.Types {
		byName[t.Name] = t
	}
	for _, t := range templates {
		for _, item := range sortedKeys(assignmentItems) {
			files, err := xmlFiles(filepath.Join(t.dir, item))
			if err != nil {
				return err
			}
			kind := assignmentItems[item]
			for _, f := range files {
				a, err := readAssignment(f)
				if err != nil {
					return err
				}
				for _, at := range a.types {
					for _, it := range at.items {
						res.Report.found(kind)
						// A list file assigns items to several types, the
						// same item perhaps to each: an entry names the
						// type and the line.
						name, src := it.name, fmt.Sprintf("%s:%d", t.source(f), it.line)
						label := at.id + ": " + name
						pt := byName[at.id]
						if pt == nil {
							res.Report.Entries = append(res.Report.Entries, Unsupported{Item: label, Kind: kind, Source: src, whole: true,
								Reason: "portal type " + at.id + " is defined by no business template imported"})
							continue
						}
						if item == "PortalTypePropertySheetTemplateItem" {
							name = SheetName(name)
						}
						ref := &Ref{Name: name, Kind: kind, Source: src, label: label}
						var list *[]*Ref
						switch item {
						case "PortalTypePropertySheetTemplateItem":
							list = &pt.Sheets
						case "PortalTypeBaseCategoryTemplateItem":
							list = &pt.BaseCategories
						case "PortalTypeAllowedContentTypeTemplateItem":
							list = &pt.Allowed
						case "PortalTypeHiddenContentTypeTemplateItem":
							pt.Unsupported = append(pt.Unsupported, Unsupported{Item: label, Kind: kind, Source: src, whole: true,
								Fields: map[string]string{"hidden_content_type": name},
								Reason: "hidden content types filter ERP5's user interface; accessorgen has no equivalent"})
						case "PortalTypeTypeMixinTemplateItem":
							u := mixinEntry(name, src)
							u.Item = label
							pt.Unsupported = append(pt.Unsupported, u)
						}
						if list == nil {
							continue
						}
						// Assignments add up; one that repeats what the type
						// has already is kept once and counted.
						if slices.ContainsFunc(*list, func(r *Ref) bool { return r.Name == ref.Name }) {
							res.Report.Repeated[kind]++
							continue
						}
						*list = append(*list, ref)
					}
				}
			}
		}
	}
	return nil
}

// count fills Imported from the final documents and collects the entries.
func (res *Result) count() {
	rep := res.Report
	var entries []Unsupported
	for _, s := range res.Sheets {
		sortEntries(s.Unsupported)
		rep.Imported["Property Sheet"]++
		for _, p := range s.Properties {
			rep.Imported[p.kind]++
		}
		for _, c := range s.Categories {
			rep.Imported[c.Kind]++
		}
		for _, c := range s.Constraints {
			rep.Imported[c.kind]++
		}
		entries = append(entries, s.Unsupported...)
	}
	for _, t := range res.Types {
		sortEntries(t.Unsupported)
		rep.Imported["Portal Type"]++
		for _, list := range [][]*Ref{t.Sheets, t.BaseCategories, t.Allowed} {
			for _, r := range list {
				if r.Kind != "" {
					rep.Imported[r.Kind]++
				}
			}
		}
		entries = append(entries, t.Unsupported...)
	}
	for _, b := range res.BaseCategories {
		sortEntries(b.Unsupported)
		rep.Imported["Base Category"]++
		var walk func([]*CategoryValue)
		walk = func(vs []*CategoryValue) {
			for _, v := range vs {
				rep.Imported["Category"]++
				walk(v.Values)
			}
		}
		walk(b.Values)
		entries = append(entries, b.Unsupported...)
	}
	rep.Entries = append(rep.Entries, entries...)
	sortEntries(rep.Entries)
}

// sortEntries orders entries by source (a file, then its line), item and
// reason.
func sortEntries(list []Unsupported) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.Source != b.Source {
			fa, la := splitLine(a.Source)
			fb, lb := splitLine(b.Source)
			if fa != fb {
				return fa < fb
			}
			return la < lb
		}
		if a.Item != b.Item {
			return a.Item < b.Item
		}
		return a.Reason < b.Reason
	})
}

// Whole counts, per ERP5 kind, the items that were not imported at all.
func (r *Report) Whole() map[string]int {
	out := map[string]int{}
	for _, u := range r.Entries {
		if u.whole {
			out[u.Kind]++
		}
	}
	return out
}

// splitLine splits a source "file:line" into the file and the line; a
// source without a line has line 0.
func splitLine(source string) (string, int) {
	if i := strings.LastIndexByte(source, ':'); i >= 0 {
		if n, err := strconv.Atoi(source[i+1:]); err == nil {
			return source[:i], n
		}
	}
	return source, 0
}
