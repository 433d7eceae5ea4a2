// Package goldenrun has no code: its tests run the generated code of golden
// cases (testdata/golden), which they import.
//
// They live here rather than in gen because an import of a golden package
// makes it part of the importing package's build. When a change to the
// generator changes the API that generated code implements (a
// holders.Object method, say), the checked-in golden stops compiling; in
// gen's tests that would stop go test ./gen -update, the command that
// rewrites it. Here, only these tests fail until the goldens are updated.
package goldenrun
