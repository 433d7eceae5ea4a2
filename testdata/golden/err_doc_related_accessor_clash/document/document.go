package document

// Place is a document.
type Place struct{}

// RegionRelatedValueList has the name of the related accessor of region.
func (p *Place) RegionRelatedValueList() {}

// RegionRelatedValueList is a mixin named like the related accessor.
type RegionRelatedValueList struct{}
