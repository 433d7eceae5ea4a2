package holders_test

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/accessorgen/accessorgen/holders"
	"github.com/google/go-cmp/cmp"
)

// snapshot is everything a Value's accessors return. Floats are kept as
// bits so that NaN payloads and the sign of zero are compared exactly.
type snapshot struct {
	Kind      holders.Kind
	Valid     bool
	Str       string
	Int       int
	FloatBits uint64
	Bool      bool
	Time      time.Time
	Bytes     []byte
	Strings   []string
	Ints      []int
	FloatsBit []uint64
	Bools     []bool
	Times     []time.Time
}

func floatBits(fs []float64) []uint64 {
	if fs == nil {
		return nil
	}
	out := make([]uint64, len(fs))
	for i, f := range fs {
		out[i] = math.Float64bits(f)
	}
	return out
}

func read(v holders.Value) snapshot {
	return snapshot{
		Kind:      v.Kind(),
		Valid:     v.IsValid(),
		Str:       v.Str(),
		Int:       v.Int(),
		FloatBits: math.Float64bits(v.Float()),
		Bool:      v.Bool(),
		Time:      v.Time(),
		Bytes:     v.Bytes(),
		Strings:   v.Strings(),
		Ints:      v.Ints(),
		FloatsBit: floatBits(v.Floats()),
		Bools:     v.Bools(),
		Times:     v.Times(),
	}
}

// exactTime compares times with ==: same instant, same location pointer,
// no monotonic reading. cmp would otherwise use Time.Equal, which ignores
// the location.
var exactTime = cmp.Comparer(func(a, b time.Time) bool { return a == b })

var (
	negZero  = math.Copysign(0, -1)
	nanQuiet = math.NaN()
	// A NaN with a payload: its exact bits must survive.
	nanPayload = math.Float64frombits(0x7ff8_0000_dead_beef)
	nanSignal  = math.Float64frombits(0x7ff0_0000_0000_0001)
)

