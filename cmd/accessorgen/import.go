package main

import (
	"flag"
	"fmt"
	"path"
	"path/filepath"
	"time"

	"github.com/accessorgen/accessorgen/erp5/importer"
	"github.com/accessorgen/accessorgen/internal/output"
)

const importUsage = `usage: accessorgen import-erp5 [-o DIR] [-v] PATH...

Reads the ERP5 business templates at or below each PATH (directories holding
*TemplateItem directories, as ERP5 exports them) and writes accessorgen YAML
into DIR: property_sheets/, portal_types/ and base_categories/, one file per
sheet, portal type and base category. When several templates define the same
item, the last one wins: later PATHs, then templates in path order.

It prints what it found and imported per kind, then every item or field it
could not translate, with its file and the reason (each is also kept under
unsupported: in the YAML), grouped by cause. See docs/erp5.md.

Only changed files are written, atomically; YAML of an earlier import that
this one no longer produces is removed; nothing is written on an error.
DIR must not be a file, a link to nothing, a PATH or below one.

Exit status: 0 on success (untranslated items are reported, not errors),
1 on malformed input or another failure, 2 on wrong usage.

Flags:
`

// importERP5 is the import-erp5 command.
func (c *command) importERP5(args []string) int {
	stdout, stderr := c.stdout, c.stderr
	fs := flag.NewFlagSet("accessorgen import-erp5", flag.ContinueOnError)
	dir := fs.String("o", ".", "output `directory`")
	verbose := fs.Bool("v", false, "list the files written and removed, and the time taken")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), importUsage)
		fs.PrintDefaults()
	}
	var status int
	if !c.parse("import-erp5", fs, args, &status) {
		return status
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "accessorgen import-erp5: no PATH given")
		fs.Usage()
		return 2
	}
	if err := checkImportDir(*dir, fs.Args()); err != nil {
		fmt.Fprintln(stderr, "accessorgen import-erp5: -o:", err)
		return 1
	}
	start := time.Now()
	res, err := importer.Import(fs.Args())
	if err != nil {
		fmt.Fprintln(stderr, "accessorgen import-erp5:", err)
		return 1
	}
	w, err := res.Write(*dir)
	if err != nil {
		fmt.Fprintln(stderr, "accessorgen import-erp5:", err)
		return 1
	}
	res.Report.Summary(stdout)
	if *verbose || c.verbose { // -v before the command means the same
		// Named as they open from where the command ran, -o included.
		for _, p := range w.Written {
			fmt.Fprintln(stdout, "wrote", filepath.ToSlash(filepath.Join(*dir, p)))
		}
		for _, p := range w.Removed {
			fmt.Fprintln(stdout, "removed", filepath.ToSlash(filepath.Join(*dir, p)))
		}
		fmt.Fprintf(stdout, "%d written, %d removed, %d unchanged in %v\n", len(w.Written), len(w.Removed), w.Unchanged, time.Since(start).Round(time.Millisecond))
	}
	return 0
}

// checkImportDir checks, before anything is read, the directories that
// an import into dir writes: none may be a file or a link to nothing, nor
// be one of the inputs or below one: the YAML would be mixed into the
// user's ERP5 export. (An output directory holding an input is fine: an
// import writes and removes only its own YAML in its three directories.)
func checkImportDir(dir string, inputs []string) error {
	var sources []output.Source
	for _, in := range inputs {
		sources = append(sources, output.Source{Path: filepath.ToSlash(in), What: "the ERP5 input " + in, Tree: true})
	}
	dirs := []string{filepath.ToSlash(dir)}
	for _, d := range []string{importer.SheetsDir, importer.TypesDir, importer.CategoriesDir} {
		dirs = append(dirs, path.Join(filepath.ToSlash(dir), d))
	}
	return output.CheckDirs("", "", dirs, sources)
}
