// Mastery and what to do next (SPEC 5.3), computed from a student's
// progress and the course data. Pure: no DOM, no storage. The rule itself
// (attempts, practice, checks, needs support, status) is a set of plain
// functions shared with Go's engine/mastery through
// engine/testdata/cases/mastery.json; View applies it to stored progress.
import { stampDay } from "./clock";
import { type Course, mod, type Rule } from "./course";
import { isObject, own, strings } from "./dom";
import type { PlanStep, Progress, Rating } from "./storage";

export type Status = "not-started" | "practicing" | "needs-support" | "mastered" | "placed";

// Attempt is one answer to one quick-check item; every answer is kept, a
// retry adds one. explained: the item's explanation had been shown before.
export interface Attempt {
  item: string;
  right: boolean;
  at: string;
  explained?: boolean;
  answer?: unknown;
}

// DayOf gives the calendar day of a stamp (the device's local day).
export type DayOf = (at: string) => string;

// sorted returns the attempts in time order, ties in their stored order.
export function sorted<A extends Attempt>(atts: A[]): A[] {
  return atts
    .map((a, i) => ({ a, i }))
    .sort((x, y) => (x.a.at < y.a.at ? -1 : x.a.at > y.a.at ? 1 : x.i - y.i))
    .map((x) => x.a);
}

// practice flags each attempt (in time order) given after the item's
// explanation was shown, on the day it was shown. Answering shows the
// explanation, so it was shown on the day of the item's previous attempt;
// with none (looked up before any try) the attempt is practice too.
export function practice(atts: Attempt[], day: DayOf = stampDay): boolean[] {
  const last: Record<string, string> = {};
  return atts.map((a) => {
    const d = own(last, a.item);
    const p = !!a.explained && (d === undefined || d === day(a.at));
    last[a.item] = day(a.at);
    return p;
  });
}

// counted returns the attempts that count toward mastery and "needs
// support", in time order.
export function counted<A extends Attempt>(atts: A[], day: DayOf = stampDay): A[] {
  const s = sorted(atts);
  const p = practice(s, day);
  return s.filter((_, i) => !p[i]);
}

export interface Checks {
  need: number;
  of: number;
  right: number;
}

// checkCount measures counted answers against a rule for a competency with
// items quick checks: at least m right of the most recent n, or all when it
// has fewer than n items; null when it has none.
export function checkCount(counted: Attempt[], rule: Rule, items: number): Checks | null {
  if (items <= 0) return null;
  const few = items < rule.n;
  const of = few ? items : rule.n;
  return { need: few ? items : rule.m, of, right: counted.slice(-of).filter((a) => a.right).length };
}

// needsSupportFrom: two of the last three counted answers are wrong.
export function needsSupportFrom(counted: Attempt[]): boolean {
  return counted.slice(-3).filter((a) => !a.right).length >= 2;
}

// applyRule fills what a student's own rule leaves out from def.
export function applyRule(own: Partial<Rule> | undefined, def: Rule): Rule {
  if (!isObject(own)) return def;
  const self = typeof own.self === "number" && own.self > 0 ? own.self : def.self;
  const set = typeof own.n === "number" && own.n > 0 && typeof own.m === "number";
  return { self, m: set ? (own.m as number) : def.m, n: set ? (own.n as number) : def.n };
}

export interface StatusInput {
  placed: boolean;
  confirmed: boolean;
  requiredDone: boolean;
  started: boolean;
  attempts: Attempt[];
  rating: number;
  rule: Rule;
  items: number;
}

// status: the teacher's word (placement, confirmed mastery) wins, then the
// mastery rule, then "needs support" from counted answers.
export function status(x: StatusInput, day: DayOf = stampDay): Status {
  if (x.placed) return "placed";
  if (x.confirmed) return "mastered";
  const c = counted(x.attempts, day);
  const k = checkCount(c, x.rule, x.items);
  if (x.requiredDone && (!k || k.right >= k.need) && x.rating >= x.rule.self) return "mastered";
  if (needsSupportFrom(c)) return "needs-support";
  return x.started || x.attempts.length > 0 ? "practicing" : "not-started";
}

// Confirmed is the teacher's confirmation of mastery, as the playlist
// carries it.
export interface Confirmed {
  date: string;
  level: number;
}

