package holders_test

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/accessorgen/accessorgen/holders"
	"github.com/google/go-cmp/cmp"
)

// convCase is one input of a To function: accepted with want, or refused
// with an error that wraps wantErr (and not the other sentinel).
type convCase[T any] struct {
	name    string
	in      any
	want    T
	wantErr error  // nil: accepted
	msg     string // when not "", the exact error message
}

var sentinels = []error{holders.ErrWrongType, holders.ErrInvalidValue}

func runConv[T any](t *testing.T, f func(any) (T, error), cases []convCase[T], opts ...cmp.Option) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := f(c.in)
			if c.wantErr == nil {
				if err != nil {
					t.Fatalf("(%T)(%#v): unexpected error %v", c.in, c.in, err)
				}
				if diff := cmp.Diff(c.want, got, opts...); diff != "" {
					t.Errorf("(%T)(%#v) (-want +got):\n%s", c.in, c.in, diff)
				}
				return
			}
			if err == nil {
				t.Fatalf("(%T)(%#v) = %#v, want an error wrapping %v", c.in, c.in, got, c.wantErr)
			}
			for _, s := range sentinels {
				if is := errors.Is(err, s); is != (s == c.wantErr) {
					t.Errorf("errors.Is(%q, %q) = %v", err, s, is)
				}
			}
			var zero T
			if diff := cmp.Diff(zero, got, opts...); diff != "" {
				t.Errorf("a refused value must come with the zero value (-zero +got):\n%s", diff)
			}
			if c.msg != "" && err.Error() != c.msg {
				t.Errorf("message %q, want %q", err.Error(), c.msg)
			}
		})
	}
}

type (
	myString string
	myInt    int
	myBool   bool
)

var is64 = strconv.IntSize == 64

func TestToString(t *testing.T) {
	runConv(t, holders.ToString, []convCase[string]{
		{name: "string", in: "Jean", want: "Jean"},
		{name: "empty", in: "", want: ""},
		{name: "non-UTF-8", in: "\xff\xfe", want: "\xff\xfe"},
		{name: "nil", in: nil, wantErr: holders.ErrWrongType, msg: "wrong type: want string, got nil"},
		{name: "bytes", in: []byte("Jean"), wantErr: holders.ErrWrongType, msg: "wrong type: want string, got []uint8"},
		{name: "int", in: 1, wantErr: holders.ErrWrongType, msg: "wrong type: want string, got int"},
		{name: "rune", in: 'x', wantErr: holders.ErrWrongType},
		{name: "bool", in: true, wantErr: holders.ErrWrongType},
		{name: "list of one", in: []string{"a"}, wantErr: holders.ErrWrongType},
		{name: "pointer", in: new(string), wantErr: holders.ErrWrongType},
		{name: "named string type", in: myString("x"), wantErr: holders.ErrWrongType, msg: "wrong type: want string, got holders_test.myString"},
	})
}

