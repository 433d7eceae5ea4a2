package bench

import (
	"reflect"
	"testing"
	"time"

	"github.com/accessorgen/accessorgen/bench/personpb"
	"github.com/accessorgen/accessorgen/examples/erp5/portaltype"
	"github.com/accessorgen/accessorgen/holders"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/dynamicpb"
)

// Every by-name benchmark reads or writes a different property on each
// iteration, in turn, so that branch prediction cannot learn one id; the
// loop is written out in each benchmark, since a call of a closure per
// iteration would cost as much as a typed getter. The non-inlined typed
// getter is the baseline of the whole run (cmd/ratio).

var (
	sink    int
	anySink any
)

//go:noinline
func typedGet(p *portaltype.Person) string { return p.FirstName() }

// personScalars are the scalar properties of Person that every alternative
// below has too; Value and GetProperty are also measured over every
// by-name property (lists and categories included).
var personScalars = []string{"first_name", "last_name", "title", "birthday", "child_count", "salary", "salary_range_min", "salary_range_max", "nickname", "gender", "preferred_currency", "reference", "description", "language", "creation_date"}

func filledPerson() *portaltype.Person {
	p := new(portaltype.Person)
	p.SetFirstName("Jean")
	p.SetLastName("Dupont")
	p.SetTitle("Jean Dupont")
	p.SetChildCount(2)
	p.SetSalary(4200.5)
	p.SetBirthday(time.Date(1980, 5, 17, 0, 0, 0, 0, time.UTC))
	p.SetReference("PER-1")
	p.SetCareerRoleList([]string{"engineer"})
	return p
}

// personMap is the same object as a map[string]any.
func personMap(p *portaltype.Person) map[string]any {
	m := map[string]any{}
	for _, id := range p.PropertyIDs() {
		v, _ := p.GetProperty(id)
		m[id] = v
	}
	return m
}

// PersonStruct is Person as a plain struct with exported fields, for
// reflection.
type PersonStruct struct {
	FirstName, LastName, Title          string
	Birthday, CreationDate              time.Time
	ChildCount                          int
	Salary, SalaryRangeMin, SalaryRange float64
	SalaryRangeMax                      float64
	Nickname, Gender, PreferredCurrency string
	Reference, Description, Language    string
}

// goNames maps personScalars to PersonStruct's field names.
var goNames = map[string]string{"first_name": "FirstName", "last_name": "LastName", "title": "Title", "birthday": "Birthday", "child_count": "ChildCount", "salary": "Salary", "salary_range_min": "SalaryRangeMin", "salary_range_max": "SalaryRangeMax", "nickname": "Nickname", "gender": "Gender", "preferred_currency": "PreferredCurrency", "reference": "Reference", "description": "Description", "language": "Language", "creation_date": "CreationDate"}

// accessorFuncs is the map of accessor functions a hand-written registry
// would hold.
var accessorFuncs = map[string]func(*portaltype.Person) any{
	"first_name": func(p *portaltype.Person) any { return p.FirstName() }, "last_name": func(p *portaltype.Person) any { return p.LastName() },
	"title": func(p *portaltype.Person) any { return p.Title() }, "birthday": func(p *portaltype.Person) any { return p.Birthday() },
	"child_count": func(p *portaltype.Person) any { return p.ChildCount() }, "salary": func(p *portaltype.Person) any { return p.Salary() },
	"salary_range_min": func(p *portaltype.Person) any { return p.SalaryRangeMin() }, "salary_range_max": func(p *portaltype.Person) any { return p.SalaryRangeMax() },
	"nickname": func(p *portaltype.Person) any { return p.Nickname() }, "gender": func(p *portaltype.Person) any { return p.Gender() },
	"preferred_currency": func(p *portaltype.Person) any { return p.PreferredCurrency() }, "reference": func(p *portaltype.Person) any { return p.Reference() },
	"description": func(p *portaltype.Person) any { return p.Description() }, "language": func(p *portaltype.Person) any { return p.Language() },
	"creation_date": func(p *portaltype.Person) any { return p.CreationDate() },
}

func personProto() *personpb.Person {
	return &personpb.Person{FirstName: "Jean", LastName: "Dupont", Title: "Jean Dupont", ChildCount: 2, Salary: 4200.5, Birthday: 327369600, Reference: "PER-1", CareerRole: []string{"engineer"}}
}

