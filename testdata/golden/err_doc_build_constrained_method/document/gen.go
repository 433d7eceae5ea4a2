//go:build ignore

// A program of the directory's own (go run gen.go), not of the package.
package main

func main() {}
