// Package document holds the hand-written code the constraints call.
package document

import (
	"context"
	"unicode"

	"github.com/accessorgen/accessorgen/holders"
)

// Person is the document of portal type Person.
type Person struct{}

// CheckNames is a Script constraint: a last name must start with a capital
// letter; with fix, it is capitalised.
func (p *Person) CheckNames(ctx context.Context, o holders.Object, fix bool) []holders.Message {
	name := lastName(o)
	if capitalised(name) {
		return nil
	}
	m := holders.Message{ID: "message_name_not_capitalised", Template: "Last name ${name} must start with a capital letter",
		Mapping: map[string]string{"name": name}}
	if fix {
		r := []rune(name)
		r[0] = unicode.ToUpper(r[0])
		m.Fixed = o.SetProperty("last_name", string(r)) == nil
	}
	return []holders.Message{m}
}

// lastName reads the last name by name: the document cannot import the
// generated types.
func lastName(o holders.Object) string {
	v, _ := o.Value("last_name")
	return v.Str()
}

// IsEmployee is a condition: only objects with a reference are employees.
func IsEmployee(ctx context.Context, o holders.Object) (bool, error) {
	v, err := o.Value("reference")
	return v.Str() != "", err
}

// NameIsShort is an Expression constraint: a last name has at most 20
// letters.
func NameIsShort(ctx context.Context, o holders.Object) (bool, error) {
	return len([]rune(lastName(o))) <= 20, nil
}

// capitalised reports whether s starts with an upper-case letter.
func capitalised(s string) bool {
	return s == "" || unicode.IsUpper([]rune(s)[0])
}
