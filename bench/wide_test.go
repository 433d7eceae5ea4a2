package bench

import (
	"testing"

	"github.com/accessorgen/accessorgen/bench/wide/portaltype"
	"github.com/accessorgen/accessorgen/bench/wide/widepb"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// The synthetic type of 150 properties (package wide): by-name access
// must stay cheap when the switches have 150 cases.

func filledWide(b *testing.B) (*portaltype.Type0000, []change) {
	w := new(portaltype.Type0000)
	var all []change
	for i, id := range w.PropertyIDs() {
		var v any
		switch info, _ := w.TypeInfo().Property(id); info.Type {
		case "string":
			v = "value " + id
		case "int":
			v = i
		case "float":
			v = float64(i) / 2
		case "boolean":
			v = i%2 == 0
		case "lines":
			v = []string{id}
		}
		if err := w.SetProperty(id, v); err != nil {
			b.Fatal(err)
		}
		all = append(all, change{id, v})
	}
	return w, all
}

func BenchmarkWide(b *testing.B) {
	w, all := filledWide(b)
	ids := w.PropertyIDs()
	var scalars []change
	for _, c := range all {
		if _, ok := c.v.([]string); !ok {
			scalars = append(scalars, c)
		}
	}
	b.Run("ValueAll", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(ids) {
				i = 0
			}
			v, _ := w.Value(ids[i])
			sink += int(v.Kind())
		}
	})
	b.Run("GetPropertyAnyAll", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(ids) {
				i = 0
			}
			anySink, _ = w.GetProperty(ids[i])
		}
	})
	b.Run("HasPropertyAll", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(ids) {
				i = 0
			}
			if w.HasProperty(ids[i]) {
				sink++
			}
		}
	})
	b.Run("SetPropertyScalars", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(scalars) {
				i = 0
			}
			if w.SetProperty(scalars[i].id, scalars[i].v) != nil {
				b.Fatal("set failed")
			}
		}
	})
	ten := scalars[:0:0]
	tenMap := map[string]any{}
	for k := range 10 {
		c := scalars[k*len(scalars)/10]
		ten = append(ten, c)
		tenMap[c.id] = c.v
	}
	b.Run("SetPropertyTen", func(b *testing.B) {
		for b.Loop() {
			for _, c := range ten {
				if w.SetProperty(c.id, c.v) != nil {
					b.Fatal("set failed")
				}
			}
		}
	})
	tenEdits := edits(ten)
	b.Run("EditTen", func(b *testing.B) {
		for b.Loop() {
			if w.Edit(tenEdits...) != nil {
				b.Fatal("edit failed")
			}
		}
	})
	b.Run("EditMapTen", func(b *testing.B) {
		for b.Loop() {
			if w.EditMap(tenMap) != nil {
				b.Fatal("edit failed")
			}
		}
	})
	b.Run("NewByNamePlusTenSets", func(b *testing.B) {
		for b.Loop() {
			o, _ := portaltype.New("Type 0000")
			w := o.(*portaltype.Type0000)
			w.SetField000000("a")
			w.SetField000001(1)
			w.SetField000002(2)
			w.SetField000003(true)
			w.SetField000004("b")
			w.SetField000100("c")
			w.SetField000101(3)
			w.SetField000102(4)
			w.SetField000103(false)
			w.SetField000104("d")
			sink += w.Field000001()
		}
	})

	m := map[string]any{}
	for _, c := range all {
		m[c.id] = c.v
	}
	b.Run("MapAnyGet", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(ids) {
				i = 0
			}
			anySink = m[ids[i]]
		}
	})
	pb := &widepb.Type0000{}
	b.Run("ProtoReflectByName", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(ids) {
				i = 0
			}
			m := pb.ProtoReflect()
			if m.Get(m.Descriptor().Fields().ByName(protoreflect.Name(ids[i]))).IsValid() {
				sink++
			}
		}
	})
}
