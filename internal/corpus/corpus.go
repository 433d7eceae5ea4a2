// Package corpus finds the ERP5 corpus, ../shared/erp5 beside the module
// root, for the tests that read it. The corpus is not part of the project:
// tests skip with a message when it is absent.
package corpus

import (
	"os"
	"path/filepath"
)

// Dir returns the corpus directory and whether it exists. The module root is
// found by walking up from the current directory (a test's package
// directory) to the first go.mod.
func Dir() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
	c := filepath.Join(filepath.Dir(dir), "shared", "erp5")
	if fi, err := os.Stat(c); err != nil || !fi.IsDir() {
		return c, false
	}
	return c, true
}

// SkipMessage is the message of a test skipped for want of the corpus.
func SkipMessage(dir string) string {
	return "ERP5 corpus not found at " + dir + ": skipping (it is not part of the repository)"
}
