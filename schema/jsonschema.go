package schema

import (
	"encoding/json"
	"slices"

	"github.com/accessorgen/accessorgen/holders"
)

// JSON Schema (draft-07, what yaml-language-server reads) of the schema
// files and of the config. Each mapping's keys come from the same lists the
// loader checks; keySpecs gives each key's value type and a description,
// and a test checks that every list and keySpecs agree, so the JSON Schema
// accepts exactly the keys the loader does.

type obj = map[string]any

// Value shapes.
var (
	jsString   = obj{"type": "string"}
	jsNonEmpty = obj{"type": "string", "minLength": 1}
	jsBool     = obj{"type": "boolean"}
	jsInt      = obj{"type": "integer"}
	// jsItem is a string of a list: the loader refuses one that is empty
	// or only spaces.
	jsItem = obj{"type": "string", "pattern": `\S`}
	// jsUniqueList is a list of strings (or one string): the loader
	// refuses an item listed twice in every such list; jsNonEmptyList,
	// one it also refuses empty.
	jsUniqueList   = uniqueItems(jsItem)
	jsNonEmptyList = obj{"anyOf": []any{jsItem, obj{"type": "array", "items": jsItem, "uniqueItems": true, "minItems": 1}}}
	// jsObjectID is an object id, as objectIDProblem checks it: a
	// category value's id or a sub-object an acquisition reads, one
	// segment of a relative URL, so not "." or "..".
	jsObjectID  = obj{"type": "string", "pattern": categoryID.String(), "not": obj{"enum": []any{".", ".."}}}
	jsStringMap = obj{"type": "object", "additionalProperties": jsString}
	// jsScalarMap is a mapping to any scalar: the loader keeps an
	// unsupported item's fields as the text YAML read.
	jsScalarMap = obj{"type": "object", "additionalProperties": obj{"anyOf": []any{
		jsString, obj{"type": "number"}, jsBool, obj{"type": "null"}}}}
)

// uniqueItems is one item, or a list of them in which the loader refuses
// one listed twice.
func uniqueItems(item obj) obj {
	return obj{"anyOf": []any{item, obj{"type": "array", "items": item, "uniqueItems": true}}}
}

func ref(name string) obj { return obj{"$ref": "#/definitions/" + name} }

func list(item any) obj { return obj{"type": "array", "items": item} }

// uniqueList is a list of mappings in which the loader refuses one listed
// twice.
func uniqueList(item any) obj { return obj{"type": "array", "items": item, "uniqueItems": true} }

func withDoc(v obj, doc string) obj {
	out := obj{"description": doc}
	for k, x := range v {
		out[k] = x
	}
	return out
}

// keySpecs describes, per mapping, each key's value and meaning.
// The keys every generated package's mapping has (holders, types).
var (
	jsOutputDir     = withDoc(jsNonEmpty, "The package's directory, relative to the config file.")
	jsOutputPackage = withDoc(jsNonEmpty, "Its Go package name.")
)

