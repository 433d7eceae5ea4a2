package holders

import (
	"errors"
	"strconv"
	"strings"
)

// The kinds of by-name access errors; test for them with errors.Is.
var (
	ErrUnknownProperty = errors.New("unknown property")
	ErrUnknownType     = errors.New("unknown portal type")
	ErrReadOnly        = errors.New("read-only property")
	ErrWrongType       = errors.New("wrong type")
	ErrInvalidValue    = errors.New("invalid value")
	ErrPermission      = errors.New("permission denied")
)

// PropertyError is an error about one property of an object.
type PropertyError struct {
	Type     string // portal type
	Property string // property id
	Err      error  // wraps one of the Err... values
}

// Error formats the error as `Person: property "x": unknown property`.
func (e *PropertyError) Error() string {
	return e.Type + ": property " + quote(e.Property) + ": " + e.Err.Error()
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
		b.WriteString(pe.Err.Error())
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

// quote quotes a property id for messages, keeping hostile ids short.
func quote(s string) string {
	const max = 64
	if len(s) > max {
		s = s[:max] + "…"
	}
	return strconv.Quote(s)
}
