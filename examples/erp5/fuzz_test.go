package main

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/accessorgen/accessorgen/examples/erp5/portaltype"
	"github.com/accessorgen/accessorgen/holders"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// FuzzEdit checks the promises of docs/generated-code.md for by-name writes
// against an independent model of the conversion rules (fuzzWant):
//
//   - SetProperty and Edit, plain or through holders.Guarded, never panic,
//     whatever the ids and values;
//   - a refused Edit changes nothing (every by-name property, and every field
//     of the object's struct, hidden holders included) and returns an
//     *holders.EditError whose Errors are sorted by Property and name
//     exactly the refused ids, each with the right holders.Err... kind;
//   - an accepted Edit or SetProperty stores the converted value (read back
//     by name) and changes no other property, except those overridden by
//     hand-written document methods (TypeInfo().Overrides), whose values are
//     the document's business;
//   - setters store a copy: changing a slice after handing it over changes
//     nothing.
//
// sel chooses the portal type and the permissions the guard denies; data is
// read by fuzzReader as a sequence of (id, value) choices.
func FuzzEdit(f *testing.F) {
	for _, seed := range fuzzSeeds() {
		f.Add(seed.sel, seed.data)
	}
	f.Fuzz(func(t *testing.T, sel uint8, data []byte) {
		names := portaltype.TypeNames()
		name := names[int(sel)%len(names)]
		rest := int(sel) / len(names)
		perms := fuzzPermissions()
		denied := map[string]bool{}
		for i, p := range perms {
			if rest&(1<<i) != 0 {
				denied[p] = true
			}
		}
		obj, err := portaltype.New(name)
		if err != nil {
			t.Fatalf("New(%q): %v", name, err)
		}
		info := obj.TypeInfo()
		if li, ok := portaltype.LookupType(name); !ok || li != info {
			t.Fatalf("LookupType(%q) = %p, %v; TypeInfo() = %p", name, li, ok, info)
		}
		changes := fuzzDecode(data, info)

		c := &fuzzCase{t: t, name: name, info: info, changes: changes, denied: denied}
		c.checkUnknownType(string(data))
		c.checkEdit(func() holders.Object { return c.fresh() }) // on an empty object
		c.checkEdit(c.prefilled)                                // on an object with every writable property set
		c.checkSetProperty()
		c.checkGuarded()
		c.checkCopies()
	})
}

// fuzzCase is one decoded fuzz input.
type fuzzCase struct {
	t       *testing.T
	name    string // portal type
	info    *holders.TypeInfo
	changes map[string]any
	denied  map[string]bool // permissions the guard refuses
}

// fuzzPermissions lists every permission of the example's schema, sorted:
// bit i of the guard mask denies the i-th.
func fuzzPermissions() []string {
	var perms []string
	for _, n := range portaltype.TypeNames() {
		info, _ := portaltype.LookupType(n)
		for _, p := range info.Properties {
			perms = append(perms, p.ReadPermission, p.WritePermission)
		}
	}
	slices.Sort(perms)
	return slices.Compact(perms)
}

// fuzzHostileIDs are ids no portal type has, or that look like one.
var fuzzHostileIDs = []string{
	"",
	strings.Repeat("a", 4096),
	"\xff\xfe\xfd",
	"first_name\x00",
	"First_Name",
	" title",
	"title ",
	"salary_range",
	"__proto__",
	"é" + strings.Repeat("\x80", 100),
	strings.Repeat("日本語", 30),
	"", // index 11: replaced by a string read from the input
	"group/acme",
	"nickname_range_min",
	"\u2028",
	"corporate_name", // known to Organisation only
}

// fuzzReader reads choices from the fuzz input; past its end it reads zeros.
type fuzzReader struct{ b []byte }

