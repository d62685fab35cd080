package depend

import (
	"fmt"
	"testing"
)

// A frozen set keeps hashes, not keys: it must still see every change
// it read, by facet, whether a save changed a few keys or many.
func TestFrozenSetTouchesWhatItRead(t *testing.T) {
	r := NewSet()
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
			if got := r.Touches(NewChanges(ch, tc.disk)); got != tc.want {
				t.Errorf("%d more changes, %v %b disk %v: Touches = %v, want %v", extra, tc.key, tc.f, tc.disk, got, tc.want)
			}
		}
	}
	var none *Set
	if none.Touches(NewChanges(map[Key]Facet{{Activity, "a1"}: All}, nil)) {
		t.Error("a nil set touched a change")
	}
}
