// Command accessorgen compiles YAML property sheets and portal types into Go
// accessor holders, portal types and static lookup tables.
//
// Usage:
//
//	accessorgen [-config FILE] [-v]          generate (the default)
//	accessorgen [-config FILE] check         exit 1 with a diff if generated files are stale
//	accessorgen [-config FILE] explain [-json] TYPE | explain [-json] sheet NAME
//	accessorgen [-config FILE] docs [-o FILE]
//	accessorgen [-config FILE] graph [-o FILE]
//	accessorgen jsonschema [-o FILE] [-config]
//	accessorgen import-erp5 [-o DIR] [-v] PATH... translate ERP5 business templates into YAML
//	accessorgen -version
//
// It reads accessorgen.yaml in the current directory unless -config names
// another file; paths in the config are relative to the config file. Run it
// from a //go:generate line:
//
//	//go:generate go run github.com/accessorgen/accessorgen/cmd/accessorgen
//
// Exit status: 0 on success, 1 on schema errors, stale output (check) or
// other failures, 2 on wrong usage. On any error nothing is written.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/accessorgen/accessorgen/internal/driver"
	"github.com/accessorgen/accessorgen/schema"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

const usage = `usage: accessorgen [flags] [command [command flags] [arguments]]

Commands:
  generate              generate the packages the config describes (the default)
  check                 write nothing; exit 1 with a unified diff if generated files are out of date
  explain TYPE          a portal type: composition order, accessors and their origins, shadowing,
                        categories, acquisition, constraints, location (-json for tools)
  explain sheet NAME    a property sheet: its properties and every type that uses it (-json)
  docs [-o FILE]        a Markdown reference of the whole model
  graph [-o FILE]       a Graphviz graph of types, sheets, base categories and services
  jsonschema [-o FILE] [-config]
                        the JSON Schema of schema files (or, with -config, of accessorgen.yaml)
  import-erp5 [-o DIR] [-v] PATH...
                        translate ERP5 business templates into YAML (docs/erp5.md)

Flags go before the command, and a command's flags before its arguments.

Flags:
`

// run is the whole command, testable: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("accessorgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	config := fs.String("config", schema.DefaultConfig, "config `file`")
	verbose := fs.Bool("v", false, "list the files written and removed")
	version := fs.Bool("version", false, "print the version and exit")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprint(stderr, flagHint(err, fs))
		return 2
	}
	if *version {
		fmt.Fprintln(stdout, "accessorgen", buildVersion())
		return 0
	}
	c := &command{config: *config, verbose: *verbose, global: fs, stdout: stdout, stderr: stderr}
	name, rest := "generate", fs.Args()
	if len(rest) > 0 {
		name, rest = rest[0], rest[1:]
	}
	configSet := false
	fs.Visit(func(f *flag.Flag) { configSet = configSet || f.Name == "config" })
	if configSet && readsNoConfig[name] != "" {
		c.noConfig(name)
		return 2
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "accessorgen: unknown command %q%s\n", name, schema.Suggest(name, slices.Sorted(maps.Keys(commands))))
		fs.Usage()
		return 2
	}
	return cmd(c, rest)
}

// command is what every subcommand gets: the global flags and the output.
type command struct {
	config         string
	verbose        bool
	global         *flag.FlagSet
	stdout, stderr io.Writer
}

// misplaced reports, and returns true for, a flag among a command's
// arguments, where Go's flag package has stopped parsing: a global flag
// after the command, or one of the command's own (own, if not nil) after
// its arguments. Without it, "generate -v" would say "too many
// arguments" and "explain Person -json" that a type name is missing.
func (c *command) misplaced(name string, own *flag.FlagSet, args []string) bool {
	for _, a := range args {
		flagName := flagNameOf(a)
		if !strings.HasPrefix(a, "-") || flagName == "" {
			continue
		}
		// A command's own flag first: import-erp5 has a -v of its own.
		switch {
		case own != nil && own.Lookup(flagName) != nil:
			fmt.Fprintf(c.stderr, "accessorgen: flag %s goes before the arguments of %s: accessorgen %s %s ...\n", a, name, name, a)
			return true
		case c.global.Lookup(flagName) != nil:
			c.beforeCommand(name, a)
			return true
		}
	}
	return false
}

// flagNameOf is the name of the flag argument a: "config" for -config=x.
func flagNameOf(a string) string {
	name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
	return name
}

// beforeCommand says that the global flag arg goes before the command,
// or, for -config and a command that reads no config, that it has no use.
func (c *command) beforeCommand(name, arg string) {
	if flagNameOf(arg) == "config" && readsNoConfig[name] != "" {
		c.noConfig(name)
		return
	}
	fmt.Fprintf(c.stderr, "accessorgen: flag %s goes before the command: accessorgen %s %s ...\n", arg, arg, name)
}

// readsNoConfig names the commands that read no config file, with what
// they do instead: a -config given to them would be ignored, so it is an
// error.
var readsNoConfig = map[string]string{
	"import-erp5": "it writes a schema's YAML under -o",
	"jsonschema":  "its own -config, without a file, describes accessorgen.yaml",
}

// noConfig says that command name reads no config file.
func (c *command) noConfig(name string) {
	fmt.Fprintf(c.stderr, "accessorgen: %s reads no config file (%s): remove -config FILE\n", name, readsNoConfig[name])
}