func TestValueRoundTrip(t *testing.T) {
	type tc struct {
		name string
		v    holders.Value
		want snapshot // Kind and Valid are filled in from want.Kind
	}
	cases := []tc{
		{"zero Value", holders.Value{}, snapshot{}},

		{"string", holders.StringValue("Jean"), snapshot{Kind: holders.KindString, Str: "Jean"}},
		{"empty string", holders.StringValue(""), snapshot{Kind: holders.KindString, Str: ""}},
		{"unicode string", holders.StringValue("Zoë 日本 \u0000 end"), snapshot{Kind: holders.KindString, Str: "Zoë 日本 \u0000 end"}},
		{"non-UTF-8 string", holders.StringValue("\xff\xfe\x80 ok \xc3"), snapshot{Kind: holders.KindString, Str: "\xff\xfe\x80 ok \xc3"}},

		{"int 0", holders.IntValue(0), snapshot{Kind: holders.KindInt}},
		{"int 1", holders.IntValue(1), snapshot{Kind: holders.KindInt, Int: 1}},
		{"int -1", holders.IntValue(-1), snapshot{Kind: holders.KindInt, Int: -1}},
		{"int MaxInt", holders.IntValue(math.MaxInt), snapshot{Kind: holders.KindInt, Int: math.MaxInt}},
		{"int MinInt", holders.IntValue(math.MinInt), snapshot{Kind: holders.KindInt, Int: math.MinInt}},

		{"float 0", holders.FloatValue(0), snapshot{Kind: holders.KindFloat}},
		{"float -0", holders.FloatValue(negZero), snapshot{Kind: holders.KindFloat, FloatBits: math.Float64bits(negZero)}},
		{"float 1.5", holders.FloatValue(1.5), snapshot{Kind: holders.KindFloat, FloatBits: math.Float64bits(1.5)}},
		{"float -1e300", holders.FloatValue(-1e300), snapshot{Kind: holders.KindFloat, FloatBits: math.Float64bits(-1e300)}},
		{"float MaxFloat64", holders.FloatValue(math.MaxFloat64), snapshot{Kind: holders.KindFloat, FloatBits: math.Float64bits(math.MaxFloat64)}},
		{"float smallest subnormal", holders.FloatValue(math.SmallestNonzeroFloat64), snapshot{Kind: holders.KindFloat, FloatBits: 1}},
		{"float +Inf", holders.FloatValue(math.Inf(1)), snapshot{Kind: holders.KindFloat, FloatBits: math.Float64bits(math.Inf(1))}},
		{"float -Inf", holders.FloatValue(math.Inf(-1)), snapshot{Kind: holders.KindFloat, FloatBits: math.Float64bits(math.Inf(-1))}},
		{"float NaN", holders.FloatValue(nanQuiet), snapshot{Kind: holders.KindFloat, FloatBits: math.Float64bits(nanQuiet)}},
		{"float NaN payload", holders.FloatValue(nanPayload), snapshot{Kind: holders.KindFloat, FloatBits: 0x7ff8_0000_dead_beef}},
		{"float signalling NaN", holders.FloatValue(nanSignal), snapshot{Kind: holders.KindFloat, FloatBits: 0x7ff0_0000_0000_0001}},

		{"bool true", holders.BoolValue(true), snapshot{Kind: holders.KindBool, Bool: true}},
		{"bool false", holders.BoolValue(false), snapshot{Kind: holders.KindBool}},

		{"bytes", holders.BytesValue([]byte{0, 1, 0xff}), snapshot{Kind: holders.KindBytes, Bytes: []byte{0, 1, 0xff}}},
		{"bytes non-UTF-8", holders.BytesValue([]byte("\xff\xfe")), snapshot{Kind: holders.KindBytes, Bytes: []byte("\xff\xfe")}},
		{"bytes nil", holders.BytesValue(nil), snapshot{Kind: holders.KindBytes}},
		{"bytes empty", holders.BytesValue([]byte{}), snapshot{Kind: holders.KindBytes, Bytes: []byte{}}},

		{"strings", holders.StringsValue([]string{"a", "", "\xff"}), snapshot{Kind: holders.KindStrings, Strings: []string{"a", "", "\xff"}}},
		{"strings nil", holders.StringsValue(nil), snapshot{Kind: holders.KindStrings}},
		{"strings empty", holders.StringsValue([]string{}), snapshot{Kind: holders.KindStrings, Strings: []string{}}},

		{"ints", holders.IntsValue([]int{math.MinInt, 0, math.MaxInt}), snapshot{Kind: holders.KindInts, Ints: []int{math.MinInt, 0, math.MaxInt}}},
		{"ints nil", holders.IntsValue(nil), snapshot{Kind: holders.KindInts}},
		{"ints empty", holders.IntsValue([]int{}), snapshot{Kind: holders.KindInts, Ints: []int{}}},

		{"floats", holders.FloatsValue([]float64{negZero, nanPayload, math.Inf(1), 2.5}), snapshot{Kind: holders.KindFloats, FloatsBit: []uint64{1 << 63, 0x7ff8_0000_dead_beef, 0x7ff0_0000_0000_0000, math.Float64bits(2.5)}}},
		{"floats nil", holders.FloatsValue(nil), snapshot{Kind: holders.KindFloats}},
		{"floats empty", holders.FloatsValue([]float64{}), snapshot{Kind: holders.KindFloats, FloatsBit: []uint64{}}},

		{"bools", holders.BoolsValue([]bool{true, false, true}), snapshot{Kind: holders.KindBools, Bools: []bool{true, false, true}}},
		{"bools nil", holders.BoolsValue(nil), snapshot{Kind: holders.KindBools}},
		{"bools empty", holders.BoolsValue([]bool{}), snapshot{Kind: holders.KindBools, Bools: []bool{}}},

		{"times nil", holders.TimesValue(nil), snapshot{Kind: holders.KindTimes}},
		{"times empty", holders.TimesValue([]time.Time{}), snapshot{Kind: holders.KindTimes, Times: []time.Time{}}},
	}
	tms := []time.Time{
		time.Date(2024, 2, 29, 12, 0, 0, 1, time.UTC),
		time.Date(1969, 7, 20, 20, 17, 40, 0, time.FixedZone("EDT", -4*3600)),
		{},
	}
	cases = append(cases, tc{"times", holders.TimesValue(tms), snapshot{Kind: holders.KindTimes, Times: tms}})
	for _, tm := range testTimes(t) {
		cases = append(cases, tc{"time " + tm.name, holders.TimeValue(tm.t), snapshot{Kind: holders.KindTime, Time: tm.t}})
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := c.want
			want.Valid = want.Kind != holders.Invalid
			got := read(c.v)
			if diff := cmp.Diff(want, got, exactTime); diff != "" {
				t.Errorf("accessors (-want +got):\n%s", diff)
			}
		})
	}
}

type namedTime struct {
	name string
	t    time.Time
}

