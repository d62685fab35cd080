package depend

import (
	"encoding/binary"
	"slices"
	"strings"
	"sync"
)

// Table numbers the keys that read sets record, so that a frozen set
// holds small numbers rather than keys. A dev session keeps one for its
// life (numbers never change); it is safe for concurrent use.
type Table struct {
	mu sync.RWMutex
	n  map[Key]uint32
}

func NewTable() *Table { return &Table{n: map[Key]uint32{}} }

// numbers returns the numbers of keys, numbering new ones.
func (t *Table) numbers(keys []Key) []uint32 {
	out := make([]uint32, len(keys))
	var missing []int
	t.mu.RLock()
	for i, k := range keys {
		n, ok := t.n[k]
		if !ok {
			missing = append(missing, i)
		}
		out[i] = n
	}
	t.mu.RUnlock()
	if len(missing) == 0 {
		return out
	}
	t.mu.Lock()
	for _, i := range missing {
		n, ok := t.n[keys[i]]
		if !ok {
			n = uint32(len(t.n))
			t.n[keys[i]] = n
		}
		out[i] = n
	}
	t.mu.Unlock()
	return out
}

// number is k's number; false when no set has recorded k.
func (t *Table) number(k Key) (uint32, bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	n, ok := t.n[k]
	return n, ok
}

// Set is what one page read: a map while the page renders, then a
// compact encoding (Freeze), for the dev server keeps one for every page:
// at 10,000 students of several hundred steps, tens of millions of reads.
// A nil set records nothing, so a cold build pays only a nil check.
type Set struct {
	t *Table
	m map[Key]Facet
	// Frozen, the reads are grouped by facets; each group is its facets,
	// its count and its length in bytes, then its keys' numbers in
	// order, each as the difference from the one before, all as
	// uvarints: one or two bytes a read where a key took 40. The files on
	// disk read are also kept by name.
	enc  []byte
	disk []string
}

func NewSet(t *Table) *Set { return &Set{t: t, m: map[Key]Facet{}} }

// Add records that the page read facets f of item id of kind k.
func (r *Set) Add(k Kind, id string, f Facet) {
	if r == nil || r.m == nil {
		return
	}
	r.m[Key{k, id}] |= f
}

// Read is the facets of k the set recorded (0 for none).
func (r *Set) Read(k Key) Facet {
	if r == nil {
		return 0
	}
	if r.m != nil {
		return r.m[k]
	}
	n, ok := r.t.number(k)
	if !ok {
		return 0
	}
	var got Facet
	r.groups(func(f Facet, nums []byte, count int) bool {
		eachNumber(nums, count, func(x uint32) bool {
			if x == n {
				got |= f
				return false
			}
			return x < n
		})
		return true
	})
	return got
}

// Freeze ends recording.
func (r *Set) Freeze() {
	if r == nil || r.m == nil {
		return
	}
	keys := make([]Key, 0, len(r.m))
	for k := range r.m {
		keys = append(keys, k)
		if k.Kind == Disk {
			r.disk = append(r.disk, k.ID)
		}
	}
	nums := r.t.numbers(keys)
	// Each read as facets<<32 | number, so one sort of words groups
	// them by facets and orders each group's numbers.
	reads := make([]uint64, len(keys))
	for i, k := range keys {
		reads[i] = uint64(r.m[k])<<32 | uint64(nums[i])
	}
	slices.Sort(reads)
	var enc, group []byte
	for i := 0; i < len(reads); {
		f := reads[i] >> 32
		j := i
		group = group[:0]
		prev := uint32(0)
		for ; j < len(reads) && reads[j]>>32 == f; j++ {
			n := uint32(reads[j])
			group = binary.AppendUvarint(group, uint64(n-prev))
			prev = n
		}
		enc = binary.AppendUvarint(enc, f)
		enc = binary.AppendUvarint(enc, uint64(j-i))
		enc = binary.AppendUvarint(enc, uint64(len(group)))
		enc = append(enc, group...)
		i = j
	}
	r.enc = slices.Clip(enc)
	r.m = nil
}

// groups calls fn with each group of a frozen set until fn returns false.
func (r *Set) groups(fn func(f Facet, nums []byte, count int) bool) {
	enc := r.enc
	for len(enc) > 0 {
		f, a := binary.Uvarint(enc)
		count, b := binary.Uvarint(enc[a:])
		size, c := binary.Uvarint(enc[a+b:])
		enc = enc[a+b+c:]
		if !fn(Facet(f), enc[:size], int(count)) {
			return
		}
		enc = enc[size:]
	}
}

// eachNumber calls fn with each key number of a group, in order, until fn
// returns false.
func eachNumber(nums []byte, count int, fn func(uint32) bool) {
	x := uint32(0)
	for range count {
		d, w := binary.Uvarint(nums)
		nums = nums[w:]
		x += uint32(d)
		if !fn(x) {
			return
		}
	}
}

// Changes is what changed since the last build, as pages look it up:
// the facets changed (Diff) by key number, and the files on disk at the
// paths saved.
type Changes struct {
	// any is every facet changed; few holds the changes when they are
	// few (a save), many when they are many.
	any  Facet
	few  []change
	many map[uint32]Facet
	disk []string
}

type change struct {
	n uint32
	f Facet
}

// NewChanges is ch as the sets numbered by t look it up; a key no set
// has recorded is read by no page.
func NewChanges(t *Table, ch map[Key]Facet, disk []string) *Changes {
	cs := &Changes{disk: disk}
	if len(ch) > 8 {
		cs.many = make(map[uint32]Facet, len(ch))
	}
	for k, f := range ch {
		n, ok := t.number(k)
		if !ok {
			continue
		}
		cs.any |= f
		if cs.many != nil {
			cs.many[n] |= f
		} else {
			cs.few = append(cs.few, change{n, f})
		}
	}
	return cs
}

// facets is what changed of the key numbered n.
func (cs *Changes) facets(n uint32) Facet {
	if cs.many != nil {
		return cs.many[n]
	}
	var f Facet
	for _, c := range cs.few {
		if c.n == n {
			f |= c.f
		}
	}
	return f
}

// Touches says whether the (frozen) set read anything in cs.
func (r *Set) Touches(cs *Changes) bool {
	if r == nil {
		return false
	}
	for _, p := range r.disk {
		if under(p, cs.disk) {
			return true
		}
	}
	touched := false
	r.groups(func(f Facet, nums []byte, count int) bool {
		if f&cs.any == 0 {
			return true // no key changed in these facets: skip the group
		}
		eachNumber(nums, count, func(n uint32) bool {
			touched = cs.facets(n)&f != 0
			return !touched
		})
		return !touched
	})
	return touched
}

// under says whether p is one of paths or inside one of them.
func under(p string, paths []string) bool {
	for _, q := range paths {
		if p == q || strings.HasPrefix(p, q+"/") {
			return true
		}
	}
	return false
}
