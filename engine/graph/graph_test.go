package graph

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// parse reads "a:b,c d e:a" as a requires b and c, d, e requires a.
func parse(s string) *Graph {
	var ids []string
	req := map[string][]string{}
	for _, f := range strings.Fields(s) {
		id, rs, _ := strings.Cut(f, ":")
		ids = append(ids, id)
		if rs != "" {
			req[id] = strings.Split(rs, ",")
		}
	}
	return New(ids, req)
}

func TestCycles(t *testing.T) {
	for _, tc := range []struct {
		name  string
		graph string
		want  [][]string
	}{
		{"acyclic", "a:b,c b:c c", nil},
		{"empty", "", nil},
		{"self loop", "a:a b:a", [][]string{{"a"}}},
		{"two", "a:b b:a", [][]string{{"a", "b"}}},
		{"three from smallest", "c:a a:b b:c", [][]string{{"a", "b", "c"}}},
		{"order follows requires", "a:c c:b b:a", [][]string{{"a", "c", "b"}}},
		{"disjoint", "x:y y:x a:b b:a m:a", [][]string{{"a", "b"}, {"x", "y"}}},
		{"sharing a node", "a:b,c b:a c:a", [][]string{{"a", "b"}, {"a", "c"}}},
		{"figure eight not starting at the hub", "b:a,c a:b c:b", [][]string{{"a", "b"}, {"b", "c"}}},
		{"nested", "a:b b:c,a c:a", [][]string{{"a", "b"}, {"a", "b", "c"}}},
		{"self loop inside a larger cycle", "a:b b:b,a", [][]string{{"a", "b"}, {"b"}}},
		{"unknown requires ignored", "a:zzz,b b", nil},
		{"duplicate requires", "a:b,b b:a", [][]string{{"a", "b"}}},
		{"cycle reached from outside", "top:m m:n n:m", [][]string{{"m", "n"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := parse(tc.graph).Cycles()
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Cycles() = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCyclesOfACompleteGraphAreCapped(t *testing.T) {
	// Every pair of 6 nodes requires each other: 409 elementary cycles.
	ids := []string{"a", "b", "c", "d", "e", "f"}
	req := map[string][]string{}
	for _, x := range ids {
		for _, y := range ids {
			if x != y {
				req[x] = append(req[x], y)
			}
		}
	}
	got := New(ids, req).Cycles()
	if len(got) != MaxCycles {
		t.Fatalf("got %d cycles, want %d", len(got), MaxCycles)
	}
	seen := map[string]bool{}
	for _, c := range got {
		k := strings.Join(c, " ")
		if seen[k] {
			t.Errorf("cycle %v listed twice", c)
		}
		seen[k] = true
		if c[0] != slices.Min(c) {
			t.Errorf("cycle %v does not start at its smallest id", c)
		}
	}
	if !slices.IsSortedFunc(got, slices.Compare) {
		t.Error("cycles are not sorted")
	}
	if again := New(ids, req).Cycles(); !reflect.DeepEqual(got, again) {
		t.Error("Cycles is not deterministic")
	}

	// Below the cap, every one of them: 3 nodes have 3 two-cycles and 2
	// three-cycles.
	small := parse("a:b,c b:a,c c:a,b").Cycles()
	want := [][]string{{"a", "b"}, {"a", "b", "c"}, {"a", "c"}, {"a", "c", "b"}, {"b", "c"}}
	if !reflect.DeepEqual(small, want) {
		t.Errorf("Cycles() = %v, want %v", small, want)
	}
}

func TestCyclesOnALongChainIsFast(t *testing.T) {
	const n = 20000
	ids := make([]string, n)
	req := map[string][]string{}
	for i := range ids {
		ids[i] = fmt.Sprintf("c%05d", i)
		if i > 0 {
			req[ids[i]] = []string{ids[i-1]}
		}
	}
	if c := New(ids, req).Cycles(); c != nil {
		t.Fatalf("chain has cycles %v", c)
	}
	req[ids[0]] = []string{ids[n-1]}
	c := New(ids, req).Cycles()
	if len(c) != 1 || len(c[0]) != n || c[0][0] != ids[0] || c[0][1] != ids[n-1] {
		t.Fatalf("want one cycle of %d starting c00000 c%05d", n, n-1)
	}
}

func TestClosure(t *testing.T) {
	for _, tc := range []struct {
		name    string
		graph   string
		targets []string
		skip    string // space-separated skipped ids
		want    []string
	}{
		{"chain", "a:b b:c c", []string{"a"}, "", []string{"c", "b", "a"}},
		{"requires in written order", "a:c,b b c", []string{"a"}, "", []string{"c", "b", "a"}},
		{"diamond listed once", "a:b,c b:d c:d d", []string{"a"}, "", []string{"d", "b", "c", "a"}},
		{"target order breaks ties", "x:p y:q p q", []string{"y", "x"}, "", []string{"q", "y", "p", "x"}},
		{"shared prerequisite goes before its first user", "x:p y:p p", []string{"x", "y"}, "", []string{"p", "x", "y"}},
		{"later target needed by earlier one moves up", "a:b b", []string{"a", "b"}, "", []string{"b", "a"}},
		{"duplicate targets", "a b", []string{"a", "b", "a"}, "", []string{"a", "b"}},
		{"unknown ids ignored", "a:b b", []string{"zzz", "a"}, "", []string{"b", "a"}},
		{"skipped prerequisite left out with its own prerequisites", "a:b b:c c", []string{"a"}, "b", []string{"a"}},
		{"skipped prerequisite reached another way is still out", "a:b,c b c:b", []string{"a"}, "b", []string{"c", "a"}},
		{"prerequisite of a skipped one kept when needed elsewhere", "a:b,c b:c c", []string{"a"}, "b", []string{"c", "a"}},
		{"skipped target listed but not expanded", "a:b b", []string{"a"}, "a", []string{"a"}},
		{"skipped target needed by an earlier target comes first", "a:b b:c c", []string{"a", "b"}, "b", []string{"b", "a"}},
		{"cycle terminates", "a:b b:c c:a", []string{"a"}, "", []string{"c", "b", "a"}},
		{"self loop terminates", "a:a", []string{"a"}, "", []string{"a"}},
		{"no targets", "a:b b", nil, "", []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			skipped := strings.Fields(tc.skip)
			skip := func(id string) bool { return slices.Contains(skipped, id) }
			got := parse(tc.graph).Closure(tc.targets, skip)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Closure(%v) = %v, want %v", tc.targets, got, tc.want)
			}
		})
	}
}

func TestClosureWithNilSkip(t *testing.T) {
	if got := parse("a:b b").Closure([]string{"a"}, nil); !slices.Equal(got, []string{"b", "a"}) {
		t.Errorf("got %v", got)
	}
}

func TestWalkSaysWhoBroughtEachIn(t *testing.T) {
	g := parse("a:b,x b:c c x y:c")
	got := g.Walk([]string{"a", "y", "x"}, nil)
	want := []Entry{{"c", "b"}, {"b", "a"}, {"x", "a"}, {"a", ""}, {"y", ""}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Walk = %v, want %v", got, want)
	}
}

func TestRequires(t *testing.T) {
	g := parse("a:c,zzz,b,c b c")
	if got := g.Requires("a"); !slices.Equal(got, []string{"c", "b"}) {
		t.Errorf("Requires(a) = %v", got)
	}
	if g.Requires("b") != nil || g.Requires("nope") != nil {
		t.Error("want nil")
	}
	if !g.Has("a") || g.Has("zzz") {
		t.Error("Has is wrong")
	}
	if got := g.IDs(); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("IDs = %v", got)
	}
}

func BenchmarkWalk(b *testing.B) {
	const n = 2000
	ids := make([]string, n)
	req := map[string][]string{}
	for i := range ids {
		ids[i] = fmt.Sprintf("c%04d", i)
		for _, d := range []int{1, 7, 31} {
			if i >= d {
				req[ids[i]] = append(req[ids[i]], ids[i-d])
			}
		}
	}
	g := New(ids, req)
	targets := ids[1000:1030]
	for b.Loop() {
		g.Walk(targets, func(id string) bool { return id < "c0900" })
	}
}
