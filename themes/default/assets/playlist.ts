// The student's page: remember the student on this device, then render
// "Next up" and the step cards into #pacer-app over the server-rendered
// playlist (which stays the no-JavaScript version, hidden once this runs).
import { formatDay, stamp, today } from "./clock";
import type { Ctx } from "./context";
import { href } from "./course";
import { byId, h, isObject, readJSON, strings } from "./dom";
import { isDone, next, requiredDone, status } from "./mastery";
import type { PlanStep, Progress } from "./storage";
import { tokenRE } from "./storage";

interface Step extends PlanStep {
  unit?: string;
  prereq?: boolean;
  requires?: string[];
  minutes?: number;
  target?: string;
}

interface Playlist {
  v: number;
  timeFactor?: number;
  steps: Step[];
}

function readPlaylist(): Playlist | null {
  const x = readJSON("pacer-playlist");
  if (!isObject(x) || !Array.isArray(x.steps)) return null;
  const steps = x.steps.filter((s: unknown): s is Step => isObject(s) && typeof s.c === "string");
  return { v: typeof x.v === "number" ? x.v : 1, timeFactor: typeof x.timeFactor === "number" ? x.timeFactor : 1, steps };
}

// planOf keeps what an activity page needs to find the next activity.
function planOf(steps: Step[]): PlanStep[] {
  return steps.map((s) => ({ c: s.c, placed: s.placed, choices: s.choices, support: s.support, extension: s.extension }));
}

export function initStudent(ctx: Ctx): void {
  const token = document.body.dataset.student || "";
  const plan = readPlaylist();
  if (!tokenRE.test(token) || !plan) return;
  const greeting = byId("greeting");
  const name = (greeting && greeting.dataset.name) || undefined;
  ctx.store.remember({ token, name, steps: planOf(plan.steps) });

  let app = byId("pacer-app");
  const fallback = byId("playlist");
  if (!app) {
    app = h("div", { id: "pacer-app" });
    if (fallback && fallback.parentNode) fallback.parentNode.insertBefore(app, fallback);
    else (document.querySelector("main") || document.body).append(app);
  }
  new StudentView(ctx, token, plan, app).render();
  if (fallback) fallback.hidden = true;
}

class StudentView {
  private nextBox = h("section", { class: "card next-up", "aria-labelledby": "pacer-next-h" });
  private cards: { step: Step; el: HTMLElement; badge: HTMLElement; late: HTMLElement | null }[] = [];
  private buttons: { id: string; el: HTMLButtonElement; item: HTMLElement }[] = [];
  private day = today();

  constructor(private ctx: Ctx, private token: string, private plan: Playlist, private app: HTMLElement) {}

  render(): void {
    const { t } = this.ctx;
    const list = h("ol", { class: "steps" });
    const steps = h(
      "section",
      { class: "steps-section", "aria-labelledby": "pacer-steps-h" },
      h("h2", { id: "pacer-steps-h" }, t("steps.heading")),
      list,
    );
    this.app.textContent = "";
    this.app.append(this.nextBox, steps);
    this.app.addEventListener("click", (e) => {
      const b = (e.target as Element).closest("button[data-done]");
      if (b instanceof HTMLButtonElement) this.toggle(b.dataset.done || "");
    });
    window.addEventListener("storage", (e) => {
      if (e.key === this.ctx.store.key(this.token)) this.refresh();
    });
    this.renderNext(this.ctx.store.read(this.token));
    this.more(list, 0);
  }

  // more adds the cards from index from on, in batches, so the first steps
  // of a long playlist show at once; #pacer-app gets data-ready when done.
  private more(list: HTMLElement, from: number): void {
    const all = this.plan.steps;
    const to = Math.min(all.length, from + (from === 0 ? 20 : 50));
    const cards = this.cards.length;
    const buttons = this.buttons.length;
    const batch = document.createDocumentFragment();
    for (let i = from; i < to; i++) batch.append(this.card(all[i]));
    this.update(this.ctx.store.read(this.token), cards, buttons);
    list.append(batch);
    if (to < all.length) setTimeout(() => this.more(list, to), 0);
    else this.app.setAttribute("data-ready", "");
  }

  private toggle(id: string): void {
    const { course, store } = this.ctx;
    store.update(this.token, (p) => {
      const done = isDone(p, course, id);
      for (const k of course.ids(id)) delete p.done[k];
      if (!done) p.done[id] = stamp();
    });
    this.refresh();
  }

  // refresh shows changed progress in place, so focus stays put.
  private refresh(): void {
    const p = this.ctx.store.read(this.token);
    this.update(p, 0, 0);
    this.renderNext(p);
  }

