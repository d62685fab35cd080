// The paper plan: a compact, print-only copy of the student's playlist for
// a family without a computer. Built when the page is about to print
// (beforeprint, or the "Print my plan" button), so it costs the page
// nothing until then: each step with its target date and minutes, the
// activities the student will do (their pick, else the suggested one)
// with a tick box, modality and minutes, the rating scale to circle and
// lines for notes.
import { button, h } from "./dom";
import { groups, type View } from "./mastery";
import type { StudentPage } from "./playlist";

export function initPrintPlan(page: StudentPage, box: HTMLElement): HTMLElement {
  const { t } = page.ctx;
  const build = () => {
    box.textContent = "";
    box.append(plan(page, page.view()));
  };
  window.addEventListener("beforeprint", build);
  const print = () => {
    build();
    window.print();
  };
  return h("p", { class: "print-button" }, button(t("print.button"), print, { class: "secondary" }));
}

function plan(page: StudentPage, v: View): HTMLElement {
  const { t, course } = page.ctx;
  const list = h("ol", { class: "print-steps" });
  for (const step of page.plan.steps) {
    const st = v.status(step);
    const li = h("li", { class: "print-step" }, h("h3", null, page.title(step.c), st === "mastered" || st === "placed" ? " · " + t("status." + st) : ""));
    if (st === "placed") {
      list.append(li);
      continue;
    }
    const when: string[] = [];
    if (step.target) when.push(t("step.target", { date: page.fmt(step.target) }));
    if (step.minutes) when.push(t("step.minutes", { n: step.minutes }));
    if (when.length) li.append(h("p", { class: "print-when" }, when.join(" · ")));
    const acts = h("ul", { class: "print-acts" });
    for (const g of groups(step)) {
      const id = v.pick(g.key, g.options) || g.options[0];
      if (!id) continue;
      const m = page.meta(id);
      acts.append(
        h(
          "li",
          { class: v.done(id) ? "is-done" : "" },
          h("span", { class: "tick", "aria-hidden": "true" }, v.done(id) ? "✓" : ""),
          course.title("activity", course.canonical(id)),
          m && h("span", { class: "act-meta" }, " · " + m),
        ),
      );
    }
    li.append(acts);
    if (course.scale.length) {
      li.append(h("p", { class: "print-scale" }, t("print.rate"), " ", ...course.scale.map((s, k) => h("span", { class: "circle" }, k + 1 + " " + s))));
    }
    li.append(h("p", { class: "print-notes" }, t("print.notes")), h("div", { class: "print-lines", "aria-hidden": "true" }));
    list.append(li);
  }
  return h("div", null, h("h2", null, t("print.title"), " · ", page.name), list);
}
