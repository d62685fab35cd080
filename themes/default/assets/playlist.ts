// The student's page: make this tab the student's, read their progress,
// then render their playlist into #pacer-app over the server-rendered one (which stays
// the no-JavaScript version, hidden once this runs): Next up, pace, goals,
// check-ins, the step cards, saving and moving progress, and hand-in.
import { dayNum, formatDay, numDay, stamp, stampDay, today, weekday } from "./clock";
import type { Ctx } from "./context";
import { type Course, href, mod } from "./course";
import { type Child, add, button, byId, h, icon, isObject, readJSON, section, setAttr, setText, slot, strings } from "./dom";
import { choose, groups, next, type Status, View } from "./mastery";
import { Calendar, describe, pace, type Step } from "./pace";
import { diff, merge } from "./merge";
import type { initTransfer } from "./panels";
import { initPrintPlan, preloadCodes } from "./printplan";
import type { Me, PlanStep, Progress } from "./storage";
import { tokenRE } from "./storage";
import { parse } from "./transfer";

export interface Playlist {
  v: number;
  units: string[];
  start: string;
  end: string;
  minutesPerDay: number;
  timeFactor: number;
  shortfall: number;
  goals: string[];
  readAloud: boolean;
  steps: Step[];
}

// readPlaylist reads the page's playlist, whose steps name their
// activities by rank among the competency's (see activitiesOf).
function readPlaylist(course: Course): Playlist | null {
  const x = readJSON("pacer-playlist");
  if (!isObject(x) || !Array.isArray(x.steps)) return null;
  const num = (n: unknown, d: number) => (typeof n === "number" ? n : d);
  const steps: Step[] = [];
  for (const s of x.steps) {
    if (!isObject(s) || typeof s.c !== "string") continue;
    const all = course.activitiesOf(s.c);
    const ids = (list: unknown): string[] =>
      Array.isArray(list) ? list.map((r) => (typeof r === "number" ? all[r] : r)).filter((id): id is string => typeof id === "string") : [];
    const choices = Array.isArray(s.choices) ? s.choices.filter(isObject).map((ch) => ({ key: typeof ch.key === "string" ? ch.key : undefined, options: ids(ch.r) })) : [];
    steps.push(Object.assign({}, s, { c: s.c, choices, support: ids(s.support), extension: ids(s.extension) }) as Step);
  }
  return {
    v: num(x.v, 1),
    units: strings(x.units),
    start: typeof x.start === "string" ? x.start : "",
    end: typeof x.end === "string" ? x.end : "",
    minutesPerDay: num(x.minutesPerDay, 0),
    timeFactor: num(x.timeFactor, 1),
    shortfall: num(x.shortfall, 0),
    goals: strings(x.goals),
    readAloud: x.readAloud === true,
    steps,
  };
}

// fromSnapshot merges the progress the teacher's build put in the page
// (the student's newest receipt, engine/site/receipts.go) into what this
// device has, by the import rules: validated, newest per item, so local
// work done since wins.
async function fromSnapshot(ctx: Ctx, me: Me, token: string): Promise<void> {
  const x = readJSON("pacer-snapshot");
  if (!isObject(x)) return;
  const r = parse(JSON.stringify(x), ctx.store.site, token, ctx.course.scale.length);
  if (typeof r === "string") return;
  const merged = merge(me.p, r.progress);
  if (!diff(me.p, merged).length) return;
  me.p = merged;
  await me.save();
}

// planOf keeps what an activity page needs to find the next activity.
// unit is the unit whose course data holds the step (for a prerequisite,
// not the unit that pulled it in), so that an activity page loads just it.
function planOf(steps: Step[], course: Course): PlanStep[] {
  return steps.map((s) => ({ c: s.c, unit: course.home(s.c), placed: s.placed, choices: s.choices, support: s.support, extension: s.extension, rule: s.rule, confirmed: s.confirmed }));
}