// testTimes returns the instants and locations a Value must keep exactly.
func testTimes(t *testing.T) []namedTime {
	t.Helper()
	kolkata := time.FixedZone("IST", 5*3600+30*60)
	west := time.FixedZone("", -(9*3600 + 30*60 + 17)) // odd offset, no name
	tms := []namedTime{
		{"zero", time.Time{}},
		{"UTC", time.Date(2024, 3, 15, 10, 30, 0, 0, time.UTC)},
		{"UTC nanoseconds", time.Date(2024, 3, 15, 10, 30, 0, 123456789, time.UTC)},
		{"UTC max nanoseconds", time.Date(2024, 12, 31, 23, 59, 59, 999999999, time.UTC)},
		{"Local", time.Date(2010, 6, 1, 8, 0, 0, 42, time.Local)},
		{"FixedZone", time.Date(2020, 1, 1, 0, 0, 0, 500, kolkata)},
		{"FixedZone unnamed odd offset", time.Date(1999, 12, 31, 23, 59, 59, 999, west)},
		{"epoch", time.Unix(0, 0).UTC()},
		{"just before epoch", time.Unix(-1, 999999999).UTC()},
		{"pre-1970 with nanoseconds", time.Date(1969, 12, 31, 23, 59, 59, 500000000, time.UTC)},
		{"1900", time.Date(1900, 1, 1, 0, 0, 0, 1, kolkata)},
		{"year 1", time.Date(1, 1, 1, 0, 0, 0, 7, time.UTC)},
		{"before the common era", time.Date(-4712, 1, 1, 12, 0, 0, 0, time.UTC)},
		{"year 9999", time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)},
		{"far future", time.Date(1_000_000_000, 6, 15, 1, 2, 3, 4, time.UTC)},
		{"now without monotonic", time.Now().Round(0)},
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Logf("no zone database, skipping the named-zone rows: %v", err)
		return tms
	}
	return append(tms,
		namedTime{"Europe/Paris winter", time.Date(2023, 1, 15, 9, 0, 0, 1, paris)},
		namedTime{"Europe/Paris summer", time.Date(2023, 7, 15, 9, 0, 0, 2, paris)},
		namedTime{"Europe/Paris 1900", time.Date(1900, 7, 15, 9, 0, 0, 3, paris)},
	)
}

func TestValueTimeKeepsLocation(t *testing.T) {
	for _, tm := range testTimes(t) {
		t.Run(tm.name, func(t *testing.T) {
			got := holders.TimeValue(tm.t).Time()
			if !got.Equal(tm.t) {
				t.Errorf("instant: got %v, want %v", got, tm.t)
			}
			if got.Location() != tm.t.Location() {
				t.Errorf("location: got %p (%v), want %p (%v)", got.Location(), got.Location(), tm.t.Location(), tm.t.Location())
			}
			if got.Nanosecond() != tm.t.Nanosecond() {
				t.Errorf("nanoseconds: got %d, want %d", got.Nanosecond(), tm.t.Nanosecond())
			}
			gotName, gotOff := got.Zone()
			wantName, wantOff := tm.t.Zone()
			if gotName != wantName || gotOff != wantOff {
				t.Errorf("zone: got %s%+d, want %s%+d", gotName, gotOff, wantName, wantOff)
			}
			if g, w := got.Format(time.RFC3339Nano), tm.t.Format(time.RFC3339Nano); g != w {
				t.Errorf("format: got %s, want %s", g, w)
			}
		})
	}
}

func TestValueTimeDropsMonotonic(t *testing.T) {
	now := time.Now() // carries a monotonic reading
	got := holders.TimeValue(now).Time()
	if got != now.Round(0) {
		t.Errorf("got %#v, want %#v", got, now.Round(0))
	}
	// A monotonic reading would show in String as "m=+0.000…".
	if s := got.String(); strings.Contains(s, "m=") {
		t.Errorf("Time() kept a monotonic reading: %s", s)
	}
}

