package document

// Unknown returns a base category the schema does not have.
func Unknown() []string { return []string{"colour"} }
