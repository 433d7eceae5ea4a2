package goldenrun_test

// These tests run the registry of the registry_hashed golden case: more
// than 256 paths and aliases, so its Lookup finds a path with the perfect
// hash (holders.IDTable) rather than a switch, and two aliases of one
// length and the same first and last eight bytes, so the hash reads every
// byte of an id.

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/accessorgen/accessorgen/holders"
	"github.com/accessorgen/accessorgen/testdata/golden/registry_hashed/portaltype"
)

// TestHashedRegistryIsHashed keeps the other tests honest: the golden
// really takes the hash path, with every byte hashed.
func TestHashedRegistryIsHashed(t *testing.T) {
	src, err := os.ReadFile("../../testdata/golden/registry_hashed/portaltype/registry.go")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	if !strings.Contains(s, "var lookupIDs = holders.IDTable{") || strings.Contains(s, "func lookupIndex(") {
		t.Error("the registry_hashed golden does not find paths with a holders.IDTable")
	}
	if strings.Contains(s, "Ends:") {
		t.Error("the registry_hashed golden hashes only the ends of its ids; its two net.port aliases should prevent that")
	}
}

func TestHashedRegistryLookup(t *testing.T) {
	r := portaltype.NewRoot()
	locs := r.Locations()
	if len(locs) != 305 {
		t.Fatalf("Locations() has %d paths and aliases, want 305", len(locs))
	}
	known := map[string]bool{}
	for _, l := range locs {
		known[l.Path] = true
	}
	for _, l := range locs {
		v, err := r.Lookup(l.Path)
		if err != nil {
			t.Errorf("Lookup(%q): %v", l.Path, err)
			continue
		}
		if l.AliasOf == "" {
			continue
		}
		want, err := r.Lookup(l.AliasOf)
		if err != nil || v != want {
			t.Errorf("Lookup(%q) = %v, want %v, the entry of %q (%v)", l.Path, v, want, l.AliasOf, err)
		}
	}
	for _, l := range r.Locations() {
		if !l.Built {
			t.Errorf("%q is not built after its Lookup", l.Path)
		}
	}

	// The typed accessors and Lookup share one entry.
	name, err := r.Name()
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"name", "compat.name_000", "compat.name_149"} {
		if v, err := r.Lookup(path); err != nil || v != any(name) {
			t.Errorf("Lookup(%q) = %v, %v; want r.Name()'s %p", path, v, err, name)
		}
	}
	if port, err := r.Net().Port(); err != nil || port != 8080 {
		t.Errorf("Net().Port() = %v, %v", port, err)
	}

	// Ids near every path are refused: the hash sends each to some slot,
	// and only the comparison with that slot's path can refuse it.
	misses := []string{"", "x", "compat", "compat.", "net", "compat.config_150", "compat.v1.z.net.port"}
	for _, l := range locs {
		p := l.Path
		flipped := []byte(p)
		flipped[len(p)-1] ^= 1
		misses = append(misses, p+"x", "x"+p, p[:len(p)-1], p[1:], strings.ToUpper(p), string(flipped), p+"\x00")
	}
	for _, m := range misses {
		if known[m] {
			continue
		}
		v, err := r.Lookup(m)
		if v != nil || !errors.Is(err, holders.ErrUnknownLocation) {
			t.Errorf("Lookup(%q) = %v, %v; want ErrUnknownLocation", m, v, err)
		}
	}
}