func (r *fuzzReader) byte() byte {
	if len(r.b) == 0 {
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *fuzzReader) u64() uint64 {
	var x uint64
	for range 8 {
		x = x<<8 | uint64(r.byte())
	}
	return x
}

// bytes reads a length byte, then up to that many bytes.
func (r *fuzzReader) bytes() []byte {
	n := min(int(r.byte()), len(r.b))
	out := slices.Clone(r.b[:n])
	r.b = r.b[n:]
	return out
}

// fuzzDecode reads up to 16 (id, value) pairs. An id byte below 0xF0 picks a
// property of info; above, a hostile id. A value byte below 0x80 asks for a
// value of the property's own Go type (fuzzTyped), above for one of the
// fuzzKinds, most of them of some other type.
func fuzzDecode(data []byte, info *holders.TypeInfo) map[string]any {
	r := &fuzzReader{data}
	changes := map[string]any{}
	for i := 0; i < 16 && len(r.b) > 0; i++ {
		kb := r.byte()
		var id string
		if kb < 0xF0 {
			id = info.Properties[int(kb)%len(info.Properties)].ID
		} else if j := int(kb - 0xF0); j == 11 {
			id = string(r.bytes())
		} else {
			id = fuzzHostileIDs[j]
		}
		p := fuzzProperty(info, id)
		vb := r.byte()
		if vb < 0x80 {
			changes[id] = fuzzTyped(r, p, vb)
		} else {
			changes[id] = fuzzKinds[int(vb-0x80)%len(fuzzKinds)].gen(r, p)
		}
	}
	return changes
}

// fuzzProperty finds id in info by a linear search, independent of the
// generated index switch; nil when info has no such property.
func fuzzProperty(info *holders.TypeInfo, id string) *holders.PropertyInfo {
	for _, p := range info.Properties {
		if p.ID == id {
			return p
		}
	}
	return nil
}

var (
	fuzzHuge     = strings.Repeat("huge ", 1<<14) // 80 KiB
	fuzzMono     = time.Now()                     // carries a monotonic reading
	fuzzZoneEast = time.FixedZone("East", 9*3600+30*60)
)

// fuzzString is a string read from the input, often not valid UTF-8, or one
// of p's allowed values.
func fuzzString(r *fuzzReader, p *holders.PropertyInfo) string {
	if p != nil && len(p.Values) > 0 && r.byte()%4 != 0 {
		return p.Values[int(r.byte())%len(p.Values)]
	}
	return string(r.bytes())
}

// fuzzTime reads a time, from ordinary to extreme.
func fuzzTime(r *fuzzReader) time.Time {
	locs := []*time.Location{time.UTC, time.Local, fuzzZoneEast, time.FixedZone("", -int(r.byte())*60)}
	loc := locs[int(r.byte())%len(locs)]
	switch r.byte() % 8 {
	case 0:
		return time.Time{}
	case 1:
		return time.Date(int(int32(r.u64())), time.Month(r.byte()), int(r.byte()), int(r.byte()), int(r.byte()), int(r.byte()), int(r.u64()%2e9), loc)
	case 2:
		return time.Unix(int64(r.u64()), int64(r.u64())).In(loc)
	case 3:
		return time.Date(int(int64(r.u64())), time.December, 31, 23, 59, 59, 999999999, loc)
	case 4:
		return fuzzMono
	case 5:
		return time.Unix(math.MaxInt64, 999999999)
	case 6:
		return time.Unix(math.MinInt64, 0).In(loc)
	}
	return time.Date(2001, time.February, 3, 4, 5, 6, int(r.byte()), loc)
}

// fuzzTyped returns a value of p's own Go type, or of a type SetProperty
// converts to it: mostly accepted, sometimes out of range or not allowed.
func fuzzTyped(r *fuzzReader, p *holders.PropertyInfo, variant byte) any {
	e, list := fuzzShape(p)
	if list {
		switch variant % 4 {
		case 0:
			n := int(r.byte() % 4)
			switch e {
			case fuzzInt:
				l := make([]int, n)
				for i := range l {
					l[i] = int(r.u64())
				}
				return l
			case fuzzFloat:
				l := make([]float64, n)
				for i := range l {
					l[i] = float64(int64(r.u64())) / 1024
				}
				return l
			case fuzzBool:
				l := make([]bool, n)
				for i := range l {
					l[i] = r.byte()&1 != 0
				}
				return l
			case fuzzTimeKind:
				l := make([]time.Time, n)
				for i := range l {
					l[i] = fuzzTime(r)
				}
				return l
			}
			l := make([]string, n)
			for i := range l {
				l[i] = fuzzString(r, p)
			}
			return l
		case 1: // a nil slice of the element type
			switch e {
			case fuzzInt:
				return []int(nil)
			case fuzzFloat:
				return []float64(nil)
			case fuzzBool:
				return []bool(nil)
			case fuzzTimeKind:
				return []time.Time(nil)
			}
			return []string(nil)
		case 2: // an empty one
			switch e {
			case fuzzInt:
				return []int{}
			case fuzzFloat:
				return []float64{}
			case fuzzBool:
				return []bool{}
			case fuzzTimeKind:
				return []time.Time{}
			}
			return []string{}
		}
		// 3: one element
	}
	switch e {
	case fuzzInt:
		n := r.u64()
		switch variant % 11 {
		case 0:
			return int(n)
		case 1:
			return int8(n)
		case 2:
			return int16(n)
		case 3:
			return int32(n)
		case 4:
			return int64(n)
		case 5:
			return uint(n)
		case 6:
			return uint8(n)
		case 7:
			return uint16(n)
		case 8:
			return uint32(n)
		case 9:
			return uint64(n)
		}
		return uintptr(n)
	case fuzzFloat:
		n := r.u64()
		switch variant % 6 {
		case 0:
			return float64(int64(n)) / 1000
		case 1:
			return float32(int32(n)) / 8
		case 2:
			return int(n)
		case 3:
			return uint64(n)
		case 4:
			return math.Copysign(0, -1)
		}
		return math.Float64frombits(n) // sometimes NaN or infinite
	case fuzzBool:
		return r.byte()&1 != 0
	case fuzzTimeKind:
		return fuzzTime(r)
	case fuzzBytes:
		if variant%2 == 0 {
			return r.bytes()
		}
		return string(r.bytes())
	}
	return fuzzString(r, p)
}

type myString string
type myInt int

// fuzzKinds are values of (nearly) every Go kind; most are the wrong type
// for most properties.
var fuzzKinds = []struct {
	name string
	gen  func(r *fuzzReader, p *holders.PropertyInfo) any
}{
	{"nil", func(*fuzzReader, *holders.PropertyInfo) any { return nil }},
	{"int", func(r *fuzzReader, _ *holders.PropertyInfo) any { return int(r.u64()) }},
	{"int8", func(r *fuzzReader, _ *holders.PropertyInfo) any { return int8(r.byte()) }},
	{"int16", func(r *fuzzReader, _ *holders.PropertyInfo) any { return int16(r.u64()) }},
	{"int32", func(r *fuzzReader, _ *holders.PropertyInfo) any { return int32(r.u64()) }},
	{"int64", func(r *fuzzReader, _ *holders.PropertyInfo) any { return int64(r.u64()) }},
	{"uint", func(r *fuzzReader, _ *holders.PropertyInfo) any { return uint(r.u64()) }},
	{"uint8", func(r *fuzzReader, _ *holders.PropertyInfo) any { return r.byte() }},
	{"uint16", func(r *fuzzReader, _ *holders.PropertyInfo) any { return uint16(r.u64()) }},
	{"uint32", func(r *fuzzReader, _ *holders.PropertyInfo) any { return uint32(r.u64()) }},
	{"uint64", func(r *fuzzReader, _ *holders.PropertyInfo) any { return r.u64() }},
	{"uintptr", func(r *fuzzReader, _ *holders.PropertyInfo) any { return uintptr(r.u64()) }},
	{"min int", func(*fuzzReader, *holders.PropertyInfo) any { return math.MinInt }},
	{"max int64", func(*fuzzReader, *holders.PropertyInfo) any { return int64(math.MaxInt64) }},
	{"max uint64", func(*fuzzReader, *holders.PropertyInfo) any { return uint64(math.MaxUint64) }},
	{"2^63 uint", func(*fuzzReader, *holders.PropertyInfo) any { return uint(1 << 63) }},
	{"float32 bits", func(r *fuzzReader, _ *holders.PropertyInfo) any { return math.Float32frombits(uint32(r.u64())) }},
	{"float64 bits", func(r *fuzzReader, _ *holders.PropertyInfo) any { return math.Float64frombits(r.u64()) }},
	{"NaN", func(*fuzzReader, *holders.PropertyInfo) any { return math.NaN() }},
	{"+Inf", func(*fuzzReader, *holders.PropertyInfo) any { return math.Inf(1) }},
	{"-Inf", func(*fuzzReader, *holders.PropertyInfo) any { return math.Inf(-1) }},
	{"-0", func(*fuzzReader, *holders.PropertyInfo) any { return math.Copysign(0, -1) }},
	{"float32 NaN", func(*fuzzReader, *holders.PropertyInfo) any { return float32(math.NaN()) }},
	{"float32 -Inf", func(*fuzzReader, *holders.PropertyInfo) any { return float32(math.Inf(-1)) }},
	{"max float64", func(*fuzzReader, *holders.PropertyInfo) any { return math.MaxFloat64 }},
	{"smallest float64", func(*fuzzReader, *holders.PropertyInfo) any { return math.SmallestNonzeroFloat64 }},
	{"string", func(r *fuzzReader, _ *holders.PropertyInfo) any { return string(r.bytes()) }},
	{"empty string", func(*fuzzReader, *holders.PropertyInfo) any { return "" }},
	{"huge string", func(*fuzzReader, *holders.PropertyInfo) any { return fuzzHuge }},
	{"invalid UTF-8", func(*fuzzReader, *holders.PropertyInfo) any { return "\xff\xfe\xc0\x80" }},
	{"allowed value", func(r *fuzzReader, p *holders.PropertyInfo) any { return fuzzString(r, p) }},
	{"[]byte", func(r *fuzzReader, _ *holders.PropertyInfo) any { return r.bytes() }},
	{"nil []byte", func(*fuzzReader, *holders.PropertyInfo) any { return []byte(nil) }},
	{"huge []byte", func(*fuzzReader, *holders.PropertyInfo) any { return []byte(fuzzHuge) }},
	{"bool", func(r *fuzzReader, _ *holders.PropertyInfo) any { return r.byte()&1 != 0 }},
	{"zero time", func(*fuzzReader, *holders.PropertyInfo) any { return time.Time{} }},
	{"time", func(r *fuzzReader, _ *holders.PropertyInfo) any { return fuzzTime(r) }},
	{"year -1e9", func(*fuzzReader, *holders.PropertyInfo) any { return time.Date(-1e9, 1, 1, 0, 0, 0, 0, time.UTC) }},
	{"year 1e9", func(*fuzzReader, *holders.PropertyInfo) any { return time.Date(1e9, 12, 31, 0, 0, 0, 0, fuzzZoneEast) }},
	{"[]string", func(r *fuzzReader, p *holders.PropertyInfo) any {
		return []string{fuzzString(r, p), string(r.bytes())}
	}},
	{"nil []string", func(*fuzzReader, *holders.PropertyInfo) any { return []string(nil) }},
	{"empty []string", func(*fuzzReader, *holders.PropertyInfo) any { return []string{} }},
	{"[]string huge", func(*fuzzReader, *holders.PropertyInfo) any { return []string{fuzzHuge, "\xff"} }},
	{"[]int", func(r *fuzzReader, _ *holders.PropertyInfo) any { return []int{int(r.u64()), -1} }},
	{"[]float64 NaN", func(*fuzzReader, *holders.PropertyInfo) any { return []float64{1, math.NaN()} }},
	{"[]float64 Inf", func(*fuzzReader, *holders.PropertyInfo) any { return []float64{math.Inf(1)} }},
	{"[]float64", func(r *fuzzReader, _ *holders.PropertyInfo) any { return []float64{float64(r.byte()), -0.5} }},
	{"[]bool", func(r *fuzzReader, _ *holders.PropertyInfo) any { return []bool{r.byte()&1 != 0, true} }},
	{"[]time.Time", func(r *fuzzReader, _ *holders.PropertyInfo) any { return []time.Time{fuzzTime(r), {}} }},
	{"nil []time.Time", func(*fuzzReader, *holders.PropertyInfo) any { return []time.Time(nil) }},
	{"[]float32", func(*fuzzReader, *holders.PropertyInfo) any { return []float32{1} }},
	{"[]any", func(*fuzzReader, *holders.PropertyInfo) any { return []any{"a", 1} }},
	{"[][]byte", func(*fuzzReader, *holders.PropertyInfo) any { return [][]byte{[]byte("a")} }},
	{"[4]byte", func(*fuzzReader, *holders.PropertyInfo) any { return [4]byte{1, 2, 3, 4} }},
	{"struct{}", func(*fuzzReader, *holders.PropertyInfo) any { return struct{}{} }},
	{"*string", func(r *fuzzReader, _ *holders.PropertyInfo) any { s := string(r.bytes()); return &s }},
	{"nil *int", func(*fuzzReader, *holders.PropertyInfo) any { return (*int)(nil) }},
	{"*time.Time", func(*fuzzReader, *holders.PropertyInfo) any { t := fuzzMono; return &t }},
	{"map", func(*fuzzReader, *holders.PropertyInfo) any { return map[string]any{"a": 1} }},
	{"nil map", func(*fuzzReader, *holders.PropertyInfo) any { return map[string]string(nil) }},
	{"func", func(*fuzzReader, *holders.PropertyInfo) any { return func() {} }},
	{"chan", func(*fuzzReader, *holders.PropertyInfo) any { return make(chan int) }},
	{"complex128", func(*fuzzReader, *holders.PropertyInfo) any { return complex(1, 0) }},
	{"error", func(*fuzzReader, *holders.PropertyInfo) any { return errors.New("x") }},
	{"defined string", func(*fuzzReader, *holders.PropertyInfo) any { return myString("en") }},
	{"defined int", func(*fuzzReader, *holders.PropertyInfo) any { return myInt(1) }},
	{"time.Duration", func(*fuzzReader, *holders.PropertyInfo) any { return time.Second }},
	{"holders.Value", func(*fuzzReader, *holders.PropertyInfo) any { return holders.StringValue("en") }},
	{"rune", func(*fuzzReader, *holders.PropertyInfo) any { return 'x' }},
	{"object", func(*fuzzReader, *holders.PropertyInfo) any { return new(portaltype.Person) }},
}

// The element kinds of the model.
const (
	fuzzStr = iota
	fuzzInt
	fuzzFloat
	fuzzBool
	fuzzTimeKind
	fuzzBytes
)

// fuzzShape gives the element kind of p and whether p is a list, from the
// schema types of docs/schema.md. A nil p (unknown id) is a string.
func fuzzShape(p *holders.PropertyInfo) (elem int, list bool) {
	if p == nil {
		return fuzzStr, false
	}
	switch p.Type {
	case "int":
		elem = fuzzInt
	case "float":
		elem = fuzzFloat
	case "boolean":
		elem = fuzzBool
	case "date":
		elem = fuzzTimeKind
	case "data":
		elem = fuzzBytes
	case "string", "text", "selection", "lines", "tokens", "multiple selection", "category":
		elem = fuzzStr
	default:
		panic("fuzz model: unknown schema type " + p.Type)
	}
	list = p.Multivalued || p.Type == "lines" || p.Type == "tokens" || p.Type == "multiple selection" || p.Type == "category"
	return elem, list
}

// fuzzInteger returns the value of any Go integer, and whether v is one.
// Defined types (time.Duration, myInt) are not "the natural Go value".
func fuzzInteger(v any) (*big.Int, bool) {
	b := new(big.Int)
	switch n := v.(type) {
	case int:
		b.SetInt64(int64(n))
	case int8:
		b.SetInt64(int64(n))
	case int16:
		b.SetInt64(int64(n))
	case int32:
		b.SetInt64(int64(n))
	case int64:
		b.SetInt64(n)
	case uint:
		b.SetUint64(uint64(n))
	case uint8:
		b.SetUint64(uint64(n))
	case uint16:
		b.SetUint64(uint64(n))
	case uint32:
		b.SetUint64(uint64(n))
	case uint64:
		b.SetUint64(n)
	case uintptr:
		b.SetUint64(uint64(n))
	default:
		return nil, false
	}
	return b, true
}

// fuzzScalar is the model of one element's conversion: the stored value,
// or the kind of error.
func fuzzScalar(elem int, v any) (any, error) {
	switch elem {
	case fuzzStr:
		if s, ok := v.(string); ok {
			return s, nil
		}
	case fuzzInt:
		if b, ok := fuzzInteger(v); ok {
			if b.IsInt64() && b.Int64() >= math.MinInt && b.Int64() <= math.MaxInt {
				return int(b.Int64()), nil
			}
			return nil, holders.ErrInvalidValue
		}
	case fuzzFloat:
		var f float64
		switch x := v.(type) {
		case float64:
			f = x
		case float32:
			f = float64(x)
		default:
			b, ok := fuzzInteger(v)
			if !ok {
				return nil, holders.ErrWrongType
			}
			f, _ = new(big.Float).SetInt(b).Float64()
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, holders.ErrInvalidValue
		}
		return f, nil
	case fuzzBool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
	case fuzzTimeKind:
		if t, ok := v.(time.Time); ok {
			return t, nil
		}
	case fuzzBytes:
		switch b := v.(type) {
		case []byte:
			return slices.Clone(b), nil
		case string:
			return []byte(b), nil
		}
	}
	return nil, holders.ErrWrongType
}

// fuzzWant is the model of SetProperty's conversion for p, from
// docs/generated-code.md: the value p then reads as, or the kind of error.
// A nil p is an unknown id.
func fuzzWant(p *holders.PropertyInfo, v any) (any, error) {
	if p == nil {
		return nil, holders.ErrUnknownProperty
	}
	if p.ReadOnly {
		return nil, holders.ErrReadOnly
	}
	elem, list := fuzzShape(p)
	var out any
	if !list {
		x, err := fuzzScalar(elem, v)
		if err != nil {
			return nil, err
		}
		if p.Type == "selection" && !slices.Contains(p.Values, x.(string)) {
			return nil, holders.ErrInvalidValue
		}
		return x, nil
	}
	switch l := v.(type) {
	case []string:
		if elem == fuzzStr {
			out = slices.Clone(l)
		}
	case []int:
		if elem == fuzzInt {
			out = slices.Clone(l)
		}
	case []float64:
		if elem == fuzzFloat {
			for _, f := range l {
				if math.IsNaN(f) || math.IsInf(f, 0) {
					return nil, holders.ErrInvalidValue
				}
			}
			out = slices.Clone(l)
		}
	case []bool:
		if elem == fuzzBool {
			out = slices.Clone(l)
		}
	case []time.Time:
		if elem == fuzzTimeKind {
			out = slices.Clone(l)
		}
	case nil:
		return nil, holders.ErrWrongType
	}
	if out == nil {
		x, err := fuzzScalar(elem, v)
		if err != nil {
			return nil, err
		}
		switch x := x.(type) {
		case string:
			out = []string{x}
		case int:
			out = []int{x}
		case float64:
			out = []float64{x}
		case bool:
			out = []bool{x}
		case time.Time:
			out = []time.Time{x}
		}
	}
	if p.Type == "multiple selection" {
		for _, s := range out.([]string) {
			if !slices.Contains(p.Values, s) {
				return nil, holders.ErrInvalidValue
			}
		}
	}
	// Every category takes only relative URLs (docs/categories.md, "Valid
	// paths"): segments split by "/", none empty, "." or "..". Written
	// out here rather than through holders.CheckPath, so that the oracle
	// does not share the code it checks.
	if p.Type == "category" {
		for _, s := range out.([]string) {
			for _, seg := range strings.Split(s, "/") {
				if seg == "" || seg == "." || seg == ".." {
					return nil, holders.ErrInvalidValue
				}
			}
		}
	}
	// A category with a tree in the schema takes only paths of the tree.
	if base, ok := portaltype.LookupCategory(p.ID); p.Type == "category" && ok && len(base.Children) > 0 {
		for _, s := range out.([]string) {
			if _, ok := portaltype.LookupCategory(p.ID + "/" + s); !ok || s == "" {
				return nil, holders.ErrInvalidValue
			}
		}
	}
	return out, nil
}

var fuzzSentinels = []error{
	holders.ErrUnknownProperty, holders.ErrUnknownType, holders.ErrReadOnly,
	holders.ErrWrongType, holders.ErrInvalidValue, holders.ErrPermission,
}

// fuzzKindOf returns the one sentinel err matches, or an error saying why
// there is not exactly one.
func fuzzKindOf(err error) (error, error) {
	var found []error
	for _, s := range fuzzSentinels {
		if errors.Is(err, s) {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		return nil, fmt.Errorf("error %q matches %d of the holders.Err... sentinels, want 1", fuzzShort(err.Error()), len(found))
	}
	return found[0], nil
}

// fuzzShort shortens s for failure messages.
func fuzzShort(s string) string {
	if len(s) > 300 {
		return s[:300] + fmt.Sprintf("...(%d bytes)", len(s))
	}
	return s
}

var (
	// fuzzStateOpts compare objects and by-name snapshots: times by instant
	// and location, floats by value and sign with NaN equal to NaN, and the
	// unexported fields of generated structs.
	fuzzStateOpts = cmp.Options{
		cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) && a.Location() == b.Location() }),
		cmp.Comparer(func(a, b float64) bool {
			if math.IsNaN(a) || math.IsNaN(b) {
				return math.IsNaN(a) && math.IsNaN(b)
			}
			return a == b && math.Signbit(a) == math.Signbit(b)
		}),
		cmp.Exporter(func(reflect.Type) bool { return true }),
	}
	// fuzzReadOpts compare a value read back with the one set: a nil and an
	// empty slice are the same list.
	fuzzReadOpts = cmp.Options{fuzzStateOpts, cmpopts.EquateEmpty()}
)

