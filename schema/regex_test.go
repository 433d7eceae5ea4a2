package schema

import "testing"

func TestCheckRegex(t *testing.T) {
	tests := []struct {
		expr, err string // err "" for none
	}{
		{`^[A-Z]{3}-[0-9]+$`, ""},
		{`a{0,3}`, ""},
		{`a{2,}`, ""},
		{`\{,3}`, ""},   // escaped: the text in both
		{`[{,3}]`, ""},  // a class of four bytes in both
		{`[]{,3}]`, ""}, // ] first in a class is literal
		{`a{,}`, `has {,}, which Python reads as {0,} and Go's RE2 as the text "{,}": write *`},
		{`a{}`, ""}, // the text in both
		{`a{,3}`, `has {,3}, which Python reads as {0,3} and Go's RE2 as the text "{,3}": write {0,3}`},
		{`[a]x{,12}`, `has {,12}, which Python reads as {0,12} and Go's RE2 as the text "{,12}": write {0,12}`},
		{`(?=x)`, "does not compile (Go RE2 syntax): invalid or unsupported Perl syntax: `(?=`"},
	}
	for _, tt := range tests {
		got := ""
		if err := CheckRegex(tt.expr); err != nil {
			got = err.Error()
		}
		if got != tt.err {
			t.Errorf("CheckRegex(%q) = %q; want %q", tt.expr, got, tt.err)
		}
	}
}