func TestToInt(t *testing.T) {
	cases := []convCase[int]{
		{name: "int", in: 42, want: 42},
		{name: "int MinInt", in: math.MinInt, want: math.MinInt},
		{name: "int MaxInt", in: math.MaxInt, want: math.MaxInt},
		{name: "int8 min", in: int8(math.MinInt8), want: math.MinInt8},
		{name: "int16 max", in: int16(math.MaxInt16), want: math.MaxInt16},
		{name: "int32 min", in: int32(math.MinInt32), want: math.MinInt32},
		{name: "int64 small", in: int64(-5), want: -5},
		{name: "uint 0", in: uint(0), want: 0},
		{name: "uint MaxInt", in: uint(math.MaxInt), want: math.MaxInt},
		{name: "uint MaxInt+1", in: uint(math.MaxInt) + 1, wantErr: holders.ErrInvalidValue},
		{name: "uint max", in: uint(math.MaxUint), wantErr: holders.ErrInvalidValue},
		{name: "uint8 max", in: uint8(math.MaxUint8), want: math.MaxUint8},
		{name: "uint16 max", in: uint16(math.MaxUint16), want: math.MaxUint16},
		{name: "uint64 small", in: uint64(7), want: 7},
		{name: "uint64 MaxInt", in: uint64(math.MaxInt), want: math.MaxInt},
		{name: "uint64 MaxInt+1", in: uint64(math.MaxInt) + 1, wantErr: holders.ErrInvalidValue},
		{name: "uint64 max", in: uint64(math.MaxUint64), wantErr: holders.ErrInvalidValue, msg: "invalid value: 18446744073709551615 overflows int"},

		{name: "nil", in: nil, wantErr: holders.ErrWrongType, msg: "wrong type: want int, got nil"},
		{name: "string", in: "1", wantErr: holders.ErrWrongType, msg: "wrong type: want int, got string"},
		{name: "float64 integral", in: 1.0, wantErr: holders.ErrWrongType, msg: "wrong type: want int, got float64"},
		{name: "float32", in: float32(1), wantErr: holders.ErrWrongType},
		{name: "bool", in: true, wantErr: holders.ErrWrongType},
		{name: "complex", in: complex(1, 0), wantErr: holders.ErrWrongType},
		{name: "list of one", in: []int{1}, wantErr: holders.ErrWrongType},
		{name: "pointer", in: new(int), wantErr: holders.ErrWrongType},
		{name: "named int type", in: myInt(1), wantErr: holders.ErrWrongType},
	}
	if is64 {
		// Converted at run time, so that the file compiles where int has
		// 32 bits.
		maxI64, minI64, maxU32 := int64(math.MaxInt64), int64(math.MinInt64), uint32(math.MaxUint32)
		cases = append(cases,
			convCase[int]{name: "int64 max", in: maxI64, want: int(maxI64)},
			convCase[int]{name: "int64 min", in: minI64, want: int(minI64)},
			convCase[int]{name: "uint32 max", in: maxU32, want: int(maxU32)},
		)
	} else {
		cases = append(cases,
			convCase[int]{name: "int64 MaxInt32+1", in: int64(math.MaxInt32) + 1, wantErr: holders.ErrInvalidValue},
			convCase[int]{name: "int64 MinInt32-1", in: int64(math.MinInt32) - 1, wantErr: holders.ErrInvalidValue},
			convCase[int]{name: "int64 MaxInt32", in: int64(math.MaxInt32), want: math.MaxInt32},
			convCase[int]{name: "uint32 max", in: uint32(math.MaxUint32), wantErr: holders.ErrInvalidValue},
		)
	}
	runConv(t, holders.ToInt, cases)
}

// bitsEqual compares floats by their bits, so that -0 differs from 0.
var bitsEqual = cmp.Comparer(func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) })

func TestToFloat(t *testing.T) {
	runConv(t, holders.ToFloat, []convCase[float64]{
		{name: "float64", in: 1.5, want: 1.5},
		{name: "float64 0", in: 0.0, want: 0},
		{name: "float64 -0 keeps its sign", in: negZero, want: negZero},
		{name: "float64 max", in: math.MaxFloat64, want: math.MaxFloat64},
		{name: "float64 -max", in: -math.MaxFloat64, want: -math.MaxFloat64},
		{name: "float64 subnormal", in: math.SmallestNonzeroFloat64, want: math.SmallestNonzeroFloat64},
		{name: "float32", in: float32(0.1), want: float64(float32(0.1))},
		{name: "float32 max", in: float32(math.MaxFloat32), want: math.MaxFloat32},
		{name: "int", in: 3, want: 3},
		{name: "int MinInt", in: math.MinInt, want: float64(math.MinInt)},
		{name: "int8", in: int8(-8), want: -8},
		{name: "int64", in: int64(1 << 53), want: 1 << 53},
		{name: "uint8", in: uint8(200), want: 200},
		{name: "uint64 MaxInt", in: uint64(math.MaxInt), want: float64(math.MaxInt)},

		{name: "NaN", in: math.NaN(), wantErr: holders.ErrInvalidValue, msg: "invalid value: NaN is not a finite number"},
		{name: "NaN payload", in: nanPayload, wantErr: holders.ErrInvalidValue},
		{name: "+Inf", in: math.Inf(1), wantErr: holders.ErrInvalidValue, msg: "invalid value: +Inf is not a finite number"},
		{name: "-Inf", in: math.Inf(-1), wantErr: holders.ErrInvalidValue},
		{name: "float32 NaN", in: float32(math.NaN()), wantErr: holders.ErrInvalidValue},
		{name: "float32 +Inf", in: float32(math.Inf(1)), wantErr: holders.ErrInvalidValue},

		{name: "nil", in: nil, wantErr: holders.ErrWrongType, msg: "wrong type: want float64, got nil"},
		{name: "string", in: "1.5", wantErr: holders.ErrWrongType, msg: "wrong type: want float64, got string"},
		{name: "bool", in: false, wantErr: holders.ErrWrongType},
		{name: "complex", in: complex(1, 0), wantErr: holders.ErrWrongType},
		{name: "list of one", in: []float64{1}, wantErr: holders.ErrWrongType},
		{name: "pointer", in: new(float64), wantErr: holders.ErrWrongType},
	}, bitsEqual)
}

