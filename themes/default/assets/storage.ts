// Progress storage (SPEC 5.4). Keys, all under one site key so sites on
// one origin (every file:// page shares one) never mix:
//
//   pacer:<site>:<token>                 a student's progress, {"v":2,...}
//   pacer:<site>:<token>:backup:<time>   a value that could not be read, kept
//   pacer:<site>:<token>:backup:v<n>     the value before a migration
//   pacer:<site>:<token>:undo            {"at":..., "before": raw} before an import
//   pacer:<site>:students                students who opened their page here
//   pacer:<site>:current                 the token of the last one
//
// Every item carries the time it was last changed, so two copies merge
// item by item, newest wins (see transfer.ts). Rules: never drop a field
// this client does not understand; keep what it cannot parse; tell the
// student when saving fails; never throw when localStorage is missing
// (then progress lives for this page only).
import type { Alerts } from "./alerts";
import { stamp } from "./clock";
import { isObject, own } from "./dom";

export const version = 2;

// Stamps maps an id to the time of the latest change.
export type Stamps = Record<string, string>;

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

export interface Pick {
  a: string;
  at: string;
}

export interface Note {
  t: string;
  at: string;
}

export interface Goals {
  list: string[];
  at: string;
}

export interface Progress {
  v: number;
  // done and undone: when an activity was marked done, and when that mark
  // was taken back; the later of the two holds.
  done: Stamps;
  undone: Stamps;
  // placed: competencies placed out by a diagnostic.
  placed: Stamps;
  answers: Answer[];
  // picks: the chosen option of a choice group, keyed "<competency>/<key>".
  picks: Record<string, Pick>;
  ratings: Record<string, Rating[]>;
  notes: Record<string, Note>;
  goals?: Goals;
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
  // saved: the last export or hand-in made on this device.
  saved?: string;
  steps?: PlanStep[];
  [field: string]: unknown;
}

export const fields: [string, boolean][] = [
  ["done", false],
  ["undone", false],
  ["placed", false],
  ["answers", true],
  ["picks", false],
  ["ratings", false],
  ["notes", false],
];

export function emptyProgress(): Progress {
  const p: Record<string, unknown> = { v: version };
  for (const [k, list] of fields) p[k] = list ? [] : {};
  return p as Progress;
}

// migrations[n] turns a version n value into version n+1.
export const migrations: Record<number, (x: Record<string, unknown>) => void> = {
  // v1 kept picks, notes and goals without the time of the change.
  1: (x) => {
    const re = (m: unknown, f: (v: unknown) => unknown) => {
      if (!isObject(m)) return;
      for (const k of Object.keys(m)) m[k] = f(m[k]);
    };
    re(x.picks, (v) => (typeof v === "string" ? { a: v, at: "" } : v));
    re(x.notes, (v) => (typeof v === "string" ? { t: v, at: "" } : v));
    if (Array.isArray(x.goals)) x.goals = x.goals.length ? { list: x.goals, at: "" } : undefined;
  },
};

// migrate brings x from version v to this version, in place.
export function migrate(x: Record<string, unknown>, v: number): number {
  for (; v < version; v++) if (migrations[v]) migrations[v](x);
  x.v = v;
  return v;
}

const registry = () => ({ v: 1, students: [] });

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

  get(k: string): string | null {
    const p = own(this.pending, k);
    if (p !== undefined) return p;
    try {
      return this.ls ? this.ls.getItem(k) : null;
    } catch {
      return null;
    }
  }

  set(k: string, v: string | null): boolean {
    if (!this.ls) {
      if (v !== null) this.pending[k] = v;
      this.alerts.show("alert.noStorage");
      return false;
    }
    if (this.frozen[k]) {
      if (v !== null) this.pending[k] = v;
      return false;
    }
    try {
      if (v === null) this.ls.removeItem(k);
      else this.ls.setItem(k, v);
      delete this.pending[k];
      return true;
    } catch (e) {
      if (v !== null) this.pending[k] = v;
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
    let v = typeof x.v === "number" && x.v >= 1 ? Math.floor(x.v) : version;
    if (v > version) {
      this.frozen[k] = true;
      this.alerts.show("alert.newer");
    }
    if (v < version) {
      this.set(k + ":backup:v" + v, this.get(k) || "");
      v = migrate(x, v);
      this.set(k, JSON.stringify(x));
    }
    x.v = v;
    let broken = false;
    for (const [f, list] of fields) {
      const have = x[f];
      if (have === undefined) x[f] = list ? [] : {};
      else if (list ? !Array.isArray(have) : !isObject(have)) {
        broken = true;
        x[f] = list ? [] : {};
      }
    }
    if (x.goals !== undefined && !isObject(x.goals)) {
      broken = true;
      delete x.goals;
    }
    if (broken) this.backup(k, this.get(k) || "", x);
    return x as Progress;
  }

  write(token: string, p: Progress): void {
    this.set(this.key(token), JSON.stringify(p));
  }

  // update changes a student's progress: read fresh (another tab may have
  // saved since), change, save. It returns the new progress.
  update(token: string, change: (p: Progress) => void): Progress {
    const p = this.read(token);
    change(p);
    this.write(token, p);
    return p;
  }

  private registryKey(): string {
    return "pacer:" + this.site + ":students";
  }

  current(): string | null {
    const t = this.get("pacer:" + this.site + ":current");
    return t && tokenRE.test(t) ? t : null;
  }

  setCurrent(token: string): void {
    this.set("pacer:" + this.site + ":current", token);
  }

  students(): Student[] {
    const x = this.readObject(this.registryKey(), registry);
    const list = Array.isArray(x.students) ? x.students : [];
    return list.filter((s: unknown): s is Student => isObject(s) && typeof s.token === "string" && tokenRE.test(s.token));
  }

  student(token: string): Student | undefined {
    return this.students().filter((s) => s.token === token)[0];
  }

  // remember records that a student opened their page on this device (or
  // changes what is kept about them); first makes them the current student.
  remember(s: Student, first?: boolean): void {
    const k = this.registryKey();
    const x = this.readObject(k, registry);
    const list = Array.isArray(x.students) ? x.students : [];
    const old = list.filter((o: unknown) => isObject(o) && o.token === s.token)[0];
    const rest = list.filter((o: unknown) => o !== old);
    const merged = Object.assign({}, old, s);
    x.students = first ? [merged].concat(rest) : list.map((o: unknown) => (o === old ? merged : o));
    if (!old && !first) (x.students as unknown[]).push(merged);
    this.set(k, JSON.stringify(x));
    if (first) this.setCurrent(s.token);
  }
}
