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
