// Package document holds the dynamic category functions of the case.
package document

// Fixed gives a category that fits.
func Fixed() []string { return []string{"color"} }

// Clash gives a category named like a property of the type.
func Clash() []string { return []string{"label"} }