// fuzzProp is what by-name reads say about one property.
type fuzzProp struct {
	Val any
	Err string
	Has bool
}

type fuzzSnapshot struct {
	IDs    []string
	Props  map[string]fuzzProp
	Struct any // a shallow copy of the generated struct: setters replace slices
}

func fuzzSnap(o holders.Object) fuzzSnapshot {
	s := fuzzSnapshot{IDs: o.PropertyIDs(), Props: map[string]fuzzProp{}}
	for _, id := range s.IDs {
		v, err := o.GetProperty(id)
		p := fuzzProp{Val: v, Has: o.HasProperty(id)}
		if err != nil {
			p.Err = err.Error()
		}
		s.Props[id] = p
	}
	s.Struct = reflect.ValueOf(o).Elem().Interface()
	return s
}

// sameExcept reports how after differs from before, ignoring the
// properties in skip; "" when it does not.
func (c *fuzzCase) sameExcept(before, after fuzzSnapshot, skip func(id string) bool) string {
	if !slices.Equal(before.IDs, after.IDs) {
		return fmt.Sprintf("PropertyIDs changed: %q -> %q", before.IDs, after.IDs)
	}
	var out []string
	for _, id := range before.IDs {
		if skip != nil && skip(id) {
			continue
		}
		if !cmp.Equal(before.Props[id], after.Props[id], fuzzStateOpts) {
			out = append(out, fmt.Sprintf("%s (-before +after):\n%s", id, fuzzShort(cmp.Diff(before.Props[id], after.Props[id], fuzzStateOpts))))
		}
	}
	if skip == nil && !cmp.Equal(before.Struct, after.Struct, fuzzStateOpts) {
		out = append(out, "struct (-before +after):\n"+fuzzShort(cmp.Diff(before.Struct, after.Struct, fuzzStateOpts)))
	}
	return strings.Join(out, "\n")
}

