// Quick checks: grade every <form class="check"> (engine/markdown's
// checkblock.go writes them) from its data-answer, show feedback and the
// explanation, allow retries, and record each answer for the student of
// this tab (none in a tab that belongs to no student). The markup contract:
//
//   <form class="check" data-check="1" data-kind="single" data-answer="[2]">
//     <fieldset><legend>question</legend>
//       <input type="radio" name="answer" value="1"> <label>2:3</label> ...
//     </fieldset>                    (type="checkbox" when several are right)
//     <button type="submit">Check</button>
//     <p class="check-feedback" role="status"></p>
//     <details class="check-solution"><summary>Show answer</summary>
//       ... <p class="check-explain">explanation</p></details>
//   </form>
//
// A short answer has one <input type="text" name="answer"> and data-answer
// holds the accepted strings, compared trimmed and case-folded. An optional
// data-activity on the form names the activity when the page is not its
// own. Answers on a diagnostic page are not recorded: a pre-assessment of
// what was not taught yet must not count against mastery.
//
// Every graded answer is kept as an attempt (SPEC 5.3) with what was
// chosen and whether the item's explanation had been shown before it (an
// earlier answer reveals it, as does opening "Show answer"): the mastery
// rule counts such an answer as practice. After a wrong answer the
// choices are shuffled, so a retry is not a click on the same spot.
import { stamp } from "./clock";
import type { Ctx } from "./context";
import { h } from "./dom";
import { reorder } from "./mastery";

function norm(s: string): string {
  return s.trim().replace(/\s+/g, " ").toLowerCase();
}

// grade returns whether the form's answer is right, or null when none is
// given (or the form has no valid data-answer).
export function grade(form: HTMLFormElement): boolean | null {
  let key: unknown;
  try {
    key = JSON.parse(form.dataset.answer || "");
  } catch {
    key = null;
  }
  if (!Array.isArray(key) || !key.length) return null;
  const inputs = Array.prototype.slice.call(form.querySelectorAll("input[name=answer]")) as HTMLInputElement[];
  const text = inputs.filter((i) => i.type !== "radio" && i.type !== "checkbox")[0];
  if (text) {
    const v = norm(text.value);
    return v === "" ? null : key.some((a) => norm(String(a)) === v);
  }
  const chosen = inputs.filter((i) => i.checked).map((i) => i.value);
  const want = key.map(String);
  return chosen.length === 0 ? null : chosen.length === want.length && chosen.every((x) => want.indexOf(x) >= 0);
}

export function initChecks(ctx: Ctx): void {
  const forms = document.querySelectorAll<HTMLFormElement>("form.check");
  for (let i = 0; i < forms.length; i++) setup(ctx, forms[i]);
}

function setup(ctx: Ctx, form: HTMLFormElement): void {
  const { t } = ctx;
  let out = form.querySelector<HTMLElement>(".check-feedback");
  if (!out) {
    out = h("p", { class: "check-feedback", role: "status" });
    form.append(out);
  }
  // The form is rendered in the page's language; the tab's student may
  // read another one (see main.ts), so its words come from the strings.
  relabel(form, "button[type=submit]", t("check.submit"));
  relabel(form, ".check-hint", t(form.dataset.kind === "multiple" ? "check.chooseAll" : "check.chooseOne"));
  relabel(form, "label[for$=_input]", t("check.yourAnswer"));
  relabel(form, ".check-solution > summary", t("check.showAnswer"));
  const feedback = out;
  const src = form.querySelector(".check-explain");
  const explain = h("p", { class: "check-explain", hidden: true }, src ? src.textContent : "");
  feedback.after(explain);
  let timer = 0;
  let shown = false;
  let order: number[] = [];
  const solution = form.querySelector<HTMLDetailsElement>(".check-solution");
  if (solution)
    solution.addEventListener("toggle", () => {
      if (solution.open) shown = true;
    });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const right = grade(form);
    const explained = shown;
    if (right !== null && src) shown = true;
    form.classList.toggle("right", right === true);
    form.classList.toggle("wrong", right === false);
    if (right !== null) form.classList.add("tried");
    // Empty the live region first so a repeated message is announced again.
    feedback.textContent = "";
    clearTimeout(timer);
    timer = window.setTimeout(() => {
      feedback.textContent = t(right === null ? "check.empty" : right ? "check.right" : "check.wrong");
    }, 50);
    explain.hidden = right === null || !src;
    if (right === null || ctx.kind === "diagnostic") return;
    const answer = answerOf(form);
    if (!right) order = shuffle(form, order);
    const activity = form.dataset.activity || (ctx.kind === "activity" ? document.body.dataset.activity : "");
    const n = form.dataset.check || "";
    const at = stamp();
    if (activity && /^\d+$/.test(n)) {
      ctx.me.then((me) => {
        if (!me) return;
        me.update((p) => {
          // An earlier answer to the item, on this page or another visit,
          // showed its explanation.
          const seen = explained || (!!src && p.answers.some((a) => a.activity === activity && a.check === Number(n)));
          p.answers.push({ activity, check: Number(n), right, at, explained: seen, answer });
        });
      });
    }
  });
}

// answerOf is what the student answered: the text, or the values chosen.
function answerOf(form: HTMLFormElement): string | string[] {
  const inputs = Array.prototype.slice.call(form.querySelectorAll("input[name=answer]")) as HTMLInputElement[];
  const text = inputs.filter((i) => i.type !== "radio" && i.type !== "checkbox")[0];
  return text ? text.value.trim() : inputs.filter((i) => i.checked).map((i) => i.value);
}

// shuffle puts the form's choices in a new order (never the one before)
// and clears them; values stay, so grading is unchanged. It returns the
// order shown, by the choices' original positions.
function shuffle(form: HTMLFormElement, prev: number[]): number[] {
  const choices = Array.prototype.slice.call(form.querySelectorAll(".check-choice")) as HTMLElement[];
  if (choices.length < 2) return prev;
  const parent = choices[0].parentNode;
  if (!parent) return prev;
  choices.forEach((c, i) => {
    if (!c.dataset.pos) c.dataset.pos = String(i);
  });
  const byPos = choices.slice().sort((a, b) => Number(a.dataset.pos) - Number(b.dataset.pos));
  const next = reorder(byPos.length, prev.length ? prev : choices.map((c) => Number(c.dataset.pos)));
  const anchor = choices[choices.length - 1].nextSibling;
  for (const i of next) parent.insertBefore(byPos[i], anchor);
  for (const c of choices) {
    const input = c.querySelector("input");
    if (input) input.checked = false;
  }
  return next;
}

function relabel(form: HTMLFormElement, selector: string, text: string): void {
  const el = form.querySelector(selector);
  if (el && text.indexOf("check.") !== 0) el.textContent = text;
}
