package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/accessorgen/accessorgen/internal/describe"
	"github.com/accessorgen/accessorgen/internal/driver"
	"github.com/accessorgen/accessorgen/internal/output"
	"github.com/accessorgen/accessorgen/schema"
)

// project compiles the config's schema and binding for a report.
func (c *command) project() (*describe.Project, error) {
	b, err := driver.Load(c.config)
	if err != nil {
		return nil, err
	}
	return &describe.Project{Model: b.Model, Binding: b.Binding, TypesPackage: b.Opts.Types.Name,
		HoldersPackage: b.Opts.Holders.Name, DocumentsPackage: b.Opts.Documents.Name}, nil
}

// explain TYPE, or explain sheet NAME.
func (c *command) explain(args []string) int {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON for tools")
	status := 0
	if !c.flags(fs, "explain [-json] TYPE | explain [-json] sheet NAME", args, &status) {
		return status
	}
	args = fs.Args()
	sheet := len(args) == 2 && args[0] == "sheet"
	if !sheet && len(args) != 1 {
		fmt.Fprintln(c.stderr, "accessorgen: explain takes a portal type name, or sheet and a sheet name (quote names with spaces)")
		fs.Usage()
		return 2
	}
	p, err := c.project()
	if err != nil {
		return c.fail(err)
	}
	type report interface{ WriteText(io.Writer) }
	var r report
	if sheet {
		s, err := p.FindSheet(args[1])
		if err != nil {
			return c.fail(err)
		}
		r = p.Sheet(s)
	} else {
		t, err := p.FindType(args[0])
		if err != nil {
			return c.fail(err)
		}
		r = p.Type(t)
	}
	if *asJSON {
		data, err := json.MarshalIndent(r, "", "  ")
		if err != nil {
			return c.fail(err)
		}
		fmt.Fprintln(c.stdout, string(data))
		return 0
	}
	r.WriteText(c.stdout)
	return 0
}

// emit writes data to the file -o names (atomically), or to stdout.
func (c *command) emit(file string, data []byte) int {
	if file == "" {
		c.stdout.Write(data)
		return 0
	}
	if err := output.WriteFile(file, data); err != nil {
		return c.fail(err)
	}
	return 0
}

// report runs a command that renders the whole project to one output.
func (c *command) report(name, usage string, args []string, render func(*describe.Project) []byte) int {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	out := fs.String("o", "", "write to `file` instead of standard output")
	status := 0
	if !c.flags(fs, usage, args, &status) {
		return status
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(c.stderr, "accessorgen: %s takes no arguments: %q\n", name, fs.Args())
		return 2
	}
	p, err := c.project()
	if err != nil {
		return c.fail(err)
	}
	return c.emit(*out, render(p))
}

func (c *command) docs(args []string) int {
	return c.report("docs", "docs [-o FILE]", args, (*describe.Project).Markdown)
}

func (c *command) graph(args []string) int {
	return c.report("graph", "graph [-o FILE]", args, (*describe.Project).Dot)
}

// jsonschema needs no config: it describes the format itself.
func (c *command) jsonschema(args []string) int {
	fs := flag.NewFlagSet("jsonschema", flag.ContinueOnError)
	out := fs.String("o", "", "write to `file` instead of standard output")
	config := fs.Bool("config", false, "describe accessorgen.yaml instead of schema files")
	status := 0
	if !c.flags(fs, "jsonschema [-o FILE] [-config]", args, &status) {
		return status
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(c.stderr, "accessorgen: jsonschema takes no arguments: %q\n", fs.Args())
		return 2
	}
	return c.emit(*out, schema.JSONSchema(*config))
}