// overriddenID reports whether a document method replaces an accessor of
// property id.
func (c *fuzzCase) overriddenID(id string) bool {
	p := fuzzProperty(c.info, id)
	return p != nil && overridden(c.info, p)
}

// refused returns the model's refusals of c.changes for o's own Edit.
func (c *fuzzCase) refused() map[string]error {
	out := map[string]error{}
	for id, v := range c.changes {
		if _, err := fuzzWant(fuzzProperty(c.info, id), v); err != nil {
			out[id] = err
		}
	}
	return out
}

// checkEditError checks that err is an *EditError naming exactly the ids
// of want, sorted, each with its kind.
func (c *fuzzCase) checkEditError(what string, err error, want map[string]error) {
	t := c.t
	t.Helper()
	ee, ok := err.(*holders.EditError)
	if !ok {
		t.Fatalf("%s: error %T %q, want *holders.EditError", what, err, fuzzShort(fmt.Sprint(err)))
	}
	if ee.Type != c.name {
		t.Errorf("%s: EditError.Type = %q, want %q", what, ee.Type, c.name)
	}
	var got []string
	for _, pe := range ee.Errors {
		if pe == nil {
			t.Fatalf("%s: nil *PropertyError in EditError", what)
		}
		got = append(got, pe.Property)
		if pe.Type != c.name {
			t.Errorf("%s: PropertyError.Type = %q, want %q", what, pe.Type, c.name)
		}
		kind, kerr := fuzzKindOf(pe)
		if kerr != nil {
			t.Errorf("%s: %q: %v", what, fuzzShort(pe.Property), kerr)
		} else if wk, ok := want[pe.Property]; ok && kind != wk {
			t.Errorf("%s: %q refused as %v, want %v (value %s)", what, fuzzShort(pe.Property), kind, wk, fuzzDescribe(c.changes[pe.Property]))
		}
		if !errors.Is(err, kind) {
			t.Errorf("%s: errors.Is(EditError, %v) = false though %q has it", what, kind, fuzzShort(pe.Property))
		}
	}
	if !slices.IsSortedFunc(got, strings.Compare) {
		t.Errorf("%s: EditError.Errors not sorted by Property: %q", what, got)
	}
	var wantIDs []string
	for id := range want {
		wantIDs = append(wantIDs, id)
	}
	slices.Sort(wantIDs)
	if !slices.Equal(got, wantIDs) {
		t.Errorf("%s: EditError names %q, want exactly %q\nchanges: %s", what, fuzzShortAll(got), fuzzShortAll(wantIDs), c.describeChanges())
	}
	c.checkMessage(what, err)
}

