package holders

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// The To functions convert the natural Go value of a by-name set to a
// property's Go type, or report ErrWrongType or ErrInvalidValue. They
// accept exactly: for int, a value of a predeclared integer type that fits
// in an int; for float, float64, float32 or a predeclared integer, but not
// NaN or an infinity; for bytes, []byte or string; for a list, a slice of
// its element type or one element. Defined types (time.Duration, a named
// string) are refused: convert them explicitly. A nil value is refused:
// by-name access cannot unset a property. An empty list is a value: for a
// category, it means no membership.

func wrongType(want string, v any) error {
	if v == nil {
		return fmt.Errorf("%w: want %s, got nil", ErrWrongType, want)
	}
	return fmt.Errorf("%w: want %s, got %T", ErrWrongType, want, v)
}

// ToString converts v to a string.
func ToString(v any) (string, error) {
	if s, ok := v.(string); ok {
		return s, nil
	}
	return "", wrongType("string", v)
}

// ToInt converts v to an int.
func ToInt(v any) (n int, err error) {
	// The common case first, small enough to be inlined into the
	// generated setters; the type switch below is a call.
	n, ok := v.(int)
	if !ok {
		n, err = toInt(v)
	}
	return n, err
}

func toInt(v any) (int, error) {
	switch n := v.(type) {
	case int:
		return n, nil
	case int8:
		return int(n), nil
	case int16:
		return int(n), nil
	case int32:
		return int(n), nil
	case int64:
		if int64(int(n)) == n {
			return int(n), nil
		}
	case uint8:
		return int(n), nil
	case uint16:
		return int(n), nil
	case uint, uint32, uint64, uintptr:
		if u := toUint64(n); u <= math.MaxInt {
			return int(u), nil
		}
	default:
		return 0, wrongType("int", v)
	}
	return 0, fmt.Errorf("%w: %v overflows int", ErrInvalidValue, v)
}

// toUint64 widens an unsigned integer of any size.
func toUint64(v any) uint64 {
	switch n := v.(type) {
	case uint:
		return uint64(n)
	case uint32:
		return uint64(n)
	case uint64:
		return n
	case uintptr:
		return uint64(n)
	}
	return 0
}

// ToFloat converts v to a finite float64. Integers are accepted whatever
// their size; a float64 holds them exactly up to 2^53 and rounds beyond.
func ToFloat(v any) (f float64, err error) {
	// A finite float64 first (f-f is 0 for a finite f, NaN for NaN and the
	// infinities), in the one form found that the compiler inlines into the
	// generated setters: cost 80, its budget. Returning f, err explicitly,
	// or the value from the if, costs 82 to 97; ToInt is written the same
	// way. The type switch below is a call.
	f, ok := v.(float64)
	if !ok || f-f != 0 {
		f, err = toFloat(v)
	}
	return
}

func toFloat(v any) (float64, error) {
	var f float64
	switch n := v.(type) {
	case float64:
		f = n
	case float32:
		f = float64(n)
	case uint, uint32, uint64, uintptr:
		f = float64(toUint64(n))
	default:
		i, err := ToInt(v)
		if err != nil {
			return 0, wrongType("float64", v)
		}
		f = float64(i)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%w: %v is not a finite number", ErrInvalidValue, f)
	}
	return f, nil
}

// ToBool converts v to a bool.
func ToBool(v any) (bool, error) {
	if b, ok := v.(bool); ok {
		return b, nil
	}
	return false, wrongType("bool", v)
}

// ToTime converts v to a time.Time.
func ToTime(v any) (time.Time, error) {
	if t, ok := v.(time.Time); ok {
		return t, nil
	}
	return time.Time{}, wrongType("time.Time", v)
}

// ToBytes converts v to a []byte.
func ToBytes(v any) ([]byte, error) {
	switch b := v.(type) {
	case []byte:
		return b, nil
	case string:
		return []byte(b), nil
	}
	return nil, wrongType("[]byte", v)
}