// tenChanges are ten scalar properties of Person: a list would make the
// typed setter copy it, an allocation that Edit and SetProperty both pay.
var tenChanges = map[string]any{
	"first_name": "a", "preferred_currency": "b", "title": "c", "child_count": 3, "salary": 1.5,
	"gender": "male", "reference": "R", "description": "d", "language": "fr", "salary_range_min": 1.0,
}

type change struct {
	id string
	v  any
}

// changeList is tenChanges in a fixed order.
func changeList(m map[string]any, order []string) []change {
	var out []change
	for _, id := range order {
		if v, ok := m[id]; ok {
			out = append(out, change{id, v})
		}
	}
	return out
}

// edits is changes as the arguments of an Edit.
func edits(changes []change) []holders.Change {
	out := make([]holders.Change, len(changes))
	for i, c := range changes {
		out[i] = holders.Change{ID: c.id, Value: c.v}
	}
	return out
}

func BenchmarkPerson(b *testing.B) {
	p := filledPerson()
	all := p.PropertyIDs()
	b.Run("TypedGetterNotInlined", func(b *testing.B) {
		for b.Loop() {
			sink += len(typedGet(p))
		}
	})
	b.Run("TypedGetterInlined", func(b *testing.B) {
		for b.Loop() {
			sink += len(p.FirstName())
		}
	})
	b.Run("TypedSetter", func(b *testing.B) {
		for b.Loop() {
			p.SetFirstName("Jean")
		}
	})
	b.Run("ValueAll", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(all) {
				i = 0
			}
			id := all[i]
			v, _ := p.Value(id)
			sink += int(v.Kind())
		}
	})
	b.Run("ValueScalars", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(personScalars) {
				i = 0
			}
			id := personScalars[i]
			v, _ := p.Value(id)
			sink += int(v.Kind())
		}
	})
	b.Run("GetPropertyAnyAll", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(all) {
				i = 0
			}
			id := all[i]
			anySink, _ = p.GetProperty(id)
		}
	})
	b.Run("GetPropertyAnyScalars", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(personScalars) {
				i = 0
			}
			id := personScalars[i]
			anySink, _ = p.GetProperty(id)
		}
	})
	b.Run("HasPropertyAll", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(all) {
				i = 0
			}
			id := all[i]
			if p.HasProperty(id) {
				sink++
			}
		}
	})
	values := map[string]any{}
	for _, id := range personScalars {
		v, _ := p.GetProperty(id)
		values[id] = v
	}
	values["gender"], values["language"] = "male", "fr" // selections: an allowed value
	var writable []string                               // not read-only, and not document.Person's own setter
	for _, id := range personScalars {
		if info, _ := p.TypeInfo().Property(id); !info.ReadOnly && id != "last_name" {
			writable = append(writable, id)
		}
	}
	b.Run("SetPropertyOne", func(b *testing.B) {
		var v any = "Jean"
		for b.Loop() {
			if p.SetProperty("first_name", v) != nil {
				b.Fatal("set failed")
			}
		}
	})
	sets := changeList(values, writable)
	b.Run("SetPropertyScalars", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(sets) {
				i = 0
			}
			if p.SetProperty(sets[i].id, sets[i].v) != nil {
				b.Fatal("set failed: ", sets[i].id)
			}
		}
	})
	ten := changeList(tenChanges, all)
	b.Run("SetPropertyTen", func(b *testing.B) {
		for b.Loop() {
			for _, c := range ten {
				if p.SetProperty(c.id, c.v) != nil {
					b.Fatal("set failed")
				}
			}
		}
	})
	tenEdits := edits(ten)
	b.Run("EditTen", func(b *testing.B) {
		for b.Loop() {
			if p.Edit(tenEdits...) != nil {
				b.Fatal("edit failed")
			}
		}
	})
	b.Run("EditMapTen", func(b *testing.B) {
		for b.Loop() {
			if p.EditMap(tenChanges) != nil {
				b.Fatal("edit failed")
			}
		}
	})
	b.Run("RangeMapTen", func(b *testing.B) { // what EditMap cannot avoid: ranging over its argument
		for b.Loop() {
			for id, v := range tenChanges {
				sink += len(id)
				anySink = v
			}
		}
	})
	b.Run("NewByNamePlusTenSets", func(b *testing.B) {
		for b.Loop() {
			o, _ := portaltype.New("Person")
			p := o.(*portaltype.Person)
			p.SetFirstName("a")
			p.SetPreferredCurrency("b")
			p.SetTitle("c")
			p.SetChildCount(3)
			p.SetSalary(1.5)
			p.SetReference("R")
			p.SetDescription("d")
			p.SetNickname("n")
			p.SetSalaryRangeMin(1)
			p.SetSalaryRangeMax(2)
			sink += p.ChildCount()
		}
	})

	// The alternatives.
	m := personMap(p)
	b.Run("MapAnyGet", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(personScalars) {
				i = 0
			}
			id := personScalars[i]
			anySink = m[id]
		}
	})
	b.Run("MapAnySet", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(sets) {
				i = 0
			}
			m[sets[i].id] = sets[i].v
		}
	})
	b.Run("MapAnyNewPlusTenSets", func(b *testing.B) {
		for b.Loop() {
			m := map[string]any{}
			for _, c := range ten {
				m[c.id] = c.v
			}
			sink += len(m)
		}
	})
	b.Run("AccessorFuncMapGet", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(personScalars) {
				i = 0
			}
			id := personScalars[i]
			anySink = accessorFuncs[id](p)
		}
	})
	s := &PersonStruct{FirstName: "Jean", LastName: "Dupont", Title: "Jean Dupont", ChildCount: 2, Salary: 4200.5}
	b.Run("ReflectFieldByName", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(personScalars) {
				i = 0
			}
			id := personScalars[i]
			anySink = reflect.ValueOf(s).Elem().FieldByName(goNames[id]).Interface()
		}
	})
	fieldIndex := map[string]int{}
	for id, name := range goNames {
		f, _ := reflect.TypeFor[PersonStruct]().FieldByName(name)
		fieldIndex[id] = f.Index[0]
	}
	b.Run("ReflectCachedIndex", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(personScalars) {
				i = 0
			}
			id := personScalars[i]
			anySink = reflect.ValueOf(s).Elem().Field(fieldIndex[id]).Interface()
		}
	})
	pb := personProto()
	b.Run("ProtoReflectByName", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(personScalars) {
				i = 0
			}
			id := personScalars[i]
			m := pb.ProtoReflect()
			v := m.Get(m.Descriptor().Fields().ByName(protoreflect.Name(id)))
			if v.IsValid() {
				sink++
			}
		}
	})
	fds := map[string]protoreflect.FieldDescriptor{}
	fields := pb.ProtoReflect().Descriptor().Fields()
	for i := range fields.Len() {
		fds[string(fields.Get(i).Name())] = fields.Get(i)
	}
	b.Run("ProtoReflectCachedDescriptor", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(personScalars) {
				i = 0
			}
			id := personScalars[i]
			v := pb.ProtoReflect().Get(fds[id])
			if v.IsValid() {
				sink++
			}
		}
	})
	b.Run("ProtoSetByName", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if i == len(sets) {
				i = 0
			}
			m := pb.ProtoReflect()
			fd := m.Descriptor().Fields().ByName(protoreflect.Name(sets[i].id))
			m.Set(fd, protoValue(fd, sets[i].v))
		}
	})
	md := pb.ProtoReflect().Descriptor()
	b.Run("DynamicpbNewPlusTenSets", func(b *testing.B) {
		for b.Loop() {
			m := dynamicpb.NewMessage(md)
			for _, c := range ten {
				fd := md.Fields().ByName(protoreflect.Name(c.id))
				m.Set(fd, protoValue(fd, c.v))
			}
			anySink = m
		}
	})
}

// protoValue converts a by-name value of Person to the protobuf field's
// kind, as a by-name setter over protobuf-go has to.
func protoValue(fd protoreflect.FieldDescriptor, v any) protoreflect.Value {
	switch x := v.(type) {
	case int:
		return protoreflect.ValueOfInt64(int64(x))
	case time.Time:
		return protoreflect.ValueOfInt64(x.Unix())
	case float64:
		return protoreflect.ValueOfFloat64(x)
	}
	return protoreflect.ValueOf(v)
}

var _ holders.Object = (*portaltype.Person)(nil)
