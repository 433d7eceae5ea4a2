// Command synth writes a synthetic accessorgen schema and its protobuf
// equivalent (see package synth):
//
//	go run ./cmd/synth -sheets 500 -properties 20 -types 500 -per-type 1 -out DIR [-go-package PATH]
//
// It writes DIR/accessorgen.yaml, DIR/schema/*.yaml and DIR/synth.proto.
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
	out := flag.String("out", "", "output directory (required)")
	goPackage := flag.String("go-package", "example.com/synthpb", "go_package of synth.proto")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := synth.Write(*out, s, *goPackage); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
