// Package holders is the user's, not accessorgen's runtime.
package holders

// Object is not holders.Object of the runtime.
type Object interface{}