// Slices are documented as shared with their source, as the typed getters'.
func TestValueSlicesAreShared(t *testing.T) {
	b := []byte{1, 2, 3}
	ss := []string{"a", "b"}
	is := []int{1, 2}
	fs := []float64{1, 2}
	bs := []bool{true, false}
	ts := []time.Time{time.Unix(1, 0), time.Unix(2, 0)}
	checks := []struct {
		name      string
		got, want unsafe.Pointer
	}{
		{"bytes", unsafe.Pointer(&holders.BytesValue(b).Bytes()[0]), unsafe.Pointer(&b[0])},
		{"strings", unsafe.Pointer(&holders.StringsValue(ss).Strings()[0]), unsafe.Pointer(&ss[0])},
		{"ints", unsafe.Pointer(&holders.IntsValue(is).Ints()[0]), unsafe.Pointer(&is[0])},
		{"floats", unsafe.Pointer(&holders.FloatsValue(fs).Floats()[0]), unsafe.Pointer(&fs[0])},
		{"bools", unsafe.Pointer(&holders.BoolsValue(bs).Bools()[0]), unsafe.Pointer(&bs[0])},
		{"times", unsafe.Pointer(&holders.TimesValue(ts).Times()[0]), unsafe.Pointer(&ts[0])},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: the Value's slice does not share the source's array", c.name)
		}
	}
	// A sub-slice keeps its length, not its capacity.
	if got := holders.IntsValue(is[:1]).Ints(); len(got) != 1 || got[0] != 1 {
		t.Errorf("IntsValue(is[:1]).Ints() = %v, want [1]", got)
	}
	s := "shared"
	if got := holders.StringValue(s).Str(); unsafe.StringData(got) != unsafe.StringData(s) {
		t.Error("Str() copied the string")
	}
}

func TestValueAny(t *testing.T) {
	tm := time.Date(2001, 2, 3, 4, 5, 6, 7, time.FixedZone("X", 3600))
	cases := []struct {
		name string
		v    holders.Value
		want any
	}{
		{"invalid", holders.Value{}, nil},
		{"string", holders.StringValue("x"), "x"},
		{"empty string", holders.StringValue(""), ""},
		{"int", holders.IntValue(-7), -7},
		{"float", holders.FloatValue(2.5), 2.5},
		{"float -0", holders.FloatValue(negZero), negZero},
		{"bool", holders.BoolValue(true), true},
		{"bool false", holders.BoolValue(false), false},
		{"time", holders.TimeValue(tm), tm},
		{"bytes", holders.BytesValue([]byte("ab")), []byte("ab")},
		{"bytes nil", holders.BytesValue(nil), []byte(nil)},
		{"strings", holders.StringsValue([]string{"a"}), []string{"a"}},
		{"strings nil", holders.StringsValue(nil), []string(nil)},
		{"ints", holders.IntsValue([]int{1, 2}), []int{1, 2}},
		{"floats", holders.FloatsValue([]float64{0.5}), []float64{0.5}},
		{"bools", holders.BoolsValue([]bool{false}), []bool{false}},
		{"times", holders.TimesValue([]time.Time{tm}), []time.Time{tm}},
		{"times empty", holders.TimesValue([]time.Time{}), []time.Time{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := c.v.Any()
			// cmp.Diff on two interfaces also compares their dynamic types,
			// so an int64 where an int is expected is a difference.
			if diff := cmp.Diff(c.want, got, exactTime); diff != "" {
				t.Errorf("Any() (-want +got):\n%s", diff)
			}
			if f, ok := c.want.(float64); ok && math.Signbit(f) != math.Signbit(got.(float64)) {
				t.Errorf("Any() lost the sign of %v", f)
			}
		})
	}
	// NaN is not equal to itself: check its bits.
	got, ok := holders.FloatValue(nanPayload).Any().(float64)
	if !ok || math.Float64bits(got) != math.Float64bits(nanPayload) {
		t.Errorf("Any() of a NaN = %#v, want a float64 with bits %#x", got, math.Float64bits(nanPayload))
	}
}

