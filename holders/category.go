package holders

import (
	"cmp"
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// The functions below are what generated category accessors call. A
// membership is a relative URL stored without its base category:
// "europe/france" for base category region, "organisation_module/acme" for
// subordination. Base categories with a tree in the schema resolve their
// values at "<base>/<value>" and take titles from the static tree; others
// resolve their values at the URL itself.

// CategorySet returns list without repeated values, in order: ERP5's
// getRegionSet.
func CategorySet(list []string) []string {
	out := make([]string, 0, len(list))
	for _, v := range list {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// CategoryID returns the last segment of a membership: "france" for
// "europe/france".
func CategoryID(value string) string { return value[strings.LastIndexByte(value, '/')+1:] }

// valueURL is where a membership's object lives.
func valueURL(base, value string, tree bool) string {
	if tree {
		return base + "/" + value
	}
	return value
}

// CategoryValue resolves one membership through the context's Resolver;
// an empty membership gives nil and no error.
func CategoryValue(ctx context.Context, base, value string, tree bool) (Object, error) {
	if value == "" {
		return nil, nil
	}
	r, err := ResolverFrom(ctx)
	if err != nil {
		return nil, err
	}
	return r.Get(ctx, valueURL(base, value, tree))
}

// CategoryValueList resolves every membership, in order.
func CategoryValueList(ctx context.Context, base string, values []string, tree bool) ([]Object, error) {
	out := make([]Object, 0, len(values))
	for _, v := range values {
		obj, err := CategoryValue(ctx, base, v, tree)
		if err != nil {
			return nil, err
		}
		out = append(out, obj)
	}
	return out, nil
}

// IsNil reports whether obj is nil, or a nil pointer in an Object: a
// SetRegionValue(nil) clears region, as ERP5's setRegionValue(None) does,
// rather than call a method on no object.
func IsNil(obj Object) bool {
	if obj == nil {
		return true
	}
	v := reflect.ValueOf(obj)
	switch v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Interface, reflect.Chan:
		return v.IsNil()
	}
	return false
}

// Membership returns what SetRegionValue(obj) stores: obj's relative URL,
// without "<base>/" for a base category with a tree. A nil obj (see IsNil)
// gives "".
func Membership(obj Object, base string, tree bool) string {
	if IsNil(obj) {
		return ""
	}
	url := obj.RelativeURL()
	if tree {
		return strings.TrimPrefix(url, base+"/")
	}
	return url
}

// Memberships applies Membership to each object, leaving out nil objects
// (see IsNil): SetRegionValueList never stores an empty membership.
func Memberships(objs []Object, base string, tree bool) []string {
	out := make([]string, 0, len(objs))
	for _, obj := range objs {
		if !IsNil(obj) {
			out = append(out, Membership(obj, base, tree))
		}
	}
	return out
}

// TreeTitle returns the title of a membership of a base category with a
// tree, from the static table (sorted by path): no Resolver is needed. An
// empty membership has the title "".
func TreeTitle(table []CategoryInfo, base, value string) (string, error) {
	if value == "" {
		return "", nil
	}
	c, ok := findMember(table, base, value)
	if !ok {
		return "", fmt.Errorf("%w: %s is not in the %s tree", ErrNotFound, quote(value), base)
	}
	return c.Title, nil
}

// findMember is FindCategory(table, base+"/"+value) without building the
// path, which allocates when it is longer than 32 bytes.
func findMember(table []CategoryInfo, base, value string) (CategoryInfo, bool) {
	i := sort.Search(len(table), func(i int) bool { return comparePath(table[i].Path, base, value) >= 0 })
	if i < len(table) && comparePath(table[i].Path, base, value) == 0 {
		return table[i], true
	}
	return CategoryInfo{}, false
}

// comparePath compares path with base + "/" + value, as strings.Compare.
func comparePath(path, base, value string) int {
	n := min(len(path), len(base))
	if c := strings.Compare(path[:n], base[:n]); c != 0 {
		return c
	}
	if len(path) <= len(base) {
		return -1 // a prefix of base: shorter than base + "/" + value
	}
	if c := cmp.Compare(path[len(base)], '/'); c != 0 {
		return c
	}
	return strings.Compare(path[len(base)+1:], value)
}

// ObjectTitle returns the title of the object a membership points at: its
// "title" property when it has a non-empty one, else the last segment of
// its URL, as ERP5's getTitleOrId.
func ObjectTitle(ctx context.Context, base, value string) (string, error) {
	obj, err := CategoryValue(ctx, base, value, false)
	if err != nil || obj == nil {
		return "", err
	}
	if v, err := obj.Value("title"); err == nil && v.Str() != "" {
		return v.Str(), nil
	}
	return CategoryID(obj.RelativeURL()), nil
}

// RelatedValues returns the objects whose membership in base points at
// obj, through the context's Resolver.
func RelatedValues(ctx context.Context, obj Object, base string, tree bool) ([]Object, error) {
	r, err := ResolverFrom(ctx)
	if err != nil {
		return nil, err
	}
	if obj.RelativeURL() == "" {
		return nil, nil // an object not stored is no one's target
	}
	return r.Related(ctx, base, Membership(obj, base, tree))
}

// CheckTree reports ErrInvalidValue unless every value is a path of base's
// tree in table: by-name writes of tree categories are checked with it.
func CheckTree(table []CategoryInfo, base string, values []string) error {
	for _, v := range values {
		if _, ok := findMember(table, base, v); !ok || v == "" {
			return fmt.Errorf("%w: %s is not in the %s tree", ErrInvalidValue, quote(v), base)
		}
	}
	return nil
}

// CheckPath reports ErrInvalidValue unless path is a relative URL: one or
// more segments separated by "/", none of them empty (so no leading,
// trailing or doubled "/") and none "." or "..", which would name the
// current or the parent object (region/europe/.. is region itself), as the
// schema refuses them as category ids. Every membership a by-name write
// stores (ToCategories), and every URL and membership Memory stores, is
// checked with it; a Resolver of your own can check its URLs with it too.
// A valid path costs one scan and no allocation.
func CheckPath(path string) error {
	for rest := path; ; {
		seg, tail, more := strings.Cut(rest, "/")
		if seg == "" || seg == "." || seg == ".." {
			return badPath(path)
		}
		if !more {
			return nil
		}
		rest = tail
	}
}

// badPath is CheckPath's error, built out of line: why path is not a
// relative URL.
func badPath(path string) error {
	var why string
	switch {
	case path == "":
		why = "it is empty"
	case strings.HasPrefix(path, "/"):
		why = "it starts with /"
	case strings.HasSuffix(path, "/"):
		why = "it ends with /"
	case strings.Contains(path, "//"):
		why = "it has an empty segment (//)"
	default:
		for seg := range strings.SplitSeq(path, "/") {
			if seg == "." {
				why = `its segment "." names the current object`
				break
			}
			if seg == ".." {
				why = `its segment ".." names the parent object`
				break
			}
		}
	}
	return fmt.Errorf("%w: %s is not a relative URL: %s", ErrInvalidValue, quote(path), why)
}

// CheckPaths checks every path with CheckPath.
func CheckPaths(paths []string) error {
	for _, p := range paths {
		if err := CheckPath(p); err != nil {
			return err
		}
	}
	return nil
}

// ToCategories converts v to a category's memberships, as ToStrings, and
// checks each with CheckPath: the conversion of by-name writes to a
// category, with a tree or without, so that SetProperty, Edit and EditMap
// never store a malformed path.
func ToCategories(v any) ([]string, error) {
	l, err := ToStrings(v)
	if err != nil {
		return nil, err
	}
	if err := CheckPaths(l); err != nil {
		return nil, err
	}
	return l, nil
}
