// Package graph owns the prerequisite graph over competency ids: finding
// every cycle, and ordering a set of targets with their transitive
// prerequisites so each prerequisite comes before what needs it. It knows
// ids only: no files, positions or diagnostics (the content loader turns
// cycles into diagnostics), and no students (the planner decides what to
// skip).
package graph

import (
	"slices"
)

// MaxCycles caps how many cycles Cycles returns: a densely tangled graph
// has exponentially many, and a teacher needs a few to start untangling.
const MaxCycles = 100

// Graph is a directed graph where an edge a -> b means competency a
// requires b. It is read-only after New and safe for concurrent use.
type Graph struct {
	ids   []string // sorted
	index map[string]int
	req   [][]int // per node, its prerequisites in the order written
}

// New builds the graph of ids, where requires[id] lists id's prerequisites
// in the order written. Duplicate ids and requires entries are dropped;
// requires entries naming an id not in ids, and keys of requires not in
// ids, are ignored (the loader reports them as unknown references).
func New(ids []string, requires map[string][]string) *Graph {
	g := &Graph{ids: slices.Compact(slices.Sorted(slices.Values(ids)))}
	g.index = make(map[string]int, len(g.ids))
	for i, id := range g.ids {
		g.index[id] = i
	}
	g.req = make([][]int, len(g.ids))
	for i, id := range g.ids {
		for _, r := range requires[id] {
			j, ok := g.index[r]
			if ok && !slices.Contains(g.req[i], j) {
				g.req[i] = append(g.req[i], j)
			}
		}
	}
	return g
}

// IDs returns the graph's ids in sorted order. The caller must not modify
// the result.
func (g *Graph) IDs() []string { return g.ids }

// Has reports whether id is in the graph.
func (g *Graph) Has(id string) bool {
	_, ok := g.index[id]
	return ok
}

// Requires returns id's known prerequisites in the order written, without
// duplicates; nil for an unknown id.
func (g *Graph) Requires(id string) []string {
	i, ok := g.index[id]
	if !ok || len(g.req[i]) == 0 {
		return nil
	}
	out := make([]string, len(g.req[i]))
	for k, j := range g.req[i] {
		out[k] = g.ids[j]
	}
	return out
}

// Cycles returns every elementary prerequisite cycle, each once, at most
// MaxCycles of them. A cycle lists its members in order along the edges
// ([a b c]: a requires b, b requires c, c requires a), starting from its
// smallest id; a competency that requires itself is the cycle [a]. Cycles
// are sorted by their members, so the output is deterministic. When there
// are more than MaxCycles, those starting from the smallest ids are kept.
//
// Strongly connected components (Tarjan) find the nodes on cycles in linear
// time, so an acyclic graph costs one pass; Johnson's algorithm then lists
// the cycles within each component, in time linear per cycle found.
func (g *Graph) Cycles() [][]string {
	var out [][]string
	for _, comp := range g.components() {
		out = g.circuits(comp, out)
		if len(out) >= MaxCycles {
			out = out[:MaxCycles]
			break
		}
	}
	slices.SortFunc(out, slices.Compare)
	return out
}

