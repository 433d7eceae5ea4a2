// Package ppml reads Zope "ppml" XML pickles, the format in which ERP5
// business templates export their objects: a <ZopeData> element holding
// <record>s, each with two <pickle>s (the object's class, as a <global>, and
// its state). The values form a small typed tree: None, booleans, integers,
// floats, strings (with Python repr escaping, or encoded as cdata or base64),
// tuples, lists, dictionaries, globals, persistent references to other
// records and references to values seen earlier in the same record.
//
// Only the standard library's encoding/xml is used. Malformed input is an
// error naming the file, the line and column, and the element.
package ppml

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Kind is the kind of a Value.
type Kind int

// The kinds of values a pickle holds.
const (
	None       Kind = iota // <none/>
	Bool                   // <true/>, <false/>, <bool>
	Int                    // <int>, <long>
	Float                  // <float>
	String                 // <string>, <unicode>
	Bytes                  // <bytes>
	Tuple                  // <tuple>
	List                   // <list>
	Dict                   // <dictionary>
	Global                 // <global module="..." name="..."/>
	Persistent             // <persistent>: a reference to another record
)

var kindNames = [...]string{"none", "bool", "int", "float", "string", "bytes", "tuple", "list", "dictionary", "global", "persistent"}

// String returns the kind's element name.
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Value is a node of a pickle's value tree. Which fields are meaningful
// depends on Kind; Line is where the value's element starts in its file.
type Value struct {
	Kind  Kind
	Bool  bool
	Int   int64
	Float float64
	// Str is the decoded text of a String or Bytes, the "module.name" of a
	// Global, and the referenced record's oid (the decoded 8 bytes, as a
	// decimal string) of a Persistent whose reference is an oid.
	Str   string
	Items []*Value // elements of a Tuple or List; Persistent: the reference itself
	Keys  []*Value // keys of a Dict, in file order
	Vals  []*Value // values of a Dict, parallel to Keys
	Line  int
}

// Get returns the value of a Dict's string key, or nil.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Dict {
		return nil
	}
	for i, k := range v.Keys {
		if (k.Kind == String || k.Kind == Bytes) && k.Str == key {
			return v.Vals[i]
		}
	}
	return nil
}

// IsText reports whether v is a String or Bytes.
func (v *Value) IsText() bool { return v != nil && (v.Kind == String || v.Kind == Bytes) }

// IsSeq reports whether v is a Tuple or List.
func (v *Value) IsSeq() bool { return v != nil && (v.Kind == Tuple || v.Kind == List) }

// Record is one <record> of a file: a persistent object.
type Record struct {
	ID    string // the id attribute, unique in the file
	OID   string // the object id from the aka attribute (decimal), or the ID
	Class *Value // the first pickle: usually a Global
	State *Value // the second pickle: the object's state
	Line  int
}

// ClassName returns the name of the record's class ("Standard Property"),
// or "" when its first pickle does not name one.
func (r *Record) ClassName() string {
	_, name := r.class()
	return name
}

// ClassModule returns the module of the record's class, or "".
func (r *Record) ClassModule() string {
	module, _ := r.class()
	return module
}

// class reads the class pickle: a Global, a tuple (Global, args), or a
// tuple ((module, name), None), the three forms ppml writes.
func (r *Record) class() (module, name string) {
	c := r.Class
	if c == nil {
		return "", ""
	}
	if c.Kind == Tuple && len(c.Items) > 0 && c.Items[0].Kind == Global {
		c = c.Items[0]
	}
	if c.Kind == Global {
		module, name, _ = strings.Cut(c.Str, "\x00")
		return module, name
	}
	if c.Kind == Tuple && len(c.Items) > 0 && c.Items[0].Kind == Tuple && len(c.Items[0].Items) == 2 &&
		c.Items[0].Items[0].IsText() && c.Items[0].Items[1].IsText() {
		return c.Items[0].Items[0].Str, c.Items[0].Items[1].Str
	}
	return "", ""
}

// File is a parsed ppml file.
type File struct {
	Name    string
	Records []*Record
}