export async function initStudent(ctx: Ctx): Promise<void> {
  const token = document.body.dataset.student || "";
  const plan = readPlaylist(ctx.course);
  if (!tokenRE.test(token) || !plan) return;
  const greeting = byId("greeting");
  const name = (greeting && greeting.dataset.name) || "";
  ctx.store.setTab(token);
  const me = await ctx.me;
  if (!me) return;
  // Reading storage, saving the plan for activity pages and drawing Next
  // up each take a task of their own: together they once took 500 ms on
  // a slow phone (SPEC 10: no task over 200 ms).
  await pause();
  me.setInfo({ name, steps: planOf(plan.steps, ctx.course), readAloud: plan.readAloud });
  await fromSnapshot(ctx, me, token);
  await pause();

  let app = byId("pacer-app");
  const fallback = byId("playlist");
  if (!app) {
    app = h("div", { id: "pacer-app" });
    (document.querySelector("main") || document.body).append(app);
  }
  new StudentPage(ctx, me, name, plan, app).render();
  if (fallback) fallback.hidden = true;
  const goals = byId("goals-title");
  if (goals && goals.parentElement) goals.parentElement.hidden = true;
}

interface Card {
  step: Step;
  el: HTMLElement;
  badge: HTMLElement;
  meta: HTMLElement;
  dyn: HTMLElement;
  bottom: HTMLElement;
  history: HTMLElement;
  radios: HTMLInputElement[];
  picks: { key: string; a: string; row: HTMLElement; mine: HTMLElement }[];
  note: HTMLTextAreaElement;
}

export class StudentPage {
  readonly day = today();
  readonly cal: Calendar;
  private cards: Card[] = [];
  private byC: Record<string, Step> = {};
  private updaters: ((v: View) => void)[] = [];
  private week = 0;
  private loaded: Promise<void> = Promise.resolve();

  readonly token: string;

  constructor(readonly ctx: Ctx, readonly me: Me, readonly name: string, readonly plan: Playlist, readonly app: HTMLElement) {
    this.token = me.token;
    this.cal = new Calendar(ctx.course.term);
    for (const s of plan.steps) this.byC[s.c] = s;
  }

  view(): View {
    return new View(this.me.p, this.ctx.course);
  }

  on(u: (v: View) => void): void {
    this.updaters.push(u);
  }

  // change saves a change to the student's progress and shows it in place,
  // so the keyboard focus stays put.
  change(f: (p: Progress) => void): void {
    this.me.update(f);
    this.refresh();
  }

  refresh(): void {
    const v = this.view();
    for (const u of this.updaters) u(v);
    pressed(this.app, v);
  }

  render(): void {
    const { t } = this.ctx;
    const list = h("ol", { class: "steps" });
    const paper = h("section", { id: "pacer-print", class: "print-plan" });
    this.app.textContent = "";
    add(this.app, [
      this.nudge(),
      this.nextUp(),
      initPrintPlan(this, paper),
      this.pace(),
      this.goals(),
      this.checkins(),
      section("pacer-steps", t("steps.heading"), list),
      paper,
    ]);
    this.loaded = this.panels();
    this.app.addEventListener("click", (e) => {
      const b = (e.target as Element).closest("button[data-done]");
      if (b instanceof HTMLButtonElement) this.toggle(b.dataset.done || "");
    });
    this.me.onChange(() => this.refresh());
    const n = byId("pacer-progress-n");
    const bar = byId<HTMLProgressElement>("pacer-progress");
    if (n && bar)
      this.on((v) => {
        const k = this.plan.steps.filter((s) => /^(mastered|placed)$/.test(v.status(s))).length;
        setText(n, String(k));
        bar.value = k;
      });
    // cards not yet made are updated when they are made
    this.on((v) => this.cards.forEach((c) => this.update(c, v)));
    this.refresh();
    mark("pacer:next-up", { cards: 0 });
    // the cards in tasks of their own: on a slow phone Next up, storage
    // and the first cards in one task took over 200 ms (SPEC 10)
    setTimeout(() => this.more(list, 0, 0));
  }

