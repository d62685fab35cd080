// The activity page's bar, for the student of this tab (whose playlist
// opened it, or whom this device remembers): back to their playlist, mark
// this activity done, and the next activity of their plan (known from when
// their page was last opened). In a tab of no student it says that
// nothing is saved and how to open your own link; it never names or
// offers anyone else.
import { stamp } from "./clock";
import type { Ctx } from "./context";
import { href } from "./course";
import { button, byId, h } from "./dom";
import { choose, next, View } from "./mastery";
import { readAloud } from "./handinload";

// unit, when given, loads the course data of a unit the page does not
// have ("" for the next one the student page loaded; false when there is
// none left): the bar asks for the unit of the step it points to, and
// only when that does not hold the activity (a prerequisite step is
// listed under the unit that pulled it in) for the student page's other
// units, one at a time (SPEC 10: no page loads what it does not show).
export async function initActivityBar(ctx: Ctx, unit?: (u: string) => Promise<boolean>): Promise<void> {
  const bar = byId("pacer-activity-bar");
  const id = document.body.dataset.activity || "";
  if (!bar || !id) return;
  const { t, root } = ctx;
  const me = await ctx.me;
  if (!me) {
    bar.append(h("p", { class: "bar-note" }, t("bar.noStudent")));
    return;
  }
  const steps = me.info.steps;
  // The way in a student opens is their pick on the step's choice board.
  if (Array.isArray(steps) && choose(me.p, steps, ctx.course, id, stamp())) void me.save();
  // The next activity may be in a unit this page has no data of: load it,
  // then ask again (its data can change what is next), a few times at most.
  for (let i = 0; unit && Array.isArray(steps) && i < 8; i++) {
    const n = next(steps, new View(me.p, ctx.course), id);
    if (!n || !n.activity || ctx.course.activity(n.activity) || !((await unit(n.step.unit || "_")) || (await unit("")))) break;
  }
  const course = ctx.course;
  const token = me.token;
  const main = byId("main");
  const src = bar.dataset.handin;
  // Made once: redrawing the bar must not lose what is being read.
  let speak: HTMLElement | null = null;
  if (me.info.readAloud === true && main && src)
    void readAloud(src, main, t, ctx.lang).then((b) => {
      speak = b;
      if (b) bar.append(b);
    });
  const draw = () => {
    bar.textContent = "";
    const v = new View(me.p, course);
    const mark = button(
      t("act.markDone"),
      () => {
        me.update((p) => {
          const at = stamp();
          if (new View(p, course).done(id)) p.undone[id] = at;
          else {
            p.done[id] = at;
            if (Array.isArray(steps)) choose(p, steps, course, id, at);
          }
        });
        draw();
        const b = bar.querySelector<HTMLElement>("[data-k=mark]");
        if (b) b.focus();
      },
      { class: "toggle", "aria-pressed": String(v.done(id)), "data-k": "mark" },
    );
    const n = Array.isArray(steps) ? next(steps, v, id) : null;
    const a = n && course.activity(n.activity);
    bar.append(h("a", { class: "bar-back", href: href(root, "s/" + token + "/index.html") }, t("bar.back")), mark);
    if (n && a && a.u) bar.append(h("a", { class: "button", href: href(root, a.u) }, t("bar.next", { title: course.title("activity", n.activity) })));
    if (typeof me.info.name === "string" && me.info.name) bar.append(h("span", { class: "bar-who" }, t("bar.who", { name: me.info.name })));
    if (speak) bar.append(speak);
  };
  me.onChange(draw);
  draw();
}