// commands are the subcommands by name.
var commands = map[string]func(c *command, args []string) int{
	"generate":    func(c *command, args []string) int { return c.generate(args, false) },
	"check":       func(c *command, args []string) int { return c.generate(args, true) },
	"explain":     (*command).explain,
	"docs":        (*command).docs,
	"graph":       (*command).graph,
	"jsonschema":  (*command).jsonschema,
	"import-erp5": (*command).importERP5,
}

// flags parses a subcommand's flags; usage names its arguments. It
// returns false, having printed why, when the command must stop with
// status 2 (or 0 for -h, in *status).
func (c *command) flags(fs *flag.FlagSet, usage string, args []string, status *int) bool {
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: accessorgen [flags] %s\n", usage)
		fs.PrintDefaults()
	}
	return c.parse(strings.Fields(usage)[0], fs, args, status)
}

// parse parses the flags of command name, whose usage fs already has, and
// reports misplaced ones: a global flag among them (which Go's flag
// package would call "not defined", as in "docs -o F -v"), or a flag
// after the arguments. It returns false, having printed why, when the
// command must stop with status 2 (or 0 for -h, in *status).
func (c *command) parse(name string, fs *flag.FlagSet, args []string, status *int) bool {
	// The flag package prints its error and the usage as it fails; keep
	// them until it is known whether a hint replaces them.
	var out bytes.Buffer
	fs.SetOutput(&out)
	err := fs.Parse(args)
	fs.SetOutput(c.stderr)
	if err != nil {
		*status = 2
		if errors.Is(err, flag.ErrHelp) {
			*status = 0
		}
		if undefined, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: "); ok && c.global.Lookup(strings.TrimLeft(undefined, "-")) != nil {
			// Quote the argument as given, -config=x.yaml rather than -config.
			for _, a := range args {
				if "-"+flagNameOf(a) == undefined {
					undefined = a
					break
				}
			}
			c.beforeCommand(name, undefined)
			return false
		}
		c.stderr.Write(out.Bytes())
		fmt.Fprint(c.stderr, flagHint(err, fs))
		return false
	}
	if c.misplaced(name, fs, fs.Args()) {
		*status = 2
		return false
	}
	return true
}

// flagHint is a line naming the flag of fs that an undefined one is likely
// a typo of, printed after the usage so that it is the last thing read;
// "" for other errors and unlikely typos.
func flagHint(err error, fs *flag.FlagSet) string {
	undefined, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: ")
	if !ok {
		return ""
	}
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if name := schema.Closest(strings.TrimLeft(undefined, "-"), names); name != "" {
		return fmt.Sprintf("accessorgen: %s: did you mean -%s?\n", undefined, name)
	}
	return ""
}

// fail prints err as the CLI prints every error and returns status 1.
func (c *command) fail(err error) int {
	var list schema.ErrorList
	if errors.As(err, &list) {
		fmt.Fprintln(c.stderr, list.Error())
	} else {
		fmt.Fprintln(c.stderr, "accessorgen:", err)
	}
	return 1
}

func (c *command) generate(args []string, check bool) int {
	name := "generate"
	if check {
		name = "check"
	}
	// No flags of its own, but a flag set all the same: -h prints the
	// usage, and a global flag after the command gets the hint.
	fs := flag.NewFlagSet("accessorgen "+name, flag.ContinueOnError)
	status := 0
	if !c.flags(fs, name, args, &status) {
		return status
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(c.stderr, "accessorgen: too many arguments: %q\n", fs.Args())
		return 2
	}
	res, err := driver.Run(c.config, driver.Options{Check: check})
	if err != nil {
		return c.fail(err)
	}
	if check {
		if res.Stale() {
			fmt.Fprint(c.stdout, res.Diff)
			n, files := len(res.Written)+len(res.Removed), "files are"
			if n == 1 {
				files = "file is"
			}
			fmt.Fprintf(c.stderr, "accessorgen: %d generated %s out of date; run go generate\n", n, files)
			if m := len(res.LineEndings); m > 0 {
				// git's core.autocrlf=true (Windows' default) checks out
				// text files with CRLF; accessorgen writes LF, so a
				// fresh checkout would always be stale.
				which := fmt.Sprintf("%d of them differ", m)
				switch {
				case m == 1 && n > 1:
					which = "1 of them differs"
				case m == n:
					which = map[bool]string{true: "it differs", false: "they differ"}[n == 1]
				}
				fmt.Fprintf(c.stderr, "accessorgen: %s only in line endings (CRLF on disk, LF generated), as git's core.autocrlf checks files out: add `*.go text eol=lf` (or `* text=auto eol=lf`) to .gitattributes, then run go generate\n", which)
			}
			return 1
		}
		return 0
	}
	if c.verbose && res.Skipped {
		fmt.Fprintf(c.stdout, "nothing changed since the last run: %d files up to date\n", res.Unchanged)
		return 0
	}
	if c.verbose {
		// As the schema errors, the paths open from where the command ran.
		dir := filepath.Dir(c.config)
		for _, p := range res.Written {
			fmt.Fprintln(c.stdout, "wrote", driver.Shown(dir, p))
		}
		for _, p := range res.Removed {
			fmt.Fprintln(c.stdout, "removed", driver.Shown(dir, p))
		}
		fmt.Fprintf(c.stdout, "%d unchanged\n", res.Unchanged)
	}
	return 0
}

// buildVersion is the module version the binary was built from.
func buildVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}
