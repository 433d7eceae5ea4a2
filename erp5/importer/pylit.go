package importer

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/accessorgen/accessorgen/erp5/ppml"
)

// pyLiteral evaluates the body of a "python:" TALES expression when it is a
// plain literal (what Python's ast.literal_eval accepts, restricted to None,
// booleans, numbers, strings, tuples and lists). A literal has one meaning
// without ERP5, so evaluating it is a translation, not a guess; anything else
// (names, calls, operators) is refused and reported by the caller.
func pyLiteral(src string) (any, error) {
	p := &pyParser{s: src}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(p.s) {
		return nil, fmt.Errorf("not a literal: unexpected %q", rest(p.s[p.i:]))
	}
	return v, nil
}

// pyTuple marks a tuple or list literal.
type pyTuple []any

type pyParser struct {
	s string
	i int
}

func rest(s string) string {
	if len(s) > 20 {
		return s[:20] + "..."
	}
	return s
}

func (p *pyParser) space() {
	for p.i < len(p.s) && strings.ContainsRune(" \t\r\n", rune(p.s[p.i])) {
		p.i++
	}
}

func (p *pyParser) value() (any, error) {
	p.space()
	if p.i == len(p.s) {
		return nil, fmt.Errorf("empty expression")
	}
	c := p.s[p.i]
	switch {
	case c == '(' || c == '[':
		return p.seq(c)
	case c == '\'' || c == '"':
		return p.str(false)
	case (c == 'b' || c == 'u' || c == 'r' || c == 'B' || c == 'U' || c == 'R') && p.i+1 < len(p.s) && (p.s[p.i+1] == '\'' || p.s[p.i+1] == '"'):
		p.i++
		return p.str(c == 'r' || c == 'R')
	case c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9':
		return p.number()
	}
	for _, w := range []struct {
		word string
		v    any
	}{{"None", nil}, {"True", true}, {"False", false}} {
		if strings.HasPrefix(p.s[p.i:], w.word) && !identChar(p.s, p.i+len(w.word)) {
			p.i += len(w.word)
			return w.v, nil
		}
	}
	return nil, fmt.Errorf("not a literal: %q", rest(p.s[p.i:]))
}

func identChar(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	c := s[i]
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '(' || c == '.'
}

func (p *pyParser) seq(open byte) (any, error) {
	closing := byte(')')
	if open == '[' {
		closing = ']'
	}
	p.i++
	var items pyTuple
	comma := false
	for {
		p.space()
		if p.i < len(p.s) && p.s[p.i] == closing {
			p.i++
			break
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		items = append(items, v)
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
			comma = true
			continue
		}
		p.space()
		if p.i < len(p.s) && p.s[p.i] == closing {
			p.i++
			break
		}
		return nil, fmt.Errorf("not a literal: unexpected %q", rest(p.s[p.i:]))
	}
	if open == '(' && len(items) == 1 && !comma {
		return items[0], nil // parentheses around one value
	}
	if items == nil {
		items = pyTuple{}
	}
	return items, nil
}

func (p *pyParser) str(raw bool) (any, error) {
	q := p.s[p.i]
	p.i++
	start := p.i
	for p.i < len(p.s) && p.s[p.i] != q {
		if p.s[p.i] == '\\' {
			p.i++
		}
		p.i++
	}
	if p.i >= len(p.s) {
		return nil, fmt.Errorf("unterminated string")
	}
	body := p.s[start:p.i]
	p.i++
	if raw {
		return body, nil
	}
	return ppml.Unescape(body)
}

func (p *pyParser) number() (any, error) {
	start := p.i
	if p.s[p.i] == '-' || p.s[p.i] == '+' {
		p.i++
	}
	for p.i < len(p.s) && strings.ContainsRune("0123456789.eE_", rune(p.s[p.i])) {
		if (p.s[p.i] == 'e' || p.s[p.i] == 'E') && p.i+1 < len(p.s) && (p.s[p.i+1] == '-' || p.s[p.i+1] == '+') {
			p.i++
		}
		p.i++
	}
	text := p.s[start:p.i]
	if p.i < len(p.s) && (p.s[p.i] == 'L' || p.s[p.i] == 'l') {
		p.i++
	}
	if !strings.ContainsAny(text, ".eE") {
		n, err := strconv.ParseInt(strings.ReplaceAll(text, "_", ""), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("not an integer: %q", text)
		}
		return n, nil
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(text, "_", ""), 64)
	if err != nil {
		return nil, fmt.Errorf("not a number: %q", text)
	}
	return f, nil
}

// tales classifies a TALES expression: for "python: <literal>" it returns
// the literal's value and ok; otherwise ok is false and why says what the
// expression is.
func tales(expr string) (v any, ok bool, why string) {
	e := strings.TrimSpace(expr)
	if body, found := strings.CutPrefix(e, "python:"); found {
		v, err := pyLiteral(body)
		if err != nil {
			return nil, false, "a Python expression cannot be evaluated outside ERP5"
		}
		return v, true, ""
	}
	switch {
	case strings.HasPrefix(e, "string:"):
		return nil, false, "a TALES string expression cannot be evaluated outside ERP5"
	case strings.HasPrefix(e, "not:"):
		return nil, false, "a TALES not: expression cannot be evaluated outside ERP5"
	}
	return nil, false, "a TALES path expression cannot be evaluated outside ERP5"
}

// stringList turns a literal into a list of strings: one string, or a tuple
// or list of strings.
func stringList(v any) ([]string, bool) {
	switch v := v.(type) {
	case string:
		return []string{v}, true
	case pyTuple:
		out := []string{}
		for _, x := range v {
			s, ok := x.(string)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	return nil, false
}

// truthy is Python's truth value of a literal.
func truthy(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case int64:
		return v != 0
	case float64:
		return v != 0
	case string:
		return v != ""
	case pyTuple:
		return len(v) > 0
	}
	return true
}

// equalityValue is a literal as an AttributeEquality value: a scalar, or
// a list of strings.
func equalityValue(v any) (any, bool) {
	switch v := v.(type) {
	case string, int64, float64, bool:
		return v, true
	case pyTuple:
		return stringList(v)
	}
	return nil, false
}

// scalarList turns a tuple or list literal of strings, numbers and
// booleans into its items.
func scalarList(v any) ([]any, bool) {
	seq, ok := v.(pyTuple)
	if !ok {
		return nil, false
	}
	out := []any{}
	for _, x := range seq {
		switch x.(type) {
		case string, int64, float64, bool:
			out = append(out, x)
		default:
			return nil, false
		}
	}
	return out, true
}
