package cartridge

import (
	"bytes"
	"encoding/xml"
	"strings"
)

// xw writes indented XML. Names and attribute keys are ours; text and
// attribute values are escaped.
type xw struct {
	b     bytes.Buffer
	depth int
}

func newXW() *xw {
	w := &xw{}
	w.b.WriteString(xml.Header)
	return w
}

func (w *xw) indent() { w.b.WriteString(strings.Repeat("  ", w.depth)) }

func (w *xw) tag(name string, attrs []string, end string) {
	w.indent()
	w.b.WriteString("<" + name)
	for i := 0; i+1 < len(attrs); i += 2 {
		w.b.WriteString(" " + attrs[i] + `="`)
		xml.EscapeText(&w.b, []byte(attrs[i+1]))
		w.b.WriteString(`"`)
	}
	w.b.WriteString(end + "\n")
}

// open starts an element holding others.
func (w *xw) open(name string, attrs ...string) {
	w.tag(name, attrs, ">")
	w.depth++
}

func (w *xw) close(name string) {
	w.depth--
	w.indent()
	w.b.WriteString("</" + name + ">\n")
}

// empty writes an element with no content.
func (w *xw) empty(name string, attrs ...string) { w.tag(name, attrs, "/>") }

// leaf writes an element holding text.
func (w *xw) leaf(name, text string, attrs ...string) {
	w.indent()
	w.b.WriteString("<" + name)
	for i := 0; i+1 < len(attrs); i += 2 {
		w.b.WriteString(" " + attrs[i] + `="`)
		xml.EscapeText(&w.b, []byte(attrs[i+1]))
		w.b.WriteString(`"`)
	}
	w.b.WriteString(">")
	xml.EscapeText(&w.b, []byte(text))
	w.b.WriteString("</" + name + ">\n")
}

func (w *xw) bytes() []byte { return w.b.Bytes() }
