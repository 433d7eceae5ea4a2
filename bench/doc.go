// Package bench is accessorgen's benchmark suite: by-name access on
// generated types (examples/erp5's Person and a synthetic type of 150
// properties) against the dynamic alternatives a Go program would
// otherwise use, and registry structures. It is a module of its own so that
// protobuf-go, which some alternatives need, never becomes a dependency of
// accessorgen. Run it as docs/performance.md says; cmd/ratio turns the
// output into ratios to the non-inlined typed getter of the same run.
package bench
