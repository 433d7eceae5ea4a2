package document

type person struct{}

var _ = person{}
