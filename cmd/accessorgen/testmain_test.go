package main

import (
	"os"
	"testing"
)

// TestMain turns run stamps off: these tests create many temporary
// projects, whose stamps would only fill the user's cache. The stamp
// tests of internal/driver, and TestStampCLI, set their own cache.
func TestMain(m *testing.M) {
	os.Setenv("ACCESSORGEN_CACHE", "off")
	os.Exit(m.Run())
}
