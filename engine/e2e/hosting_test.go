package e2e

// Hosting (README "Hosting"): the recipes the README gives, tried as far
// as a test can: the site served by a plain web server under a subpath,
// and the CI recipes' files checked for the command and folder they name.

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// A school web server serving public/ under /math/6b/: the student page,
// its service worker and the activity it links to all stay under the
// subpath, and nothing is asked of the server's root.
func TestSiteWorksUnderASubpathOfASchoolServer(t *testing.T) {
	c := buildTiny(t)
	const sub = "/math/6b/"
	var outside []string
	files := http.StripPrefix(strings.TrimSuffix(sub, "/"), http.FileServer(http.Dir(c.out)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, sub) {
			outside = append(outside, r.URL.Path)
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c.base = srv.URL + strings.TrimSuffix(sub, "/")

	p := browsertest.NewPage(t)
	c.openStudent(t, p, "Ada L.", "2026-09-07")
	offlineReady(p)
	scope := browsertest.Eval[string](p, `navigator.serviceWorker.getRegistration().then(r => r ? r.scope : "")`)
	if scope != srv.URL+sub {
		t.Errorf("the service worker's scope is %q, want the subpath %q", scope, srv.URL+sub)
	}
	act := p.ByRole("region", "Next up").ByRole("link", "").State().Name
	p.ExpectLoad(func() { tap(p, p.ByRole("region", "Next up").ByRole("link", act)) })
	waitForClient(p, "activity")
	if u := p.URL(); !strings.HasPrefix(u, srv.URL+sub+"activities/") {
		t.Errorf("Next up led to %s, outside %s", u, sub)
	}
	tap(p, p.ByRole("button", "Mark done"))
	settle(p)
	p.AssertClean(t)
	if len(outside) > 0 {
		t.Errorf("the pages asked for files outside %s: %v", sub, outside)
	}
}

// The GitHub Pages and GitLab Pages recipes build with this module's pacer
// command and publish the folder it writes.
func TestHostingRecipesRunPacerBuildAndPublishPublic(t *testing.T) {
	root := moduleRoot(t)
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	module := strings.Fields(strings.SplitN(string(mod), "\n", 2)[0])[1]
	want := "go run " + module + "/cmd/pacer@latest build -q"
	if _, err := os.Stat(filepath.Join(root, "cmd", "pacer", "main.go")); err != nil {
		t.Fatalf("the recipes run %s/cmd/pacer, which is not in this module: %v", module, err)
	}

	var gh struct {
		Jobs map[string]struct {
			Steps []struct {
				Uses string            `yaml:"uses"`
				Run  string            `yaml:"run"`
				Env  map[string]string `yaml:"env"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	readYAML(t, filepath.Join(root, "docs", "hosting", "github-pages.yml"), &gh)
	var built, uploaded bool
	for _, s := range gh.Jobs["build"].Steps {
		if strings.TrimSpace(s.Run) == want {
			built = true
			if !strings.Contains(s.Env["PACER_SECRET"], "secrets.PACER_SECRET") {
				t.Errorf("the GitHub build step does not take PACER_SECRET from the repository's secrets: %v", s.Env)
			}
		}
		if strings.HasPrefix(s.Uses, "actions/upload-pages-artifact@") && s.With["path"] == "public" {
			uploaded = built
		}
	}
	if !built || !uploaded {
		t.Errorf("github-pages.yml: build step %q found: %v; public/ uploaded after it: %v", want, built, uploaded)
	}

	var gl struct {
		Pages struct {
			Script    []string `yaml:"script"`
			Artifacts struct {
				Paths []string `yaml:"paths"`
			} `yaml:"artifacts"`
		} `yaml:"pages"`
	}
	readYAML(t, filepath.Join(root, "docs", "hosting", "gitlab-ci.yml"), &gl)
	if len(gl.Pages.Script) != 1 || gl.Pages.Script[0] != want {
		t.Errorf("gitlab-ci.yml's pages job runs %q, want [%q]", gl.Pages.Script, want)
	}
	if len(gl.Pages.Artifacts.Paths) != 1 || gl.Pages.Artifacts.Paths[0] != "public" {
		t.Errorf("gitlab-ci.yml publishes %q, want [public]", gl.Pages.Artifacts.Paths)
	}
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
