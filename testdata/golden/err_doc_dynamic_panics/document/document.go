package document

// Works returns a base category.
func Works() []string { return []string{"region"} }

// Panics panics.
func Panics() []string { panic("no categories today") }
