package importer

import (
	"strings"
	"testing"
)

// An empty message_no_such_property carries no text, as an empty
// message_property_not_set does not: it must neither replace the
// message_property_not_set text nor make the constraint's message empty,
// whatever the order of the two in the pickle.
func TestEmptyNoSuchPropertyIgnored(t *testing.T) {
	const file = "erp5_fixture/PropertySheetTemplateItem/portal_property_sheets/Person/nickname_existence_constraint.xml"
	const given = `            <key> <string>message_no_such_property</string> </key>
            <value> <string>A nickname must be chosen</string> </value>`
	const notSet = `            <key> <string>message_property_not_set</string> </key>
            <value> <string>A nickname must be set</string> </value>`
	const empty = `            <key> <string>message_no_such_property</string> </key>
            <value> <string></string> </value>`
	const between = "\n        </item>\n        <item>\n"
	for name, repl := range map[string]string{
		"not set first": notSet + between + empty,
		"empty first":   empty + between + notSet,
		"empty alone":   empty,
	} {
		t.Run(name, func(t *testing.T) {
			files := importEdited(t, file, given, repl)
			for _, f := range files {
				if f.Path != "property_sheets/person.yaml" {
					continue
				}
				s := string(f.Data)
				if strings.Contains(s, "item: nickname_existence\n") {
					t.Errorf("the constraint is not imported:\n%s", s)
				}
				want := "message_property_not_set: A nickname must be set\n"
				if name == "empty alone" {
					want = "id: nickname_existence\n"
				}
				if !strings.Contains(s, want) {
					t.Errorf("person.yaml lacks %q:\n%s", want, s)
				}
			}
		})
	}
}
