package main

import (
	"context"
	"testing"

	"github.com/accessorgen/accessorgen/examples/erp5/portaltype"
	"github.com/accessorgen/accessorgen/holders"
)

// These benchmarks cover what an application does beyond by-name access:
// acquisition, constraint checks and type introspection, on a small store.

// employee returns a stored person working for a stored organisation,
// which has an address, and a context carrying the store.
func employee() (context.Context, *portaltype.Person, *portaltype.Organisation) {
	store := holders.NewMemory()
	ctx := holders.WithResolver(context.Background(), store)
	acme := new(portaltype.Organisation)
	acme.SetCorporateName("Acme SA")
	acme.SetRegion("europe/france")
	acme.SetReference("ORG-1")
	office := new(portaltype.Address)
	office.SetCity("Lyon")
	p := new(portaltype.Person)
	p.SetLastName("Dupont")
	p.SetSubordination("organisation_module/acme")
	p.SetCareerRoleList([]string{"engineer"})
	p.SetReference("PER-1")
	p.SetEmployeeNumber("E-0042")
	for url, o := range map[string]holders.Object{"organisation_module/acme": acme, "organisation_module/acme/default_address": office, "person_module/1": p} {
		if err := store.Put(url, o); err != nil {
			panic(err)
		}
	}
	return ctx, p, acme
}

var sinkString string

func BenchmarkAcquireLocal(b *testing.B) {
	ctx, p, _ := employee()
	p.SetPreferredCurrency("CHF")
	for b.Loop() {
		sinkString, _ = p.AcquirePreferredCurrency(ctx)
	}
}

func BenchmarkAcquireRemote(b *testing.B) {
	ctx, p, _ := employee()
	for b.Loop() {
		sinkString, _ = p.AcquirePreferredCurrency(ctx)
	}
}

func BenchmarkAcquireContent(b *testing.B) {
	ctx, p, _ := employee()
	for b.Loop() {
		sinkString, _ = p.DefaultAddressCity(ctx)
	}
}

func BenchmarkCheckConsistency(b *testing.B) {
	ctx, p, acme := employee()
	for b.Loop() {
		sink += len(p.CheckConsistency(ctx)) + len(acme.CheckConsistency(ctx))
	}
}

func BenchmarkMRO(b *testing.B) {
	ti := new(portaltype.Person).TypeInfo()
	for b.Loop() {
		sink += len(ti.MRO())
	}
}
