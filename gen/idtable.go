package gen

import (
	"github.com/accessorgen/accessorgen/holders"
	"github.com/dave/jennifer/jen"
)

// idTableLit renders t as a composite literal: static data.
func idTableLit(t holders.IDTable) jen.Code {
	if len(t.Index) == 0 {
		return rt("IDTable").Values()
	}
	disp := make([]jen.Code, len(t.Disp))
	for i, v := range t.Disp {
		disp[i] = jen.Lit(int(v))
	}
	index := make([]jen.Code, len(t.Index))
	for i, v := range t.Index {
		index[i] = jen.Lit(int(v))
	}
	d := jen.Dict{
		jen.Id("Seed"):  jen.Lit(int(t.Seed)),
		jen.Id("Disp"):  jen.Index().Uint16().Values(disp...),
		jen.Id("Index"): jen.Index().Uint32().Values(index...),
	}
	if t.Ends {
		d[jen.Id("Ends")] = jen.True()
	}
	return rt("IDTable").Values(d)
}
