// Quick checks: grade every <form class="check"> from its data-answer, show
// feedback and the explanation, allow retries, and record each answer for
// the current student. The markup contract:
//
//   <form class="check" data-check="1" data-answer='[2]'>     (1-based right choices)
//     <fieldset><legend>question</legend>
//       <label><input type="radio" name="answer" value="1"> 2:3</label> ...
//     </fieldset>                     (type="checkbox" when several are right)
//     <button type="submit">Check</button>
//     <p class="check-feedback" role="status"></p>
//     <div class="check-explain" hidden>explanation</div>
//   </form>
//
// A short answer has one <input type="text" name="answer"> and data-answer
// holds the accepted strings, compared trimmed and case-folded. An optional
// data-activity on the form names the activity when the page is not its own.
import { stamp } from "./clock";
import type { Ctx } from "./context";
import { h } from "./dom";

function norm(s: string): string {
  return s.trim().replace(/\s+/g, " ").toLowerCase();
}

function sameSet(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x) => b.indexOf(x) >= 0);
}

// grade returns whether the answer is right, or null when none is given.
export function grade(answer: unknown[], inputs: HTMLInputElement[]): boolean | null {
  const text = inputs.filter((i) => i.type !== "radio" && i.type !== "checkbox")[0];
  if (text) {
    const v = norm(text.value);
    return v === "" ? null : answer.some((a) => norm(String(a)) === v);
  }
  const chosen = inputs.filter((i) => i.checked).map((i) => Number(i.value));
  return chosen.length === 0 ? null : sameSet(chosen, answer.map(Number));
}

export function initChecks(ctx: Ctx): void {
  const forms = document.querySelectorAll<HTMLFormElement>("form.check");
  for (let i = 0; i < forms.length; i++) setup(ctx, forms[i]);
}

function setup(ctx: Ctx, form: HTMLFormElement): void {
  const { t, store } = ctx;
  let answer: unknown;
  try {
    answer = JSON.parse(form.dataset.answer || "");
  } catch {
    answer = null;
  }
  if (!Array.isArray(answer) || answer.length === 0) {
    console.error("pacer: a check has no valid data-answer", form);
    return;
  }
  const key = answer;
  let feedback = form.querySelector<HTMLElement>(".check-feedback");
  if (!feedback) {
    feedback = h("p", { class: "check-feedback", role: "status" });
    form.append(feedback);
  }
  const out = feedback;
  if (!form.querySelector("button, input[type=submit]")) {
    form.insertBefore(h("button", { type: "submit" }, t("check.submit")), out);
  }
  let timer = 0;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const inputs = Array.prototype.slice.call(form.querySelectorAll("input[name=answer]")) as HTMLInputElement[];
    const right = grade(key, inputs);
    form.classList.toggle("right", right === true);
    form.classList.toggle("wrong", right === false);
    // Empty the live region first so a repeated message is announced again.
    out.textContent = "";
    clearTimeout(timer);
    timer = window.setTimeout(() => {
      out.textContent = t(right === null ? "check.empty" : right ? "check.right" : "check.wrong");
    }, 50);
    if (right === null) return;
    const explain = form.querySelector<HTMLElement>(".check-explain");
    if (explain) explain.hidden = false;
    const activity = form.dataset.activity || (ctx.kind === "activity" ? document.body.dataset.activity : "");
    const token = store.current();
    const n = form.dataset.check || "";
    const check = Number(n);
    if (activity && token && /^\d+$/.test(n)) {
      store.update(token, (p) => {
        p.answers.push({ activity, check, right, at: stamp() });
      });
    }
  });
}