func TestToBool(t *testing.T) {
	runConv(t, holders.ToBool, []convCase[bool]{
		{name: "true", in: true, want: true},
		{name: "false", in: false, want: false},
		{name: "nil", in: nil, wantErr: holders.ErrWrongType, msg: "wrong type: want bool, got nil"},
		{name: "int 1", in: 1, wantErr: holders.ErrWrongType, msg: "wrong type: want bool, got int"},
		{name: "string", in: "true", wantErr: holders.ErrWrongType},
		{name: "list of one", in: []bool{true}, wantErr: holders.ErrWrongType},
		{name: "named bool type", in: myBool(true), wantErr: holders.ErrWrongType},
	})
}

func TestToTime(t *testing.T) {
	tz := time.FixedZone("X", -7200)
	at := time.Date(2024, 5, 6, 7, 8, 9, 10, tz)
	runConv(t, holders.ToTime, []convCase[time.Time]{
		{name: "time keeps its location", in: at, want: at},
		{name: "zero time", in: time.Time{}, want: time.Time{}},
		{name: "UTC", in: at.UTC(), want: at.UTC()},
		{name: "nil", in: nil, wantErr: holders.ErrWrongType, msg: "wrong type: want time.Time, got nil"},
		{name: "pointer", in: &at, wantErr: holders.ErrWrongType, msg: "wrong type: want time.Time, got *time.Time"},
		{name: "string", in: "2024-05-06", wantErr: holders.ErrWrongType},
		{name: "unix seconds", in: at.Unix(), wantErr: holders.ErrWrongType},
		{name: "duration", in: time.Second, wantErr: holders.ErrWrongType},
		{name: "list of one", in: []time.Time{at}, wantErr: holders.ErrWrongType},
	}, exactTime)
}

func TestToBytes(t *testing.T) {
	runConv(t, holders.ToBytes, []convCase[[]byte]{
		{name: "bytes", in: []byte{0, 0xff}, want: []byte{0, 0xff}},
		{name: "empty bytes", in: []byte{}, want: []byte{}},
		{name: "typed nil bytes", in: []byte(nil), want: nil},
		{name: "string", in: "abc", want: []byte("abc")},
		{name: "non-UTF-8 string", in: "\xff\x00", want: []byte{0xff, 0}},
		{name: "nil", in: nil, wantErr: holders.ErrWrongType, msg: "wrong type: want []byte, got nil"},
		{name: "strings", in: []string{"abc"}, wantErr: holders.ErrWrongType, msg: "wrong type: want []byte, got []string"},
		{name: "runes", in: []rune("abc"), wantErr: holders.ErrWrongType},
		{name: "one byte", in: byte('a'), wantErr: holders.ErrWrongType},
		{name: "int", in: 1, wantErr: holders.ErrWrongType},
	})
	// Whether []byte("") is nil is the compiler's business: check the length.
	if b, err := holders.ToBytes(""); err != nil || len(b) != 0 {
		t.Errorf(`ToBytes("") = %q, %v; want empty`, b, err)
	}
}

func TestToStrings(t *testing.T) {
	runConv(t, holders.ToStrings, []convCase[[]string]{
		{name: "list", in: []string{"a", "b", ""}, want: []string{"a", "b", ""}},
		{name: "empty list", in: []string{}, want: []string{}},
		{name: "typed nil list", in: []string(nil), want: nil},
		{name: "one element", in: "a", want: []string{"a"}},
		{name: "one empty element", in: "", want: []string{""}},
		{name: "nil", in: nil, wantErr: holders.ErrWrongType, msg: "wrong type: want []string, got nil"},
		{name: "list of any", in: []any{"a"}, wantErr: holders.ErrWrongType, msg: "wrong type: want []string, got []interface {}"},
		{name: "bytes", in: []byte("a"), wantErr: holders.ErrWrongType},
		{name: "int", in: 1, wantErr: holders.ErrWrongType, msg: "wrong type: want []string, got int"},
		{name: "list of lists", in: [][]string{{"a"}}, wantErr: holders.ErrWrongType},
		{name: "named element type", in: []myString{"a"}, wantErr: holders.ErrWrongType},
	})
}

