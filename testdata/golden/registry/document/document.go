// Package document has constructors returning every kind of type generated
// code must name: pointers, values, maps, slices, interfaces and basic types.
package document

import (
	"io"
	"strings"

	"github.com/accessorgen/accessorgen/holders"
)

// Config is returned by value.
type Config struct{ Name string }

// NewConfig returns a value.
func NewConfig() Config { return Config{Name: "x"} }

// NewLimits returns a map, and may fail.
func NewLimits(c Config) (map[string]int, error) { return map[string]int{c.Name: 1}, nil }

// NewNames returns a slice.
func NewNames(r holders.Registry) []string { return nil }

// NewOutput returns an interface of another package.
func NewOutput(names []string) (io.Writer, error) { return &strings.Builder{}, nil }

// NewPort returns a basic type, and may fail.
func NewPort(l map[string]int, c Config) (int, error) { return 8080, nil }
