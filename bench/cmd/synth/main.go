// Command synth writes a synthetic accessorgen schema and its protobuf
// equivalent (see package synth):
//
//	go run ./cmd/synth -sheets 500 -properties 20 -types 500 -per-type 1 -out DIR [-go-package PATH]
//
// It writes DIR/accessorgen.yaml, DIR/schema/*.yaml and DIR/synth.proto.
//
// With -services N it writes a location registry of N services instead
// (synth.Registry), and takes none of the flags above but -out:
//
//	go run ./cmd/synth -services 2000 [-depend-every 100] -out DIR
//
// It writes DIR/accessorgen.yaml, DIR/schema/services.yaml and
// DIR/document/document.go, the services' constructors.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/accessorgen/accessorgen/bench/synth"
)

func main() {
	var s synth.Spec
	flag.IntVar(&s.Sheets, "sheets", 500, "property sheets")
	flag.IntVar(&s.Properties, "properties", 20, "properties per sheet")
	flag.IntVar(&s.Types, "types", 500, "portal types")
	flag.IntVar(&s.SheetsPerType, "per-type", 1, "sheets per portal type")
	var r synth.Registry
	flag.IntVar(&r.Services, "services", 0, "write a registry of this many services instead of property sheets and portal types")
	flag.IntVar(&r.DependEvery, "depend-every", 100, "with -services: every k-th service is a hub that the next one depends on (0: no dependencies)")
	out := flag.String("out", "", "output directory (required)")
	goPackage := flag.String("go-package", "example.com/synthpb", "go_package of synth.proto")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	var err error
	if r.Services > 0 {
		var conflict string
		flag.Visit(func(f *flag.Flag) {
			switch f.Name {
			case "sheets", "properties", "types", "per-type", "go-package":
				conflict = f.Name
			}
		})
		if conflict != "" {
			fmt.Fprintf(os.Stderr, "synth: -%s does not apply with -services\n", conflict)
			os.Exit(2)
		}
		err = synth.WriteRegistry(*out, r)
	} else {
		var depend bool
		flag.Visit(func(f *flag.Flag) { depend = depend || f.Name == "depend-every" || f.Name == "services" })
		if depend {
			fmt.Fprintln(os.Stderr, "synth: -services must be at least 1")
			os.Exit(2)
		}
		err = synth.Write(*out, s, *goPackage)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
