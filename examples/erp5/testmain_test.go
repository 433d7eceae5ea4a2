package main

import (
	"os"
	"testing"
)

// TestMain turns run stamps off: TestRegenerateFromScratch generates
// temporary copies, whose stamps would only fill the user's cache.
func TestMain(m *testing.M) {
	os.Setenv("ACCESSORGEN_CACHE", "off")
	os.Exit(m.Run())
}
