package holders

import (
	"cmp"
	"fmt"
	"slices"
)

// IDTable maps a fixed set of strings (a registry's paths) to their
// indexes: a perfect hash (hash and displace) that accessorgen computes
// when generating and emits as static data, so it costs nothing at
// start-up and no code per string. A look-up hashes the string once, reads
// one displacement and one index, and the caller compares one string.
//
// A generated registry's Lookup uses it instead of a `switch` on the
// paths: a switch of 2,000 cases took longer to compile than the rest of
// the package and, with paths that share long prefixes, was slower than a
// map (docs/performance.md).
//
// Disp and Index have power-of-two lengths. Entries of Index that no
// string lands on hold any index: the caller's comparison refuses them.
type IDTable struct {
	Seed  uint64   // the seed of HashID
	Ends  bool     // hash only the length and the first and last eight bytes of ids over 16 bytes
	Disp  []uint16 // a displacement per bucket (the hash's high bits)
	Index []uint32 // indexes, at IDSlot positions
}

// HashID is the hash of IDTable: one round per eight bytes of id. It only
// has to tell apart one table's strings, for a seed that NewIDTable
// searches, so it is built for speed, not for strength; but no two
// strings may collide under every seed, or no table could be built. Each
// round shifts the state's high bits down before multiplying: a
// multiplication alone passes a difference in the top bit through
// unchanged, whatever the seed, and the next word could cancel it (found
// by FuzzIDTable).
func HashID(id string, seed uint64) uint64 {
	n := len(id)
	h := seed ^ uint64(n)*0x9e3779b97f4a7c15
	if n < 8 {
		var tail uint64
		for j := 0; j < n; j++ {
			tail |= uint64(id[j]) << (8 * j)
		}
		return round(h, tail)
	}
	for i := 0; i+8 < n; i += 8 {
		h = round(h, load64(id[i:]))
	}
	return round(h, load64(id[n-8:])) // the last eight bytes, overlapping
}

// round absorbs one word into the state. Its result's high bits are well
// mixed, its low bits not: idBucket and idSlot read the high bits.
func round(h, w uint64) uint64 {
	h ^= w
	h ^= h >> 32
	return h * 0xbf58476d1ce4e5b9
}

// candidate returns the table's hash of id and the only index id can
// have, or -1 while the table has no displacements (empty, or being built).
// The hash is HashID, or with Ends and an id longer than 16 bytes the same
// rounds over the length and the first and last eight bytes only (two
// rounds whatever the length; a registry's paths,
// area07.group03.service1234, differ there). Shorter ids are hashed whole:
// the same bytes, and no word read twice.
//
// The two-round hash is written here, not in a function of its own:
// it is over the inliner's budget, and as a call it made a look-up of
// 2,000 paths about 2 ns slower (docs/performance.md, "The registry's
// Lookup"). NewIDTable hashes through candidate too, so the table is built
// with the very hash that looks it up.
func (t *IDTable) candidate(id string) (h uint64, i int) {
	if n := len(id); t.Ends && n > 16 {
		h = round(round(t.Seed^uint64(n)*0x9e3779b97f4a7c15, load64(id)), load64(id[n-8:]))
	} else {
		h = HashID(id, t.Seed)
	}
	if len(t.Disp) == 0 {
		return h, -1
	}
	return h, int(t.Index[idSlot(h, t.Disp[idBucket(h, len(t.Disp))], len(t.Index))])
}

// load64 reads the first eight bytes of s, little-endian (one load).
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// idBucket is the bucket of a string whose hash is h, among n (a power of
// two).
func idBucket(h uint64, n int) int { return int(h>>40) & (n - 1) }

// idSlot is the position in an Index of size entries (a power of two) of
// a string whose hash is h, under its bucket's displacement d.
func idSlot(h uint64, d uint16, size int) int {
	// d is spread over every bit, and the shift brings the hash's high
	// bits down before the multiplication carries them up again: with d
	// in the low bits only, two ids whose hashes differ in the high bits
	// kept the same distance under every displacement (found by
	// FuzzIDTable).
	x := h ^ uint64(d)*0x9e3779b97f4a7c15
	x ^= x >> 29
	return int(x*0xbf58476d1ce4e5b9>>32) & (size - 1)
}

// Candidate returns the only index id can have, or -1 for an empty
// table; the caller compares id with the string at that index.
func (t *IDTable) Candidate(id string) int {
	_, i := t.candidate(id)
	return i
}

// NewIDTable computes the table of ids, which must be distinct; ids[i]'s
// index is i. accessorgen calls it when generating. The ids are spread over
// buckets by their hash; each bucket, the largest first, gets the smallest
// displacement that puts all its ids in free positions of Index. Index has
// room for twice the ids, so a displacement is found quickly; when none is,
// the next seed is tried, then a larger Index. The search is
// deterministic: the same ids give the same table.
func NewIDTable(ids []string) IDTable {
	if len(ids) == 0 {
		return IDTable{}
	}
	size := 2
	for size < 2*len(ids) {
		size *= 2
	}
	buckets := 1
	for buckets*4 < len(ids) {
		buckets *= 2
	}
	// The ends hash when the length and the first and last eight bytes
	// tell the ids apart, else the hash of every byte.
	type ends struct {
		n           int
		first, last string
	}
	seen := map[ends]bool{}
	endsOK := true
	for _, id := range ids {
		k := ends{n: len(id), first: id, last: id}
		if len(id) >= 8 {
			k.first, k.last = id[:8], id[len(id)-8:]
		}
		if seen[k] {
			endsOK = false
			break
		}
		seen[k] = true
	}
	for ; size <= 64*len(ids); size *= 2 {
		for seed := uint64(0); seed < 64; seed++ {
			if t, ok := tryIDTable(ids, IDTable{Seed: seed, Ends: endsOK}, size, buckets); ok {
				return t
			}
		}
	}
	// Only equal ids (or a broken hash) get here.
	panic(fmt.Sprintf("holders.NewIDTable: no perfect hash for %d ids: are they distinct?", len(ids)))
}

// tryIDTable builds the table with one seed and size, if it can.
func tryIDTable(ids []string, t IDTable, size, nb int) (IDTable, bool) {
	hashes := make([]uint64, len(ids))
	members := make([][]int, nb)
	seen := map[uint64]bool{}
	for i, id := range ids {
		h, _ := t.candidate(id) // no displacements yet: the hash alone
		if seen[h] {
			return IDTable{}, false // two ids, one hash: no displacement separates them
		}
		seen[h] = true
		hashes[i] = h
		b := idBucket(h, nb)
		members[b] = append(members[b], i)
	}
	order := make([]int, nb)
	for b := range order {
		order[b] = b
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(len(members[b]), len(members[a])) })
	t.Disp, t.Index = make([]uint16, nb), make([]uint32, size)
	used := make([]bool, size)
	pos := make([]int, 0, 8)
	for _, b := range order {
		if len(members[b]) == 0 {
			break
		}
		placed := false
		for d := 0; d <= 0xffff && !placed; d++ {
			pos = pos[:0]
			ok := true
			for _, i := range members[b] {
				p := idSlot(hashes[i], uint16(d), size)
				if used[p] || slices.Contains(pos, p) {
					ok = false
					break
				}
				pos = append(pos, p)
			}
			if !ok {
				continue
			}
			for k, i := range members[b] {
				used[pos[k]] = true
				t.Index[pos[k]] = uint32(i)
			}
			t.Disp[b] = uint16(d)
			placed = true
		}
		if !placed {
			return IDTable{}, false
		}
	}
	return t, true
}
