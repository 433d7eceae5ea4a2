//go:build audit

package document

// Stamp exists only with -tags audit.
func (a Audit) Stamp() {}