func TestValueString(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	cases := []struct {
		name string
		v    holders.Value
		want string
	}{
		{"invalid", holders.Value{}, "<invalid Value>"},
		{"string", holders.StringValue("héllo wörld"), "héllo wörld"},
		{"string is not quoted", holders.StringValue(`a "b"`), `a "b"`},
		{"empty string", holders.StringValue(""), ""},
		{"int", holders.IntValue(-42), "-42"},
		{"MinInt", holders.IntValue(math.MinInt), strconv.Itoa(math.MinInt)},
		{"float", holders.FloatValue(1.5), "1.5"},
		{"float -0", holders.FloatValue(negZero), "-0"},
		{"float large", holders.FloatValue(1e21), "1e+21"},
		{"float NaN", holders.FloatValue(math.NaN()), "NaN"},
		{"float +Inf", holders.FloatValue(math.Inf(1)), "+Inf"},
		{"bool true", holders.BoolValue(true), "true"},
		{"bool false", holders.BoolValue(false), "false"},
		{"time UTC", holders.TimeValue(time.Date(2024, 2, 29, 13, 4, 5, 0, time.UTC)), "2024-02-29T13:04:05Z"},
		{"time nanoseconds", holders.TimeValue(time.Date(2024, 2, 29, 13, 4, 5, 120, time.UTC)), "2024-02-29T13:04:05.00000012Z"},
		{"time zone", holders.TimeValue(time.Date(1969, 12, 31, 23, 0, 0, 0, paris)), "1969-12-31T23:00:00+01:00"},
		{"time zero", holders.TimeValue(time.Time{}), "0001-01-01T00:00:00Z"},
		{"bytes", holders.BytesValue([]byte("ab")), "[97 98]"},
		{"bytes nil", holders.BytesValue(nil), "[]"},
		{"strings", holders.StringsValue([]string{"a", "b c"}), "[a b c]"},
		{"ints", holders.IntsValue([]int{1, -2}), "[1 -2]"},
		{"floats", holders.FloatsValue([]float64{0.5, 2}), "[0.5 2]"},
		{"bools", holders.BoolsValue([]bool{true, false}), "[true false]"},
		{"times", holders.TimesValue([]time.Time{time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}), "[2024-01-02 03:04:05 +0000 UTC]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.v.String(); got != c.want {
				t.Errorf("String() = %q, want %q", got, c.want)
			}
		})
	}
}

func TestKindString(t *testing.T) {
	cases := []struct {
		k    holders.Kind
		want string
	}{
		{holders.Invalid, "invalid"},
		{holders.KindString, "string"},
		{holders.KindInt, "int"},
		{holders.KindFloat, "float"},
		{holders.KindBool, "bool"},
		{holders.KindTime, "time"},
		{holders.KindBytes, "bytes"},
		{holders.KindStrings, "strings"},
		{holders.KindInts, "ints"},
		{holders.KindFloats, "floats"},
		{holders.KindBools, "bools"},
		{holders.KindTimes, "times"},
		{holders.KindTimes + 1, "Kind(12)"},
		{200, "Kind(200)"},
		{255, "Kind(255)"},
	}
	for _, c := range cases {
		if got := c.k.String(); got != c.want {
			t.Errorf("Kind(%d).String() = %q, want %q", uint8(c.k), got, c.want)
		}
	}
}

// Sinks keep the compiler from discarding what the allocation test reads.
var (
	sinkString string
	sinkInt    int
	sinkFloat  float64
	sinkBool   bool
	sinkTime   time.Time
)

// Inputs are variables so that nothing is constant-folded.
var (
	allocString = "a string that is not interned"
	allocInt    = 123456789
	allocFloat  = 3.25
	allocBool   = true
	allocTimes  = []time.Time{
		time.Date(2024, 5, 6, 7, 8, 9, 10, time.UTC),
		time.Date(2024, 5, 6, 7, 8, 9, 10, time.FixedZone("X", -3600)),
		time.Date(1960, 5, 6, 7, 8, 9, 10, time.Local),
	}
)

func TestValueScalarsDoNotAllocate(t *testing.T) {
	cases := []struct {
		name string
		f    func()
	}{
		{"string", func() { sinkString = holders.StringValue(allocString).Str() }},
		{"int", func() { sinkInt = holders.IntValue(allocInt).Int() }},
		{"float", func() { sinkFloat = holders.FloatValue(allocFloat).Float() }},
		{"bool", func() { sinkBool = holders.BoolValue(allocBool).Bool() }},
		{"time UTC", func() { sinkTime = holders.TimeValue(allocTimes[0]).Time() }},
		{"time FixedZone", func() { sinkTime = holders.TimeValue(allocTimes[1]).Time() }},
		{"time Local", func() { sinkTime = holders.TimeValue(allocTimes[2]).Time() }},
		{"kind and validity", func() {
			sinkBool = holders.IntValue(allocInt).IsValid() && holders.StringValue(allocString).Kind() == holders.KindString
		}},
	}
	for _, c := range cases {
		c.f() // warm up (time.Local is initialised lazily)
		if n := testing.AllocsPerRun(1000, c.f); n != 0 {
			t.Errorf("%s: %v allocations per round trip, want 0", c.name, n)
		}
	}
	if sinkString != allocString || sinkInt != allocInt || sinkFloat != allocFloat || !sinkBool {
		t.Error("the round trips read back wrong values")
	}
}
