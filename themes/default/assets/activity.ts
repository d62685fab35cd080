// The activity page's bar, for the student last remembered on this
// device: back to their playlist, mark this activity done, and the next
// activity of their plan (known from when their page was last opened).
import { stamp } from "./clock";
import type { Ctx } from "./context";
import { href } from "./course";
import { byId, h } from "./dom";
import { isDone, next } from "./mastery";

export function initActivityBar(ctx: Ctx): void {
  const bar = byId("pacer-activity-bar");
  const id = document.body.dataset.activity || "";
  if (!bar || !id) return;
  const { t, course, store, root } = ctx;
  const token = store.current();
  const student = token ? store.student(token) : undefined;
  bar.textContent = "";
  if (!token) {
    bar.append(h("p", { class: "bar-note" }, t("bar.noStudent")));
    return;
  }
  const button = h("button", { type: "button", class: "toggle", "aria-pressed": "false" }, t("act.markDone"));
  const nextSlot = h("span", { class: "bar-next" });
  bar.append(h("a", { class: "bar-back", href: href(root, "s/" + token + "/") }, t("bar.back")), button, nextSlot);
  if (student && student.name) bar.append(h("span", { class: "bar-who" }, t("bar.who", { name: student.name })));

  const refresh = () => {
    const p = store.read(token);
    button.setAttribute("aria-pressed", String(isDone(p, course, id)));
    const n = student && Array.isArray(student.steps) ? next(student.steps, p, course, id) : null;
    const a = n && course.activity(n.activity);
    nextSlot.textContent = "";
    if (n && a && a.u) {
      nextSlot.append(h("a", { class: "button", href: href(root, a.u) }, t("bar.next", { title: course.title("activity", n.activity) })));
    }
  };
  button.addEventListener("click", () => {
    store.update(token, (p) => {
      const done = isDone(p, course, id);
      for (const k of course.ids(id)) delete p.done[k];
      if (!done) p.done[id] = stamp();
    });
    refresh();
  });
  window.addEventListener("storage", (e) => {
    if (e.key === store.key(token)) refresh();
  });
  refresh();
}
