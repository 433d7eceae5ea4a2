package goldenrun_test

// These tests run the split_types golden case, whose portal types are
// split over internal packages that its types package aliases.

import (
	"context"
	"fmt"
	"testing"

	"github.com/accessorgen/accessorgen/holders"
	"github.com/accessorgen/accessorgen/testdata/golden/split_types/portaltype"
	"github.com/google/go-cmp/cmp"
)

func TestSplitTypesByName(t *testing.T) {
	tests := []struct {
		portalType, goType, id string
		value                  any
	}{
		{"Extra", "*part0.Extra", "text", "extra"},
		{"Folder", "*part1.Folder", "title", "box"},
		{"Lone", "*part2.Lone", "text", "lone"},
		{"Note", "*part0.Note", "text", "note"},
		{"Sheet", "*part1.Sheet", "width", 2.5},
	}
	for _, tt := range tests {
		t.Run(tt.portalType, func(t *testing.T) {
			o, err := portaltype.New(tt.portalType)
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprintf("%T", o); got != tt.goType {
				t.Errorf("New(%q) is a %s, want %s", tt.portalType, got, tt.goType)
			}
			if got := o.PortalType(); got != tt.portalType {
				t.Errorf("PortalType() = %q", got)
			}
			info, ok := portaltype.LookupType(tt.portalType)
			if !ok || info != o.TypeInfo() {
				t.Errorf("LookupType(%q) = %p, %v; want the object's TypeInfo %p", tt.portalType, info, ok, o.TypeInfo())
			}
			if err := o.SetProperty(tt.id, tt.value); err != nil {
				t.Fatal(err)
			}
			if got, err := o.GetProperty(tt.id); err != nil || got != tt.value {
				t.Errorf("GetProperty(%q) = %v, %v; want %v", tt.id, got, err, tt.value)
			}
		})
	}
	want := []string{"Extra", "Folder", "Lone", "Note", "Sheet"}
	if diff := cmp.Diff(want, portaltype.TypeNames()); diff != "" {
		t.Errorf("TypeNames() (-want +got):\n%s", diff)
	}
}

// TestSplitTypesAcrossPackages reads sub-objects and acquired values
// whose types are declared in another internal package, or in the same one.
func TestSplitTypesAcrossPackages(t *testing.T) {
	m := holders.NewMemory()
	folder := new(portaltype.Folder)
	folder.SetTitle("box")
	cover := new(portaltype.Sheet)
	cover.SetWidth(21)
	cover.SetSize(4)
	cover.SetParent("folders/1")
	memo := new(portaltype.Note)
	memo.SetText("hello")
	folder.SetParent("folders/1/cover")
	for url, obj := range map[string]holders.Object{"folders/1": folder, "folders/1/cover": cover, "folders/1/memo": memo} {
		if err := m.Put(url, obj); err != nil {
			t.Fatal(err)
		}
	}
	ctx := holders.WithResolver(context.Background(), m)
	var got []any
	for _, read := range []func() (any, error){
		func() (any, error) { return folder.MemoText(ctx) },   // a Note, in part0
		func() (any, error) { return folder.CoverWidth(ctx) }, // a Sheet, in part1 with Folder
		func() (any, error) { return folder.AcquireSize(ctx) },
		func() (any, error) { return cover.AcquireLabel(ctx) },
	} {
		v, err := read()
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	if diff := cmp.Diff([]any{"hello", 21.0, 4, "box"}, got); diff != "" {
		t.Errorf("reads across packages (-want +got):\n%s", diff)
	}
	if v, err := folder.MemoValue(ctx); err != nil || v != memo {
		t.Errorf("MemoValue() = %p, %v; want the note %p", v, err, memo)
	}
}