// checkMessage checks that err's message does not panic and keeps hostile
// ids short.
func (c *fuzzCase) checkMessage(what string, err error) {
	msg := err.Error()
	for id := range c.changes {
		if len(id) > 64 && strings.Contains(msg, strconv.Quote(id)) {
			c.t.Errorf("%s: the message repeats a %d-byte id in full", what, len(id))
		}
	}
}

func fuzzShortAll(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		if len(id) > 40 {
			id = fmt.Sprintf("%s...(%d bytes)", id[:40], len(id))
		}
		out[i] = id
	}
	return out
}

// fuzzDescribe describes a value for failure messages, cheaply for big ones.
func fuzzDescribe(v any) string {
	switch x := v.(type) {
	case string:
		if len(x) > 100 {
			return fmt.Sprintf("string(%d bytes) %q...", len(x), x[:100])
		}
	case []byte:
		if len(x) > 100 {
			return fmt.Sprintf("[]byte(%d bytes) %q...", len(x), x[:100])
		}
	case []string:
		n := 0
		for _, s := range x {
			n += len(s)
		}
		if n > 100 {
			return fmt.Sprintf("[]string(%d elements, %d bytes)", len(x), n)
		}
	}
	return fuzzShort(fmt.Sprintf("%T %#v", v, v))
}

