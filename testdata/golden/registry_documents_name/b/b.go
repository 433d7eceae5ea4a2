// Package b is a documents package whose name is one the registry's
// generated code uses for itself (the construction in progress b, the
// result v, the view type building, the receiver r): its constructors must
// still be reached.
package b

import "github.com/accessorgen/accessorgen/holders"

// Logger has no dependency.
type Logger struct{}

// NewLogger returns a Logger.
func NewLogger() *Logger { return new(Logger) }

// Client needs the Logger and looks entries up.
type Client struct{}

// NewClient returns a Client, and may fail.
func NewClient(l *Logger, r holders.Registry) (*Client, error) { return new(Client), nil }
