package document

import "context"

// Person is the document of portal type Person.
type Person struct{}

// CheckNames has the wrong signature for a Script constraint.
func (p *Person) CheckNames(ctx context.Context) error { return nil }

// IsEmployee has the wrong signature for a condition.
func IsEmployee(o any) bool { return true }
