package serve

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pacer-edu/pacer/engine/receipt"
	"github.com/pacer-edu/pacer/engine/site"
)

var studentLinkRE = regexp.MustCompile(`<li><a href="(/s/[a-z2-7]{20}/)">([^<]*)</a>([^<]*)</li>`)

// links lists the index's student links: link → the rest of its line.
func indexLinks(t *testing.T, page string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, m := range studentLinkRE.FindAllStringSubmatch(page, -1) {
		out[m[1]] = m[2] + m[3]
	}
	return out
}

func TestTeachersIndexListsEveryStudentAndUpdatesWhenOneIsAdded(t *testing.T) {
	ts := startServer(t, 0)
	if !strings.Contains(ts.log.String(), "every student's page, for you only (never published): "+ts.URL()+"_pacer/students/") {
		t.Errorf("the banner does not give the index's address:\n%s", ts.log.String())
	}
	code, page := ts.get(t, "_pacer/students/")
	links := indexLinks(t, page)
	if code != http.StatusOK || len(links) != len(ts.First().Students) || len(links) == 0 {
		t.Fatalf("index: %d with %d links, want %d:\n%s", code, len(links), len(ts.First().Students), page)
	}
	for _, st := range ts.First().Students {
		l := "/" + strings.TrimSuffix(st.Path, "index.html")
		if !strings.HasPrefix(links[l], st.Name) {
			t.Errorf("the index lists %q for %s, want %s", links[l], l, st.Name)
		}
		if c, _ := ts.get(t, strings.TrimPrefix(l, "/")); c != http.StatusOK {
			t.Errorf("%s: %d", l, c)
		}
	}
	if !strings.Contains(page, `<meta name="robots" content="noindex">`) || !strings.Contains(page, "live.js") {
		t.Error("the index is not noindex, or does not reload")
	}
	// It is the server's own page: the build has no such file.
	if _, ok := ts.session.File("_pacer/students/index.html"); ok {
		t.Error("the build holds the teacher's index")
	}
	// Only for the server's own address.
	req, _ := http.NewRequest("GET", ts.URL()+"_pacer/students/", nil)
	req.Host = "evil.example"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("another Host reads the index: %d", resp.StatusCode)
	}

	// A student added while the server runs is on the index at once,
	// the open index reloads, and the terminal prints the new link.
	before := ts.buildCount()
	write(t, ts.file("content/students/zoe-new.yaml"), "name: Zoë New\ngroup: g0000\n")
	r, _ := ts.reload(t)
	ts.awaitBuild(t, before, false)
	if !r.All && !contains(r.Paths, "_pacer/students/index.html") {
		t.Errorf("the reload %+v does not reach the open index", r)
	}
	var zoe site.Student
	for _, st := range ts.lastBuild().Students {
		if st.ID == "zoe-new" {
			zoe = st
		}
	}
	zl := "/" + strings.TrimSuffix(zoe.Path, "index.html")
	_, page = ts.get(t, "_pacer/students/")
	if links := indexLinks(t, page); zoe.Token == "" || links[zl] != "Zoë New (g0000)" {
		t.Errorf("after adding a student the index lists %q for %s:\n%s", links[zl], zl, page)
	}
	if !strings.Contains(ts.log.String(), "new student page: Zoë New "+ts.URL()+strings.TrimPrefix(zl, "/")) {
		t.Errorf("the terminal does not print the new student's link:\n%s", ts.log.String())
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestServeMergesANewReceiptIntoThatStudentsPage(t *testing.T) {
	ts := startServer(t, 0)
	dir := filepath.Join(ts.course.Root, "handins")
	if err := os.WriteFile(ts.file("site.yaml"), append(must(os.ReadFile(ts.file("site.yaml"))), "\nstudents:\n  receipts: handins\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	before := ts.buildCount()
	ts.waitBuild(t, before)
	st := ts.lastBuild().Students[2]
	r := &receipt.Receipt{Pacer: "receipt", V: 1, Site: ts.lastBuild().SiteKey, Student: st.Token, At: time.Date(2026, 11, 24, 14, 0, 0, 0, time.UTC),
		Steps: []receipt.Step{{C: "c0000", Status: "practicing", Note: "Handed-in note"}}}
	data, _ := receipt.Encode(r)
	before = ts.buildCount()
	write(t, filepath.Join(dir, "r.json"), string(data))
	rl, _ := ts.reload(t)
	ts.awaitBuild(t, before, false)
	up := ts.lastBuild()
	if len(up.Rendered) != 1 || up.Rendered[0] != st.Path || !contains(rl.Paths, st.Path) {
		t.Errorf("a new receipt rendered %v (reload %+v), want only %s", up.Rendered, rl, st.Path)
	}
	if _, page := ts.get(t, st.Path); !strings.Contains(page, "Handed-in note") {
		t.Error("the student's page does not carry the receipt")
	}
	if _, page := ts.get(t, "_pacer/students/"); !strings.Contains(indexLinks(t, page)["/"+strings.TrimSuffix(st.Path, "index.html")], "carries progress from a receipt") {
		t.Errorf("the index does not mark the merged page:\n%s", page)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
