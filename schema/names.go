package schema

import (
	"fmt"
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// initialisms are the words that Go style writes in capitals when they are
// part of an identifier (golint's list): property "uid" becomes UID(), not
// Uid(), and "url_string" becomes URLString().
var initialisms = map[string]bool{
	"acl": true, "api": true, "ascii": true, "cpu": true, "css": true, "dns": true,
	"eof": true, "guid": true, "html": true, "http": true, "https": true, "id": true,
	"ip": true, "json": true, "lhs": true, "qps": true, "ram": true, "rhs": true,
	"rpc": true, "sla": true, "smtp": true, "sql": true, "ssh": true, "tcp": true,
	"tls": true, "ttl": true, "udp": true, "ui": true, "uid": true, "uuid": true,
	"uri": true, "url": true, "utf8": true, "vm": true, "xml": true, "xmpp": true,
	"xsrf": true, "xss": true,
}

// GoName maps a schema name to an exported Go identifier: the name is split on
// '_' (and on spaces, for portal type names such as "Sale Order"), each part
// gets a capital first letter (or all capitals for an initialism such as "id"
// or "url"), and the parts are joined. "first_name" and "firstName" both give
// "FirstName"; the validator reports such collisions.
func GoName(name string, allowSpaces bool) (string, error) {
	if name == "" {
		return "", fmt.Errorf("empty name")
	}
	for _, r := range name {
		switch {
		case r == '_', unicode.IsLetter(r), unicode.IsDigit(r):
		case r == ' ' && allowSpaces:
		default:
			what := "letters, digits and '_'"
			if allowSpaces {
				what = "letters, digits, '_' and spaces"
			}
			return "", fmt.Errorf("name %q has the character %q: use only %s", name, r, what)
		}
	}
	if allowSpaces && (strings.HasPrefix(name, " ") || strings.HasSuffix(name, " ") || strings.Contains(name, "  ")) {
		// " Foo" and "Foo  Bar" would be other names than "Foo" and
		// "Foo Bar" for New and the tables, yet give the same Go name.
		return "", fmt.Errorf("name %q has a space at its start or end, or two in a row: separate words with one space", name)
	}
	var b strings.Builder
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == '_' || r == ' ' }) {
		if initialisms[strings.ToLower(part)] {
			b.WriteString(strings.ToUpper(part))
			continue
		}
		r, size := utf8.DecodeRuneInString(part)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(part[size:])
	}
	id := b.String()
	first, _ := utf8.DecodeRuneInString(id)
	switch {
	case id == "":
		return "", fmt.Errorf("name %q has no letters or digits", name)
	case !unicode.IsLetter(first):
		return "", fmt.Errorf("name %q must start with a letter to become a Go identifier", name)
	case !token.IsExported(id):
		return "", fmt.Errorf("name %q does not map to an exported Go identifier (%s)", name, id)
	}
	return id, nil
}

// FileName maps a Go identifier to the lower-case, underscore-separated stem
// of a generated file name: "DublinCore" gives "dublin_core", "URLString"
// gives "url_string".
func FileName(goName string) string {
	runes := []rune(goName)
	var b strings.Builder
	for i, r := range runes {
		if unicode.IsUpper(r) && i > 0 {
			prev := runes[i-1]
			nextLower := i+1 < len(runes) && unicode.IsLower(runes[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// validPackageName reports whether name can be a Go package name.
func validPackageName(name string) error {
	if !token.IsIdentifier(name) {
		if token.IsKeyword(name) {
			return fmt.Errorf("package name %q is a Go keyword", name)
		}
		return fmt.Errorf("%q is not a valid Go package name", name)
	}
	if name == "_" {
		return fmt.Errorf("%q is not a valid Go package name", name)
	}
	return nil
}