  private update(p: Progress, fromCard: number, fromButton: number): void {
    const { t, course } = this.ctx;
    for (const b of this.buttons.slice(fromButton)) {
      const done = isDone(p, course, b.id);
      setAttr(b.el, "aria-pressed", String(done));
      setAttr(b.item, "class", done ? "act is-done" : "act");
    }
    for (const c of this.cards.slice(fromCard)) {
      const st = status(c.step, p, course);
      setAttr(c.el, "class", "card step status-" + st);
      setAttr(c.badge, "class", "status status-" + st);
      if (c.badge.textContent !== t("status." + st)) c.badge.textContent = t("status." + st);
      const finished = st === "placed" || st === "mastered" || requiredDone(c.step, p, course);
      if (c.late) c.late.hidden = finished || !c.step.target || c.step.target >= this.day;
    }
  }

  private renderNext(p: Progress): void {
    const { t, course, root, lang } = this.ctx;
    const n = next(this.plan.steps, p, course);
    const box = this.nextBox;
    box.textContent = "";
    box.append(h("h2", { id: "pacer-next-h" }, t("next.heading")), h("p", { class: "today" }, t("next.today", { date: formatDay(this.day, lang) })));
    if (!n) {
      box.append(h("p", { class: "all-done" }, t("next.allDone")));
      return;
    }
    const a = course.activity(n.activity);
    box.append(
      h("p", { class: "next-step" }, course.title("competency", n.step.c)),
      h(
        "p",
        { class: "next-act" },
        a && a.u ? h("a", { class: "button next-link", href: href(root, a.u) }, course.title("activity", n.activity)) : n.activity,
        " ",
        this.meta(n.activity),
      ),
    );
  }

  private card(step: Step): HTMLElement {
    const { t, course, root, lang } = this.ctx;
    const comp = course.competency(step.c);
    const title = course.title("competency", step.c);
    const badge = h("span", { class: "status" });
    const late = step.target ? h("span", { class: "late", hidden: true }, t("step.late")) : null;
    const el = h(
      "li",
      { class: "card step" },
      h("h3", null, comp && comp.u ? h("a", { href: href(root, comp.u) }, title) : title),
      h(
        "p",
        { class: "step-meta" },
        badge,
        step.prereq && h("span", { class: "tag" }, t("step.prereq")),
        step.target && !step.placed && h("span", null, t("step.target", { date: formatDay(step.target, lang) })),
        late,
        step.minutes && !step.placed ? h("span", null, t("step.minutes", { n: step.minutes })) : null,
      ),
      comp && comp.can ? h("p", { class: "can" }, comp.can) : null,
    );
    const after = strings(step.requires);
    if (after.length && !step.placed) {
      el.append(h("p", { class: "soft-lock" }, t("step.after", { list: after.map((c) => course.title("competency", c)).join(", ") })));
    }
    if (step.placed) {
      el.append(h("p", { class: "placed-note" }, t("step.placedNote")));
    } else {
      for (const g of step.choices || []) {
        const opts = strings(isObject(g) ? g.options : undefined);
        if (opts.length) el.append(this.group(opts.length > 1 ? "step.chooseOne" : "step.do", opts, "required"));
      }
      const support = strings(step.support);
      if (support.length) el.append(this.group("step.support", support, "support"));
    }
    const ext = strings(step.extension);
    if (ext.length) el.append(this.group("step.extension", ext, "extension"));
    this.cards.push({ step, el, badge, late });
    return el;
  }

  private group(label: string, ids: string[], cls: string): HTMLElement {
    const { t, course, root } = this.ctx;
    const ul = h("ul", { class: "acts" });
    for (const id of ids) {
      const a = course.activity(id);
      const title = course.title("activity", id);
      const button = h(
        "button",
        { type: "button", class: "toggle", "aria-pressed": "false", "data-done": id },
        t("act.markDone"),
        h("span", { class: "visually-hidden" }, ": " + title),
      );
      const item = h("li", { class: "act" }, a && a.u ? h("a", { href: href(root, a.u) }, title) : title, " ", this.meta(id), " ", button);
      this.buttons.push({ id, el: button, item });
      ul.append(item);
    }
    return h("div", { class: "group " + cls }, h("p", { class: "group-label" }, t(label)), ul);
  }

  private meta(id: string): HTMLElement | null {
    const { t, course } = this.ctx;
    const a = course.activity(id);
    if (!a) return null;
    const parts: string[] = [];
    if (a.mod) parts.push(t("mod." + a.mod));
    if (typeof a.min === "number" && a.min > 0) parts.push(t("act.minutes", { n: Math.ceil(a.min * (this.plan.timeFactor || 1)) }));
    return parts.length ? h("span", { class: "act-meta" }, parts.join(" · ")) : null;
  }
}

// setAttr writes only changes: a refresh of 200 cards then costs no style
// recalculation for what stayed the same.
function setAttr(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
