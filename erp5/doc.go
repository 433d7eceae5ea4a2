// Package erp5 is the home of the ERP5 import: erp5/ppml reads Zope ppml
// XML pickles, erp5/importer translates business templates into accessorgen
// YAML. Its test is the scale test (docs/erp5.md): the whole ERP5 corpus
// imported, generated, built, vetted and exercised by name.
package erp5
