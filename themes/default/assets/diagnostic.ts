// A unit's diagnostic page (SPEC 5.1): a short, adaptive check-in. Each
// competency asks its items one at a time and stops at the first wrong
// answer (placement.ts); an answer is final: no explanation, no retry, so
// answering wrong, reading the answer and trying again cannot place anyone
// out. A competency whose asked items are all right is placed out, in
// storage, for the student of this tab.
import { stamp } from "./clock";
import type { Ctx } from "./context";
import { href } from "./course";
import { byId, h } from "./dom";
import { grade } from "./checks";
import { place } from "./placement";

interface Section {
  c: string;
  forms: HTMLFormElement[];
  items: string[];
  note: HTMLElement;
}

function itemOf(f: HTMLFormElement, i: number): string {
  return (f.dataset.activity || "") + "#" + (f.dataset.check || "x" + i);
}

export function initDiagnostic(ctx: Ctx): void {
  const finish = byId("pacer-diag-finish");
  const out = byId("pacer-diag-result");
  if (!finish || !out) return;
  const { t, course, root } = ctx;
  const answers: Record<string, boolean> = {};
  const sections: Section[] = [];
  const els = document.querySelectorAll<HTMLElement>(".diag-competency[data-competency]");
  for (let i = 0; i < els.length; i++) {
    const forms = Array.prototype.slice.call(els[i].querySelectorAll("form.check")) as HTMLFormElement[];
    if (!forms.length) continue;
    // The page without JavaScript shows answers on request; the check-in does not.
    for (const f of forms) {
      const sol = f.querySelector(".check-solution");
      if (sol) sol.remove();
    }
    const note = h("p", { class: "diag-note" });
    els[i].append(note);
    sections.push({ c: els[i].dataset.competency || "", forms, items: forms.map(itemOf), note });
  }
  let reported = false;
  const show = () => {
    let all = true;
    for (const s of sections) {
      const p = place(s.items, answers);
      s.forms.forEach((f, i) => {
        f.hidden = s.items[i] !== p.next && p.asked.indexOf(s.items[i]) < 0;
      });
      s.note.textContent = p.done ? t(p.placed ? "diag.knows" : "diag.learn") : "";
      all = all && p.done;
    }
    if (all && !reported) void report();
  };
  // Capture: the check-in grades its own forms, before checks.ts would
  // show an explanation and allow a retry.
  document.addEventListener(
    "submit",
    (e) => {
      const form = e.target;
      if (!(form instanceof HTMLFormElement)) return;
      const s = sections.filter((x) => x.forms.indexOf(form) >= 0)[0];
      if (!s) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      const item = s.items[s.forms.indexOf(form)];
      if (typeof answers[item] === "boolean") return;
      const right = grade(form);
      const fb = form.querySelector<HTMLElement>(".check-feedback");
      if (right === null) {
        if (fb) fb.textContent = t("check.empty");
        return;
      }
      answers[item] = right;
      const fs = form.querySelector("fieldset");
      if (fs) fs.disabled = true;
      const b = form.querySelector<HTMLButtonElement>("button[type=submit]");
      if (b) b.disabled = true;
      if (fb) fb.textContent = t("diag.saved");
      show();
      // go on with the next question, wherever it is
      const next = document.querySelector<HTMLElement>(".diag-competency form.check:not([hidden]) fieldset:not([disabled]) input");
      if (next) next.focus();
      else finish.focus();
    },
    true,
  );
  const report = async () => {
    reported = true;
    const me = await ctx.me;
    const placed: string[] = [];
    const rest: string[] = [];
    for (const s of sections) (place(s.items, answers).placed ? placed : rest).push(s.c);
    if (me && placed.length) {
      me.update((p) => {
        for (const c of placed) if (!p.placed[c]) p.placed[c] = stamp();
      });
    }
    const names = (ids: string[]) => ids.map((c) => course.title("competency", c)).join(", ");
    out.textContent = "";
    out.append(
      h("p", null, placed.length ? t("diag.placed", { list: names(placed) }) : t("diag.none")),
      rest.length ? h("p", null, t("diag.rest", { list: names(rest) })) : "",
      me
        ? h("p", null, h("a", { class: "button", href: href(root, "s/" + me.token + "/index.html") }, t("bar.back")))
        : h("p", { class: "bar-note" }, t("diag.noStudent")),
    );
  };
  finish.hidden = false;
  finish.addEventListener("click", () => void report());
  show();
}