var keySpecs = map[string]map[string]obj{
	"sheet": {
		"kind":        {"const": KindPropertySheet},
		"name":        withDoc(jsNonEmpty, "The sheet's name; its holder type is <Name>Holder."),
		"description": withDoc(jsString, "Copied into doc comments."),
		"extends":     withDoc(jsBool, "With layers: add to a lower layer's definition instead of replacing it."),
		"properties":  withDoc(list(ref("property")), "The sheet's properties, in order."),
		"categories":  withDoc(jsUniqueList, "Base categories this sheet gives accessors for."),
		"constraints": withDoc(list(ref("constraint")), "Consistency checks (docs/constraints.md)."),
		"unsupported": withDoc(list(ref("unsupported")), "What an import could not translate."),
	},
	"property": {
		"id":                 withDoc(jsNonEmpty, "The by-name key and the source of the Go name."),
		"type":               withDoc(obj{"enum": typeNames()}, "The property's type."),
		"description":        withDoc(jsString, "Doc comment text."),
		"default":            obj{"description": "The value an unset property reads as, of the property's type."},
		"multivalued":        withDoc(jsBool, "A list of the type."),
		"range":              withDoc(jsBool, "Adds <id>_range_min and <id>_range_max."),
		"mode":               withDoc(obj{"enum": []string{"r", "rw"}}, "r: refused by SetProperty and Edit."),
		"storage_id":         withDoc(jsString, "ERP5's storage attribute name."),
		"read_permission":    withDoc(jsNonEmpty, "Permission for by-name reads through a Guard."),
		"write_permission":   withDoc(jsNonEmpty, "Permission for by-name writes through a Guard."),
		"values":             withDoc(jsUniqueList, "Allowed values of a selection."),
		"portal_type":        withDoc(jsUniqueList, "For type content: the sub-object's portal types."),
		"content_properties": withDoc(jsUniqueList, "For type content: properties of the sub-object with flattened accessors."),
		"acquisition":        ref("acquisition"),
	},
	"acquisition": {
		"base_category": withDoc(jsUniqueList, "Categories acquired through."),
		"portal_type":   withDoc(jsUniqueList, "Portal types acquired from."),
		"accessor":      withDoc(jsNonEmpty, "The property read on the other object."),
		"mask_value":    withDoc(jsBool, "The local value wins."),
		"copy_value":    withDoc(jsBool, "Store the acquired value locally."),
		"alt_accessor":  withDoc(jsUniqueList, "Properties of the object itself tried next."),
		"object_id":     withDoc(uniqueItems(jsObjectID), "Sub-objects tried first: object ids."),
	},
	"type": {
		"kind":                  {"const": KindPortalType},
		"name":                  withDoc(jsNonEmpty, "The portal type's name; spaces allowed."),
		"description":           withDoc(jsString, "Copied into doc comments."),
		"property_sheets":       withDoc(jsUniqueList, "Holders in order: the first wins."),
		"base_categories":       withDoc(jsUniqueList, "Categories of the type itself."),
		"groups":                withDoc(jsUniqueList, "ERP5's type groups."),
		"allowed_content_types": withDoc(jsUniqueList, "Portal types of sub-objects."),
		"type_class":            withDoc(jsNonEmpty, "The hand-written Go document type."),
		"mixins":                withDoc(jsUniqueList, "Go types embedded after holders.Base."),
		"dynamic_categories":    withDoc(uniqueList(ref("dynamic")), "Functions giving base categories when generating."),
		"unsupported":           withDoc(list(ref("unsupported")), "What an import could not translate."),
		"location":              withDoc(jsNonEmpty, "The type's registry entry (docs/registry.md)."),
		"aliases":               withDoc(uniqueList(ref("alias")), "Other registry paths to the entry."),
		"registered":            withDoc(obj{"const": false}, "false: the type has no location on purpose."),
	},
	"dynamic": {
		"func": withDoc(jsNonEmpty, "A function of the documents package."),
	},
	"base": {
		"kind":        {"const": KindBaseCategory},
		"name":        withDoc(jsNonEmpty, "The base category's id."),
		"title":       withDoc(jsString, "Default: the name."),
		"description": withDoc(jsString, "Documentation."),
		"values":      withDoc(ref("tree"), "The category tree: id → node."),
		"unsupported": withDoc(list(ref("unsupported")), "What an import could not translate."),
	},
	"category": {
		"title":       withDoc(jsString, "Default: the id."),
		"description": withDoc(jsString, "Documentation."),
		"values":      withDoc(ref("tree"), "Sub-categories."),
	},
	"service": {
		"kind":        {"const": KindService},
		"location":    withDoc(jsNonEmpty, "The entry's dotted path."),
		"func":        withDoc(jsNonEmpty, "The constructor, in the documents package."),
		"description": withDoc(jsString, "Documentation."),
		"aliases":     withDoc(uniqueList(ref("alias")), "Other paths to the entry."),
	},
	"alias": {
		"path":       withDoc(jsNonEmpty, "The other path."),
		"deprecated": withDoc(jsString, "What to use instead."),
	},
	"unsupported": {
		"item":   withDoc(jsNonEmpty, "The item's id in the source."),
		"kind":   withDoc(jsString, "What the item is in the source."),
		"reason": withDoc(jsNonEmpty, "Why it was not translated."),
		"source": withDoc(jsString, "The file it came from."),
		"fields": withDoc(jsScalarMap, "Its raw fields."),
	},
	"constraint": {
		"kind":            withDoc(obj{"enum": kindNames()}, "The constraint kind (docs/constraints.md)."),
		"id":              withDoc(jsNonEmpty, "ERP5's reference; unique in the sheet."),
		"description":     withDoc(jsString, "Documentation."),
		"message":         withDoc(jsNonEmpty, "Replaces the text of every message."),
		"messages":        withDoc(jsStringMap, "Replaces the text of one message id."),
		"condition":       ref("condition"),
		"property":        withDoc(jsNonEmptyList, "The property checked."),
		"properties":      withDoc(jsNonEmptyList, "The properties checked."),
		"regex":           withDoc(jsNonEmpty, "Go RE2 syntax, matched at the start of the value; leave it out for the default."),
		"value":           obj{"description": "The value the property must have."},
		"values":          withDoc(obj{"type": "array", "items": obj{}, "minItems": 1}, "Values the property must not hold."),
		"base_category":   withDoc(jsNonEmptyList, "The base categories checked."),
		"portal_type":     withDoc(jsUniqueList, "Portal types of the related objects or sub-objects."),
		"use_acquisition": withDoc(jsBool, "Memberships may come from containers."),
		"min":             withDoc(obj{"type": "integer", "minimum": 0}, "Fewest memberships."),
		"max":             withDoc(obj{"type": "integer", "minimum": 0}, "Most memberships."),
		"func":            withDoc(jsNonEmpty, "A function of the documents package."),
		"method":          withDoc(jsNonEmpty, "An exported method of the type's document."),
	},
	"condition": {
		"portal_type": withDoc(jsUniqueList, "The portal types the constraint applies to."),
		"membership":  withDoc(jsUniqueList, "Relative URLs with their base category."),
		"func":        withDoc(jsNonEmpty, "A predicate of the documents package."),
	},
	"config": {
		"schema":    withDoc(jsNonEmptyList, "Schema directories, relative to the config file."),
		"layers":    withDoc(obj{"type": "array", "items": ref("layer"), "minItems": 1}, "Schema directories with a name and a priority."),
		"holders":   ref("output"),
		"types":     ref("types"),
		"documents": withDoc(jsNonEmpty, "The hand-written documents package: ./dir or an import path."),
	},
	"layer": {
		"name":     withDoc(jsNonEmpty, "The layer's name."),
		"priority": withDoc(jsInt, "Higher wins."),
		"dir":      withDoc(jsNonEmpty, "Its schema directory."),
	},
	"output": {
		"dir":     jsOutputDir,
		"package": jsOutputPackage,
	},
	"types": {
		"dir":               jsOutputDir,
		"package":           jsOutputPackage,
		"types_per_package": withDoc(obj{"type": "integer", "minimum": 1}, "Split the portal types over internal packages of about this many types, which the types package aliases."),
	},
}