  // more adds the cards from index from on, a few at a time: Next up and
  // the first cards show at once, the rest follow in short chunks when the
  // browser is idle, so a long playlist never blocks the page for long
  // (SPEC 10). #pacer-app gets data-ready when all are in, and the panels
  // too.
  private more(list: HTMLElement, from: number, chunks: number): void {
    const all = this.plan.steps;
    const t0 = performance.now();
    const cap = from === 0 ? firstCards : chunkCards;
    const batch = document.createDocumentFragment();
    const v = this.view();
    let i = from;
    // at least one card a chunk; stop at the cap or the time budget
    while (i < all.length && i - from < cap && (i === from || performance.now() - t0 < chunkMillis)) {
      const c = this.card(all[i], i);
      this.update(c, v);
      batch.append(c.el);
      i++;
    }
    pressed(batch, v);
    list.append(batch);
    chunks++;
    mark("pacer:chunk", { from, cards: i - from });
    if (i < all.length) idle(() => this.more(list, i, chunks));
    else {
      mark("pacer:steps", { chunks, cards: all.length });
      this.loaded.then(() => {
        this.app.setAttribute("data-ready", "");
        preloadCodes(this);
      });
    }
  }

  // panels loads the rarely used panels (saving and moving progress,
  // hand-in, this device) as a script of their own, so the main script
  // stays small; it resolves when they are in, or failed to load.
  private panels(): Promise<void> {
    const src = this.app.dataset.panels;
    return new Promise((done) => {
      if (!src) return done();
      const s = h("script", { src });
      s.onload = () => {
        try {
          (window as unknown as { PacerPanels: { initTransfer: typeof initTransfer } }).PacerPanels.initTransfer(this);
        } finally {
          done();
        }
      };
      s.onerror = () => done();
      document.head.append(s);
    });
  }

  toggle(id: string): void {
    const v = this.view();
    this.change((p) => {
      const at = stamp();
      if (v.done(id)) p.undone[id] = at;
      else {
        p.done[id] = at;
        choose(p, this.plan.steps, this.ctx.course, id, at);
      }
    });
  }

  fmt(day: string): string {
    return formatDay(day, this.ctx.lang);
  }

  title(c: string): string {
    return this.ctx.course.title("competency", c);
  }

  meta(id: string): string {
    const { t, course } = this.ctx;
    const a = course.activity(course.canonical(id));
    if (!a) return "";
    const parts: string[] = [];
    if (a.mod) parts.push(t("mod." + a.mod));
    if (typeof a.min === "number" && a.min > 0) parts.push(t("act.minutes", { n: Math.ceil(a.min * (this.plan.timeFactor || 1)) }));
    return parts.join(" · ");
  }

  link(id: string, props?: Record<string, string>): Child {
    const { course } = this.ctx;
    const a = course.activity(course.canonical(id));
    const title = course.title("activity", course.canonical(id));
    return a && a.u ? h("a", Object.assign({ href: this.href(a.u) }, props), title) : h("span", props || null, title);
  }

  href(u: string): string {
    return href(this.ctx.root, u);
  }

  doneButton(id: string): HTMLButtonElement {
    const { t, course } = this.ctx;
    const label = t("act.markDone");
    return h(
      "button",
      { type: "button", class: "toggle", "aria-pressed": "false", "data-done": id, "data-k": "d:" + id, "aria-label": label + ": " + course.title("activity", course.canonical(id)) },
      label,
    );
  }

  acts(label: string, ids: string[], cls: string): HTMLElement | null {
    if (!ids.length) return null;
    const ul = h("ul", { class: "acts" });
    for (const id of ids) {
      const m = this.meta(id);
      ul.append(h("li", { class: "act" }, h("span", { class: "act-lead" }, icon(mod(this.ctx.course, id))), h("span", { class: "act-main" }, this.link(id), m && h("span", { class: "act-meta" }, m)), this.doneButton(id)));
    }
    return h("div", { class: "group " + cls }, h("p", { class: "group-label" }, this.ctx.t(label)), ul);
  }

