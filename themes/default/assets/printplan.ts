// The paper plan: a compact, print-only copy of the student's playlist for
// a family without a computer (built by paperplan.ts, which rides in the
// lazily loaded QR module with the code encoder). "Print my plan" loads
// the module, builds the plan and prints; so does Ctrl+P (or Cmd+P) on
// the page. A print from the browser's menu builds the plan on
// beforeprint when the module is already loaded (after a first "Print my
// plan", a hand-in or read aloud); before that it cannot wait for a
// download, so the page prints its own plan (the no-JavaScript list of
// steps, see the print rules in style.css): the trade-off that keeps the
// encoder off the script every page loads.
import { button, h } from "./dom";
import { load, type HandInModule } from "./handinload";
import type { StudentPage } from "./playlist";

export function initPrintPlan(page: StudentPage, box: HTMLElement): HTMLElement {
  const src = page.app.dataset.handin || "";
  const build = () => {
    const m = (window as unknown as { PacerHandIn?: HandInModule }).PacerHandIn;
    if (!m || !m.paperPlan) return;
    box.textContent = "";
    box.append(m.paperPlan(page, page.view(), page.app.dataset.base || ""));
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
