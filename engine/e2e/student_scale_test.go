package e2e

import (
	"strings"
	"testing"

	"github.com/pacer-edu/pacer/engine/internal/browsertest"
)

// A scale given per language in site.yaml reaches each student in their
// own language: Sofía rates herself on the Spanish levels, Ada on the
// English ones, and what each page asks for names a level of its scale.
func TestEachStudentRatesOnTheScaleOfTheirLanguage(t *testing.T) {
	files := tinyCourse()
	files["site.yaml"] = strings.Replace(files["site.yaml"],
		"  scale: [Not yet, Getting there, Got it, Can teach it]\n",
		"  scale:\n    en: [Not yet, Getting there, Got it, Can teach it]\n    es: [Aún no, En camino, Ya lo sé, Lo puedo enseñar]\n", 1)
	files["content/students/sofia.yaml"] = "name: Sofía M.\nunits: [numbers]\nlanguage: es\n"
	c := buildCourse(t, writeFiles(t, files))
	p := browsertest.NewPage(t)

	c.openStudent(t, p, "Sofía M.", "2026-09-07")
	step := p.ByRole("region", "Mis pasos").ByRole("article", "Adding")
	rate := step.ByRole("group", "¿Qué tan bien puedes hacerlo ahora?")
	for _, level := range []string{"Aún no", "En camino", "Ya lo sé", "Lo puedo enseñar"} {
		if !rate.ByRole("radio", level).Exists() {
			t.Errorf("Sofía's scale lacks %q: %q", level, rate.Text())
		}
	}
	if rate.ByRole("radio", "Got it").Exists() {
		t.Error("Sofía's page offers the English scale")
	}
	step.WaitText("califícate al menos «Ya lo sé»")
	tap(p, rate.ByRole("radio", "En camino"))
	step.ByRole("list", "Mis calificaciones hasta ahora:").WaitText("En camino")

	c.openStudent(t, p, "Ada L.", "2026-09-07")
	rate = card(p, "Adding").ByRole("group", "How well can you do this now?")
	if !rate.ByRole("radio", "Got it").Exists() || rate.ByRole("radio", "Ya lo sé").Exists() {
		t.Errorf("Ada's scale is not the English one: %q", rate.Text())
	}
	noneOffHost(t, p)
}
