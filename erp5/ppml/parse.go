package ppml

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxDepth bounds the nesting of elements, so that hostile input fails with
// an error instead of exhausting the stack.
const maxDepth = 200

// node is an XML element as read, before it is given a meaning.
type node struct {
	name     string
	attrs    []xml.Attr
	children []*node
	text     strings.Builder
	off      int64 // byte offset of the start tag
}

func (n *node) attr(name string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Space == "" && a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// parser interprets the element tree of one file.
type parser struct {
	name string
	data []byte
	memo map[string]*Value // values with an id attribute, for <reference>
}

func (p *parser) errorf(n *node, format string, args ...any) error {
	line, col := lineCol(p.data, n.off)
	return &Error{File: p.name, Line: line, Col: col, Element: n.name, Msg: fmt.Sprintf(format, args...)}
}

// Parse parses the ppml document data; name is used in error messages.
func Parse(name string, data []byte) (*File, error) {
	p := &parser{name: name, data: data, memo: map[string]*Value{}}
	root, err := p.tree()
	if err != nil {
		return nil, err
	}
	if root.name != "ZopeData" {
		return nil, p.errorf(root, "the root element must be <ZopeData>")
	}
	if strings.TrimSpace(root.text.String()) != "" {
		return nil, p.errorf(root, "unexpected text %q", short(strings.TrimSpace(root.text.String())))
	}
	f := &File{Name: name}
	seen := map[string]bool{}
	for _, c := range root.children {
		if c.name != "record" {
			return nil, p.errorf(c, "expected <record> in <ZopeData>")
		}
		r, err := p.record(c)
		if err != nil {
			return nil, err
		}
		if seen[r.ID] {
			return nil, p.errorf(c, "duplicate record id %q", r.ID)
		}
		seen[r.ID] = true
		f.Records = append(f.Records, r)
	}
	if len(f.Records) == 0 {
		return nil, p.errorf(root, "no <record>")
	}
	return f, nil
}

// tree reads the XML into nodes, with the positions of their start tags.
func (p *parser) tree() (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(p.data))
	var stack []*node
	var root *node
	for {
		off := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var syn *xml.SyntaxError
			line, col := lineCol(p.data, d.InputOffset())
			if errors.As(err, &syn) {
				var r rune
				if _, scanErr := fmt.Sscanf(syn.Msg, "illegal character code U+%X", &r); scanErr == nil {
					// The decoder stops at the end of the text that holds
					// the character: point at the character itself.
					if i := bytes.LastIndex(p.data[:min(d.InputOffset(), int64(len(p.data)))], []byte(string(r))); int64(i) >= off {
						line, col = lineCol(p.data, int64(i))
						return nil, &Error{File: p.name, Line: line, Col: col, Msg: "malformed XML: " + syn.Msg}
					}
				}
				if syn.Line != line {
					col = 1 // the offset is on another line than the one the decoder names
				}
				return nil, &Error{File: p.name, Line: syn.Line, Col: col, Msg: "malformed XML: " + syn.Msg}
			}
			return nil, &Error{File: p.name, Line: line, Col: col, Msg: "malformed XML: " + err.Error()}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: t.Name.Local, attrs: t.Attr, off: off}
			if len(stack) >= maxDepth {
				return nil, p.errorf(n, "elements nested deeper than %d", maxDepth)
			}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, n)
			} else if root != nil {
				return nil, p.errorf(n, "a second root element")
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			} else if len(bytes.TrimSpace(t)) > 0 {
				line, col := lineCol(p.data, off)
				return nil, &Error{File: p.name, Line: line, Col: col, Msg: "text outside the root element"}
			}
		}
	}
	if root == nil {
		return nil, &Error{File: p.name, Line: 1, Col: 1, Msg: "no XML element"}
	}
	return root, nil
}