func (c *fuzzCase) describeChanges() string {
	ids := make([]string, 0, len(c.changes))
	for id := range c.changes {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var b strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&b, "\n  %q: %s", fuzzShortAll([]string{id})[0], fuzzDescribe(c.changes[id]))
	}
	return b.String()
}

// checkApplied checks an accepted write of ids: each reads back as the
// model says, unless a document method overrides it, and nothing else
// changed but overridden properties.
func (c *fuzzCase) checkApplied(what string, o holders.Object, before fuzzSnapshot, ids []string) {
	t := c.t
	t.Helper()
	after := fuzzSnap(o)
	for _, id := range ids {
		p := fuzzProperty(c.info, id)
		want, err := fuzzWant(p, c.changes[id])
		if err != nil {
			t.Errorf("%s: accepted %q = %s, which the model refuses: %v", what, fuzzShort(id), fuzzDescribe(c.changes[id]), err)
			continue
		}
		if overridden(c.info, p) {
			continue // the document's business
		}
		got := after.Props[id]
		if got.Err != "" {
			t.Errorf("%s: GetProperty(%q) after a set: %s", what, id, got.Err)
		}
		if !cmp.Equal(want, got.Val, fuzzReadOpts) {
			t.Errorf("%s: %q set to %s reads back (-want +got):\n%s", what, id, fuzzDescribe(c.changes[id]), fuzzShort(cmp.Diff(want, got.Val, fuzzReadOpts)))
		}
		v, verr := o.Value(id)
		if verr != nil || !cmp.Equal(got.Val, v.Any(), fuzzStateOpts) {
			t.Errorf("%s: Value(%q) = %v, %v; GetProperty gave %s", what, id, v, verr, fuzzDescribe(got.Val))
		}
		wantHas := true
		if p.Type == "category" {
			wantHas = reflect.ValueOf(want).Len() > 0
		}
		if got.Has != wantHas {
			t.Errorf("%s: HasProperty(%q) = %v after setting %s, want %v", what, id, got.Has, fuzzDescribe(c.changes[id]), wantHas)
		}
	}
	skip := func(id string) bool { return slices.Contains(ids, id) || c.overriddenID(id) }
	if d := c.sameExcept(before, after, skip); d != "" {
		t.Errorf("%s changed other properties:\n%s", what, d)
	}
}

// fresh returns a new object of the case's type.
func (c *fuzzCase) fresh() holders.Object {
	o, err := portaltype.New(c.name)
	if err != nil {
		c.t.Fatal(err)
	}
	return o
}

// prefilled returns a new object with every writable property set.
func (c *fuzzCase) prefilled() holders.Object {
	o := c.fresh()
	fill := map[string]any{}
	for _, p := range c.info.Properties {
		if !p.ReadOnly {
			fill[p.ID] = sample(p, 3)
		}
	}
	if err := o.EditMap(fill); err != nil {
		c.t.Fatalf("prefill Edit: %v", err)
	}
	return o
}

// checkEdit edits an object made by mk with the changes, through EditMap,
// and checks the promises; then it edits a second one through Edit, with
// the changes as arguments in id order, which must give the same error
// and the same object.
func (c *fuzzCase) checkEdit(mk func() holders.Object) {
	o, twin := mk(), mk()
	err := c.checkEditMap(o)
	var args []holders.Change
	for _, id := range slices.Sorted(maps.Keys(c.changes)) {
		args = append(args, holders.Change{ID: id, Value: c.changes[id]})
	}
	twinErr := twin.Edit(args...)
	if fmt.Sprint(twinErr) != fmt.Sprint(err) {
		c.t.Errorf("Edit and EditMap of the same changes differ:\nEdit:    %v\nEditMap: %v\nchanges: %s", twinErr, err, c.describeChanges())
	}
	if d := c.sameExcept(fuzzSnap(o), fuzzSnap(twin), nil); d != "" {
		c.t.Errorf("Edit and EditMap of the same changes left different objects (-EditMap +Edit):\n%s\nchanges: %s", d, c.describeChanges())
	}
}

