// The paper plan's body, in the lazily loaded module (qrhandin.ts, global
// PacerHandIn) so that the script every page loads stays small: each step
// with its target date and minutes, the activities the student will do
// (their pick, else the suggested one) with a tick box, modality, minutes
// and a QR code to the activity's page, the rating scale to circle and
// lines for notes.
//
// A code holds the activity page's absolute address: under the site's
// baseURL when it has one (base), else under the address this page was
// opened from. An address a phone cannot open (file://) gets no code.
import { h } from "./dom";
import { groups, type View } from "./mastery";
import type { StudentPage } from "./playlist";
import { svg } from "./qrhandin";

export function paperPlan(page: StudentPage, v: View, base: string): HTMLElement {
  const { t, course, root } = page.ctx;
  const url = (u: string) => {
    try {
      const a = new URL(base ? u : root + u, base || location.href);
      return /^https?:$/.test(a.protocol) ? a.href.replace(/#.*/, "") : "";
    } catch {
      return "";
    }
  };
  const list = h("ol", { class: "print-steps" });
  for (const step of page.plan.steps) {
    const st = v.status(step);
    const li = h("li", { class: "print-step" }, h("h3", null, page.title(step.c), st === "mastered" || st === "placed" ? " · " + t("status." + st) : ""));
    list.append(li);
    if (st === "placed") continue;
    const when: string[] = [];
    if (step.target) when.push(t("step.target", { date: page.fmt(step.target) }));
    if (step.minutes) when.push(t("step.minutes", { n: step.minutes }));
    if (when.length) li.append(h("p", { class: "print-when" }, when.join(" · ")));
    const acts = h("ul", { class: "print-acts" });
    for (const g of groups(step)) {
      const id = v.pick(g.key, g.options) || g.options[0];
      if (!id) continue;
      const m = page.meta(id);
      const title = course.title("activity", course.canonical(id));
      const a = course.activity(course.canonical(id));
      const u = a && a.u ? url(a.u) : "";
      const item = h(
        "li",
        { class: v.done(id) ? "is-done" : "" },
        h("span", { class: "tick", "aria-hidden": "true" }, v.done(id) ? "✓" : ""),
        title,
        m && h("span", { class: "act-meta" }, " · " + m),
      );
      if (u) {
        const code = svg(u, t("print.qr", { title }));
        code.setAttribute("data-url", u);
        item.prepend(code);
        item.classList.add("has-qr");
      }
      acts.append(item);
    }
    li.append(acts);
    if (course.scale.length) {
      li.append(h("p", { class: "print-scale" }, t("print.rate"), " ", ...course.scale.map((s, k) => h("span", { class: "circle" }, k + 1 + " " + s))));
    }
    li.append(h("p", { class: "print-notes" }, t("print.notes")), h("div", { class: "print-lines", "aria-hidden": "true" }));
  }
  return h("div", null, h("h2", null, t("print.title"), " · ", page.name), list);
}