func (p *parser) record(n *node) (*Record, error) {
	id, ok := n.attr("id")
	if !ok || id == "" {
		return nil, p.errorf(n, "missing id attribute")
	}
	line, _ := lineCol(p.data, n.off)
	r := &Record{ID: id, OID: id, Line: line}
	if aka, ok := n.attr("aka"); ok {
		raw, err := base64.StdEncoding.DecodeString(aka)
		oid, ok := oidString(raw)
		if err != nil || !ok {
			return nil, p.errorf(n, "aka %q is not a base64 oid of 8 bytes", aka)
		}
		r.OID = oid
	}
	var pickles []*node
	for _, c := range n.children {
		if c.name != "pickle" {
			return nil, p.errorf(c, "expected <pickle> in <record>")
		}
		pickles = append(pickles, c)
	}
	if len(pickles) == 0 || len(pickles) > 2 {
		return nil, p.errorf(n, "a record has one or two <pickle>s, not %d", len(pickles))
	}
	vals := make([]*Value, len(pickles))
	for i, pk := range pickles {
		if len(pk.children) != 1 {
			return nil, p.errorf(pk, "a pickle holds one value, not %d", len(pk.children))
		}
		v, err := p.value(pk.children[0])
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	if len(vals) == 2 {
		r.Class, r.State = vals[0], vals[1]
	} else {
		r.State = vals[0]
	}
	return r, nil
}

// leaf checks that a scalar element has no child elements.
func (p *parser) leaf(n *node) error {
	if len(n.children) > 0 {
		return p.errorf(n, "unexpected element <%s> in a scalar", n.children[0].name)
	}
	return nil
}

// value interprets one value element.
func (p *parser) value(n *node) (*Value, error) {
	line, _ := lineCol(p.data, n.off)
	v := &Value{Line: line}
	text := n.text.String()
	if n.name != "reference" && n.name != "string" && n.name != "unicode" && n.name != "bytes" {
		if _, ok := n.attr("encoding"); ok {
			return nil, p.errorf(n, "encoding attribute on a non-string element")
		}
	}
	switch n.name {
	case "none":
		v.Kind = None
		if err := p.empty(n); err != nil {
			return nil, err
		}
	case "true", "false":
		v.Kind, v.Bool = Bool, n.name == "true"
		if err := p.empty(n); err != nil {
			return nil, err
		}
	case "bool":
		if err := p.leaf(n); err != nil {
			return nil, err
		}
		switch strings.TrimSpace(text) {
		case "1", "True":
			v.Kind, v.Bool = Bool, true
		case "0", "False":
			v.Kind = Bool
		default:
			return nil, p.errorf(n, "not a boolean: %q", short(text))
		}
	case "int", "long":
		if err := p.leaf(n); err != nil {
			return nil, err
		}
		t := strings.TrimSuffix(strings.TrimSpace(text), "L")
		i, err := strconv.ParseInt(t, 10, 64)
		if err != nil {
			return nil, p.errorf(n, "not a 64-bit integer: %q", short(text))
		}
		v.Kind, v.Int = Int, i
	case "float":
		if err := p.leaf(n); err != nil {
			return nil, err
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
		if err != nil {
			return nil, p.errorf(n, "not a float: %q", short(text))
		}
		v.Kind, v.Float = Float, f
	case "string", "unicode", "bytes":
		if err := p.leaf(n); err != nil {
			return nil, err
		}
		enc, _ := n.attr("encoding")
		s, err := decodeText(text, enc)
		if err != nil {
			return nil, p.errorf(n, "%v", err)
		}
		v.Kind, v.Str = String, s
		if n.name == "bytes" {
			v.Kind = Bytes
		}
	case "tuple", "list":
		v.Kind = Tuple
		if n.name == "list" {
			v.Kind = List
		}
		if err := p.noText(n); err != nil {
			return nil, err
		}
		for _, c := range n.children {
			item, err := p.value(c)
			if err != nil {
				return nil, err
			}
			v.Items = append(v.Items, item)
		}
	case "dictionary":
		v.Kind = Dict
		if err := p.dict(n, v); err != nil {
			return nil, err
		}
	case "global":
		if err := p.empty(n); err != nil {
			return nil, err
		}
		module, ok1 := n.attr("module")
		name, ok2 := n.attr("name")
		if !ok1 || !ok2 {
			return nil, p.errorf(n, "needs module and name attributes")
		}
		v.Kind, v.Str = Global, module+"\x00"+name
	case "persistent":
		if err := p.noText(n); err != nil {
			return nil, err
		}
		if len(n.children) != 1 {
			return nil, p.errorf(n, "holds one value, not %d", len(n.children))
		}
		ref, err := p.value(n.children[0])
		if err != nil {
			return nil, err
		}
		v.Kind, v.Items = Persistent, []*Value{ref}
		// The reference is an oid, or a tuple (oid, class).
		oid := ref
		if ref.IsSeq() && len(ref.Items) > 0 {
			oid = ref.Items[0]
		}
		if oid.IsText() {
			if s, ok := oidString([]byte(oid.Str)); ok {
				v.Str = s
			}
		}
	case "reference":
		if err := p.empty(n); err != nil {
			return nil, err
		}
		id, _ := n.attr("id")
		target, ok := p.memo[id]
		if !ok {
			return nil, p.errorf(n, "reference to id %q, which no earlier element has", id)
		}
		return target, nil
	default:
		return nil, p.errorf(n, "unknown element")
	}
	if id, ok := n.attr("id"); ok {
		// Registered once complete: a value may only refer to values read
		// before it, which keeps the tree free of cycles.
		p.memo[id] = v
	}
	return v, nil
}

// empty checks that an element has neither children nor text.
func (p *parser) empty(n *node) error {
	if err := p.leaf(n); err != nil {
		return err
	}
	return p.noText(n)
}

// noText checks that an element holds no text besides layout.
func (p *parser) noText(n *node) error {
	if t := strings.TrimSpace(n.text.String()); t != "" {
		return p.errorf(n, "unexpected text %q", short(t))
	}
	return nil
}

// dict reads <item><key>K</key><value>V</value></item> pairs.
func (p *parser) dict(n *node, v *Value) error {
	if err := p.noText(n); err != nil {
		return err
	}
	for _, item := range n.children {
		if item.name != "item" {
			return p.errorf(item, "expected <item> in <dictionary>")
		}
		if err := p.noText(item); err != nil {
			return err
		}
		if len(item.children) != 2 || item.children[0].name != "key" || item.children[1].name != "value" {
			return p.errorf(item, "an item holds a <key> and a <value>")
		}
		var kv [2]*Value
		for i, c := range item.children {
			if err := p.noText(c); err != nil {
				return err
			}
			if len(c.children) != 1 {
				return p.errorf(c, "holds one value, not %d", len(c.children))
			}
			x, err := p.value(c.children[0])
			if err != nil {
				return err
			}
			kv[i] = x
		}
		v.Keys = append(v.Keys, kv[0])
		v.Vals = append(v.Vals, kv[1])
	}
	return nil
}
