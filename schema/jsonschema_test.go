package schema

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// Every mapping's keys in the JSON Schema are exactly the loader's.
func TestJSONSchemaKeysMatchLoader(t *testing.T) {
	for spec, keys := range loaderKeys() {
		var specKeys []string
		for k := range keySpecs[spec] {
			specKeys = append(specKeys, k)
		}
		sort.Strings(specKeys)
		want := slices.Clone(keys)
		sort.Strings(want)
		if !slices.Equal(specKeys, want) {
			t.Errorf("%s: keySpecs has %v, the loader accepts %v", spec, specKeys, want)
		}
	}
	for spec := range keySpecs {
		if _, ok := loaderKeys()[spec]; !ok {
			t.Errorf("keySpecs describes %s, which the loader does not read", spec)
		}
	}
}

// The JSON Schema is valid JSON, deterministic, and agrees with the loader
// on real files and on small documents, accepted or refused.
func TestJSONSchemaAgreesWithLoader(t *testing.T) {
	docSchema, cfgSchema := jsonSchemas(t)
	if string(JSONSchema(false)) != string(JSONSchema(false)) {
		t.Fatal("JSONSchema is not deterministic")
	}
	// Every schema file of the examples and of the generation goldens is
	// accepted: they compile.
	files, _ := filepath.Glob("../examples/*/schema/*.yaml")
	configs, _ := filepath.Glob("../examples/*/accessorgen.yaml")
	files = append(files, configs...)
	more, _ := filepath.Glob("../examples/*/project/*.yaml")
	files = append(files, more...)
	cases, _ := filepath.Glob("../testdata/golden/*")
	for _, c := range cases {
		if _, err := os.Stat(filepath.Join(c, "stderr")); err == nil {
			continue
		}
		found, _ := filepath.Glob(filepath.Join(c, "*.yaml"))
		sub, _ := filepath.Glob(filepath.Join(c, "*", "*.yaml"))
		files = append(files, found...)
		files = append(files, sub...)
	}
	if len(files) < 10 {
		t.Fatalf("found only %d schema files", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := docSchema
		if filepath.Base(f) == DefaultConfig {
			s = cfgSchema
		}
		for i, doc := range documents(t, data) {
			if err := validate(s, s, doc, ""); err != nil {
				t.Errorf("%s, document %d: the loader accepts it, the JSON Schema refuses it: %v", f, i+1, err)
			}
		}
	}
	// Small documents: the loader and the JSON Schema agree on keys.
	tests := []struct {
		doc    string
		accept bool
	}{
		{"kind: PropertySheet\nname: A\nproperties: [{id: x, type: string}]", true},
		{"kind: PropertySheet\nname: A\ncolour: red", false},
		{"kind: PropertySheet\nname: A\nproperties: [{id: x, type: string, multivalue: true}]", false},
		{"kind: PropertySheet\nname: A\nproperties: [{id: x, type: strin}]", false},
		{"kind: PropertySheet\nname: A\nproperties: [{id: x, type: string}]\nconstraints: [{kind: PropertyExistence, properties: [x]}]", true},
		{"kind: PropertySheet\nname: A\nproperties: [{id: x, type: string}]\nconstraints: [{kind: PropertyExistence, regex: a, properties: [x]}]", false},
		{"kind: PropertySheet\nname: A\nproperties: [{id: x, type: string}]\nconstraints: [{kind: StringAttributeMatch, regex: a, property: x}]", true},
		{"kind: PropertySheet\nname: A\nconstraints: [{kind: Nope}]", false},
		{"kind: PortalType\nname: A\nlocation: a.b", true},
		{"kind: PortalType\nname: A\nplace: a.b", false},
		{"kind: BaseCategory\nname: a\nvalues: {x: X, y: {title: Y, values: {z: ~}}}", true},
		{"kind: BaseCategory\nname: a\nvalues: {x: {tittle: X}}", false},
		{"kind: Service\nlocation: a.b\nfunc: F", true},
		{"kind: Service\nlocation: a.b\nfunc: F\nname: x", false},
		{"kind: Widget\nname: a", false},
	}
	for _, tt := range tests {
		_, err := Compile([]File{{Name: "t.yaml", Data: []byte(tt.doc)}})
		// Refusals that are not about the shape (unknown names) do not
		// count: only compare where the loader's verdict is about keys.
		loaderAccepts := err == nil || !strings.Contains(err.Error(), "unknown")
		if loaderAccepts != tt.accept {
			t.Errorf("loader on %q: accepts=%v (%v), want %v", tt.doc, loaderAccepts, err, tt.accept)
		}
		doc := documents(t, []byte(tt.doc))[0]
		if got := validate(docSchema, docSchema, doc, "") == nil; got != tt.accept {
			t.Errorf("JSON Schema on %q: accepts=%v, want %v", tt.doc, got, tt.accept)
		}
	}
}

// jsonSchemas decodes the JSON Schemas of schema files and of the config.
func jsonSchemas(t *testing.T) (doc, config map[string]any) {
	t.Helper()
	if err := json.Unmarshal(JSONSchema(false), &doc); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(JSONSchema(true), &config); err != nil {
		t.Fatal(err)
	}
	return doc, config
}

// documents decodes a YAML stream into JSON-like values.
func documents(t *testing.T, data []byte) []any {
	t.Helper()
	var out []any
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	for {
		var v any
		if err := dec.Decode(&v); err != nil {
			break
		}
		if v != nil {
			out = append(out, v)
		}
	}
	return out
}

// validate checks v against the subset of JSON Schema draft-07 that
// JSONSchema uses. root resolves $ref.
func validate(root, s map[string]any, v any, at string) error {
	if r, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(r, "#/definitions/")
		return validate(root, root["definitions"].(map[string]any)[name].(map[string]any), v, at)
	}
	if c, ok := s["const"]; ok && fmt.Sprint(c) != fmt.Sprint(v) {
		return fmt.Errorf("%s: %v is not %v", at, v, c)
	}
	if e, ok := s["enum"].([]any); ok && !slices.ContainsFunc(e, func(x any) bool { return fmt.Sprint(x) == fmt.Sprint(v) }) {
		return fmt.Errorf("%s: %v is not one of %v", at, v, e)
	}
	if not, ok := s["not"].(map[string]any); ok && validate(root, not, v, at) == nil {
		return fmt.Errorf("%s: %v matches what is excluded", at, v)
	}
	if any_, ok := s["anyOf"].([]any); ok {
		var errs []string
		for _, b := range any_ {
			err := validate(root, b.(map[string]any), v, at)
			if err == nil {
				errs = nil
				break
			}
			errs = append(errs, err.Error())
		}
		if errs != nil {
			return fmt.Errorf("%s: no alternative matches: %s", at, strings.Join(errs, "; "))
		}
	}
	if one, ok := s["oneOf"].([]any); ok {
		matches := 0
		for _, b := range one {
			if validate(root, b.(map[string]any), v, at) == nil {
				matches++
			}
		}
		if matches != 1 {
			return fmt.Errorf("%s: %d of the oneOf alternatives match, not one", at, matches)
		}
	}
	if all, ok := s["allOf"].([]any); ok {
		for _, b := range all {
			if err := validate(root, b.(map[string]any), v, at); err != nil {
				return err
			}
		}
	}
	if cond, ok := s["if"].(map[string]any); ok && validate(root, cond, v, at) == nil {
		if err := validate(root, s["then"].(map[string]any), v, at); err != nil {
			return err
		}
	}
	switch s["type"] {
	case "string":
		str, ok := v.(string)
		if !ok {
			return fmt.Errorf("%s: %v is not a string", at, v)
		}
		if n, ok := s["minLength"].(float64); ok && len(str) < int(n) {
			return fmt.Errorf("%s: empty string", at)
		}
		if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
			return fmt.Errorf("%s: %q does not match %s", at, str, p)
		}
	case "number":
		switch v.(type) {
		case int, float64:
		default:
			return fmt.Errorf("%s: %v is not a number", at, v)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("%s: %v is not a boolean", at, v)
		}
	case "integer":
		if _, ok := v.(int); !ok {
			return fmt.Errorf("%s: %v is not an integer", at, v)
		}
	case "null":
		if v != nil {
			return fmt.Errorf("%s: %v is not null", at, v)
		}
	case "array":
		list, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%s: %v is not a list", at, v)
		}
		if n, ok := s["minItems"].(float64); ok && len(list) < int(n) {
			return fmt.Errorf("%s: fewer than %v items", at, n)
		}
		if unique, _ := s["uniqueItems"].(bool); unique {
			for i := range list {
				for j := range i {
					if fmt.Sprint(list[i]) == fmt.Sprint(list[j]) {
						return fmt.Errorf("%s: %v is listed twice", at, list[i])
					}
				}
			}
		}
		if items, ok := s["items"].(map[string]any); ok {
			for i, x := range list {
				if err := validate(root, items, x, fmt.Sprintf("%s[%d]", at, i)); err != nil {
					return err
				}
			}
		}
	case "object":
		if _, ok := v.(map[string]any); !ok {
			return fmt.Errorf("%s: %v is not a mapping", at, v)
		}
	}
	// Keywords of objects apply to mappings whatever the type says (an
	// if has properties and required but no type).
	if m, ok := v.(map[string]any); ok {
		props, _ := s["properties"].(map[string]any)
		if names, ok := s["propertyNames"].(map[string]any); ok {
			for k := range m {
				if err := validate(root, names, k, at+" key"); err != nil {
					return err
				}
			}
		}
		for _, r := range asStrings(s["required"]) {
			if _, ok := m[r]; !ok {
				return fmt.Errorf("%s: no %s", at, r)
			}
		}
		for k, x := range m {
			if p, ok := props[k].(map[string]any); ok {
				if err := validate(root, p, x, at+"."+k); err != nil {
					return err
				}
				continue
			}
			switch extra := s["additionalProperties"].(type) {
			case bool:
				if !extra {
					return fmt.Errorf("%s: unknown key %s", at, k)
				}
			case map[string]any:
				if err := validate(root, extra, x, at+"."+k); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func asStrings(v any) []string {
	var out []string
	if list, ok := v.([]any); ok {
		for _, x := range list {
			out = append(out, x.(string))
		}
	}
	return out
}

// On the shape of values, the loader and the JSON Schema agree exactly:
// each document is valid but for the value tested, so any error of the
// loader is a refusal the JSON Schema must make too.
func TestJSONSchemaAgreesOnValues(t *testing.T) {
	docSchema, cfgSchema := jsonSchemas(t)
	const sheet = "kind: PropertySheet\nname: A\n"
	const cfg = "holders: {dir: h}\ntypes: {dir: t}\n"
	// Documents after the first, which the JSON Schema does not see, that
	// the references of the first need.
	const typeB, baseR = "\n---\nkind: PortalType\nname: B", "\n---\nkind: BaseCategory\nname: r"
	tests := []struct {
		doc    string
		config bool
		accept bool
	}{
		{sheet + "properties: [{id: x, type: selection, values: a}]", false, true},
		{sheet + "properties: [{id: x, type: selection, values: [a, b]}]", false, true},
		{sheet + "properties: [{id: x, type: selection, values: \"\"}]", false, false},
		{sheet + "properties: [{id: x, type: string, mode: r}]", false, true},
		{sheet + "properties: [{id: x, type: string, mode: \"\"}]", false, false},
		{sheet + "properties: [{id: x, type: string, acquisition: {alt_accessor: y}}]", false, true},
		{sheet + "properties: [{id: x, type: string, acquisition: {alt_accessor: \"\"}}]", false, false},
		{sheet + "properties: [{id: x, type: string, acquisition: {alt_accessor: y, accessor: \"\"}}]", false, false},
		{sheet + "categories: \"\"", false, false},
		{sheet + "constraints: [{kind: Script, method: Check}]", false, true},
		{sheet + "constraints: [{kind: Script, method: Check, messages: {}}]", false, false},
		{sheet + "unsupported: [{item: x, reason: y, fields: {a: \"1\", b: 1, c: ~, d: true, e: 1.5}}]", false, true},
		{sheet + "unsupported: [{item: x, reason: y, fields: {a: [1]}}]", false, false},
		{"kind: PortalType\nname: A\ngroups: g", false, true},
		{"kind: PortalType\nname: A\ngroups: \"\"", false, false},
		{"kind: PortalType\nname: A\ntype_class: \"\"", false, false},
		{"kind: PortalType\nname: A\nlocation: \"\"", false, false},
		{"kind: Service\nlocation: \"\"\nfunc: F", false, false},
		{"kind: Service\nlocation: a.b\nfunc: F\naliases: [\"\"]", false, false},
		{"kind: PortalType\nname: A\nlocation: a.b\naliases: [\"\"]", false, false},
		{"kind: Service\nlocation: a.b\nfunc: F\naliases: [a.c, a.c]", false, false},
		{"kind: Service\nlocation: a.b\nfunc: F\naliases: [a.c, a.d]", false, true},
		{sheet + "categories: [r]\nconstraints: [{kind: CategoryExistence, base_category: []}]\n---\nkind: BaseCategory\nname: r", false, false},
		{sheet + "categories: [r]\nconstraints: [{kind: CategoryExistence, base_category: [r]}]\n---\nkind: BaseCategory\nname: r", false, true},
		// Blank items, lists the loader refuses empty, items listed twice.
		{sheet + "categories: \"  \"", false, false},
		{sheet + "categories: [r, \" \"]", false, false},
		{sheet + "categories: [r, r]\n---\nkind: BaseCategory\nname: r", false, false},
		{sheet + "properties: [{id: x, type: selection, values: [a, a]}]", false, false},
		{sheet + "properties: [{id: x, type: string}]\nconstraints: [{kind: PropertyExistence, properties: [x, x]}]", false, false},
		{sheet + "properties: [{id: x, type: string}]\nconstraints: [{kind: StringAttributeMatch, property: [x, x]}]", false, false},
		{sheet + "properties: [{id: x, type: string}]\nconstraints: [{kind: AttributeBlacklisted, property: x, values: []}]", false, false},
		{sheet + "properties: [{id: x, type: string}]\nconstraints: [{kind: PropertyExistence, properties: []}]", false, false},
		{sheet + "properties: [{id: x, type: string}]\nconstraints: [{kind: StringAttributeMatch, property: []}]", false, false},
		{sheet + "properties: [{id: x, type: string}]\nconstraints: [{kind: PropertyTypeValidity, properties: []}]", false, false},
		{sheet + "properties: [{id: x, type: string}]\nconstraints: [{kind: StringAttributeMatch, property: x, regex: ''}]", false, false},
		{sheet + "properties: [{id: x, type: string}]\nconstraints: [{kind: StringAttributeMatch, property: x, regex: '^a'}]", false, true},
		{sheet + "properties: [{id: x, type: string}]\nconstraints: [{kind: AttributeBlacklisted, property: x, values: [a]}]", false, true},
		{"kind: PortalType\nname: A\nproperty_sheets: [S, S]\n---\n" + sheet[:len(sheet)-2] + "S", false, false},
		{"kind: PortalType\nname: A\nbase_categories: [r, r]\n---\nkind: BaseCategory\nname: r", false, false},
		{"kind: PortalType\nname: A\nallowed_content_types: [A, A]", false, false},
		{"kind: PortalType\nname: A\ngroups: [g, g]", false, false},
		{"kind: PortalType\nname: A\nmixins: [M, M]", false, false},
		{"kind: PortalType\nname: A\ngroups: [g, \"\t\"]", false, false},
		{sheet + "properties: [{id: x, type: content, portal_type: [B]}]" + typeB, false, true},
		{sheet + "properties: [{id: x, type: content, portal_type: [B, B]}]" + typeB, false, false},
		{sheet + "properties: [{id: x, type: content, portal_type: B, content_properties: [y, y]}]" + typeB, false, false},
		{sheet + "properties: [{id: x, type: string, acquisition: {base_category: [r], portal_type: [B]}}]" + baseR + typeB, false, true},
		{sheet + "properties: [{id: x, type: string, acquisition: {base_category: [r, r], portal_type: [B]}}]" + baseR + typeB, false, false},
		{sheet + "properties: [{id: x, type: string, acquisition: {base_category: [r], portal_type: [B, B]}}]" + baseR + typeB, false, false},
		{sheet + "properties: [{id: x, type: string, acquisition: {alt_accessor: [y, y]}}]", false, false},
		{sheet + "properties: [{id: x, type: string, acquisition: {object_id: [y, y], portal_type: [B]}}]" + typeB, false, false},
		{sheet + "constraints: [{kind: CategoryExistence, base_category: [r, r]}]" + baseR, false, false},
		{sheet + "constraints: [{kind: CategoryMembershipArity, base_category: r, portal_type: [B], min: 1}]" + baseR + typeB, false, true},
		{sheet + "constraints: [{kind: CategoryMembershipArity, base_category: r, portal_type: [B, B], min: 1}]" + baseR + typeB, false, false},
		{sheet + "constraints: [{kind: Script, method: Check, condition: {portal_type: [B], membership: [r/a]}}]" + baseR + typeB, false, true},
		{sheet + "constraints: [{kind: Script, method: Check, condition: {portal_type: [B, B]}}]" + typeB, false, false},
		{sheet + "constraints: [{kind: Script, method: Check, condition: {membership: [r/a, r/a]}}]" + baseR, false, false},
		// Object ids: acquisition object_id items and category value ids.
		{sheet + "properties: [{id: x, type: string, acquisition: {object_id: [a.b-c_1, d], portal_type: [B]}}]" + typeB, false, true},
		{sheet + "properties: [{id: x, type: string, acquisition: {object_id: \"..\", portal_type: [B]}}]" + typeB, false, false},
		{sheet + "properties: [{id: x, type: string, acquisition: {object_id: [a, .], portal_type: [B]}}]" + typeB, false, false},
		{sheet + "properties: [{id: x, type: string, acquisition: {object_id: [a/b], portal_type: [B]}}]" + typeB, false, false},
		{sheet + "properties: [{id: x, type: string, acquisition: {object_id: [a b], portal_type: [B]}}]" + typeB, false, false},
		{"kind: BaseCategory\nname: r\nvalues: {eu-1.x_y: ~, ...: {values: {b: ~}}}", false, true},
		{"kind: BaseCategory\nname: r\nvalues: {..: ~}", false, false},
		{"kind: BaseCategory\nname: r\nvalues: {a/b: ~}", false, false},
		{"kind: BaseCategory\nname: r\nvalues: {a: {values: {.: ~}}}", false, false},
		{"kind: BaseCategory\nname: r\nvalues: {é: ~}", false, false},
		{"kind: PortalType\nname: A\ndynamic_categories: [{func: F}, {func: G}]", false, true},
		{"kind: PortalType\nname: A\ndynamic_categories: [{func: F}, {func: F}]", false, false},
		{"layers: []\n" + cfg, true, false},
		{"schema: []\n" + cfg, true, false},
		{"schema: [\" \"]\n" + cfg, true, false},
		{"schema: [s, s]\n" + cfg, true, false},
		{"schema: [s, t]\n" + cfg, true, true},
		{"schema: s\n" + cfg, true, true},
		{"layers: [{name: a, priority: 0x10, dir: s}]\n" + cfg, true, true},
		{"layers: [{name: a, priority: 1, dir: s}]\nschema: s\n" + cfg, true, false},
		{cfg, true, false},
		{"schema: \"\"\n" + cfg, true, false},
		{"schema: s\ndocuments: \"\"\n" + cfg, true, false},
		{"schema: s\nholders: {dir: h, package: \"\"}\ntypes: {dir: t}", true, false},
		{"schema: s\nholders: {dir: h}\ntypes: {dir: t, types_per_package: 1_000}", true, true},
	}
	for _, tt := range tests {
		var err error
		s := docSchema
		if tt.config {
			_, err = ParseConfig(DefaultConfig, []byte(tt.doc))
			s = cfgSchema
		} else {
			_, err = Compile([]File{{Name: "t.yaml", Data: []byte(tt.doc)}})
		}
		if got := err == nil; got != tt.accept {
			t.Errorf("loader on %q: accepts=%v (%v), want %v", tt.doc, got, err, tt.accept)
		}
		doc := documents(t, []byte(tt.doc))[0]
		if verr := validate(s, s, doc, ""); (verr == nil) != tt.accept {
			t.Errorf("JSON Schema on %q: accepts=%v (%v), want %v", tt.doc, verr == nil, verr, tt.accept)
		}
	}
}
