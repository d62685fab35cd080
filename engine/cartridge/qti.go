package cartridge

import (
	"fmt"
	"strconv"

	"github.com/pacer-edu/pacer/engine/check"
	"github.com/pacer-edu/pacer/engine/content"
)

// Item profiles of the Common Cartridge QTI subset.
const (
	profileExam     = "cc.exam.v0p1"
	profileChoice   = "cc.multiple_choice.v0p1"
	profileResponse = "cc.multiple_response.v0p1"
	profileFIB      = "cc.fib.v0p1"
)

// quiz writes the assessment of competency k's checks, if it has any.
func (e *exporter) quiz(k *content.Competency) {
	var checks []check.Check
	for _, a := range e.c.ActivitiesFor[k.ID] {
		checks = append(checks, a.Checks...)
	}
	if len(checks) == 0 {
		return
	}
	rid := xmlID("q", k.ID)
	href := "quizzes/" + k.ID + "/assessment.xml"
	title := e.str("cartridge.quiz", k.Title)
	w := newXW()
	w.open("questestinterop", "xmlns", nsQTI)
	w.open("assessment", "ident", rid+"_assessment", "title", title)
	w.open("qtimetadata")
	meta(w, "cc_profile", profileExam)
	meta(w, "qmd_assessmenttype", "Examination")
	meta(w, "qmd_scoretype", "Percentage")
	meta(w, "cc_maxattempts", "unlimited")
	w.close("qtimetadata")
	w.open("section", "ident", "root_section")
	for i, c := range checks {
		item(w, fmt.Sprintf("%s_%d", rid, i+1), fmt.Sprintf("%d", i+1), c)
	}
	w.close("section")
	w.close("assessment")
	w.close("questestinterop")
	e.k.files[href] = w.bytes()
	e.res = append(e.res, resource{id: rid, typ: typeQuiz, files: []string{href}})
	e.quizOf[k.ID] = rid
}

func meta(w *xw, label, entry string) {
	w.open("qtimetadatafield")
	w.leaf("fieldlabel", label)
	w.leaf("fieldentry", entry)
	w.close("qtimetadatafield")
}

func item(w *xw, ident, title string, c check.Check) {
	profile := profileChoice
	switch c.Kind() {
	case check.Multiple:
		profile = profileResponse
	case check.Short:
		profile = profileFIB
	}
	w.open("item", "ident", ident, "title", title)
	w.open("itemmetadata")
	w.open("qtimetadata")
	meta(w, "cc_profile", profile)
	meta(w, "cc_weighting", "1")
	w.close("qtimetadata")
	w.close("itemmetadata")
	w.open("presentation")
	w.open("material")
	w.leaf("mattext", c.Q, "texttype", "text/plain")
	w.close("material")
	if c.Kind() == check.Short {
		w.open("response_str", "ident", "response1", "rcardinality", "Single")
		w.open("render_fib")
		w.empty("response_label", "ident", "answer1", "rshuffle", "No")
		w.close("render_fib")
		w.close("response_str")
	} else {
		card := "Single"
		if c.Kind() == check.Multiple {
			card = "Multiple"
		}
		w.open("response_lid", "ident", "response1", "rcardinality", card)
		w.open("render_choice", "shuffle", "Yes")
		for i, ch := range c.Choices {
			w.open("response_label", "ident", choiceID(i+1))
			w.open("material")
			w.leaf("mattext", ch, "texttype", "text/plain")
			w.close("material")
			w.close("response_label")
		}
		w.close("render_choice")
		w.close("response_lid")
	}
	w.close("presentation")

	w.open("resprocessing")
	w.open("outcomes")
	w.empty("decvar", "varname", "SCORE", "vartype", "Decimal", "minvalue", "0", "maxvalue", "100")
	w.close("outcomes")
	if c.Explain != "" {
		w.open("respcondition", "continue", "Yes")
		w.open("conditionvar")
		w.empty("other")
		w.close("conditionvar")
		w.empty("displayfeedback", "feedbacktype", "Response", "linkrefid", "general_fb")
		w.close("respcondition")
	}
	w.open("respcondition", "continue", "No")
	w.open("conditionvar")
	switch c.Kind() {
	case check.Single:
		w.leaf("varequal", choiceID(c.Answer[0]), "respident", "response1")
	case check.Multiple:
		right := map[int]bool{}
		for _, a := range c.Answer {
			right[a] = true
		}
		w.open("and")
		for i := range c.Choices {
			if right[i+1] {
				w.leaf("varequal", choiceID(i+1), "respident", "response1")
			} else {
				w.open("not")
				w.leaf("varequal", choiceID(i+1), "respident", "response1")
				w.close("not")
			}
		}
		w.close("and")
	case check.Short:
		w.open("or")
		for _, a := range c.Accept {
			w.leaf("varequal", a, "respident", "response1", "case", "No")
		}
		w.close("or")
	}
	w.close("conditionvar")
	w.leaf("setvar", "100", "action", "Set", "varname", "SCORE")
	w.close("respcondition")
	w.close("resprocessing")
	if c.Explain != "" {
		w.open("itemfeedback", "ident", "general_fb")
		w.open("flow_mat")
		w.open("material")
		w.leaf("mattext", c.Explain, "texttype", "text/plain")
		w.close("material")
		w.close("flow_mat")
		w.close("itemfeedback")
	}
	w.close("item")
}

func choiceID(i int) string { return "choice" + strconv.Itoa(i) }
