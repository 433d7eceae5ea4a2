package goldenrun_test

// These tests run the doc_embedded_holder golden case: a document that
// embeds its holders through a struct of its own. The portal type must
// store each holder once, where the document's methods read it, so that
// typed, by-name and document access agree and Edit puts back what a
// refused change had applied.

import (
	"errors"
	"testing"

	"github.com/accessorgen/accessorgen/holders"
	"github.com/accessorgen/accessorgen/testdata/golden/doc_embedded_holder/portaltype"
)

func TestEmbeddedHolderEdits(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*portaltype.Person) error
	}{
		{"Edit", func(o *portaltype.Person) error {
			return o.Edit(holders.Change{ID: "first_name", Value: "Ann"}, holders.Change{ID: "state", Value: "open"})
		}},
		{"EditMap", func(o *portaltype.Person) error {
			return o.EditMap(map[string]any{"first_name": "Ann", "state": "open"})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := new(portaltype.Person)
			if err := o.SetProperty("state", "closed"); err != nil {
				t.Fatal(err)
			}
			err := tc.edit(o)
			if err == nil {
				t.Fatal("reopening was accepted")
			}
			// Refused as it was applied, and put back: as any refused edit,
			// an *EditError, nothing changed.
			var ee *holders.EditError
			const want = `Person: edit refused, nothing changed: "state": closed persons cannot be reopened`
			if !errors.As(err, &ee) || err.Error() != want {
				t.Errorf("error %T %q; want an *holders.EditError %q", err, err, want)
			}
			if got := o.FirstName(); got != "" {
				t.Errorf("after a refused edit, FirstName() = %q; want it put back to \"\"", got)
			}
			if got, _ := o.GetProperty("first_name"); got != "" {
				t.Errorf("after a refused edit, GetProperty(first_name) = %q; want \"\"", got)
			}
		})
	}
}

func TestEmbeddedHolderIsShared(t *testing.T) {
	o := new(portaltype.Person)
	o.SetFirstName("Ann")
	if err := o.SetProperty("author", "Bob"); err != nil {
		t.Fatalf("SetProperty(author): %v", err)
	}
	if got := o.Greeting(); got != "Hello Ann by Bob" {
		t.Errorf("Greeting() = %q; want the values the type set", got)
	}
	for _, ov := range o.TypeInfo().Overrides {
		if ov.Method != "SetState" {
			t.Errorf("TypeInfo().Overrides lists %s (%s): only SetState is written by hand", ov.Method, ov.Pos)
		}
	}
}
