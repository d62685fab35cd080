package content

// UnitOrder lists the units in teaching order: as the groups list them,
// group by group, then the units no group lists, by id.
func (c *Course) UnitOrder() []*Unit {
	seen := map[string]bool{}
	var out []*Unit
	add := func(id string) {
		if u, ok := c.Unit[id]; ok && !seen[id] {
			seen[id] = true
			out = append(out, u)
		}
	}
	for _, g := range c.Groups {
		for _, r := range g.Units {
			add(r.ID)
		}
	}
	for _, u := range c.Units {
		add(u.ID)
	}
	return out
}

// UnitsHolding maps each competency id to the ids of the units that hold
// it, in the course's unit order (by id).
func (c *Course) UnitsHolding() map[string][]string {
	out := map[string][]string{}
	for _, u := range c.Units {
		for _, r := range u.Competencies {
			if l := out[r.ID]; len(l) == 0 || l[len(l)-1] != u.ID {
				out[r.ID] = append(l, u.ID)
			}
		}
	}
	return out
}
