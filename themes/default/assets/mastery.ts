// Mastery and what to do next (SPEC 5.3), computed from a student's
// progress and the course data. Pure: no DOM, no storage.
import { type Course, mod } from "./course";
import { isObject, own, strings } from "./dom";
import type { PlanStep, Progress, Rating } from "./storage";

export type Status = "not-started" | "practicing" | "needs-support" | "mastered" | "placed";

interface Latest {
  right: boolean;
  act: string;
  i: number;
}

export function groups(step: PlanStep): { key: string; options: string[] }[] {
  return (Array.isArray(step.choices) ? step.choices : []).map((g, i) => ({
    key: step.c + "/" + (isObject(g) && typeof g.key === "string" && g.key ? g.key : String(i)),
    options: strings(isObject(g) ? g.options : undefined),
  }));
}

function max(stamps: Record<string, string>, ids: string[]): string {
  let m = "";
  for (const k of ids) {
    const v = own(stamps, k);
    if (typeof v === "string" && v > m) m = v;
  }
  return m;
}

// View answers questions about one student's progress; build a new one
// after each change.
export class View {
  private byComp: Record<string, Latest[]> | null = null;

  constructor(readonly p: Progress, readonly course: Course) {}

  done(id: string): boolean {
    const ids = this.course.ids(id);
    const d = max(this.p.done, ids);
    return d !== "" && d > max(this.p.undone, ids);
  }

  // latest lists, oldest first, whether the latest answer to each quick
  // check that builds competency c was right: a retried check counts once,
  // with its latest answer.
  latest(c: string): Latest[] {
    if (!this.byComp) {
      const last: Record<string, Record<string, Latest>> = {};
      this.p.answers.forEach((a, i) => {
        if (!isObject(a) || typeof a.activity !== "string" || typeof a.right !== "boolean") return;
        const act = this.course.canonical(a.activity);
        const info = this.course.activity(act);
        for (const f of info ? strings(info.f) : []) {
          (last[f] = last[f] || {})[act + "#" + a.check] = { right: a.right, act, i };
        }
      });
      this.byComp = {};
      for (const f of Object.keys(last)) {
        const m = last[f];
        this.byComp[f] = Object.keys(m)
          .map((k) => m[k])
          .sort((x, y) => x.i - y.i);
      }
    }
    return own(this.byComp, c) || [];
  }

  ratings(c: string): Rating[] {
    const h = own(this.p.ratings, c);
    return Array.isArray(h) ? h.filter((r) => isObject(r) && typeof r.v === "number") : [];
  }

  rating(c: string): number {
    const h = this.ratings(c);
    return h.length ? h[h.length - 1].v : 0;
  }

  placed(step: PlanStep): boolean {
    return !!step.placed || typeof own(this.p.placed, step.c) === "string";
  }

  requiredDone(step: PlanStep): boolean {
    return groups(step).every((g) => g.options.length === 0 || g.options.some((id) => this.done(id)));
  }

  // checks returns [right answers needed, answers counted, right among the
  // latest of them], or null when the competency has no quick checks.
  checks(c: string): [number, number, number] | null {
    const total = this.course.checkCount(c);
    if (total === 0) return null;
    const rule = this.course.rule(c);
    const n = Math.min(rule.n, total);
    const m = total < rule.n ? total : rule.m;
    const last = this.latest(c).slice(-n);
    return [m, n, last.filter((x) => x.right).length];
  }

  checksMet(c: string): boolean {
    const k = this.checks(c);
    return !k || k[2] >= k[0];
  }

  selfMet(c: string): boolean {
    return this.rating(c) >= this.course.rule(c).self;
  }

  needsSupport(c: string): boolean {
    return this.latest(c).slice(-3).filter((x) => !x.right).length >= 2;
  }

  status(step: PlanStep): Status {
    const c = step.c;
    if (this.placed(step)) return "placed";
    if (this.requiredDone(step) && this.checksMet(c) && this.selfMet(c)) return "mastered";
    if (this.needsSupport(c)) return "needs-support";
    const acts = ([] as string[]).concat(...groups(step).map((g) => g.options), strings(step.support), strings(step.extension));
    const started = acts.some((id) => this.done(id)) || this.latest(c).length > 0 || this.ratings(c).length > 0;
    return started ? "practicing" : "not-started";
  }

  // finished: nothing required is left to do (for pacing).
  finished(step: PlanStep): boolean {
    const s = this.status(step);
    return s === "placed" || s === "mastered" || this.requiredDone(step);
  }

  pick(key: string, options: string[]): string {
    const p = own(this.p.picks, key);
    const a = isObject(p) && typeof p.a === "string" ? this.course.canonical(p.a) : "";
    return options.indexOf(a) >= 0 ? a : "";
  }

  // lastModality is the modality of the activity the student last answered
  // a quick check of, for competency c.
  lastModality(c: string): string {
    const l = this.latest(c);
    return l.length ? mod(this.course, l.reduce((a, b) => (b.i > a.i ? b : a)).act) : "";
  }

  // another lists what to offer a student who needs support ("try another
  // way"): the support activities, those of another modality than the one
  // just used first; with none, the other options of the choice groups in
  // another modality.
  another(step: PlanStep): string[] {
    const last = this.lastModality(step.c);
    const other = (id: string) => mod(this.course, id) !== last;
    const support = strings(step.support);
    if (support.length) return support.filter(other).concat(support.filter((id) => !other(id)));
    return ([] as string[]).concat(...groups(step).map((g) => g.options)).filter((id) => other(id) && !this.done(id));
  }
}

export interface Next {
  step: PlanStep;
  activity: string;
  support?: boolean;
}

// next is the first step still to do and its activity to do now: another
// way in first when the student needs support, else the picked (or
// first-ranked) option of the first choice group not done. skip is an
// activity to pass over (the page the student is on).
export function next(steps: PlanStep[], v: View, skip?: string): Next | null {
  for (const step of steps) {
    if (!isObject(step) || typeof step.c !== "string") continue;
    const st = v.status(step);
    if (st === "placed" || st === "mastered") continue;
    const todo = (ids: string[]) => ids.filter((id) => id !== skip && !v.done(id))[0];
    if (st === "needs-support") {
      const s = todo(v.another(step));
      if (s) return { step, activity: s, support: true };
    }
    for (const g of groups(step)) {
      if (g.options.some((id) => v.done(id))) continue;
      const a = todo([v.pick(g.key, g.options)].concat(g.options).filter((x) => x));
      if (a) return { step, activity: a };
    }
  }
  return null;
}
