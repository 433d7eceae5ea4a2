package document

import "github.com/accessorgen/accessorgen/testdata/golden/err_doc_holder_path/accessorholder"

// Common embeds the Person holder.
type Common struct {
	accessorholder.PersonHolder
}

// Person embeds Common by pointer: a new Person has no holder.
type Person struct {
	*Common
}

// audited embeds the Audit holder, but is unexported.
type audited struct {
	accessorholder.AuditHolder
}

// Memo embeds the Audit holder through an unexported field.
type Memo struct {
	audited
}

// Note embeds the Person holder directly and through Common.
type Note struct {
	accessorholder.PersonHolder
	Common
}

// Left and Right both embed Common: Twin has the Person holder twice.
type Left struct{ Common }

// Right is Left's twin.
type Right struct{ Common }

// Twin embeds Left and Right.
type Twin struct {
	Left
	Right
}
