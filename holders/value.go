package holders

import (
	"fmt"
	"math"
	"time"
	"unsafe"
)

// Kind is the kind of value a Value holds.
type Kind uint8

// Value kinds. The list kinds hold the values of multivalued and list
// properties (lines, tokens, multiple selection) and of categories.
const (
	Invalid Kind = iota
	KindString
	KindInt
	KindFloat
	KindBool
	KindTime
	KindBytes
	KindStrings
	KindInts
	KindFloats
	KindBools
	KindTimes
)

var kindNames = [...]string{"invalid", "string", "int", "float", "bool", "time", "bytes", "strings", "ints", "floats", "bools", "times"}

// String names the kind.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Value is a property value read by name, in three machine words so that
// it is returned in registers and never allocates: strings and slices are
// held as a pointer to their data and a length, times as seconds,
// nanoseconds and location. Slices are shared with the object, as with the
// typed getters: do not modify them. The zero Value is Invalid.
type Value struct {
	ptr  unsafe.Pointer // string or slice data; *time.Location for KindTime
	num  uint64         // int, float bits, bool, length, or Unix seconds
	meta uint64         // the Kind in the low 8 bits; nanoseconds above for KindTime
}

// StringValue returns a Value holding s.
func StringValue(s string) Value {
	return Value{ptr: unsafe.Pointer(unsafe.StringData(s)), num: uint64(len(s)), meta: uint64(KindString)}
}

// IntValue returns a Value holding n.
func IntValue(n int) Value { return Value{num: uint64(n), meta: uint64(KindInt)} }

// FloatValue returns a Value holding f.
func FloatValue(f float64) Value { return Value{num: math.Float64bits(f), meta: uint64(KindFloat)} }

// BoolValue returns a Value holding b.
func BoolValue(b bool) Value {
	v := Value{meta: uint64(KindBool)}
	if b {
		v.num = 1
	}
	return v
}

// TimeValue returns a Value holding t (without its monotonic clock reading).
func TimeValue(t time.Time) Value {
	return Value{ptr: unsafe.Pointer(t.Location()), num: uint64(t.Unix()), meta: uint64(KindTime) | uint64(t.Nanosecond())<<8}
}

func sliceValue[T any](k Kind, s []T) Value {
	return Value{ptr: unsafe.Pointer(unsafe.SliceData(s)), num: uint64(len(s)), meta: uint64(k)}
}

// BytesValue returns a Value holding b.
func BytesValue(b []byte) Value { return sliceValue(KindBytes, b) }

// StringsValue returns a Value holding s.
func StringsValue(s []string) Value { return sliceValue(KindStrings, s) }

// IntsValue returns a Value holding s.
func IntsValue(s []int) Value { return sliceValue(KindInts, s) }

// FloatsValue returns a Value holding s.
func FloatsValue(s []float64) Value { return sliceValue(KindFloats, s) }

// BoolsValue returns a Value holding s.
func BoolsValue(s []bool) Value { return sliceValue(KindBools, s) }

// TimesValue returns a Value holding s.
func TimesValue(s []time.Time) Value { return sliceValue(KindTimes, s) }

// Kind returns the kind of the value.
func (v Value) Kind() Kind { return Kind(v.meta) }

// IsValid reports whether v holds a value.
func (v Value) IsValid() bool { return v.Kind() != Invalid }

// Str returns the string of a KindString value, "" otherwise.
func (v Value) Str() string {
	if v.Kind() != KindString || v.num == 0 {
		return ""
	}
	return unsafe.String((*byte)(v.ptr), int(v.num))
}

// Int returns the int of a KindInt value, 0 otherwise.
func (v Value) Int() int {
	if v.Kind() != KindInt {
		return 0
	}
	return int(v.num)
}

// Float returns the float64 of a KindFloat value, 0 otherwise.
func (v Value) Float() float64 {
	if v.Kind() != KindFloat {
		return 0
	}
	return math.Float64frombits(v.num)
}

// Bool returns the bool of a KindBool value, false otherwise.
func (v Value) Bool() bool { return v.Kind() == KindBool && v.num != 0 }

// Time returns the time of a KindTime value, the zero time otherwise. The
// instant and the location are those that were stored.
func (v Value) Time() time.Time {
	if v.Kind() != KindTime {
		return time.Time{}
	}
	t := time.Unix(int64(v.num), int64(v.meta>>8))
	if v.ptr == nil {
		return t.UTC()
	}
	return t.In((*time.Location)(v.ptr))
}

func slice[T any](v Value, k Kind) []T {
	if v.Kind() != k || v.ptr == nil {
		return nil
	}
	return unsafe.Slice((*T)(v.ptr), int(v.num))
}

// Bytes returns the bytes of a KindBytes value, nil otherwise.
func (v Value) Bytes() []byte { return slice[byte](v, KindBytes) }

// Strings returns the strings of a KindStrings value, nil otherwise.
func (v Value) Strings() []string { return slice[string](v, KindStrings) }

// Ints returns the ints of a KindInts value, nil otherwise.
func (v Value) Ints() []int { return slice[int](v, KindInts) }

// Floats returns the floats of a KindFloats value, nil otherwise.
func (v Value) Floats() []float64 { return slice[float64](v, KindFloats) }

// Bools returns the bools of a KindBools value, nil otherwise.
func (v Value) Bools() []bool { return slice[bool](v, KindBools) }

// Times returns the times of a KindTimes value, nil otherwise.
func (v Value) Times() []time.Time { return slice[time.Time](v, KindTimes) }

// Any returns the value as the Go type the typed getter returns: string,
// int, float64, bool, time.Time, []byte, []string, []int, []float64,
// []bool or []time.Time; nil for an invalid Value. It allocates for most
// kinds; Value's own methods do not.
func (v Value) Any() any {
	switch v.Kind() {
	case KindString:
		return v.Str()
	case KindInt:
		return v.Int()
	case KindFloat:
		return v.Float()
	case KindBool:
		return v.Bool()
	case KindTime:
		return v.Time()
	case KindBytes:
		return v.Bytes()
	case KindStrings:
		return v.Strings()
	case KindInts:
		return v.Ints()
	case KindFloats:
		return v.Floats()
	case KindBools:
		return v.Bools()
	case KindTimes:
		return v.Times()
	}
	return nil
}

// String formats the value for people; for a KindString value it is the
// string itself.
func (v Value) String() string {
	switch v.Kind() {
	case KindString:
		return v.Str()
	case Invalid:
		return "<invalid Value>"
	case KindTime:
		return v.Time().Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v.Any())
}
