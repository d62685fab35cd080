// The paper plan: a compact, print-only copy of the student's playlist for
// a family without a computer, built when the page is about to print
// (beforeprint, or the "Print my plan" button): each step with its target
// date and minutes, the activities the student will do (their pick, else
// the suggested one) with a tick box, modality, minutes and a QR code to
// the activity's page, the rating scale to circle and lines for notes.
//
// The codes come from the lazily loaded QR module (paperplan.ts), so the
// encoder stays off the script every page loads. "Print my plan" loads it,
// builds the plan and prints; so does Ctrl+P (or Cmd+P) on the page. A
// print from the browser's menu cannot wait for a download, so the page
// fetches the module when the browser is idle once every card is drawn
// (preloadCodes; not when the student asked to save data). A print before
// it is in (or when it cannot load) gives each activity its address in
// print instead of a code, so paper still reaches every activity.
//
// A code holds the activity page's absolute address: under the site's
// baseURL when it has one (data-base), else under the address this page
// was opened from. An address a phone cannot open (file://) gets no code.
import { button, h } from "./dom";
import { load, type HandInModule } from "./handinload";
import { groups, type View } from "./mastery";
import type { StudentPage } from "./playlist";

export function initPrintPlan(page: StudentPage, box: HTMLElement): HTMLElement {
  const src = page.app.dataset.handin || "";
  const build = () => {
    box.textContent = "";
    box.append(plan(page, page.view()));
    const m = (window as unknown as { PacerHandIn?: HandInModule }).PacerHandIn;
    if (m && m.paperCodes) m.paperCodes(box, page.ctx.t);
    else
      box.querySelectorAll<HTMLElement>("[data-qr]").forEach((el) => {
        el.append(h("span", { class: "print-url" }, (el.dataset.qr || "").replace(/^https?:\/\//, "")));
      });
  };
  addEventListener("beforeprint", build);
  const print = () => {
    Promise.resolve(src && load(src))
      .catch(() => undefined)
      .then(() => {
        build();
        window.print();
      });
  };
  addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key === "p") {
      e.preventDefault();
      print();
    }
  });
  return h("p", { class: "print-button" }, button(page.ctx.t("print.button"), print, { class: "secondary" }));
}

// preloadCodes fetches the QR module when the browser is idle, if this
// page can print codes at all (an http(s) address, or the site's baseURL)
// and the student has not asked the browser to save data.
export function preloadCodes(page: StudentPage): void {
  const src = page.app.dataset.handin || "";
  const nav = navigator as Navigator & { connection?: { saveData?: boolean } };
  if (!src || (nav.connection && nav.connection.saveData) || !url(page, "index.html")) return;
  const w = window as Window & { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => number };
  const go = () => void load(src).catch(() => undefined);
  if (w.requestIdleCallback) w.requestIdleCallback(go, { timeout: 2000 });
  else setTimeout(go, 0);
}

function url(page: StudentPage, u: string): string {
  const base = page.app.dataset.base;
  try {
    const a = new URL(base ? u : page.ctx.root + u, base || location.href);
    return /^https?:$/.test(a.protocol) ? a.href.replace(/#.*/, "") : "";
  } catch {
    return "";
  }
}

function plan(page: StudentPage, v: View): HTMLElement {
  const { t, course } = page.ctx;
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
      const a = course.activity(course.canonical(id));
      const title = course.title("activity", course.canonical(id));
      acts.append(
        h(
          "li",
          { class: v.done(id) ? "is-done" : "", "data-qr": (a && a.u && url(page, a.u)) || undefined, "data-title": title },
          h("span", { class: "tick", "aria-hidden": "true" }, v.done(id) ? "✓" : ""),
          title,
          m && h("span", { class: "act-meta" }, " · " + m),
        ),
      );
    }
    li.append(acts);
    if (course.scale.length) {
      li.append(h("p", { class: "print-scale" }, t("print.rate"), " ", ...course.scale.map((s, k) => h("span", { class: "circle" }, k + 1 + " " + s))));
    }
    li.append(h("p", { class: "print-notes" }, t("print.notes")), h("div", { class: "print-lines", "aria-hidden": "true" }));
  }
  return h("div", null, h("h2", null, t("print.title"), " · ", page.name), list);
}