// toList converts v to a []T: a []T as it is, or one element as a list of
// one. An element of an accepted type with a bad value keeps its own error
// (ErrInvalidValue); anything else is the wrong type for the list.
func toList[T any](v any, elem func(any) (T, error), want string) ([]T, error) {
	switch l := v.(type) {
	case []T:
		return l, nil
	case nil:
		return nil, wrongType(want, v)
	}
	e, err := elem(v)
	if errors.Is(err, ErrInvalidValue) {
		return nil, err
	}
	if err != nil {
		return nil, wrongType(want, v)
	}
	return []T{e}, nil
}

// ToStrings converts v to a []string.
func ToStrings(v any) ([]string, error) { return toList(v, ToString, "[]string") }

// ToInts converts v to a []int.
func ToInts(v any) ([]int, error) { return toList(v, ToInt, "[]int") }

// ToFloats converts v to a []float64 of finite numbers.
func ToFloats(v any) ([]float64, error) {
	l, err := toList(v, ToFloat, "[]float64")
	for _, f := range l {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("%w: %v is not a finite number", ErrInvalidValue, f)
		}
	}
	return l, err
}

// ToBools converts v to a []bool.
func ToBools(v any) ([]bool, error) { return toList(v, ToBool, "[]bool") }

// ToTimes converts v to a []time.Time.
func ToTimes(v any) ([]time.Time, error) { return toList(v, ToTime, "[]time.Time") }

// CheckSelection reports ErrInvalidValue unless v is one of allowed.
func CheckSelection(v string, allowed []string) error {
	// A loop small enough to be inlined into the generated setters; the
	// error is built out of line.
	for _, a := range allowed {
		if a == v {
			return nil
		}
	}
	return notSelected(v, allowed)
}

func notSelected(v string, allowed []string) error {
	return fmt.Errorf("%w: %s is not one of %q", ErrInvalidValue, quote(v), allowed)
}

// CheckPropertySelection is CheckSelection for the typed setter of
// selection p: its error is a *PropertyError that names p (and no portal
// type, which a holder does not know).
func CheckPropertySelection(v string, p *PropertyInfo) error {
	for _, a := range p.Values {
		if a == v {
			return nil
		}
	}
	return notSelectedProperty(v, p)
}

// CheckPropertySelections is CheckSelections for the typed setter of
// multiple selection p, with the error of CheckPropertySelection.
func CheckPropertySelections(vs []string, p *PropertyInfo) error {
	if err := CheckSelections(vs, p.Values); err != nil {
		return &PropertyError{Property: p.ID, Err: err}
	}
	return nil
}

func notSelectedProperty(v string, p *PropertyInfo) error {
	return &PropertyError{Property: p.ID, Err: notSelected(v, p.Values)}
}

// CheckSelections checks every element of vs with CheckSelection.
func CheckSelections(vs []string, allowed []string) error {
	for _, v := range vs {
		if err := CheckSelection(v, allowed); err != nil {
			return err
		}
	}
	return nil
}

// SetDefault returns list with v first and no other occurrence of v: ERP5's
// default-value setter, "setFoo" on a multivalued "foo". It returns a new
// slice, so values read before stay as they were.
func SetDefault[T comparable](list []T, v T) []T {
	out := make([]T, 1, len(list)+1)
	out[0] = v
	for _, x := range list {
		if x != v {
			out = append(out, x)
		}
	}
	return out
}

// First returns the first element of list, or the zero value: the getter
// of a multivalued property's default value.
func First[T any](list []T) T {
	if len(list) == 0 {
		var zero T
		return zero
	}
	return list[0]
}

// Apply converts v with to and, if it converts and apply is set, passes the
// result to set; it returns to's error. It is one case of a generated
// type's setAt: inlined, with set a function literal calling a typed
// setter, it compiles to the conversion and the setter's body, with no
// indirect call and no allocation.
func Apply[T any](v any, apply bool, to func(any) (T, error), set func(T)) error {
	x, err := to(v)
	if err == nil && apply {
		set(x)
	}
	return err
}