  private nudge(): Child {
    const { t } = this.ctx;
    const p = h("p", { class: "nudge", hidden: true }, t("nudge.text"), " ", h("a", { href: "#pacer-save" }, t("nudge.link")));
    this.on((v) => {
      const saved = this.me.info.saved;
      let since = typeof saved === "string" ? saved : "";
      if (!since) {
        // never saved: count from the first thing recorded
        const at = (m: Record<string, unknown>) => Object.keys(m).map((k) => (isObject(m[k]) ? (m[k] as { at: unknown }).at : m[k]));
        const all = ([] as unknown[]).concat(at(v.p.done), at(v.p.placed), at(v.p.notes), at(v.p.picks), v.p.answers.map((a) => a.at));
        for (const c of Object.keys(v.p.ratings)) all.push(...v.ratings(c).map((r) => r.at));
        since = all.filter((x): x is string => typeof x === "string" && /^\d{4}-/.test(x)).sort()[0] || "";
      }
      p.hidden = !since || dayNum(this.day) - dayNum(stampDay(since)) <= 7;
    });
    return p;
  }

  private nextUp(): HTMLElement {
    const { t, course, root } = this.ctx;
    const box = section("pacer-next", t("next.heading"));
    box.classList.add("next-up");
    const body = h("div");
    box.append(body);
    this.on((v) => {
      const n = next(this.plan.steps, v);
      slot(body, n ? n.step.c + "|" + n.activity + "|" + n.lacks : "", () => {
        if (!n) return [h("p", { class: "all-done" }, t("next.allDone"))];
        const a = course.activity(n.activity);
        const m = this.meta(n.activity);
        return [
          h("p", { class: "next-step" }, this.title(n.step.c)),
          n.support && h("p", { class: "offer-note" }, t("next.another")),
          n.lacks === "check" && h("p", { class: "offer-note" }, t("next.check")),
          n.lacks === "rating" && h("p", { class: "offer-note" }, h("a", { href: "#step-" + n.step.c }, t("next.rating"))),
          !!n.activity &&
          h(
            "p",
            { class: "next-act" },
            a && a.u
              ? h("a", { class: "button next-link", href: this.href(a.u) }, icon(a.mod), course.title("activity", n.activity))
              : course.title("activity", n.activity),
            m && h("span", { class: "act-meta" }, m),
          ),
        ];
      });
    });
    return box;
  }

  private pace(): HTMLElement {
    const { t, course } = this.ctx;
    const status = h("p", { class: "pace-status" });
    const help = h("p", { class: "pace-help" });
    const weekTitle = h("h3", { id: "pacer-week-h" });
    const week = h("ol", { class: "week", "aria-labelledby": "pacer-week-h" });
    let last: View;
    const move = (d: number) => {
      this.week = d && this.week + d;
      draw(last);
    };
    const draw = (v: View) => {
      last = v;
      // the week (Monday first) that holds today, moved by this.week
      const n0 = dayNum(this.day);
      const monday = n0 - ((n0 + 3) % 7) + 7 * this.week;
      setText(weekTitle, this.week ? t("week.of", { date: this.fmt(numDay(monday)) }) : t("week.this"));
      week.textContent = "";
      for (let n = monday; n < monday + 7; n++) {
        const day = numDay(n);
        if (course.term.days.indexOf(weekday(n)) < 0) continue;
        const due = this.plan.steps.filter((s) => s.target === day && !v.placed(s));
        const item = h(
          "li",
          { class: day === this.day ? "today" : "", "aria-current": day === this.day ? "date" : undefined },
          h("span", { class: "day" }, this.fmt(day)),
        );
        if (!this.cal.school(n)) item.append(h("span", { class: "none" }, t("week.noSchool")));
        else if (!due.length) item.append(h("span", { class: "none" }, t("week.nothing")));
        else {
          const ul = h("ul");
          for (const s of due) {
            const st = v.status(s);
            ul.append(h("li", { class: "st-" + st }, h("a", { href: "#step-" + s.c }, this.title(s.c)), " ", h("span", { class: "status status-" + st }, t("status." + st))));
          }
          item.append(ul);
        }
        week.append(item);
      }
    };
    this.on((v) => {
      const p = pace(this.plan.steps, v, this.day, this.cal, this.plan);
      status.className = "pace-status pace-" + (p.ended ? "ended" : p.status);
      const words = describe(p, t, (c) => this.title(c), (d) => this.fmt(d));
      setText(status, words.status);
      let s = words.help;
      if (this.plan.shortfall > 0) s += (s ? " " : "") + t("pace.shortfall", { n: this.plan.shortfall });
      setText(help, s);
      help.hidden = !s;
      draw(v);
    });
    return section(
      "pacer-pace",
      t("pace.heading"),
      h("p", { class: "today" }, t("pace.today", { date: this.fmt(this.day) })),
      status,
      help,
      h(
        "div",
        { class: "week-view" },
        weekTitle,
        h("p", { class: "week-nav" }, button(t("week.prev"), () => move(-1)), button(t("week.now"), () => move(0)), button(t("week.next"), () => move(1))),
        week,
      ),
    );
  }