func TestToInts(t *testing.T) {
	runConv(t, holders.ToInts, []convCase[[]int]{
		{name: "list", in: []int{1, math.MinInt, math.MaxInt}, want: []int{1, math.MinInt, math.MaxInt}},
		{name: "empty list", in: []int{}, want: []int{}},
		{name: "typed nil list", in: []int(nil), want: nil},
		{name: "one int", in: 5, want: []int{5}},
		{name: "one int8", in: int8(-1), want: []int{-1}},
		{name: "one uint64", in: uint64(7), want: []int{7}},
		{name: "nil", in: nil, wantErr: holders.ErrWrongType, msg: "wrong type: want []int, got nil"},
		{name: "list of int64", in: []int64{1}, wantErr: holders.ErrWrongType, msg: "wrong type: want []int, got []int64"},
		{name: "one string", in: "1", wantErr: holders.ErrWrongType},
		{name: "one float", in: 1.0, wantErr: holders.ErrWrongType},
		{name: "list of any", in: []any{1}, wantErr: holders.ErrWrongType},
	})
}

func TestToFloats(t *testing.T) {
	runConv(t, holders.ToFloats, []convCase[[]float64]{
		{name: "list", in: []float64{1.5, negZero, math.MaxFloat64}, want: []float64{1.5, negZero, math.MaxFloat64}},
		{name: "empty list", in: []float64{}, want: []float64{}},
		{name: "typed nil list", in: []float64(nil), want: nil},
		{name: "one float64", in: 2.5, want: []float64{2.5}},
		{name: "one float32", in: float32(0.5), want: []float64{0.5}},
		{name: "one int", in: 3, want: []float64{3}},
		{name: "one uint16", in: uint16(9), want: []float64{9}},
		{name: "list with NaN", in: []float64{1, math.NaN()}, wantErr: holders.ErrInvalidValue, msg: "invalid value: NaN is not a finite number"},
		{name: "list with +Inf", in: []float64{math.Inf(1), 1}, wantErr: holders.ErrInvalidValue},
		{name: "list with -Inf", in: []float64{math.Inf(-1)}, wantErr: holders.ErrInvalidValue},
		{name: "nil", in: nil, wantErr: holders.ErrWrongType, msg: "wrong type: want []float64, got nil"},
		{name: "list of float32", in: []float32{1}, wantErr: holders.ErrWrongType},
		{name: "list of int", in: []int{1}, wantErr: holders.ErrWrongType},
		{name: "one string", in: "1", wantErr: holders.ErrWrongType},
	}, bitsEqual)
}

func TestToBools(t *testing.T) {
	runConv(t, holders.ToBools, []convCase[[]bool]{
		{name: "list", in: []bool{true, false}, want: []bool{true, false}},
		{name: "empty list", in: []bool{}, want: []bool{}},
		{name: "typed nil list", in: []bool(nil), want: nil},
		{name: "one true", in: true, want: []bool{true}},
		{name: "one false", in: false, want: []bool{false}},
		{name: "nil", in: nil, wantErr: holders.ErrWrongType, msg: "wrong type: want []bool, got nil"},
		{name: "one string", in: "true", wantErr: holders.ErrWrongType},
		{name: "list of int", in: []int{1}, wantErr: holders.ErrWrongType},
	})
}

func TestToTimes(t *testing.T) {
	a := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	b := time.Date(1960, 1, 1, 0, 0, 0, 1, time.FixedZone("Y", 60))
	runConv(t, holders.ToTimes, []convCase[[]time.Time]{
		{name: "list", in: []time.Time{a, b}, want: []time.Time{a, b}},
		{name: "empty list", in: []time.Time{}, want: []time.Time{}},
		{name: "typed nil list", in: []time.Time(nil), want: nil},
		{name: "one time", in: b, want: []time.Time{b}},
		{name: "nil", in: nil, wantErr: holders.ErrWrongType, msg: "wrong type: want []time.Time, got nil"},
		{name: "list of pointers", in: []*time.Time{&a}, wantErr: holders.ErrWrongType},
		{name: "one string", in: "2024-01-01", wantErr: holders.ErrWrongType},
	}, exactTime)
}

