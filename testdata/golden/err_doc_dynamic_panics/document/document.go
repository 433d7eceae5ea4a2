package document

// Panics panics.
func Panics() []string { panic("no categories today") }
