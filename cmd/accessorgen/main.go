// Command accessorgen compiles YAML property sheets and portal types into Go
// accessor holders, portal types and static lookup tables.
//
// Usage:
//
//	accessorgen [-config FILE] [-v]          generate (the default)
//	accessorgen [-config FILE] check         exit 1 with a diff if generated files are stale
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
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/accessorgen/accessorgen/internal/driver"
	"github.com/accessorgen/accessorgen/schema"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

const usage = `usage: accessorgen [flags] [command]

Commands:
  generate   generate the packages the config describes (the default)
  check      write nothing; exit 1 with a unified diff if generated files are out of date

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
		return 2
	}
	if *version {
		fmt.Fprintln(stdout, "accessorgen", buildVersion())
		return 0
	}
	check := false
	switch fs.NArg() {
	case 0:
	case 1:
		switch fs.Arg(0) {
		case "generate":
		case "check":
			check = true
		default:
			fmt.Fprintf(stderr, "accessorgen: unknown command %q\n", fs.Arg(0))
			fs.Usage()
			return 2
		}
	default:
		fmt.Fprintf(stderr, "accessorgen: too many arguments: %q\n", fs.Args())
		fs.Usage()
		return 2
	}

	res, err := driver.Run(*config, driver.Options{Check: check})
	if err != nil {
		var list schema.ErrorList
		if errors.As(err, &list) {
			fmt.Fprintln(stderr, list.Error())
		} else {
			fmt.Fprintln(stderr, "accessorgen:", err)
		}
		return 1
	}
	if check {
		if res.Stale() {
			fmt.Fprint(stdout, res.Diff)
			fmt.Fprintf(stderr, "accessorgen: %d generated files are out of date; run go generate\n", len(res.Written)+len(res.Removed))
			return 1
		}
		return 0
	}
	if *verbose {
		for _, p := range res.Written {
			fmt.Fprintln(stdout, "wrote", p)
		}
		for _, p := range res.Removed {
			fmt.Fprintln(stdout, "removed", p)
		}
		fmt.Fprintf(stdout, "%d unchanged\n", res.Unchanged)
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