// checkEditMap edits o with the changes through EditMap, checks the
// promises and returns EditMap's error.
func (c *fuzzCase) checkEditMap(o holders.Object) error {
	t := c.t
	keys := len(c.changes)
	before := fuzzSnap(o)
	if err := o.EditMap(nil); err != nil {
		t.Errorf("Edit(nil) = %v", err)
	}
	if err := o.EditMap(map[string]any{}); err != nil {
		t.Errorf("Edit({}) = %v", err)
	}
	err := o.EditMap(c.changes)
	if len(c.changes) != keys {
		t.Errorf("Edit changed its argument: %d keys, then %d", keys, len(c.changes))
	}
	want := c.refused()
	if err != nil {
		c.checkEditError("Edit", err, want)
		if d := c.sameExcept(before, fuzzSnap(o), nil); d != "" {
			t.Errorf("refused Edit (%v) changed the object:\n%s\nchanges: %s", fuzzShort(err.Error()), d, c.describeChanges())
		}
		return err
	}
	if len(want) > 0 {
		t.Errorf("Edit accepted changes the model refuses: %v\nchanges: %s", want, c.describeChanges())
	}
	ids := make([]string, 0, len(c.changes))
	for id := range c.changes {
		ids = append(ids, id)
	}
	c.checkApplied("Edit", o, before, ids)
	return nil
}

// checkSetProperty sets each change alone on a new prefilled object.
func (c *fuzzCase) checkSetProperty() {
	t := c.t
	for id, v := range c.changes {
		o := c.prefilled()
		before := fuzzSnap(o)
		err := o.SetProperty(id, v)
		_, werr := fuzzWant(fuzzProperty(c.info, id), v)
		what := fmt.Sprintf("SetProperty(%q, %s)", fuzzShortAll([]string{id})[0], fuzzDescribe(v))
		if err == nil {
			if werr != nil {
				t.Errorf("%s accepted; the model says %v", what, werr)
			}
			c.checkApplied(what, o, before, []string{id})
			continue
		}
		c.checkPropertyError(what, err, id, werr)
		if d := c.sameExcept(before, fuzzSnap(o), nil); d != "" {
			t.Errorf("refused %s changed the object:\n%s", what, d)
		}
	}
}

// checkPropertyError checks a by-name error about id, of kind want
// (or any of wantAny when want is nil).
func (c *fuzzCase) checkPropertyError(what string, err error, id string, want error, wantAny ...error) {
	t := c.t
	t.Helper()
	var pe *holders.PropertyError
	if !errors.As(err, &pe) {
		t.Errorf("%s: error %T %q, want a *holders.PropertyError", what, err, fuzzShort(err.Error()))
		return
	}
	if pe.Property != id || pe.Type != c.name {
		t.Errorf("%s: PropertyError names %q of %q, want %q of %q", what, fuzzShort(pe.Property), pe.Type, fuzzShort(id), c.name)
	}
	kind, kerr := fuzzKindOf(err)
	switch {
	case kerr != nil:
		t.Errorf("%s: %v", what, kerr)
	case want == nil && !slices.Contains(wantAny, kind):
		t.Errorf("%s: refused as %v, want one of %v", what, kind, wantAny)
	case want != nil && kind != want:
		t.Errorf("%s: refused as %v (%q), want %v", what, kind, fuzzShort(err.Error()), want)
	}
	c.checkMessage(what, err)
}

// guard returns the guard of c: it denies c.denied.
func (c *fuzzCase) guard() holders.Guard {
	return holders.GuardFunc(func(perm string, obj holders.Object) bool {
		if obj == nil || obj.PortalType() != c.name {
			c.t.Errorf("guard asked about %v, want the %s being accessed", obj, c.name)
		}
		return !c.denied[perm]
	})
}

// checkGuarded repeats the writes through holders.Guarded and checks the
// guarded reads.
func (c *fuzzCase) checkGuarded() {
	t := c.t
	raw := c.prefilled()
	g := holders.Guarded(raw, c.guard())
	if g.PortalType() != c.name || g.TypeInfo() != c.info {
		t.Fatalf("Guarded changes the type: %q %p", g.PortalType(), g.TypeInfo())
	}

	// Reads.
	var readable []string
	for _, id := range raw.PropertyIDs() {
		p := fuzzProperty(c.info, id)
		rv, _ := raw.GetProperty(id)
		gv, gerr := g.GetProperty(id)
		_, verr := g.Value(id)
		if c.denied[p.ReadPermission] {
			c.checkPropertyError("guarded GetProperty("+id+")", gerr, id, holders.ErrPermission)
			c.checkPropertyError("guarded Value("+id+")", verr, id, holders.ErrPermission)
			if g.HasProperty(id) {
				t.Errorf("guarded HasProperty(%q) = true without %q", id, p.ReadPermission)
			}
			continue
		}
		readable = append(readable, id)
		if gerr != nil || verr != nil || !cmp.Equal(rv, gv, fuzzStateOpts) || g.HasProperty(id) != raw.HasProperty(id) {
			t.Errorf("guarded read of %q: %s, %v, %v; unguarded %s", id, fuzzDescribe(gv), gerr, verr, fuzzDescribe(rv))
		}
	}
	if got := g.PropertyIDs(); !slices.Equal(got, readable) {
		t.Errorf("guarded PropertyIDs = %q, want the readable %q", got, readable)
	}
	for id := range c.changes {
		if fuzzProperty(c.info, id) != nil {
			continue
		}
		for _, o := range []holders.Object{raw, g} {
			_, err := o.GetProperty(id)
			c.checkPropertyError("GetProperty of an unknown id", err, id, holders.ErrUnknownProperty)
			_, err = o.Value(id)
			c.checkPropertyError("Value of an unknown id", err, id, holders.ErrUnknownProperty)
			if o.HasProperty(id) {
				t.Errorf("HasProperty(%q) = true for an unknown id", fuzzShort(id))
			}
		}
	}

	// Edit: the keys first (unknown, read-only, then the guard), then the
	// object's own Edit.
	keyRefused := map[string]error{}
	for id := range c.changes {
		p := fuzzProperty(c.info, id)
		switch {
		case p == nil:
			keyRefused[id] = holders.ErrUnknownProperty
		case p.ReadOnly:
			keyRefused[id] = holders.ErrReadOnly
		case c.denied[p.WritePermission]:
			keyRefused[id] = holders.ErrPermission
		}
	}
	want := keyRefused
	if len(want) == 0 {
		want = c.refused()
	}
	before := fuzzSnap(raw)
	err := g.EditMap(c.changes)
	if err != nil {
		c.checkEditError("guarded Edit", err, want)
		if d := c.sameExcept(before, fuzzSnap(raw), nil); d != "" {
			t.Errorf("refused guarded Edit changed the object:\n%s", d)
		}
	} else {
		if len(want) > 0 {
			t.Errorf("guarded Edit accepted changes the model refuses: %v\nchanges: %s", want, c.describeChanges())
		}
		var ids []string
		for id := range c.changes {
			ids = append(ids, id)
		}
		c.checkApplied("guarded Edit", raw, before, ids)
	}

	// SetProperty, one change at a time.
	for id, v := range c.changes {
		raw := c.prefilled()
		g := holders.Guarded(raw, c.guard())
		before := fuzzSnap(raw)
		err := g.SetProperty(id, v)
		p := fuzzProperty(c.info, id)
		what := fmt.Sprintf("guarded SetProperty(%q, %s)", fuzzShortAll([]string{id})[0], fuzzDescribe(v))
		_, werr := fuzzWant(p, v)
		var wantAny []error
		switch {
		case p == nil:
		case p.ReadOnly && c.denied[p.WritePermission]:
			// Which refusal wins is not documented; both are errors.
			werr, wantAny = nil, []error{holders.ErrReadOnly, holders.ErrPermission}
		case c.denied[p.WritePermission]:
			werr = holders.ErrPermission
		}
		if err == nil {
			if werr != nil || wantAny != nil {
				t.Errorf("%s accepted; want %v %v", what, werr, wantAny)
			}
			c.checkApplied(what, raw, before, []string{id})
			continue
		}
		if werr == nil && wantAny == nil {
			t.Errorf("%s = %v, want it accepted", what, fuzzShort(err.Error()))
			continue
		}
		c.checkPropertyError(what, err, id, werr, wantAny...)
		if d := c.sameExcept(before, fuzzSnap(raw), nil); d != "" {
			t.Errorf("refused %s changed the object:\n%s", what, d)
		}
	}
}

