// Command ratio reads `go test -bench` output on standard input and prints
// a Markdown table of each benchmark's median ns/op as a ratio to a
// baseline of the same run, then the ratios of the pairs given with -pair:
//
//	go test -run '^$' -bench . -benchmem -count 6 | go run ./cmd/ratio -pair Person/EditTen/Person/SetPropertyTen
//
// A pair is "A/B" where both are full benchmark names; it is split at the
// slash that gives two names present in the input.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/accessorgen/accessorgen/bench/ratio"
)

type pairs []string

func (p *pairs) String() string     { return strings.Join(*p, ",") }
func (p *pairs) Set(s string) error { *p = append(*p, s); return nil }

func main() {
	baseline := flag.String("baseline", "Person/TypedGetterNotInlined", "the benchmark every ratio is to")
	var ps pairs
	flag.Var(&ps, "pair", "A/B: also print the ratio of benchmark A to benchmark B (repeatable)")
	flag.Parse()
	results, err := ratio.Parse(os.Stdin)
	if err != nil {
		fail(err)
	}
	table, err := ratio.Table(results, *baseline)
	if err != nil {
		fail(err)
	}
	fmt.Print(table)
	for _, p := range ps {
		r, err := pairRatio(results, p)
		if err != nil {
			fail(err)
		}
		fmt.Printf("\n%s: %.2f", p, r)
	}
	if len(ps) > 0 {
		fmt.Println()
	}
}

// pairRatio splits p at each slash in turn until both halves are names in
// the input.
func pairRatio(results []ratio.Result, p string) (float64, error) {
	for i := strings.Index(p, "/"); i >= 0; {
		if r, err := ratio.Ratio(results, p[:i], p[i+1:]); err == nil {
			return r, nil
		}
		j := strings.Index(p[i+1:], "/")
		if j < 0 {
			break
		}
		i += j + 1
	}
	return 0, fmt.Errorf("ratio: %q is not two benchmarks of the input", p)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
