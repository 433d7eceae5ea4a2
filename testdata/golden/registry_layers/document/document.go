// Package document has the constructors of the registry_layers case.
package document

// Config is the configuration service.
type Config struct{ Name string }

// NewConfig is core's constructor.
func NewConfig() Config { return Config{Name: "core"} }

// NewProjectConfig is the project's constructor; it replaces core's.
func NewProjectConfig() Config { return Config{Name: "project"} }

// NewPort needs the configuration.
func NewPort(c Config) int { return 8080 }

// NewProxy is a service only the project has.
func NewProxy(port int) string { return "proxy" }
