// A unit's diagnostic page: grade every item of each competency, and for
// the student of this tab place out (in storage) each
// competency whose items are all right.
import { stamp } from "./clock";
import type { Ctx } from "./context";
import { href } from "./course";
import { byId, h } from "./dom";
import { grade } from "./checks";

export async function initDiagnostic(ctx: Ctx): Promise<void> {
  const finish = byId("pacer-diag-finish");
  const out = byId("pacer-diag-result");
  if (!finish || !out) return;
  const { t, course, root } = ctx;
  const me = await ctx.me;
  finish.hidden = false;
  finish.addEventListener("click", () => {
    const placed: string[] = [];
    const rest: string[] = [];
    const sections = document.querySelectorAll<HTMLElement>(".diag-competency[data-competency]");
    for (let i = 0; i < sections.length; i++) {
      const c = sections[i].dataset.competency || "";
      const forms = sections[i].querySelectorAll<HTMLFormElement>("form.check");
      let right = 0;
      for (let j = 0; j < forms.length; j++) if (grade(forms[j]) === true) right++;
      if (!forms.length) continue;
      (right === forms.length ? placed : rest).push(c);
    }
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
  });
}
