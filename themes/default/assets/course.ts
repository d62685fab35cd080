// The shared course data as window.PacerCourse: its head (course.<hash>.js,
// on every page) merged with the chunks of the units the page shows
// (course.<unit>.<hash>.js): titles, links and rules of competencies and
// activities. Missing or partial data degrades to ids, never to an error.
import { override } from "./clock";
import { isObject, own, strings } from "./dom";

export interface Rule {
  self: number;
  m: number;
  n: number;
}

export interface Competency {
  t: string;
  can?: string;
  u?: string;
  r?: string[];
  rule?: Rule;
}

export interface Activity {
  t: string;
  u?: string;
  mod?: string;
  min?: number;
  lvl?: string;
  ch?: string;
  f?: string[];
  n?: number;
  al?: string[];
}

export interface Unit {
  t: string;
  u?: string;
  diag?: string;
  c?: string[];
}

export interface Term {
  start?: string;
  end?: string;
  days: number[];
  breaks: string[][];
}

interface Data {
  v?: number;
  site?: string;
  scale?: string[];
  rule?: Rule;
  term?: Term;
  units?: Record<string, Unit>;
  competencies?: Record<string, Competency>;
  activities?: Record<string, Activity>;
}

const defaultRule: Rule = { self: 3, m: 2, n: 3 };

export class Course {
  readonly site: string;
  readonly scale: string[];
  readonly term: Term;
  private data: Data;
  private aliases: Record<string, string> = {};
  private checks: Record<string, number> = {};
  private forC: Record<string, string[]> = {};

  constructor(raw: unknown) {
    this.data = isObject(raw) ? (raw as Data) : {};
    this.site = typeof this.data.site === "string" ? this.data.site : "";
    this.scale = strings(this.data.scale);
    const t = isObject(this.data.term) ? this.data.term : ({} as Partial<Term>);
    const days = Array.isArray(t.days) ? t.days.filter((d) => typeof d === "number") : [];
    this.term = {
      start: t.start,
      end: t.end,
      days: days.length ? days : [1, 2, 3, 4, 5],
      breaks: Array.isArray(t.breaks) ? t.breaks.map(strings).filter((b) => b.length === 2) : [],
    };
    const acts = this.data.activities;
    if (!isObject(acts)) return;
    for (const id of Object.keys(acts)) {
      const a = acts[id];
      if (!isObject(a)) continue;
      for (const old of strings(a.al)) this.aliases[old] = id;
      const n = typeof a.n === "number" ? a.n : 0;
      for (const c of strings(a.f)) {
        this.checks[c] = (own(this.checks, c) || 0) + n;
        (own(this.forC, c) || (this.forC[c] = [])).push(id);
      }
    }
    // Ids are ASCII (lowercase slugs), so the default sort is Go's.
    for (const c of Object.keys(this.forC)) this.forC[c].sort();
  }

  // home is the unit whose course data holds competency c ("_" for
  // none), among the units this page loaded.
  home(c: string): string {
    const us = this.data.units || {};
    for (const u of Object.keys(us)) if (strings(us[u].c).indexOf(c) >= 0) return u;
    return "_";
  }

  // activitiesOf lists competency c's activities in id order (Go's sort):
  // a playlist step names them by rank.
  activitiesOf(c: string): string[] {
    return own(this.forC, c) || [];
  }

  activity(id: string): Activity | undefined {
    const a = own(this.data.activities, id);
    return isObject(a) ? a : undefined;
  }

  competency(id: string): Competency | undefined {
    const c = own(this.data.competencies, id);
    return isObject(c) ? c : undefined;
  }

  unit(id: string): Unit | undefined {
    const u = own(this.data.units, id);
    return isObject(u) ? u : undefined;
  }

  title(kind: "activity" | "competency", id: string): string {
    const x = kind === "activity" ? this.activity(id) : this.competency(id);
    return x && typeof x.t === "string" ? x.t : id;
  }

  // canonical maps a renamed activity's old id to its current id.
  canonical(id: string): string {
    return this.activity(id) ? id : own(this.aliases, id) || id;
  }

  // ids lists an activity's current id and its aliases: progress saved
  // under any of them belongs to it.
  ids(id: string): string[] {
    const a = this.activity(id);
    return [id].concat(a ? strings(a.al) : []);
  }

  rule(competency: string): Rule {
    const c = this.competency(competency);
    const r = (c && c.rule) || this.data.rule;
    return isObject(r) && typeof r.self === "number" ? (r as Rule) : defaultRule;
  }

  // checkCount is how many quick checks build a competency.
  checkCount(competency: string): number {
    return own(this.checks, competency) || 0;
  }
}

// mod is an activity's modality, "" when unknown.
export function mod(course: Course, id: string): string {
  const a = course.activity(course.canonical(id));
  return (a && a.mod) || "";
}

// href turns a site-relative URL into one for this page. From file:// a
// folder link opens a listing, not its index.html. A ?today= override goes
// along, so a demo stays on its day.
export function href(root: string, u: string): string {
  let url = root + u;
  if (location.protocol === "file:" && (url === "" || url.slice(-1) === "/")) url += "index.html";
  const o = override();
  return o ? url + "?today=" + o : url;
}