// Resolve returns the record a Persistent value points at.
func (f *File) Resolve(v *Value) (*Record, bool) {
	if v == nil || v.Kind != Persistent {
		return nil, false
	}
	for _, r := range f.Records {
		if r.OID == v.Str {
			return r, true
		}
	}
	return nil, false
}

// ReadFile parses the ppml file at name.
func ReadFile(name string) (*File, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return Parse(name, data)
}

// Error is a malformed-input error with its position.
type Error struct {
	File      string
	Line, Col int
	Element   string // the element being read, without brackets; "" when none
	Msg       string
}

// Error formats the error as "file:line:col: <element>: message".
func (e *Error) Error() string {
	if e.Element != "" {
		return fmt.Sprintf("%s:%d:%d: <%s>: %s", e.File, e.Line, e.Col, e.Element, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// oidString turns the 8 big-endian bytes of a ZODB oid into its decimal
// form, which is how records are numbered in their id attribute.
func oidString(b []byte) (string, bool) {
	if len(b) != 8 {
		return "", false
	}
	return strconv.FormatUint(binary.BigEndian.Uint64(b), 10), true
}

// Unescape decodes a string as ppml writes it: literal newlines are layout
// only (a real newline is written "\n"), and the rest follows Python's string
// literal escapes: \\ \' \" \n \r \t \a \b \f \v, octal \ooo, \xhh, \uhhhh
// and \Uhhhhhhhh. An unknown escape keeps its backslash, as Python does.
func Unescape(s string) (string, error) {
	s = strings.ReplaceAll(s, "\n", "")
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i+1 == len(s) {
			return "", fmt.Errorf("string ends with a lone backslash")
		}
		i++
		switch c = s[i]; c {
		case '\\', '\'', '"':
			b.WriteByte(c)
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i
			for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' {
				j++
			}
			n, _ := strconv.ParseUint(s[i:j], 8, 16)
			if n > 0xff {
				return "", fmt.Errorf("octal escape \\%s is out of range", s[i:j])
			}
			b.WriteByte(byte(n))
			i = j - 1
		case 'x', 'u', 'U':
			width := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
			if i+width >= len(s) {
				return "", fmt.Errorf("truncated \\%c escape", c)
			}
			n, err := strconv.ParseUint(s[i+1:i+1+width], 16, 32)
			if err != nil {
				return "", fmt.Errorf("bad \\%c escape %q", c, s[i-1:i+1+width])
			}
			if c == 'x' {
				// Python 2 str: \xhh is one byte.
				b.WriteByte(byte(n))
			} else {
				b.WriteRune(rune(n))
			}
			i += width
		default:
			b.WriteByte('\\')
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// decodeText decodes the character data of a string element with the given
// encoding attribute.
func decodeText(text, encoding string) (string, error) {
	switch encoding {
	case "":
		return Unescape(text)
	case "cdata":
		// The CDATA section is framed by blank lines, which Unescape drops
		// with every other literal newline.
		return Unescape(text)
	case "repr":
		t := strings.TrimSpace(strings.ReplaceAll(text, "\n", ""))
		t = strings.TrimPrefix(strings.TrimPrefix(t, "u"), "b")
		if len(t) < 2 || (t[0] != '\'' && t[0] != '"') || t[len(t)-1] != t[0] {
			return "", fmt.Errorf("repr-encoded string is not quoted: %q", short(text))
		}
		return Unescape(t[1 : len(t)-1])
	case "base64":
		raw, err := base64.StdEncoding.DecodeString(strings.Map(func(r rune) rune {
			if r == '\n' || r == '\r' || r == ' ' || r == '\t' {
				return -1
			}
			return r
		}, text))
		if err != nil {
			return "", fmt.Errorf("bad base64: %v", err)
		}
		return string(raw), nil
	}
	return "", fmt.Errorf("unknown encoding %q", encoding)
}

// short abbreviates s for an error message.
func short(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// lineCol converts a byte offset of data into a 1-based line and column.
func lineCol(data []byte, off int64) (int, int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}
