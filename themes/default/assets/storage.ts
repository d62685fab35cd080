// Progress storage (SPEC 5.4). Keys, all under one site key so sites on
// one origin (every file:// page shares one) never mix:
//
//   pacer:<site>:<token>                 a student's progress, {"v":1,...}
//   pacer:<site>:<token>:backup:<time>   a value that could not be read, kept
//   pacer:<site>:students                students who opened their page here
//   pacer:<site>:current                 the token of the last one
//
// Rules: never drop a field this client does not understand; keep what it
// cannot parse; tell the student when saving fails; never throw when
// localStorage is missing (then progress lives for this page only).
import type { Alerts } from "./alerts";
import { stamp } from "./clock";
import { isObject, own } from "./dom";

export const version = 1;

export interface Answer {
  activity: string;
  check: number;
  right: boolean;
  at: string;
}

export interface Rating {
  v: number;
  at: string;
}

export interface Progress {
  v: number;
  done: Record<string, string>;
  answers: Answer[];
  picks: Record<string, string>;
  ratings: Record<string, Rating[]>;
  notes: Record<string, string>;
  goals: string[];
  [field: string]: unknown;
}

// PlanStep is the part of a playlist step an activity page needs to find
// the next activity; the student page stores it when it is opened.
export interface PlanStep {
  c: string;
  placed?: boolean;
  choices?: { key?: string; options: string[] }[];
  support?: string[];
  extension?: string[];
}

export interface Student {
  token: string;
  name?: string;
  seen?: string;
  steps?: PlanStep[];
  [field: string]: unknown;
}

const shapes: [string, () => unknown][] = [
  ["done", () => ({})],
  ["answers", () => []],
  ["picks", () => ({})],
  ["ratings", () => ({})],
  ["notes", () => ({})],
  ["goals", () => []],
];

export function emptyProgress(): Progress {
  const p: Record<string, unknown> = { v: version };
  for (const [k, make] of shapes) p[k] = make();
  return p as Progress;
}

function registry(): Record<string, unknown> {
  return { v: version, students: [] };
}

export const tokenRE = /^[a-z0-9]{1,64}$/;

function quota(e: unknown): boolean {
  return e instanceof DOMException && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22);
}

function probe(): Storage | null {
  try {
    const ls = window.localStorage;
    const k = "pacer:probe";
    ls.setItem(k, k);
    ls.removeItem(k);
    return ls;
  } catch {
    return null;
  }
}

export class Store {
  private ls: Storage | null = probe();
  // pending holds values that could not be written (no storage, full
  // storage, or a record this client must not overwrite) so the page
  // still works until it is closed.
  private pending: Record<string, string> = {};
  private frozen: Record<string, boolean> = {};

  constructor(readonly site: string, private alerts: Alerts) {}

  key(token: string): string {
    return "pacer:" + this.site + ":" + token;
  }

  private get(k: string): string | null {
    const p = own(this.pending, k);
    if (p !== undefined) return p;
    try {
      return this.ls ? this.ls.getItem(k) : null;
    } catch {
      return null;
    }
  }

  private set(k: string, v: string): boolean {
    if (!this.ls) {
      this.pending[k] = v;
      this.alerts.show("alert.noStorage");
      return false;
    }
    if (this.frozen[k]) {
      this.pending[k] = v;
      return false;
    }
    try {
      this.ls.setItem(k, v);
      delete this.pending[k];
      return true;
    } catch (e) {
      this.pending[k] = v;
      this.alerts.show(quota(e) ? "alert.quota" : "alert.saveFailed");
      return false;
    }
  }

  // backup keeps a raw value under a backup key, then stores repaired in
  // its place. When the backup cannot be written the key is frozen, so the
  // only copy is never overwritten.
  private backup(k: string, raw: string, repaired: unknown): void {
    this.alerts.show("alert.corrupt");
    if (this.ls && own(this.pending, k) === undefined && this.set(k + ":backup:" + stamp(), raw)) {
      this.set(k, JSON.stringify(repaired));
    } else {
      this.frozen[k] = true;
    }
  }

  // readObject parses the object stored at k; anything else is backed up
  // and replaced by fresh().
  private readObject(k: string, fresh: () => Record<string, unknown>): Record<string, unknown> {
    const raw = this.get(k);
    if (raw === null) return fresh();
    try {
      const x: unknown = JSON.parse(raw);
      if (isObject(x)) return x;
    } catch {
      // kept below
    }
    const x = fresh();
    this.backup(k, raw, x);
    return x;
  }

  read(token: string): Progress {
    const k = this.key(token);
    const x = this.readObject(k, emptyProgress);
    const v = typeof x.v === "number" && x.v >= 1 ? x.v : version;
    x.v = v;
    if (v > version) {
      this.frozen[k] = true;
      this.alerts.show("alert.newer");
    }
    let broken = false;
    for (const [f, make] of shapes) {
      const want = make();
      const have = x[f];
      if (have === undefined) x[f] = want;
      else if (Array.isArray(want) ? !Array.isArray(have) : !isObject(have)) {
        broken = true;
        x[f] = want;
      }
    }
    if (broken) this.backup(k, this.get(k) || "", x);
    return x as Progress;
  }

  // update changes a student's progress: read fresh (another tab may have
  // saved since), change, save. It returns the new progress.
  update(token: string, change: (p: Progress) => void): Progress {
    const p = this.read(token);
    change(p);
    this.set(this.key(token), JSON.stringify(p));
    return p;
  }

  private registryKey(): string {
    return "pacer:" + this.site + ":students";
  }

  current(): string | null {
    const t = this.get("pacer:" + this.site + ":current");
    return t && tokenRE.test(t) ? t : null;
  }

  students(): Student[] {
    const x = this.readObject(this.registryKey(), registry);
    const list = Array.isArray(x.students) ? x.students : [];
    return list.filter((s: unknown): s is Student => isObject(s) && typeof s.token === "string" && tokenRE.test(s.token));
  }

  student(token: string): Student | undefined {
    return this.students().filter((s) => s.token === token)[0];
  }

  // remember records that a student opened their page on this device, with
  // their name and plan, and makes them the current student.
  remember(s: Student): void {
    const k = this.registryKey();
    const x = this.readObject(k, registry);
    const list = Array.isArray(x.students) ? x.students : [];
    const old = list.filter((o: unknown) => isObject(o) && o.token === s.token)[0];
    const rest = list.filter((o: unknown) => o !== old);
    x.students = [Object.assign({}, old, s, { seen: stamp() })].concat(rest);
    this.set(k, JSON.stringify(x));
    this.set("pacer:" + this.site + ":current", s.token);
  }
}
