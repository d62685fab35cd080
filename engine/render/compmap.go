package render

import (
	"fmt"
	"html"
	"html/template"
	"strings"
)

// MapNode is a competency on the map. Requires lists prerequisite ids.
type MapNode struct {
	ID, Title, URL string
	Requires       []string
}

const (
	boxW, boxH   = 200, 52
	gapX, gapY   = 24, 40
	pad          = 10
	charsPerLine = 26
)

// Map draws the prerequisite graph as an inline SVG: one row per depth (a
// competency sits below everything it requires, so the map stays narrow on
// a phone), arrows from a prerequisite to what builds on it, each box a
// link. root prefixes URLs. Nodes are drawn in the order given within each
// row.
func Map(nodes []MapNode, root, label string) template.HTML {
	if len(nodes) == 0 {
		return ""
	}
	byID := make(map[string]int, len(nodes))
	for i, n := range nodes {
		byID[n.ID] = i
	}
	depth := make([]int, len(nodes))
	state := make([]int8, len(nodes)) // 0 new, 1 visiting, 2 done
	var visit func(i int) int
	visit = func(i int) int {
		switch state[i] {
		case 1:
			return 0 // a cycle: the loader reports it; draw something anyway
		case 2:
			return depth[i]
		}
		state[i] = 1
		d := 0
		for _, r := range nodes[i].Requires {
			if j, ok := byID[r]; ok {
				d = max(d, visit(j)+1)
			}
		}
		depth[i], state[i] = d, 2
		return d
	}
	rows := 0
	for i := range nodes {
		rows = max(rows, visit(i)+1)
	}
	col := make([]int, len(nodes))
	perRow := make([]int, rows)
	for i := range nodes {
		col[i] = perRow[depth[i]]
		perRow[depth[i]]++
	}
	cols := 0
	for _, n := range perRow {
		cols = max(cols, n)
	}
	w := pad*2 + cols*boxW + (cols-1)*gapX
	h := pad*2 + rows*boxH + (rows-1)*gapY
	// Each row is centred, so a lone prerequisite sits above its dependents.
	xy := func(i int) (int, int) {
		offset := (cols - perRow[depth[i]]) * (boxW + gapX) / 2
		return pad + offset + col[i]*(boxW+gapX), pad + depth[i]*(boxH+gapY)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="group" aria-label="%s">`, w, h, w, h, html.EscapeString(label))
	b.WriteString(`<defs><marker id="map-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" class="arrowhead"/></marker></defs>`)
	for i, n := range nodes {
		x2, y2 := xy(i)
		for _, r := range n.Requires {
			j, ok := byID[r]
			if !ok || depth[j] >= depth[i] {
				continue
			}
			x1, y1 := xy(j)
			sx, sy := x1+boxW/2, y1+boxH
			ex, ey := x2+boxW/2, y2
			my := (sy + ey) / 2
			fmt.Fprintf(&b, `<path class="edge" d="M%d %dC%d %d %d %d %d %d" marker-end="url(#map-arrow)"/>`, sx, sy, sx, my, ex, my, ex, ey-2)
		}
	}
	for i, n := range nodes {
		x, y := xy(i)
		fmt.Fprintf(&b, `<a href="%s%s" class="node">`, html.EscapeString(root), html.EscapeString(n.URL))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" rx="8"/>`, x, y, boxW, boxH)
		lines := wrap(n.Title, charsPerLine, 2)
		ty := y + boxH/2 - (len(lines)-1)*9 + 5
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">`, x+boxW/2, ty)
		for k, l := range lines {
			if k == 0 {
				fmt.Fprintf(&b, `<tspan x="%d">%s</tspan>`, x+boxW/2, html.EscapeString(l))
			} else {
				fmt.Fprintf(&b, `<tspan x="%d" dy="18">%s</tspan>`, x+boxW/2, html.EscapeString(l))
			}
		}
		b.WriteString(`</text></a>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// wrap splits s into at most max lines of about width characters,
// ending the last with an ellipsis when text is left over.
func wrap(s string, width, maxLines int) []string {
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for _, w := range words {
		if cur == "" {
			cur = w
		} else if len([]rune(cur))+1+len([]rune(w)) <= width {
			cur += " " + w
		} else {
			lines = append(lines, cur)
			cur = w
			if len(lines) == maxLines {
				last := lines[maxLines-1]
				if r := []rune(last); len(r) > width-1 {
					last = string(r[:width-1])
				}
				lines[maxLines-1] = last + "…"
				return lines
			}
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
