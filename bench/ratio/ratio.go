// Package ratio turns `go test -bench` output into a table of ratios to a
// baseline benchmark of the same run: absolute times drift between runs
// and machines, ratios measured in one run are what can be compared.
package ratio

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Result is every sample of one benchmark.
type Result struct {
	Name   string    // without "Benchmark" and the -GOMAXPROCS suffix
	NsOp   []float64 // ns/op of each run
	Allocs []float64 // allocs/op of each run, when -benchmem was on
}

// Median returns the median of xs (the mean of the middle two for an even
// count), or 0 for none.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

var procs = regexp.MustCompile(`-\d+$`)

// Parse reads benchmark lines ("BenchmarkX-2  100  12.5 ns/op  0 B/op
// 0 allocs/op") and returns one Result per name, in the order first seen.
// Other lines are ignored.
func Parse(r io.Reader) ([]Result, error) {
	var out []Result
	index := map[string]int{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := procs.ReplaceAllString(strings.TrimPrefix(f[0], "Benchmark"), "")
		i, ok := index[name]
		if !ok {
			i = len(out)
			index[name] = i
			out = append(out, Result{Name: name})
		}
		for k := 2; k+1 < len(f); k += 2 {
			v, err := strconv.ParseFloat(f[k], 64)
			if err != nil {
				return nil, fmt.Errorf("ratio: %q: %v", sc.Text(), err)
			}
			switch f[k+1] {
			case "ns/op":
				out[i].NsOp = append(out[i].NsOp, v)
			case "allocs/op":
				out[i].Allocs = append(out[i].Allocs, v)
			}
		}
	}
	return out, sc.Err()
}

func find(results []Result, name string) (Result, error) {
	for _, r := range results {
		if r.Name == name {
			return r, nil
		}
	}
	return Result{}, fmt.Errorf("ratio: no benchmark %q in the input", name)
}

// Ratio returns median ns/op of a over that of b.
func Ratio(results []Result, a, b string) (float64, error) {
	ra, err := find(results, a)
	if err != nil {
		return 0, err
	}
	rb, err := find(results, b)
	if err != nil {
		return 0, err
	}
	return Median(ra.NsOp) / Median(rb.NsOp), nil
}

// Table renders results as a Markdown table: median ns/op, median
// allocs/op, the number of runs, and the ratio to baseline's median ns/op.
func Table(results []Result, baseline string) (string, error) {
	base, err := find(results, baseline)
	if err != nil {
		return "", err
	}
	b0 := Median(base.NsOp)
	var b strings.Builder
	b.WriteString("| benchmark | ns/op | allocs/op | runs | ratio to " + baseline + " |\n|---|---:|---:|---:|---:|\n")
	for _, r := range results {
		allocs := "—"
		if len(r.Allocs) > 0 {
			allocs = strconv.FormatFloat(Median(r.Allocs), 'f', -1, 64)
		}
		ns := Median(r.NsOp)
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %s |\n", r.Name, num(ns), allocs, len(r.NsOp), num(ns/b0))
	}
	return b.String(), nil
}

// num formats with three significant digits, as benchstat does.
func num(x float64) string {
	switch {
	case x >= 100:
		return strconv.FormatFloat(x, 'f', 0, 64)
	case x >= 10:
		return strconv.FormatFloat(x, 'f', 1, 64)
	case x >= 1:
		return strconv.FormatFloat(x, 'f', 2, 64)
	}
	return strconv.FormatFloat(x, 'f', 3, 64)
}
