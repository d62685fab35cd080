package e2e

// These tests prove the browser harness itself on tiny fixtures, so that a
// failure in the site tests means the site, not the harness.

import (
	"slices"
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// htmlPage is a small valid page: a favicon so Chromium asks for none, a
// language, a title and a main landmark.
func htmlPage(title, body string) string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:">
<link rel="icon" href="data:,">
<title>` + title + `</title>
</head>
<body>
<main>
<h1>` + title + `</h1>
` + body + `
</main>
<script src="app.js"></script>
</body>
</html>
`
}

// smokeSite is a page with a button that changes a status text and writes
// localStorage, a link to a second page, and a labelled text field.
func smokeSite(t *testing.T) string {
	return writeFiles(t, map[string]string{
		"index.html": htmlPage("Smoke", `
<p role="status" id="out">Not greeted yet</p>
<button type="button" id="hello">Say hello</button>
<p><a href="other.html">Other page</a></p>
<p><label for="note">Your note</label> <input id="note" type="text"></p>
`),
		"other.html": htmlPage("Other", `<p>The other page.</p>`),
		"app.js": `"use strict";
const b = document.getElementById("hello");
if (b) b.addEventListener("click", () => {
  const n = Number(localStorage.getItem("greetings") || "0") + 1;
  localStorage.setItem("greetings", String(n));
  document.getElementById("out").textContent = "Hello! Greeted " + n + " time(s)";
});
`,
	})
}

func TestButtonFoundByRoleWorksWithTheKeyboard(t *testing.T) {
	base := browsertest.Serve(t, smokeSite(t))
	p := browsertest.NewPage(t)
	p.Navigate(base + "/index.html")

	p.ByRole("button", "Say hello").Press("Enter")
	p.ByRole("status", "").WaitText("Hello! Greeted 1 time(s)")

	// Space activates a button too.
	p.Press("Space")
	p.ByRole("status", "").WaitText("Greeted 2 time(s)")
	p.AssertClean(t)
}

func TestTabMovesFocusInDocumentOrderAndEnterFollowsALink(t *testing.T) {
	base := browsertest.Serve(t, smokeSite(t))
	p := browsertest.NewPage(t)
	p.Navigate(base + "/index.html")

	var order []string
	for range 3 {
		p.Press("Tab")
		f := p.Focused()
		if f == nil {
			t.Fatal("Tab left the focus on the body")
		}
		order = append(order, f.Role+" "+f.Name)
	}
	want := []string{"button Say hello", "link Other page", "textbox Your note"}
	if !slices.Equal(order, want) {
		t.Errorf("tab order = %q, want %q", order, want)
	}
	p.Press("Shift+Tab")
	if f := p.Focused(); f == nil || f.Name != "Other page" {
		t.Errorf("Shift+Tab focused %+v, want the link", f)
	}

	p.ExpectLoad(func() { p.Press("Enter") })
	if u := p.URL(); !strings.HasSuffix(u, "/other.html") {
		t.Errorf("Enter on the link opened %s", u)
	}
	p.ByRole("heading", "Other").Wait()
}

func TestTypingGoesIntoTheLabelledField(t *testing.T) {
	base := browsertest.Serve(t, smokeSite(t))
	p := browsertest.NewPage(t)
	p.Navigate(base + "/index.html")

	field := p.ByRole("textbox", "Your note")
	field.Type("what helped: the video")
	if v := field.State().Value; v != "what helped: the video" {
		t.Errorf("field value = %q", v)
	}
	// A mouse click on the button works as well as the keyboard.
	p.ByRole("button", "Say hello").Click()
	p.ByRole("status", "").WaitText("Greeted 1 time(s)")
}

func TestProfilesKeepTheirOwnLocalStorageAndTabsShareIt(t *testing.T) {
	base := browsertest.Serve(t, smokeSite(t))

	ana := browsertest.NewPage(t)
	ana.Navigate(base + "/index.html")
	ana.ByRole("button", "Say hello").Press("Enter")
	ana.ByRole("status", "").WaitText("Greeted 1 time(s)")
	if got := ana.LocalStorage()["greetings"]; got != "1" {
		t.Fatalf("ana's localStorage greetings = %q, want 1", got)
	}

	ben := browsertest.NewPage(t)
	ben.Navigate(base + "/index.html")
	if got := ben.LocalStorage(); len(got) != 0 {
		t.Errorf("a new profile sees localStorage %v, want none", got)
	}

	anaTab := ana.NewTab(t)
	anaTab.Navigate(base + "/index.html")
	if got := anaTab.LocalStorage()["greetings"]; got != "1" {
		t.Errorf("a second tab of ana's profile sees greetings = %q, want 1", got)
	}
	anaTab.ByRole("button", "Say hello").Press("Enter")
	anaTab.ByRole("status", "").WaitText("Greeted 2 time(s)")
	// Tabs in other renderer processes get another tab's writes a moment
	// later (the browser relays them): wait for the value rather than read
	// it once. WaitFor fails the test if it never comes.
	ana.WaitFor(`localStorage.getItem("greetings") === "2"`)
}

func TestRecorderCatchesWhatGoesWrong(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		// No CSP here: the page must be able to try to leave the machine.
		"offhost.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>t</title></head>
<body><main><img src="http://example.invalid/x.png" alt="x"></main></body></html>`,
		"missing.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>t</title></head>
<body><main><img src="nothing-here.png" alt="x"></main></body></html>`,
		"throws.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>t</title></head>
<body><main><p>x</p></main><script src="throws.js"></script></body></html>`,
		"throws.js": `document.querySelector("#nope").textContent = "x";`,
		"logs.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>t</title></head>
<body><main><p>x</p></main><script src="logs.js"></script></body></html>`,
		"logs.js": `console.error("storage is full", 3);`,
		"csp.html": `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'"><link rel="icon" href="data:,"><title>t</title></head>
<body><main><p>x</p></main><script>document.title = "inline ran";</script></body></html>`,
	})
	base := browsertest.Serve(t, dir)

	tests := []struct {
		page string
		kind browsertest.ProblemKind
		text string
	}{
		{"offhost.html", browsertest.OffHostRequest, "http://example.invalid/x.png"},
		{"missing.html", browsertest.FailedRequest, "HTTP 404"},
		{"throws.html", browsertest.Exception, "TypeError"},
		{"logs.html", browsertest.ConsoleError, "storage is full 3"},
		{"csp.html", browsertest.ConsoleError, "Content Security Policy"},
	}
	p := browsertest.NewPage(t)
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			p.Navigate(base + "/" + tt.page)
			// Exceptions and console messages arrive as events: give the
			// page a moment by asking it something.
			p.URL()
			probs := p.Problems()
			p.Reset()
			found := false
			for _, pr := range probs {
				if pr.Kind == tt.kind && strings.Contains(pr.Text, tt.text) {
					found = true
				}
			}
			if !found {
				t.Errorf("problems = %v, want a %s containing %q", probs, tt.kind, tt.text)
			}
		})
	}
	if off := p.OffHost(); !slices.Equal(off, []string{"http://example.invalid/x.png"}) {
		t.Errorf("OffHost() = %q, want only the example.invalid image", off)
	}
	if reqs := p.Requests(); !slices.Contains(reqs, base+"/throws.js") {
		t.Errorf("Requests() = %q, want it to list throws.js", reqs)
	}
}

func TestCleanPageHasNoProblems(t *testing.T) {
	base := browsertest.Serve(t, smokeSite(t))
	p := browsertest.NewPage(t)
	p.Navigate(base + "/index.html")
	p.ByRole("button", "Say hello").Click()
	p.WaitText("Greeted 1")
	if probs := p.Problems(); len(probs) != 0 {
		t.Errorf("problems on a clean page: %v", probs)
	}
	if off := p.OffHost(); len(off) != 0 {
		t.Errorf("requests off 127.0.0.1 from a clean page: %q", off)
	}
}

func TestAxeReportsAMissingAltAndNothingOnACleanPage(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"bad.html": htmlPage("Bad", `<p><img src="dot.svg" width="20" height="20"></p>`),
		"dot.svg":  `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><circle cx="10" cy="10" r="9"/></svg>`,
		"app.js":   ``,
	})
	clean := smokeSite(t)
	p := browsertest.NewPage(t)

	p.Navigate(browsertest.Serve(t, dir) + "/bad.html")
	vs := p.Axe(t)
	var ids []string
	for _, v := range vs {
		ids = append(ids, v.ID)
	}
	if !slices.Contains(ids, "image-alt") {
		t.Errorf("axe on a page with an image without alt: %v, want image-alt", ids)
	} else if i := slices.Index(ids, "image-alt"); len(vs[i].Nodes) != 1 || vs[i].Nodes[0].Target != "img" {
		t.Errorf("image-alt nodes = %+v, want the img", vs[i].Nodes)
	}

	p.Navigate(browsertest.Serve(t, clean) + "/index.html")
	if vs := p.Axe(t); len(vs) != 0 {
		t.Errorf("axe on a clean page:%s", browsertest.FormatViolations(vs))
	}
}

func TestAccessibleNamesFollowLabelsAndAlternatives(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"index.html": htmlPage("Names", `
<section aria-labelledby="next-h"><h2 id="next-h">Next up</h2>
  <a href="a.html"><img src="data:," alt="Video:"> Fractions on a number line</a>
</section>
<section><h2>Not a region</h2></section>
<nav aria-label="Steps"><ul><li>One</li><li>Two</li></ul></nav>
<label>Rate it <select><option>3</option></select></label>
<label><input type="checkbox"> I can add fractions</label>
<fieldset><legend>How sure are you?</legend>
  <label><input type="radio" name="r"> Not yet</label>
  <label><input type="radio" name="r"> Sure</label>
</fieldset>
<button type="button" aria-label="Close the menu">×</button>
<button type="button" title="Help">?</button>
<span role="button" tabindex="0">Mark done</span>
<div hidden><button type="button">Hidden</button></div>
<div aria-hidden="true"><button type="button" tabindex="-1">Also hidden</button></div>
<details><summary>Why this step?</summary><p>Because.</p></details>
`),
		"app.js": ``,
	})
	p := browsertest.NewPage(t)
	p.Navigate(browsertest.Serve(t, dir) + "/index.html")

	for _, tt := range []struct{ role, name string }{
		{"region", "Next up"},
		{"heading", "Next up"},
		{"link", "Video: Fractions on a number line"},
		{"navigation", "Steps"},
		{"combobox", "Rate it"},
		{"checkbox", "I can add fractions"},
		{"group", "How sure are you?"},
		{"radio", "Sure"},
		{"button", "Close the menu"},
		{"button", "?"},
		{"button", "Mark done"},
		{"button", "Why this step?"},
		{"group", "Why this step?"},
	} {
		if n := p.ByRole(tt.role, tt.name).Count(); n != 1 {
			t.Errorf("ByRole(%q, %q) matches %d elements, want 1", tt.role, tt.name, n)
		}
	}
	for _, tt := range []struct{ role, name string }{
		{"region", "Not a region"}, // a section without a name is no region
		{"button", "Hidden"},
		{"button", "Also hidden"},
		{"button", "×"}, // aria-label wins over the content
	} {
		if n := p.ByRole(tt.role, tt.name).Count(); n != 0 {
			t.Errorf("ByRole(%q, %q) matches %d elements, want none", tt.role, tt.name, n)
		}
	}
	if n := p.ByRole("navigation", "Steps").ByRole("listitem", "").Count(); n != 2 {
		t.Errorf("list items inside the Steps navigation: %d, want 2", n)
	}
	if got := p.ByRole("listitem", "").WithText("Two").Text(); got != "Two" {
		t.Errorf("listitem with text Two reads %q", got)
	}
	if got := p.ByRole("region", "Next up").ByRoleContaining("link", "number line").State().Name; got != "Video: Fractions on a number line" {
		t.Errorf("link inside the region: name %q", got)
	}
	p.ByRole("checkbox", "I can add fractions").Click()
	if !p.ByRole("checkbox", "I can add fractions").State().Checked {
		t.Error("clicking the checkbox did not check it")
	}
}