// TestConversionEdgeCases pins conversions that were once wrong: large
// unsigned integers as floats, and a single bad element of an accepted type
// keeping its ErrInvalidValue instead of becoming ErrWrongType.
func TestConversionEdgeCases(t *testing.T) {
	// "for float, float64, float32 or any integer": uint64 and uint values
	// above MaxInt are integers, and float64 holds them (rounded, as it
	// does int64 values above 2^53).
	t.Run("ToFloat accepts any integer", func(t *testing.T) {
		runConv(t, holders.ToFloat, []convCase[float64]{
			{name: "uint64 max", in: uint64(math.MaxUint64), want: math.MaxUint64},
			{name: "uint MaxInt+1", in: uint(math.MaxInt) + 1, want: float64(math.MaxInt) + 1},
		})
	})
	t.Run("ToFloats accepts any integer", func(t *testing.T) {
		runConv(t, holders.ToFloats, []convCase[[]float64]{
			{name: "one uint64 max", in: uint64(math.MaxUint64), want: []float64{math.MaxUint64}},
		})
	})
	// One element of a list is converted like the element: a value of an
	// accepted type that is invalid is ErrInvalidValue, as in a slice, not
	// ErrWrongType ("want []float64, got float64").
	t.Run("one invalid element is an invalid value", func(t *testing.T) {
		runConv(t, holders.ToFloats, []convCase[[]float64]{
			{name: "one NaN", in: math.NaN(), wantErr: holders.ErrInvalidValue},
			{name: "one +Inf", in: math.Inf(1), wantErr: holders.ErrInvalidValue},
		})
		runConv(t, holders.ToInts, []convCase[[]int]{
			{name: "one uint64 max", in: uint64(math.MaxUint64), wantErr: holders.ErrInvalidValue},
		})
	})
}

func TestCheckSelection(t *testing.T) {
	langs := []string{"en", "fr", "de"}
	cases := []struct {
		name    string
		v       string
		allowed []string
		msg     string // "" when accepted
	}{
		{"first", "en", langs, ""},
		{"middle", "fr", langs, ""},
		{"last", "de", langs, ""},
		{"case matters", "FR", langs, `invalid value: "FR" is not one of ["en" "fr" "de"]`},
		{"prefix", "f", langs, `invalid value: "f" is not one of ["en" "fr" "de"]`},
		{"space", "fr ", langs, `invalid value: "fr " is not one of ["en" "fr" "de"]`},
		{"empty value", "", langs, `invalid value: "" is not one of ["en" "fr" "de"]`},
		{"empty value allowed", "", []string{"x", ""}, ""},
		{"nil list", "en", nil, `invalid value: "en" is not one of []`},
		{"empty list", "", []string{}, `invalid value: "" is not one of []`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := holders.CheckSelection(c.v, c.allowed)
			checkSelectionErr(t, err, c.msg)
		})
	}
}

func checkSelectionErr(t *testing.T, err error, msg string) {
	t.Helper()
	if msg == "" {
		if err != nil {
			t.Errorf("unexpected error %v", err)
		}
		return
	}
	if !errors.Is(err, holders.ErrInvalidValue) || errors.Is(err, holders.ErrWrongType) {
		t.Errorf("error %v, want one wrapping ErrInvalidValue only", err)
	}
	if err != nil && err.Error() != msg {
		t.Errorf("message %q, want %q", err.Error(), msg)
	}
}

func TestCheckSelections(t *testing.T) {
	acts := []string{"trade", "industry", "services"}
	cases := []struct {
		name    string
		vs      []string
		allowed []string
		msg     string
	}{
		{"nil values", nil, acts, ""},
		{"no values, no list", []string{}, nil, ""},
		{"one", []string{"trade"}, acts, ""},
		{"all, repeated", []string{"services", "trade", "industry", "trade"}, acts, ""},
		{"one bad", []string{"mining"}, acts, `invalid value: "mining" is not one of ["trade" "industry" "services"]`},
		{"first bad is named", []string{"trade", "mining", "fishing"}, acts, `invalid value: "mining" is not one of ["trade" "industry" "services"]`},
		{"bad last", []string{"trade", "industry", ""}, acts, `invalid value: "" is not one of ["trade" "industry" "services"]`},
		{"nil list", []string{"trade"}, nil, `invalid value: "trade" is not one of []`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkSelectionErr(t, holders.CheckSelections(c.vs, c.allowed), c.msg)
		})
	}
}

