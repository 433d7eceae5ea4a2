package main

import (
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/accessorgen/accessorgen/examples/erp5/portaltype"
	"github.com/accessorgen/accessorgen/holders"
)

// These benchmarks compare by-name access on a generated type with its typed
// getter and with a map[string]any object, in the same run: read the
// results as ratios (go test -bench . -count 10 | benchstat). They avoid
// the properties document.Person overrides (a computed title, last names
// stored in capitals): that is hand-written code, with its own costs.

func filledPerson() *portaltype.Person {
	p := new(portaltype.Person)
	p.SetFirstName("Jean")
	p.SetTitle("Jean Dupont") // document.Person's Title then returns it as stored
	p.SetChildCount(2)
	p.SetSalary(4200.5)
	p.SetBirthday(time.Date(1980, 5, 17, 0, 0, 0, 0, time.UTC))
	p.SetReference("PER-1")
	return p
}

var sink int

//go:noinline
func typedGet(p *portaltype.Person) string { return p.FirstName() }

func BenchmarkTypedGetterNotInlined(b *testing.B) {
	p := filledPerson()
	for b.Loop() {
		sink += len(typedGet(p))
	}
}

// scalarIDs are the Person's scalar properties, read by name in turn.
var scalarIDs = []string{"first_name", "last_name", "title", "birthday", "child_count", "salary", "nickname", "gender", "reference", "description", "language", "creation_date"}

func BenchmarkValueByName(b *testing.B) {
	p := filledPerson()
	i := 0
	for b.Loop() {
		v, _ := p.Value(scalarIDs[i%len(scalarIDs)])
		sink += int(v.Kind())
		i++
	}
}

func BenchmarkGetPropertyAny(b *testing.B) {
	p := filledPerson()
	i := 0
	for b.Loop() {
		v, _ := p.GetProperty(scalarIDs[i%len(scalarIDs)])
		if v != nil {
			sink++
		}
		i++
	}
}

func BenchmarkMapAnyByName(b *testing.B) {
	m := map[string]any{}
	for _, id := range scalarIDs {
		m[id] = "x"
	}
	i := 0
	for b.Loop() {
		if m[scalarIDs[i%len(scalarIDs)]] != nil {
			sink++
		}
		i++
	}
}

func BenchmarkSetPropertyByName(b *testing.B) {
	p := filledPerson()
	var v any = "Jean"
	for b.Loop() {
		if p.SetProperty("first_name", v) != nil {
			b.Fatal("set failed")
		}
	}
}

// tenChanges are ten scalar properties with values of their types: a list
// would make the typed setter copy it, one allocation that both an Edit
// and SetProperty pay.
var tenChanges = map[string]any{
	"first_name": "a", "preferred_currency": "b", "title": "c", "child_count": 3, "salary": 1.5,
	"gender": "male", "reference": "R", "description": "d", "language": "fr", "salary_range_min": 1.0,
}

func BenchmarkEditTen(b *testing.B) {
	p := filledPerson()
	var changes []holders.Change
	for _, id := range slices.Sorted(maps.Keys(tenChanges)) {
		changes = append(changes, holders.Change{ID: id, Value: tenChanges[id]})
	}
	for b.Loop() {
		if p.Edit(changes...) != nil {
			b.Fatal("edit failed")
		}
	}
}

// BenchmarkEditMapTen is BenchmarkEditTen with the changes as a map.
func BenchmarkEditMapTen(b *testing.B) {
	p := filledPerson()
	for b.Loop() {
		if p.EditMap(tenChanges) != nil {
			b.Fatal("edit failed")
		}
	}
}

// BenchmarkSetPropertyTen is the baseline of BenchmarkEditTen: the same
// ten changes, one SetProperty call each.
func BenchmarkSetPropertyTen(b *testing.B) {
	p := filledPerson()
	type change struct {
		id string
		v  any
	}
	var changes []change
	for id, v := range tenChanges {
		changes = append(changes, change{id, v})
	}
	for b.Loop() {
		for _, c := range changes {
			if p.SetProperty(c.id, c.v) != nil {
				b.Fatal("set failed")
			}
		}
	}
}

func BenchmarkNewPlusTenSets(b *testing.B) {
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
		p.SetBirthday(time.Time{})
		p.SetCareerRoleList(nil)
		sink += p.ChildCount()
	}
}

var _ holders.Object = (*portaltype.Person)(nil)
