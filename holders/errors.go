package holders

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// The kinds of by-name access errors; test for them with errors.Is. They
// are constants behind an interface, so the linker lays them out and
// importing this package runs no initialisation code.
var (
	ErrUnknownProperty error = sentinel("unknown property")
	ErrUnknownType     error = sentinel("unknown portal type")
	ErrReadOnly        error = sentinel("read-only property")
	ErrWrongType       error = sentinel("wrong type")
	ErrInvalidValue    error = sentinel("invalid value")
	ErrPermission      error = sentinel("permission denied")
)

// sentinel is an error that is its own message.
type sentinel string

func (e sentinel) Error() string { return string(e) }

// PropertyError is an error about one property of an object.
type PropertyError struct {
	Type     string // portal type
	Property string // property id
	Err      error  // wraps one of the Err... values
}

// Error formats the error as `Person: property "x": unknown property`,
// or without the type when Type is "" (a typed setter's error).
func (e *PropertyError) Error() string {
	msg := "property " + quote(e.Property) + ": " + e.reason()
	if e.Type == "" {
		return msg
	}
	return e.Type + ": " + msg
}

// reason is the message of Err. A typed setter's error about the same
// property, which SetProperty and Edit wrap with the portal type, is not
// named twice.
func (e *PropertyError) reason() string {
	if inner, ok := e.Err.(*PropertyError); ok && inner.Type == "" && inner.Property == e.Property {
		return inner.reason()
	}
	return e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *PropertyError) Unwrap() error { return e.Err }

// EditError is the error of an Edit that changed nothing because some
// changes were refused. Errors is sorted by property id.
type EditError struct {
	Type   string
	Errors []*PropertyError
}

// Error lists every refused property.
func (e *EditError) Error() string {
	var b strings.Builder
	b.WriteString(e.Type)
	b.WriteString(": edit refused, nothing changed: ")
	for i, pe := range e.Errors {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(quote(pe.Property))
		b.WriteString(": ")
		b.WriteString(pe.reason())
	}
	return b.String()
}

// Unwrap returns the errors, for errors.Is and errors.As.
func (e *EditError) Unwrap() []error {
	out := make([]error, len(e.Errors))
	for i, pe := range e.Errors {
		out[i] = pe
	}
	return out
}

// quote quotes a property id for messages, keeping hostile ids short: a
// string of more than 64 bytes is cut at a character boundary and shown as
// "prefix"… (N bytes). The ellipsis and the length stay outside the quotes
// so that a cut string never reads as a whole one, even when the string
// itself contains "…".
func quote(s string) string {
	const max = 64
	if len(s) <= max {
		return strconv.Quote(s)
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "… (" + strconv.Itoa(len(s)) + " bytes)"
}
