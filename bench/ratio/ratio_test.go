package ratio

import (
	"strings"
	"testing"
)

const input = `goos: linux
BenchmarkBase-2            	800000000	         1.50 ns/op	       0 B/op	       0 allocs/op
BenchmarkBase-2            	800000000	         1.40 ns/op	       0 B/op	       0 allocs/op
BenchmarkBase-2            	800000000	         1.60 ns/op	       0 B/op	       0 allocs/op
BenchmarkWide/Value-12     	300000000	         4.50 ns/op	       0 B/op	       0 allocs/op
BenchmarkWide/Value-12     	300000000	         4.20 ns/op	       0 B/op	       0 allocs/op
BenchmarkMap-2             	 1000000	      1040 ns/op	    1200 B/op	      13 allocs/op
BenchmarkNoMem-2           	 1000000	        30.0 ns/op
PASS
`

func TestParseAndTable(t *testing.T) {
	rs, err := Parse(strings.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Table(rs, "Base")
	if err != nil {
		t.Fatal(err)
	}
	want := `| benchmark | ns/op | allocs/op | runs | ratio to Base |
|---|---:|---:|---:|---:|
| Base | 1.50 | 0 | 3 | 1.00 |
| Wide/Value | 4.35 | 0 | 2 | 2.90 |
| Map | 1040 | 13 | 1 | 693 |
| NoMem | 30.0 | — | 1 | 20.0 |
`
	if got != want {
		t.Errorf("table:\n%s\nwant\n%s", got, want)
	}
	r, err := Ratio(rs, "Map", "NoMem")
	if err != nil || r < 34.66 || r > 34.67 {
		t.Errorf("Ratio(Map, NoMem) = %v, %v; want 34.67", r, err)
	}
}

func TestErrors(t *testing.T) {
	rs, _ := Parse(strings.NewReader(input))
	if _, err := Table(rs, "Nope"); err == nil {
		t.Error("Table with a missing baseline: no error")
	}
	if _, err := Ratio(rs, "Base", "Nope"); err == nil {
		t.Error("Ratio with a missing benchmark: no error")
	}
	if _, err := Parse(strings.NewReader("BenchmarkX-2 10 abc ns/op\n")); err == nil {
		t.Error("Parse of a bad number: no error")
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{{nil, 0}, {[]float64{3}, 3}, {[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 2.5}} {
		if got := Median(c.in); got != c.want {
			t.Errorf("Median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}