  private goals(): HTMLElement {
    const { t } = this.ctx;
    const list = h("ul");
    const edit = button(t("goals.edit"), () => open(true));
    const label = h("label", { for: "pacer-goals-in" }, t("goals.label"));
    const area = h("textarea", { id: "pacer-goals-in", rows: "4" });
    const form = h("div", { class: "goals-edit", hidden: true }, label, area, h("p", null, button(t("goals.save"), () => save()), " ", button(t("goals.cancel"), () => open(false), { class: "secondary" })));
    let current: string[] = [];
    const open = (on: boolean) => {
      form.hidden = !on;
      edit.hidden = on;
      if (on) {
        area.value = current.join("\n");
        area.focus();
      } else edit.focus();
    };
    const save = () => {
      const list = area.value.split("\n").map((s) => s.trim()).filter((s) => s).slice(0, 20);
      this.change((p) => {
        p.goals = { list, at: stamp() };
      });
      open(false);
    };
    this.on((v) => {
      current = v.p.goals ? strings(v.p.goals.list) : this.plan.goals;
      slot(list, JSON.stringify(current), () => (current.length ? current.map((g) => h("li", null, g)) : [h("li", { class: "none" }, t("goals.none"))]));
    });
    return section("pacer-goals", t("goals.heading"), list, edit, form);
  }

  private checkins(): Child {
    const { t, course, root } = this.ctx;
    const links = this.plan.units
      .map((u) => {
        const unit = course.unit(u);
        if (!unit || !unit.diag) return null;
        const p = h("p", null, h("a", { href: this.href(unit.diag) }, t("diag.take", { unit: unit.t || u })));
        this.on((v) => {
          p.hidden = this.plan.steps.filter((s) => s.unit === u).every((s) => {
            const st = v.status(s);
            return st === "placed" || st === "mastered";
          });
        });
        return p;
      })
      .filter((x) => x);
    return links.length ? section("pacer-checkins", t("diag.heading"), h("p", null, t("diag.help")), ...links) : null;
  }

