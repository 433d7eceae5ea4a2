// Package helper does not compile.
package helper

// Rank has a value of the wrong type.
var Rank int = "first"