// checkCopies checks that setters store a copy: after an accepted Edit,
// changing the slices handed to it changes nothing.
func (c *fuzzCase) checkCopies() {
	if len(c.refused()) > 0 {
		return
	}
	o := c.prefilled()
	if err := o.EditMap(c.changes); err != nil {
		c.t.Fatalf("Edit refused accepted changes: %v", err)
	}
	stored := fuzzSnap(o)
	for _, v := range c.changes {
		switch l := v.(type) {
		case []string:
			for i := range l {
				l[i] += "~changed"
			}
		case []byte:
			for i := range l {
				l[i] ^= 0xA5
			}
		case []time.Time:
			for i := range l {
				l[i] = l[i].Add(time.Hour)
			}
		case []int:
			for i := range l {
				l[i]++
			}
		case []float64:
			for i := range l {
				l[i] = -l[i] - 1
			}
		case []bool:
			for i := range l {
				l[i] = !l[i]
			}
		}
	}
	if d := c.sameExcept(stored, fuzzSnap(o), nil); d != "" {
		c.t.Errorf("changing slices after Edit changed the object:\n%s", d)
	}
}

// checkUnknownType: New and LookupType of any name either find a type of
// that name or report ErrUnknownType.
func (c *fuzzCase) checkUnknownType(name string) {
	t := c.t
	o, err := portaltype.New(name)
	info, ok := portaltype.LookupType(name)
	known := slices.Contains(portaltype.TypeNames(), name)
	switch {
	case known != ok:
		t.Errorf("LookupType(%q) found = %v, want %v", fuzzShort(name), ok, known)
	case known && (err != nil || o.PortalType() != name || o.TypeInfo() != info):
		t.Errorf("New(%q) = %v, %v", name, o, err)
	case !known && (o != nil || !errors.Is(err, holders.ErrUnknownType)):
		t.Errorf("New(%q) = %v, %v; want ErrUnknownType", fuzzShort(name), o, err)
	case !known && len(name) > 64 && strings.Contains(err.Error(), strconv.Quote(name)):
		t.Errorf("New's error repeats a %d-byte name in full", len(name))
	}
}

type fuzzSeed struct {
	sel  uint8
	data []byte
}

// fuzzSeeds covers every portal type with every value kind on one of its
// properties, on all of them and on a hostile id, well-typed values of every property, and
// each guard mask.
func fuzzSeeds() []fuzzSeed {
	names := portaltype.TypeNames()
	payload := []byte{3, 'e', 'n', 0xff, 0x80, 0x7f, 1, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe}
	var seeds []fuzzSeed
	for ti, name := range names {
		info, _ := portaltype.LookupType(name)
		n := len(info.Properties)
		// One value kind on one property, and on a hostile id.
		for k := range fuzzKinds {
			data := append([]byte{byte(k % n), 0x80 + byte(k)}, payload...)
			seeds = append(seeds, fuzzSeed{uint8(ti), data})
			data = append([]byte{0xF0 + byte(k%16), 0x80 + byte(k)}, payload...)
			seeds = append(seeds, fuzzSeed{uint8(ti), data})
			// The same kind on every property: SetProperty tries each alone.
			data = nil
			for i := range n {
				data = append(data, byte(i), 0x80+byte(k))
				data = append(data, payload...)
			}
			seeds = append(seeds, fuzzSeed{uint8(ti), data})
		}
		// Well-typed values of every property at once, with each guard
		// mask; variants pick the Go type of the value.
		for variant := range 16 {
			var data []byte
			for i, p := range info.Properties {
				if p.ReadOnly && variant%2 == 0 {
					continue
				}
				data = append(data, byte(i), byte(variant*5+i)%0x80, 2, byte(variant), byte(i), 1, 2, 3, 4, 5, 6)
			}
			sel := uint8(ti + len(names)*variant)
			seeds = append(seeds, fuzzSeed{sel, data})
		}
	}
	// Names just over the 64-byte cut whose tail matches the ellipsis
	// byte for byte: they read as whole when the ellipsis sat inside the
	// quotes.
	cut := strings.Repeat("x", 64)
	for _, name := range []string{cut + "…", cut + "\xe2", cut + "\xe2\x80", cut[:63] + "é"} {
		seeds = append(seeds, fuzzSeed{0, []byte(name)})
	}
	return seeds
}