  private card(step: Step, i: number): Card {
    const { t, course, root } = this.ctx;
    const comp = course.competency(step.c);
    const title = this.title(step.c);
    const hid = "step-" + step.c + "-h";
    const badge = h("span", { class: "status" });
    const meta = h("span", { class: "step-when" });
    const dyn = h("div");
    const bottom = h("div");
    const history = h("div", { class: "history" });
    const el = h(
      "li",
      { class: "card step", id: "step-" + step.c },
      h("article", { "aria-labelledby": hid }, h("h3", { id: hid }, comp && comp.u ? h("a", { href: this.href(comp.u) }, title) : title)),
    );
    const art = el.firstChild as HTMLElement;
    add(art, [
      h("p", { class: "step-meta" }, badge, step.prereq && h("span", { class: "tag" }, t("step.prereq")), meta),
      comp && comp.can ? h("p", { class: "can" }, comp.can) : null,
      dyn,
    ]);
    const picks: Card["picks"] = [];
    if (!step.placed) {
      groups(step).forEach((g, gi) => {
        if (!g.options.length) return;
        const id = "o" + i + "-" + gi;
        if (g.options.length === 1) {
          art.append(this.acts("step.do", g.options, "required") as HTMLElement);
          return;
        }
        // One action a row: opening an option (or marking it done) is
        // the pick, remembered by choose(); the row says which is picked.
        const ul = h("ul", { class: "acts" });
        g.options.forEach((a, oi) => {
          const m = this.meta(a);
          const mine = h("span", { class: "tag mine", hidden: true }, t("step.yourPick"));
          const row = h(
            "li",
            { class: "act" },
            h("span", { class: "act-lead" }, icon(mod(course, a))),
            h("span", { class: "act-main" }, this.link(a), h("span", { class: "act-meta" }, m, oi === 0 && h("span", { class: "tag" }, t("step.suggested")), mine)),
            this.doneButton(a),
          );
          picks.push({ key: g.key, a, row, mine });
          ul.append(row);
        });
        art.append(h("div", { class: "group board", role: "group", "aria-labelledby": id }, h("p", { class: "group-label", id }, t("step.chooseOne")), ul));
      });
    }
    art.append(bottom);
    // self-assessment on the site's scale
    const radios: HTMLInputElement[] = [];
    const scale = course.scale;
    if (scale.length) {
      const fs = h("fieldset", { class: "rate" }, h("legend", null, t("rate.legend")));
      scale.forEach((label, k) => {
        const r = h("input", { type: "radio", name: "rate-" + i, value: String(k + 1), id: "r" + i + "-" + k });
        r.addEventListener("change", () => this.rate(step.c, k + 1));
        radios.push(r);
        fs.append(h("label", { for: "r" + i + "-" + k }, r, label));
      });
      art.append(fs, history);
    }
    const nid = "n" + i;
    const note = h("textarea", { id: nid, rows: "3" });
    const saved = h("span", { class: "saved", role: "status" });
    const saveNote = () => {
      const text = note.value.slice(0, 5000);
      this.change((p) => (p.notes[step.c] = { t: text, at: stamp() }));
      setText(saved, t("note.saved"));
    };
    note.addEventListener("change", saveNote);
    art.append(
      h(
        "details",
        { class: "note" },
        h("summary", null, t("note.summary")),
        h("label", { for: nid }, t("note.label")),
        note,
        h("p", null, button(t("note.save"), saveNote, { class: "secondary", "aria-describedby": hid }), " ", saved),
      ),
    );
    const c: Card = { step, el, badge, meta, dyn, bottom, history, radios, picks, note };
    this.cards.push(c);
    return c;
  }

  private rate(c: string, level: number): void {
    this.change((p) => {
      const list = Array.isArray(p.ratings[c]) ? p.ratings[c] : [];
      const last = list[list.length - 1];
      // one rating a day: changing it the same day replaces it
      if (last && stampDay(last.at) === this.day) list.pop();
      list.push({ v: level, at: stamp() });
      p.ratings[c] = list;
    });
  }

