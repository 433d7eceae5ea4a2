// Package document holds the hand-written types of the doc_method_priority case.
package document

import (
	"context"
	"time"
)

// Note is a type of the documents package in signatures.
type Note struct{ Text string }

// Person is the document.
type Person struct{}

// Describe is the document's: it wins over Audit's.
func (p *Person) Describe() string { return "person" }

// Annotate has parameters and results of several packages, and is variadic.
func (p Person) Annotate(ctx context.Context, after time.Duration, notes ...*Note) (map[string][]Note, error) {
	return map[string][]Note{"person": {{Text: after.String()}}}, nil
}

// Audit is the first mixin.
type Audit struct{}

// Describe loses to the document's.
func (a *Audit) Describe() string { return "audit" }

// Annotate loses to the document's.
func (a *Audit) Annotate(ctx context.Context, after time.Duration, notes ...*Note) (map[string][]Note, error) {
	return nil, nil
}

// Stamp is Audit's: it wins over Extra's.
func (a *Audit) Stamp(at func(time.Time) bool, ch chan<- [2]int) {}

// Extra is the second mixin.
type Extra struct{}

// Stamp loses to Audit's.
func (Extra) Stamp(at func(time.Time) bool, ch chan<- [2]int) {}

// Only is Extra's alone: Go promotes it as it is.
func (Extra) Only() int { return 1 }