// components returns the strongly connected components that hold a cycle
// (more than one node, or one node requiring itself), each sorted, ordered
// by their smallest node.
func (g *Graph) components() [][]int {
	n := len(g.ids)
	index := make([]int, n) // visit order + 1; 0 = not visited
	low := make([]int, n)
	onStack := make([]bool, n)
	var stack []int
	var comps [][]int
	next := 1
	var connect func(v int)
	connect = func(v int) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, w := range g.req[v] {
			if index[w] == 0 {
				connect(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] != index[v] {
			return
		}
		i := len(stack) - 1
		for stack[i] != v {
			i--
		}
		comp := slices.Clone(stack[i:])
		stack = stack[:i]
		for _, w := range comp {
			onStack[w] = false
		}
		if len(comp) > 1 || slices.Contains(g.req[v], v) {
			slices.Sort(comp)
			comps = append(comps, comp)
		}
	}
	for v := range n {
		if index[v] == 0 {
			connect(v)
		}
	}
	slices.SortFunc(comps, func(a, b []int) int { return a[0] - b[0] })
	return comps
}

// circuits appends to out the elementary cycles within comp (Johnson 1975),
// each found from its smallest node s among the nodes of comp not below s,
// until out holds MaxCycles.
func (g *Graph) circuits(comp []int, out [][]string) [][]string {
	in := make(map[int]bool, len(comp))
	for _, v := range comp {
		in[v] = true
	}
	blocked := make(map[int]bool, len(comp))
	blockedBy := make(map[int][]int, len(comp))
	var path []int
	var unblock func(u int)
	unblock = func(u int) {
		blocked[u] = false
		for _, w := range blockedBy[u] {
			if blocked[w] {
				unblock(w)
			}
		}
		blockedBy[u] = nil
	}
	for _, s := range comp {
		allowed := func(w int) bool { return w >= s && in[w] }
		var circuit func(v int) bool
		circuit = func(v int) bool {
			found := false
			path = append(path, v)
			blocked[v] = true
			for _, w := range g.req[v] {
				if len(out) >= MaxCycles {
					break
				}
				switch {
				case !allowed(w):
				case w == s:
					cycle := make([]string, len(path))
					for i, x := range path {
						cycle[i] = g.ids[x]
					}
					out = append(out, cycle)
					found = true
				case !blocked[w]:
					if circuit(w) {
						found = true
					}
				}
			}
			if found {
				unblock(v)
			} else {
				for _, w := range g.req[v] {
					if allowed(w) && !slices.Contains(blockedBy[w], v) {
						blockedBy[w] = append(blockedBy[w], v)
					}
				}
			}
			path = path[:len(path)-1]
			return found
		}
		clear(blocked)
		clear(blockedBy)
		circuit(s)
		if len(out) >= MaxCycles {
			break
		}
	}
	return out
}

// Entry is one competency in a walk's order.
type Entry struct {
	ID string
	// By is the competency whose requires brought ID in, or "" for a
	// target reached from the targets list itself.
	By string
}

// Closure returns targets and their transitive prerequisites in a stable
// topological order; see Walk.
func (g *Graph) Closure(targets []string, skip func(id string) bool) []string {
	w := g.Walk(targets, skip)
	out := make([]string, len(w))
	for i, e := range w {
		out[i] = e.ID
	}
	return out
}

// Walk returns targets and their transitive prerequisites, each once, in a
// stable topological order: a depth-first walk of the targets in the order
// given that lists each competency after its prerequisites, taken in the
// order written in requires. So target order breaks ties and a prerequisite
// sits just before the first target that needs it.
//
// skip(id) reports a competency the student no longer needs to learn
// (placed out). A skipped competency's prerequisites are not expanded
// through it. A skipped prerequisite that is not a target is left out; a
// skipped target is always listed (a placed step is shown as done), and
// comes before a listed competency that requires it. So every competency
// that is not skipped comes after all of its listed prerequisites, except
// around a cycle, where the walk does not follow the edge that closes it.
// A nil skip skips nothing. Ids not in the graph are ignored.
func (g *Graph) Walk(targets []string, skip func(id string) bool) []Entry {
	isTarget := make(map[int]bool, len(targets))
	for _, t := range targets {
		if i, ok := g.index[t]; ok {
			isTarget[i] = true
		}
	}
	skipped := func(v int) bool { return skip != nil && skip(g.ids[v]) }
	const (
		open = 1 // on the walk's path: an edge back to it closes a cycle
		done = 2
	)
	state := make(map[int]uint8, len(targets)*2)
	out := make([]Entry, 0, len(targets)*2)
	var visit func(v int, by string)
	visit = func(v int, by string) {
		state[v] = open
		if !skipped(v) {
			for _, w := range g.req[v] {
				if state[w] != 0 || !isTarget[w] && skipped(w) {
					continue
				}
				visit(w, g.ids[v])
			}
		}
		state[v] = done
		out = append(out, Entry{ID: g.ids[v], By: by})
	}
	for _, t := range targets {
		if i, ok := g.index[t]; ok && state[i] == 0 {
			visit(i, "")
		}
	}
	return out
}
