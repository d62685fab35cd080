package links

import (
	"fmt"
	"html/template"
	"strings"

	qr "github.com/piglig/go-qr"
)

// Quiet is the light margin around a code, in modules: the QR standard asks
// for 4, and scanners that lose it fail on busy paper.
const Quiet = 4

// Code is an encoded QR code: Size×Size modules, true is dark.
type Code struct {
	Size    int
	modules [][]bool
}

// Dark reports whether the module at column x, row y is dark; outside the
// code it is light.
func (c *Code) Dark(x, y int) bool {
	if x < 0 || y < 0 || x >= c.Size || y >= c.Size {
		return false
	}
	return c.modules[y][x]
}

// Encode makes a QR code of text with medium error correction (15%): a
// card can be creased or smudged and still scan, at a size that stays
// small for a link.
func Encode(text string) (*Code, error) {
	q, err := qr.EncodeText(text, qr.Medium)
	if err != nil {
		return nil, fmt.Errorf("cannot make a QR code of %q: %v", text, err)
	}
	c := &Code{Size: q.Size()}
	c.modules = make([][]bool, c.Size)
	for y := range c.modules {
		c.modules[y] = make([]bool, c.Size)
		for x := range c.modules[y] {
			c.modules[y][x] = q.Module(x, y)
		}
	}
	return c, nil
}

// SVG draws the code as inline SVG, quiet zone included, one path of
// horizontal runs of dark modules (small, and sharp at any print size).
// label is its accessible name.
func (c *Code) SVG(label string) template.HTML {
	n := c.Size + 2*Quiet
	var d strings.Builder
	for y := 0; y < c.Size; y++ {
		for x := 0; x < c.Size; {
			if !c.Dark(x, y) {
				x++
				continue
			}
			run := 1
			for c.Dark(x+run, y) {
				run++
			}
			fmt.Fprintf(&d, "M%d %dh%dv1h-%dz", x+Quiet, y+Quiet, run, run)
			x += run
		}
	}
	return template.HTML(fmt.Sprintf(
		`<svg class="qr" viewBox="0 0 %d %d" role="img" aria-label="%s" shape-rendering="crispEdges"><rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="%s"/></svg>`,
		n, n, template.HTMLEscapeString(label), n, n, d.String()))
}