func TestSetDefault(t *testing.T) {
	cases := []struct {
		name string
		list []string
		v    string
		want []string
	}{
		{"nil list", nil, "a", []string{"a"}},
		{"empty list", []string{}, "a", []string{"a"}},
		{"already alone", []string{"a"}, "a", []string{"a"}},
		{"already first", []string{"a", "b"}, "a", []string{"a", "b"}},
		{"absent: prepended", []string{"b", "c"}, "a", []string{"a", "b", "c"}},
		{"moved from the middle", []string{"b", "a", "c"}, "a", []string{"a", "b", "c"}},
		{"moved from the end", []string{"b", "c", "a"}, "a", []string{"a", "b", "c"}},
		{"every occurrence removed", []string{"a", "b", "a", "c", "a"}, "a", []string{"a", "b", "c"}},
		{"other duplicates kept", []string{"b", "b", "c", "b"}, "a", []string{"a", "b", "b", "c", "b"}},
		{"empty string value", []string{"x", ""}, "", []string{"", "x"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Give the input spare capacity: an implementation that wrote
			// into list's array would show up in full.
			var list []string
			if c.list != nil {
				list = make([]string, len(c.list), len(c.list)+4)
				copy(list, c.list)
			}
			full := slices.Clone(list[:cap(list)])

			got := holders.SetDefault(list, c.v)
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("SetDefault(%q, %q) (-want +got):\n%s", c.list, c.v, diff)
			}
			if diff := cmp.Diff(full, list[:cap(list)]); diff != "" {
				t.Errorf("the input's array was modified (-before +after):\n%s", diff)
			}
			// The result is a new slice: writing to it leaves list alone.
			for i := range got {
				got[i] = "mutated"
			}
			if diff := cmp.Diff(full, list[:cap(list)]); diff != "" {
				t.Errorf("the result shares the input's array (-before +after):\n%s", diff)
			}
		})
	}

	// Other comparable element types.
	if diff := cmp.Diff([]int{3, 1, 2}, holders.SetDefault([]int{1, 3, 2, 3}, 3)); diff != "" {
		t.Errorf("ints (-want +got):\n%s", diff)
	}
	type ref struct{ a, b int }
	if diff := cmp.Diff([]ref{{1, 2}, {2, 1}}, holders.SetDefault([]ref{{2, 1}, {1, 2}}, ref{1, 2}), cmp.AllowUnexported(ref{})); diff != "" {
		t.Errorf("structs (-want +got):\n%s", diff)
	}
}

func TestFirst(t *testing.T) {
	if got := holders.First([]string(nil)); got != "" {
		t.Errorf("First(nil) = %q", got)
	}
	if got := holders.First([]string{}); got != "" {
		t.Errorf("First(empty) = %q", got)
	}
	if got := holders.First([]string{"a", "b"}); got != "a" {
		t.Errorf(`First(["a" "b"]) = %q, want "a"`, got)
	}
	if got := holders.First([]string{"", "b"}); got != "" {
		t.Errorf(`First(["" "b"]) = %q, want ""`, got)
	}
	if got := holders.First([]int{7, 8}); got != 7 {
		t.Errorf("First([7 8]) = %d", got)
	}
	if got := holders.First([]int(nil)); got != 0 {
		t.Errorf("First([]int(nil)) = %d", got)
	}
	if got := holders.First([]time.Time(nil)); got != (time.Time{}) {
		t.Errorf("First([]time.Time(nil)) = %v", got)
	}
	tm := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	if got := holders.First([]time.Time{tm, {}}); got != tm {
		t.Errorf("First(times) = %v, want %v", got, tm)
	}
	// First reads; it does not change the list.
	l := []string{"a", "b"}
	holders.First(l)
	if !slices.Equal(l, []string{"a", "b"}) {
		t.Errorf("First modified its input: %q", l)
	}
}

