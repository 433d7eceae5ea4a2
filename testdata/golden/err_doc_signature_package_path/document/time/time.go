// Package time is the user's, not the standard library's.
package time

// Time is not the standard time.Time.
type Time struct{}
