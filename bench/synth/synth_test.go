package synth

import (
	"bytes"
	"strings"
	"testing"
)

func TestSmallSchema(t *testing.T) {
	s := Spec{Sheets: 2, Properties: 2, Types: 3, SheetsPerType: 2}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	files := s.YAML()
	want := map[string]string{
		"sheet0000.yaml": "kind: PropertySheet\nname: Sheet0000\nproperties:\n  - id: field_0000_00\n    type: string\n  - id: field_0000_01\n    type: int\n",
		"sheet0001.yaml": "kind: PropertySheet\nname: Sheet0001\nproperties:\n  - id: field_0001_00\n    type: string\n  - id: field_0001_01\n    type: int\n",
		"types.yaml": "kind: PortalType\nname: Type 0000\nproperty_sheets: [Sheet0000, Sheet0001]\n---\n" +
			"kind: PortalType\nname: Type 0001\nproperty_sheets: [Sheet0001, Sheet0000]\n---\n" +
			"kind: PortalType\nname: Type 0002\nproperty_sheets: [Sheet0000, Sheet0001]\n",
	}
	if len(files) != len(want) {
		t.Fatalf("%d files, want %d", len(files), len(want))
	}
	for name, w := range want {
		if got := string(files[name]); got != w {
			t.Errorf("%s:\n%s\nwant\n%s", name, got, w)
		}
	}
	proto := string(s.Proto("synth", "example.com/synth"))
	for _, w := range []string{"syntax = \"proto3\";", "message Type0001 {\n  string field_0001_00 = 1;\n  int64 field_0001_01 = 2;\n  string field_0000_00 = 3;\n  int64 field_0000_01 = 4;\n}\n"} {
		if !strings.Contains(proto, w) {
			t.Errorf("proto lacks %q:\n%s", w, proto)
		}
	}
}

func TestDeterministic(t *testing.T) {
	s := Spec{Sheets: 7, Properties: 9, Types: 5, SheetsPerType: 3}
	a, b := s.YAML(), s.YAML()
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
	if !bytes.Equal(s.Proto("p", "x/p"), s.Proto("p", "x/p")) {
		t.Error("the proto differs between two runs")
	}
}

func TestValidate(t *testing.T) {
	for _, s := range []Spec{{}, {Sheets: 1, Properties: 1, Types: 1, SheetsPerType: 2}} {
		if s.Validate() == nil {
			t.Errorf("%+v: no error", s)
		}
	}
}
