package mastery

// PerCompetency is how many items a diagnostic asks of one competency at
// most.
const PerCompetency = 3

// Sample picks at most per items for one competency's diagnostic from its
// activities' checks (counts[i] checks in activity i), spread over the
// activities: the first check of each in turn, then the second, and so on.
// Each pick is {activity index, check index}.
func Sample(counts []int, per int) [][2]int {
	out := [][2]int{}
	for k := 0; len(out) < per; k++ {
		more := false
		for i, n := range counts {
			if k < n && len(out) < per {
				out = append(out, [2]int{i, k})
			}
			more = more || k+1 < n
		}
		if !more {
			break
		}
	}
	return out
}

// Placement is where one competency of a diagnostic stands.
type Placement struct {
	// Asked are the items answered, in order, up to the first wrong one.
	Asked []string `json:"asked"`
	// Next is the item to ask now, "" when done.
	Next string `json:"next"`
	// Done: nothing more is asked (a wrong answer, or every item answered).
	Done bool `json:"done"`
	// Placed: done with every asked item right.
	Placed bool `json:"placed"`
}

// Place says where a competency stands given its items in asking order
// (the first PerCompetency are asked) and the answers so far (item ->
// right). It stops at the first wrong answer; it places the student out
// only when every item was asked and answered right. An answer to an item
// after the stop is ignored.
func Place(items []string, answers map[string]bool) Placement {
	if len(items) > PerCompetency {
		items = items[:PerCompetency]
	}
	p := Placement{Asked: []string{}}
	for _, it := range items {
		right, ok := answers[it]
		if !ok {
			p.Next = it
			return p
		}
		p.Asked = append(p.Asked, it)
		if !right {
			p.Done = true
			return p
		}
	}
	p.Done = true
	p.Placed = len(items) > 0
	return p
}