  private update(c: Card, v: View): void {
    const { t, course } = this.ctx;
    const step = c.step;
    const st: Status = v.status(step);
    setAttr(c.el, "class", "card step status-" + st);
    setAttr(c.badge, "class", "status status-" + st);
    setText(c.badge, t("status." + st));
    const finished = v.finished(step);
    const late = !finished && !!step.target && step.target < this.day;
    const when =
      step.target && st !== "placed"
        ? t("step.target", { date: this.fmt(step.target) }) + (step.minutes ? " · " + t("step.minutes", { n: step.minutes }) : "") + (late ? " · " + t("step.late") : "")
        : "";
    setText(c.meta, when);
    c.meta.classList.toggle("late", late);
    // soft lock: prerequisites of this playlist not yet mastered; a placed
    // step shows none, nor its choice board
    const boards = c.el.querySelectorAll<HTMLElement>(".board, .required");
    for (let i = 0; i < boards.length; i++) boards[i].hidden = st === "placed";
    const after = (st === "placed" ? [] : strings(step.requires)).filter((r) => {
      const s = this.byC[r];
      const x = s ? v.status(s) : "mastered";
      return x !== "mastered" && x !== "placed";
    });
    const another = st === "needs-support" ? v.another(step) : [];
    slot(c.dyn, [st, after.join(), another.join()].join("|"), () => [
      after.length > 0 && h("p", { class: "soft-lock" }, t("step.after", { list: after.map((r) => this.title(r)).join(", ") })),
      st === "placed" && h("p", { class: "placed-note" }, t(step.placed ? "step.placedNote" : "step.placedDiag")),
      another.length > 0 && this.acts("step.another", another, "offer"),
    ]);
    const missing: string[] = [];
    if (st !== "placed" && st !== "mastered") {
      if (!v.requiredDone(step)) missing.push(t("miss.acts"));
      const k = v.checks(step);
      if (k && k[2] < k[0]) missing.push(t("miss.checks", { m: k[0], n: k[1], r: k[2] }));
      const self = v.rule(step).self;
      if (!v.selfMet(step)) missing.push(t("miss.self", { level: course.scale[self - 1] || String(self) }));
    }
    const support = st === "needs-support" || st === "placed" ? [] : strings(step.support);
    const ext = st === "mastered" || st === "placed" ? strings(step.extension) : [];
    slot(c.bottom, [missing.join(), support.join(), ext.join()].join("|"), () => [
      missing.length > 0 && h("p", { class: "missing" }, t("miss.intro"), " ", missing.join(" · ")),
      support.length > 0 && h("details", { class: "support" }, h("summary", null, t("step.support")), this.acts("step.supportHelp", support, "support")),
      this.acts("step.extension", ext, "extension"),
    ]);
    for (const p of c.picks) {
      const picked = v.pick(p.key, [p.a]) === p.a;
      p.row.classList.toggle("picked", picked);
      if (p.mine.hidden === picked) p.mine.hidden = !picked;
    }
    const r = v.rating(step.c);
    c.radios.forEach((x, k) => {
      if (x.checked !== (k + 1 === r)) x.checked = k + 1 === r;
    });
    const hist = v.ratings(step.c);
    slot(c.history, JSON.stringify(hist), () =>
      hist.length
        ? [
            h("p", { class: "history-label", id: "h" + step.c }, t("rate.history")),
            h(
              "ol",
              { "aria-labelledby": "h" + step.c },
              ...hist.map((x) =>
                h(
                  "li",
                  null,
                  bar(x.v / course.scale.length),
                  course.scale[x.v - 1] || String(x.v),
                  " ",
                  h("time", { datetime: stampDay(x.at) }, this.fmt(stampDay(x.at))),
                ),
              ),
            ),
          ]
        : [],
    );
    const note = v.p.notes[step.c];
    const text = isObject(note) && typeof note.t === "string" ? note.t : "";
    if (document.activeElement !== c.note && c.note.value !== text) c.note.value = text;
  }
}

// The first chunk of cards is small, so they show with Next up; later
// chunks stop at chunkCards cards or chunkMillis, whichever comes first.
const firstCards = 6;
const chunkCards = 20;
const chunkMillis = 30;

// pressed shows each "mark done" button under root as pressed or not.
function pressed(root: ParentNode, v: View): void {
  const b = root.querySelectorAll<HTMLElement>("button[data-done]");
  for (let i = 0; i < b.length; i++) {
    const done = v.done(b[i].dataset.done || "");
    setAttr(b[i], "aria-pressed", String(done));
    const li = b[i].closest(".act");
    if (li) li.classList.toggle("is-done", done);
  }
}

// pause lets the browser run other tasks (input, rendering) first.
function pause(): Promise<void> {
  return new Promise((r) => setTimeout(r));
}

// idle runs f when the browser is idle (soon, where it cannot tell).
function idle(f: () => void): void {
  const w = window as Window & { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => number };
  if (w.requestIdleCallback) w.requestIdleCallback(f, { timeout: 200 });
  else setTimeout(f, 0);
}

// mark leaves a performance mark the speed tests read ("pacer:next-up").
function mark(name: string, detail: Record<string, number>): void {
  if (typeof performance !== "undefined" && performance.mark) {
    try {
      performance.mark(name, { detail });
    } catch {
      // an old browser without mark options: the page works without it
    }
  }
}

// bar is a growth bar filled to a share (0..1) of the scale.
function bar(share: number): HTMLElement {
  const b = h("span", { class: "bar", "aria-hidden": "true" }, h("span"));
  (b.firstChild as HTMLElement).style.width = Math.round(Math.min(1, share) * 100) + "%";
  return b;
}
