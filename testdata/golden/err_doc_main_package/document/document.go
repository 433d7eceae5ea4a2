package main

// Person is a document of a command.
type Person struct{}

func main() {}