// loaderKeys are the key lists the loader checks, by keySpecs name; for
// constraints, the common keys and every kind's own.
func loaderKeys() map[string][]string {
	constraint := slices.Clone(constraintKeys)
	for _, k := range holders.ConstraintKinds {
		for _, key := range kindKeys[k] {
			if !slices.Contains(constraint, key) {
				constraint = append(constraint, key)
			}
		}
	}
	return map[string][]string{
		"sheet": sheetKeys, "property": propertyKeys, "acquisition": acquisitionKeys, "type": typeKeys,
		"dynamic": dynamicKeys, "base": baseCategoryKeys, "category": categoryKeys, "service": serviceKeys,
		"alias": aliasKeys, "unsupported": unsupportedKeys, "constraint": constraint, "condition": conditionKeys,
		"config": configKeys, "layer": layerKeys, "output": outputKeys, "types": typesKeys,
	}
}

// object is the JSON Schema of a mapping with exactly keys.
func object(spec string, keys []string, required ...string) obj {
	props := obj{}
	for _, k := range keys {
		props[k] = keySpecs[spec][k]
	}
	o := obj{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

// JSONSchema returns the JSON Schema of a schema file's documents (config
// false) or of accessorgen.yaml (config true), indented, deterministic.
func JSONSchema(config bool) []byte {
	defs := obj{
		"property":    object("property", propertyKeys, "id", "type"),
		"acquisition": object("acquisition", acquisitionKeys),
		"dynamic":     object("dynamic", dynamicKeys, "func"),
		"alias":       obj{"anyOf": []any{jsNonEmpty, object("alias", aliasKeys, "path")}},
		"unsupported": object("unsupported", unsupportedKeys, "item", "reason"),
		"condition":   object("condition", conditionKeys),
		"tree": obj{"type": "object", "propertyNames": jsObjectID, "additionalProperties": obj{"anyOf": []any{
			obj{"type": "null"}, jsString, object("category", categoryKeys)}}},
		"layer":  object("layer", layerKeys, "name", "priority", "dir"),
		"output": object("output", outputKeys, "dir"),
		"types":  object("types", typesKeys, "dir"),
	}
	// A constraint's keys depend on its kind: one if/then per kind.
	var kinds []any
	for _, k := range holders.ConstraintKinds {
		keys := append(slices.Clone(constraintKeys), kindKeys[k]...)
		if k == holders.Script {
			// The loader knows the key, to say why it is refused: a
			// Script's messages are the ones its method returns.
			keys = slices.DeleteFunc(keys, func(key string) bool { return key == "messages" })
		}
		kinds = append(kinds, obj{
			"if":   obj{"properties": obj{"kind": obj{"const": string(k)}}, "required": []string{"kind"}},
			"then": object("constraint", keys, "kind"),
		})
	}
	defs["constraint"] = obj{"type": "object", "required": []string{"kind"},
		"properties": obj{"kind": keySpecs["constraint"]["kind"]}, "allOf": kinds}

	root := obj{"$schema": "http://json-schema.org/draft-07/schema#", "definitions": defs}
	if config {
		root["$id"] = "https://github.com/accessorgen/accessorgen/config.schema.json"
		root["title"] = "accessorgen config (accessorgen.yaml)"
		for k, v := range object("config", configKeys, "holders", "types") {
			root[k] = v
		}
		// The schema directories are a list or layers, never both.
		root["oneOf"] = []any{obj{"required": []string{"schema"}}, obj{"required": []string{"layers"}}}
	} else {
		root["$id"] = "https://github.com/accessorgen/accessorgen/schema.schema.json"
		root["title"] = "accessorgen schema document"
		docs := []struct{ kind, spec string }{{KindPropertySheet, "sheet"}, {KindPortalType, "type"}, {KindBaseCategory, "base"}, {KindService, "service"}}
		var branches []any
		for _, d := range docs {
			keys := loaderKeys()[d.spec]
			required := []string{"kind", "name"}
			if d.kind == KindService {
				required = []string{"kind", "location", "func"}
			}
			defs[d.spec] = object(d.spec, keys, required...)
			branches = append(branches, obj{
				"if":   obj{"properties": obj{"kind": obj{"const": d.kind}}, "required": []string{"kind"}},
				"then": ref(d.spec),
			})
		}
		root["type"] = "object"
		root["required"] = []string{"kind"}
		root["properties"] = obj{"kind": obj{"enum": documentKinds()}}
		root["allOf"] = branches
	}
	data, err := json.MarshalIndent(root, "", "  ")
	if err != nil {
		panic(err) // only maps, slices and strings: cannot fail
	}
	return append(data, '\n')
}

// documentKinds lists the document kinds, for the kind enum.
func documentKinds() []string { return slices.Clone(kinds) }