// MasteryStep is a playlist step with what the teacher decided for this
// student: their own rule and a confirmed mastery.
export interface MasteryStep extends PlanStep {
  rule?: Rule;
  confirmed?: Confirmed;
}

// StepAttempt is an attempt with the activity it was given in.
export interface StepAttempt extends Attempt {
  act: string;
}

type Of = string | MasteryStep;

function cOf(x: Of): string {
  return typeof x === "string" ? x : x.c;
}

export function groups(step: PlanStep): { key: string; options: string[] }[] {
  return (Array.isArray(step.choices) ? step.choices : []).map((g, i) => ({
    key: step.c + "/" + (isObject(g) && typeof g.key === "string" && g.key ? g.key : String(i)),
    options: strings(isObject(g) ? g.options : undefined),
  }));
}

// choose makes activity id the pick of every choice group of steps that
// offers it (stamped at): the way in a student opened or marked done is
// the one they picked, so a choice board needs no control of its own.
// It returns whether any pick changed.
export function choose(p: Progress, steps: PlanStep[], course: Course, id: string, at: string): boolean {
  const a = course.canonical(id);
  let changed = false;
  for (const step of steps) {
    for (const g of groups(step)) {
      if (g.options.indexOf(a) < 0) continue;
      const old = own(p.picks, g.key);
      if (isObject(old) && old.a === a) continue;
      p.picks[g.key] = { a, at };
      changed = true;
    }
  }
  return changed;
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
// after each change. Methods taking a step use its own rule (a student's
// accommodations.rule) and the teacher's confirmation; given only a
// competency id, the course's rule.
export class View {
  private byComp: Record<string, StepAttempt[]> | null = null;

  constructor(readonly p: Progress, readonly course: Course, readonly day: DayOf = stampDay) {}

  done(id: string): boolean {
    const ids = this.course.ids(id);
    const d = max(this.p.done, ids);
    return d !== "" && d > max(this.p.undone, ids);
  }

  // attempts lists every answer to the quick checks that build competency
  // c, in time order, practice included.
  attempts(c: string): StepAttempt[] {
    if (!this.byComp) {
      const all: Record<string, StepAttempt[]> = {};
      for (const a of this.p.answers) {
        if (!isObject(a) || typeof a.activity !== "string" || typeof a.right !== "boolean" || typeof a.at !== "string") continue;
        const x = a as unknown as Record<string, unknown>;
        const act = this.course.canonical(a.activity);
        const info = this.course.activity(act);
        const at: StepAttempt = { item: act + "#" + a.check, right: a.right, at: a.at, act, explained: x.explained === true };
        if (x.answer !== undefined) at.answer = x.answer;
        for (const f of info ? strings(info.f) : []) (all[f] = all[f] || []).push(at);
      }
      this.byComp = {};
      for (const f of Object.keys(all)) this.byComp[f] = sorted(all[f]);
    }
    return own(this.byComp, c) || [];
  }

  // counted lists the attempts for c that count (practice left out).
  counted(c: string): StepAttempt[] {
    return counted(this.attempts(c), this.day);
  }

  // latest is kept for callers that list answers (the receipt): the
  // counted attempts, oldest first.
  latest(c: string): StepAttempt[] {
    return this.counted(c);
  }

  rule(x: Of): Rule {
    const def = this.course.rule(cOf(x));
    return typeof x === "string" ? def : applyRule(x.rule, def);
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
  checks(x: Of): [number, number, number] | null {
    const c = cOf(x);
    const k = checkCount(this.counted(c), this.rule(x), this.course.checkCount(c));
    return k && [k.need, k.of, k.right];
  }

  checksMet(x: Of): boolean {
    const k = this.checks(x);
    return !k || k[2] >= k[0];
  }

  selfMet(x: Of): boolean {
    return this.rating(cOf(x)) >= this.rule(x).self;
  }

  needsSupport(x: Of): boolean {
    return needsSupportFrom(this.counted(cOf(x)));
  }

  status(step: MasteryStep): Status {
    const c = step.c;
    const acts = ([] as string[]).concat(...groups(step).map((g) => g.options), strings(step.support), strings(step.extension));
    return status(
      {
        placed: this.placed(step),
        confirmed: isObject(step.confirmed),
        requiredDone: this.requiredDone(step),
        started: acts.some((id) => this.done(id)) || this.ratings(c).length > 0,
        attempts: this.attempts(c),
        rating: this.rating(c),
        rule: this.rule(step),
        items: this.course.checkCount(c),
      },
      this.day,
    );
  }

  // finished: nothing is left to do for pacing: placed, mastered, or the
  // required activities done without needing support.
  finished(step: MasteryStep): boolean {
    const s = this.status(step);
    return s === "placed" || s === "mastered" || (s !== "needs-support" && this.requiredDone(step));
  }

  pick(key: string, options: string[]): string {
    const p = own(this.p.picks, key);
    const a = isObject(p) && typeof p.a === "string" ? this.course.canonical(p.a) : "";
    return options.indexOf(a) >= 0 ? a : "";
  }

  // lastModality is the modality of the activity the student last answered
  // a quick check of, for competency c.
  lastModality(c: string): string {
    const l = this.attempts(c);
    return l.length ? mod(this.course, l[l.length - 1].act) : "";
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

// Lack is what a step still lacks before it is mastered: an activity of
// a required group, another way in (needs support), a quick-check answer,
// or a self-rating.
export type Lack = "activity" | "support" | "check" | "rating";

export interface Next {
  step: MasteryStep;
  // activity is the one to open, "" when what is lacking is on the step's
  // card (a rating).
  activity: string;
  lacks: Lack;
  support?: boolean;
}

// withChecks lists the step's activities that hold quick checks, those done
// or picked first: where an unanswered check is.
function withChecks(step: MasteryStep, v: View): string[] {
  const ids = ([] as string[]).concat(...groups(step).map((g) => g.options), strings(step.support));
  const has = ids.filter((id, i) => ids.indexOf(id) === i && (v.course.activity(id) || {}).n);
  const answered = (id: string) => v.attempts(step.c).filter((a) => a.act === id).length;
  // the least answered first; among equals, one already done first
  return has
    .map((id, i) => ({ id, i, k: answered(id) * 2 + (v.done(id) ? 0 : 1) }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.id);
}

// nextUp is the first step not yet mastered or placed and what it lacks,
// with the activity to open: another way in while it needs support (it
// stays on that step), else an activity of the first required group not
// done, else one with a quick check to answer, else the rating. skip is an
// activity to pass over (the page the student is on).
export function nextUp(steps: MasteryStep[], v: View, skip?: string): Next | null {
  for (const step of steps) {
    if (!isObject(step) || typeof step.c !== "string") continue;
    const st = v.status(step);
    if (st === "placed" || st === "mastered") continue;
    const todo = (ids: string[]) => ids.filter((id) => id !== skip && !v.done(id))[0];
    if (st === "needs-support") {
      const s = todo(v.another(step)) || withChecks(step, v).filter((id) => id !== skip)[0] || "";
      return { step, activity: s, lacks: "support", support: true };
    }
    for (const g of groups(step)) {
      if (g.options.some((id) => v.done(id))) continue;
      const a = todo([v.pick(g.key, g.options)].concat(g.options).filter((x) => x));
      if (a) return { step, activity: a, lacks: "activity" };
    }
    if (!v.requiredDone(step)) continue; // only the page the student is on is left
    if (!v.checksMet(step)) return { step, activity: withChecks(step, v).filter((id) => id !== skip)[0] || "", lacks: "check" };
    if (!v.selfMet(step)) return { step, activity: "", lacks: "rating" };
  }
  return null;
}

// next is nextUp; kept for the pages that call it by this name.
export const next = nextUp;

// reorder gives the order to show n choices in on a retry: a shuffle
// (rand in [0, 1)) that never repeats the order shown before (prev; the
// written order when empty), so a retry cannot be answered by position.
export function reorder(n: number, prev: number[] = [], rand: () => number = Math.random): number[] {
  const before = prev.length === n ? prev : Array.from({ length: n }, (_, i) => i);
  const out = before.slice();
  for (let i = n - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(rand() * (i + 1)));
    const x = out[i];
    out[i] = out[j];
    out[j] = x;
  }
  // the same order again: rotate by one instead
  if (n > 1 && out.every((x, i) => x === before[i])) return before.slice(1).concat(before[0]);
  return out;
}
