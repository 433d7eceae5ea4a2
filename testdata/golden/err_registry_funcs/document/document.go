package document

import "github.com/accessorgen/accessorgen/holders"

// A is built from B, which is built from C, which needs A: a cycle.
type A struct{}
type B struct{}
type C struct{}

func NewA(b *B) *A                     { return &A{} }
func NewB(c *C) (*B, error)            { return &B{}, nil }
func NewC(a *A, r holders.Registry) *C { return &C{} }

// Logger is returned by two services.
type Logger struct{}

func NewLogger() *Logger        { return &Logger{} }
func NewLogger2() *Logger       { return &Logger{} }
func NeedsLogger(l *Logger) int { return 0 }

// Missing needs a type no service returns.
type Missing struct{}

func NeedsMissing(m *Missing) string { return "" }

func TwoValues() (int, int)       { return 0, 0 }
func NoResult()                   {}
func Variadic(xs ...int) int      { return 0 }
func Unexported() unexportedThing { return unexportedThing{} }
func Literal() struct{ X int }    { return struct{ X int }{} }

type unexportedThing struct{}

// NotAFunc is a variable.
var NotAFunc = 1
