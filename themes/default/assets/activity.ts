// The activity page's bar, for the student last remembered on this
// device: back to their playlist, mark this activity done, the next
// activity of their plan (known from when their page was last opened), and
// a switch to another student who opened their link on this device.
import { stamp } from "./clock";
import type { Ctx } from "./context";
import { href } from "./course";
import { button, byId, h } from "./dom";
import { next, View } from "./mastery";

export function initActivityBar(ctx: Ctx): void {
  const bar = byId("pacer-activity-bar");
  const id = document.body.dataset.activity || "";
  if (!bar || !id) return;
  const { t, course, store, root } = ctx;

  const draw = () => {
    const token = store.current();
    const student = token ? store.student(token) : undefined;
    bar.textContent = "";
    if (!token) {
      bar.append(h("p", { class: "bar-note" }, t("bar.noStudent")));
      return;
    }
    const v = new View(store.read(token), course);
    const done = v.done(id);
    const mark = button(
      t("act.markDone"),
      () => {
        store.update(token, (p) => {
          (new View(p, course).done(id) ? p.undone : p.done)[id] = stamp();
        });
        draw();
        const b = bar.querySelector<HTMLElement>("[data-k=mark]");
        if (b) b.focus();
      },
      { class: "toggle", "aria-pressed": String(done), "data-k": "mark" },
    );
    const n = student && Array.isArray(student.steps) ? next(student.steps, v, id) : null;
    const a = n && course.activity(n.activity);
    bar.append(h("a", { class: "bar-back", href: href(root, "s/" + token + "/index.html") }, t("bar.back")), mark);
    if (n && a && a.u) bar.append(h("a", { class: "button", href: href(root, a.u) }, t("bar.next", { title: course.title("activity", n.activity) })));
    const others = store.students().filter((s) => s.token !== token);
    if (student && student.name) bar.append(h("span", { class: "bar-who" }, t("bar.who", { name: student.name })));
    if (others.length) {
      const list = h("ul");
      others.forEach((s, i) =>
        list.append(
          h(
            "li",
            null,
            button(t("bar.workAs", { name: s.name || t("switch.student", { n: i + 1 }) }), () => {
              store.setCurrent(s.token);
              draw();
            }, { class: "secondary" }),
          ),
        ),
      );
      bar.append(h("details", { class: "bar-switch" }, h("summary", null, t("switch.label")), list));
    }
  };
  window.addEventListener("storage", (e) => {
    if (e.key && e.key.indexOf("pacer:" + store.site + ":") === 0) draw();
  });
  draw();
}