// TestApply checks the one-line case of a generated setAt: the converted
// value reaches the setter only when it converts and apply is set, and the
// conversion's error is returned as it is.
func TestApply(t *testing.T) {
	for _, c := range []struct {
		name    string
		in      any
		apply   bool
		wantSet []int // what the setter received
		wantErr error
	}{
		{"int, applied", 7, true, []int{7}, nil},
		{"int8 converted, applied", int8(-3), true, []int{-3}, nil},
		{"int, checked only", 7, false, nil, nil},
		{"wrong type", "7", true, nil, holders.ErrWrongType},
		{"wrong type, checked only", "7", false, nil, holders.ErrWrongType},
		{"out of range", uint64(math.MaxUint64), true, nil, holders.ErrInvalidValue},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []int
			err := holders.Apply(c.in, c.apply, holders.ToInt, func(x int) { got = append(got, x) })
			if !errors.Is(err, c.wantErr) || (err == nil) != (c.wantErr == nil) {
				t.Errorf("Apply(%#v, %v) = %v, want %v", c.in, c.apply, err, c.wantErr)
			}
			if diff := cmp.Diff(c.wantSet, got); diff != "" {
				t.Errorf("setter calls (-want +got):\n%s", diff)
			}
		})
	}
	// A list setter gets the converted list.
	var list []string
	if err := holders.Apply(any("one"), true, holders.ToStrings, func(x []string) { list = x }); err != nil || !slices.Equal(list, []string{"one"}) {
		t.Errorf("Apply of a list: %v, %q", err, list)
	}
}

// The messages of wrapped conversion errors keep the sentinel's text first,
// so that a PropertyError reads "…: wrong type: want int, got string".
func TestConversionMessagesStartWithSentinel(t *testing.T) {
	_, err := holders.ToInt("x")
	if !strings.HasPrefix(err.Error(), holders.ErrWrongType.Error()+": ") {
		t.Errorf("%q does not start with %q", err, holders.ErrWrongType)
	}
	_, err = holders.ToFloat(math.Inf(1))
	if !strings.HasPrefix(err.Error(), holders.ErrInvalidValue.Error()+": ") {
		t.Errorf("%q does not start with %q", err, holders.ErrInvalidValue)
	}
}

// TestCheckPropertySelection: a typed setter's error names the property
// and no portal type; wrapped by name (SetProperty, Edit), the property is
// named once.
func TestCheckPropertySelection(t *testing.T) {
	lang := &holders.PropertyInfo{ID: "language", Values: []string{"en", "fr"}}
	const refused = `invalid value: "de" is not one of ["en" "fr"]`
	wrapped := func(err error) error { return &holders.PropertyError{Type: "Person", Property: "language", Err: err} }
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"accepted", holders.CheckPropertySelection("fr", lang), ""},
		{"refused", holders.CheckPropertySelection("de", lang), `property "language": ` + refused},
		{"list accepted", holders.CheckPropertySelections([]string{"en", "fr"}, lang), ""},
		{"list refused", holders.CheckPropertySelections([]string{"en", "de"}, lang), `property "language": ` + refused},
		{"by name", wrapped(holders.CheckPropertySelection("de", lang)), `Person: property "language": ` + refused},
		{"by name, through a document's setter", wrapped(fmt.Errorf("normalised: %w", holders.CheckPropertySelection("de", lang))),
			`Person: property "language": normalised: property "language": ` + refused},
		{"another property's", &holders.PropertyError{Type: "Person", Property: "title", Err: holders.CheckPropertySelection("de", lang)},
			`Person: property "title": property "language": ` + refused},
		{"in an edit", &holders.EditError{Type: "Person", Errors: []*holders.PropertyError{wrapped(holders.CheckPropertySelection("de", lang)).(*holders.PropertyError)}},
			`Person: edit refused, nothing changed: "language": ` + refused},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.want == "" {
				if tt.err != nil {
					t.Errorf("unexpected error %v", tt.err)
				}
				return
			}
			if tt.err == nil || tt.err.Error() != tt.want || !errors.Is(tt.err, holders.ErrInvalidValue) {
				t.Errorf("got %v\nwant %s, an ErrInvalidValue", tt.err, tt.want)
			}
		})
	}
}
