package depend

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// A frozen set keeps key numbers, not keys: it must still see every change
// it read, by facet, whether a save changed a few keys or many.
func TestFrozenSetTouchesWhatItRead(t *testing.T) {
	tab := NewTable()
	r := NewSet(tab)
	r.Add(Activity, "a1", Title)
	r.Add(Activity, "a1", Minutes)
	r.Add(Competency, "c1", Requires)
	r.Add(Disk, "content/activities/a1.vtt", All)
	r.Freeze()

	if got := r.Read(Key{Activity, "a1"}); got != Title|Minutes {
		t.Errorf("Read(a1) = %b, want Title|Minutes", got)
	}
	if got := r.Read(Key{Activity, "a2"}); got != 0 {
		t.Errorf("Read(a2) = %b, want 0", got)
	}
	filler := func(n int) map[Key]Facet {
		ch := map[Key]Facet{}
		for i := range n {
			ch[Key{Student, fmt.Sprint("s", i)}] = All
		}
		return ch
	}
	for _, extra := range []int{0, 20} { // few changes (a list), many (a map)
		for _, tc := range []struct {
			key  Key
			f    Facet
			disk []string
			want bool
		}{
			{Key{Activity, "a1"}, Minutes, nil, true},
			{Key{Activity, "a1"}, Title | Body, nil, true},
			{Key{Activity, "a1"}, Body, nil, false},
			{Key{Activity, "a2"}, All, nil, false},
			{Key{Competency, "c1"}, Requires, nil, true},
			{Key{Competency, "c1"}, Title, nil, false},
			{Key{Unit, "c1"}, All, nil, false},
			{Key{Student, "x"}, All, []string{"content/activities"}, true},
			{Key{Student, "x"}, All, []string{"content/activities/a1.vtt"}, true},
			{Key{Student, "x"}, All, []string{"content/act"}, false},
		} {
			ch := filler(extra)
			ch[tc.key] |= tc.f
			if got := r.Touches(NewChanges(tab, ch, tc.disk)); got != tc.want {
				t.Errorf("%d more changes, %v %b disk %v: Touches = %v, want %v", extra, tc.key, tc.f, tc.disk, got, tc.want)
			}
		}
	}
	var none *Set
	if none.Touches(NewChanges(tab, map[Key]Facet{{Activity, "a1"}: All}, nil)) {
		t.Error("a nil set touched a change")
	}
}

// Many sets over one table, read at random: each frozen set answers Read
// and Touches for every key exactly as its map did, and takes a few bytes
// a read.
func TestFrozenSetsMatchTheirMaps(t *testing.T) {
	tab := NewTable()
	rng := rand.New(rand.NewPCG(1, 2))
	facets := []Facet{Title, Minutes, Title | Can, Requires, All, Plan}
	kinds := []Kind{Activity, Competency, Board, Unit}
	key := func() Key { return Key{kinds[rng.IntN(len(kinds))], fmt.Sprint(rng.IntN(3000))} }
	for range 50 {
		want := map[Key]Facet{}
		r := NewSet(tab)
		for range rng.IntN(2000) {
			k, f := key(), facets[rng.IntN(len(facets))]
			r.Add(k.Kind, k.ID, f)
			want[k] |= f
		}
		r.Freeze()
		if len(want) > 100 && len(r.enc) > 3*len(want) {
			t.Errorf("%d reads take %d bytes", len(want), len(r.enc))
		}
		for range 300 {
			k, f := key(), facets[rng.IntN(len(facets))]
			if got := r.Read(k); got != want[k] {
				t.Fatalf("Read(%v) = %b, want %b", k, got, want[k])
			}
			ch := map[Key]Facet{k: f}
			if rng.IntN(4) == 0 { // many changes at once
				for range 20 {
					ch[Key{Student, fmt.Sprint(rng.IntN(100))}] = All
				}
			}
			if got, w := r.Touches(NewChanges(tab, ch, nil)), want[k]&f != 0; got != w {
				t.Fatalf("Touches(%v %b) = %v, want %v", k, f, got, w)
			}
		}
	}
}
