// Package document has the constructors of the registry_hashed golden case.
package document

// Config is returned by value.
type Config struct{ Name string }

// NewConfig returns a value.
func NewConfig() Config { return Config{Name: "x"} }

// NewName returns a pointer, so that an alias's entry can be compared
// with its path's.
func NewName(c Config) *string { return &c.Name }

// NewPort returns a basic type, and may fail.
func NewPort(c Config) (int, error) { return 8080, nil }
