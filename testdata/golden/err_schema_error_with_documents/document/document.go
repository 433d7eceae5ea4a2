package document

// Person is the document of portal type Person.
type Person struct{}

// Auditable is a mixin.
type Auditable struct{}

// Logger is a service.
type Logger struct{}

// NewLogger builds the log service.
func NewLogger() *Logger { return &Logger{} }
