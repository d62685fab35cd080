// Merging two copies of one student's progress (newest change wins, item
// by item), and the changes between two copies: what an import changes
// is kept so that it can be undone on its own, later work untouched.
import { isObject, own } from "./dom";
import type { Progress, Rating, Stamps } from "./storage";

function newest<T extends { at: string }>(a: Record<string, T>, b: Record<string, T>): Record<string, T> {
  const out = Object.assign({}, a);
  for (const k of Object.keys(b)) if (!own(out, k) || b[k].at > out[k].at) out[k] = b[k];
  return out;
}

function latest(a: Stamps, b: Stamps): Stamps {
  const out = Object.assign({}, a);
  for (const k of Object.keys(b)) if (!(own(out, k)! >= b[k])) out[k] = b[k];
  return out;
}

function union<T extends { at: string }>(a: T[], b: T[], key: (x: T) => string): T[] {
  const seen: Record<string, boolean> = {};
  const out: T[] = [];
  for (const x of a.concat(b)) {
    const k = key(x);
    if (!seen[k]) out.push(x);
    seen[k] = true;
  }
  // stable: equal stamps keep their order
  return out.map((x, i) => [x, i] as [T, number]).sort((x, y) => (x[0].at < y[0].at ? -1 : x[0].at > y[0].at ? 1 : x[1] - y[1])).map((x) => x[0]);
}

const stampFields = ["done", "undone", "placed"];

// merge combines two copies of one student's progress, item by item, the
// newest change winning; fields this client does not know are kept.
export function merge(a: Progress, b: Progress): Progress {
  const out = Object.assign({}, b, a) as Progress;
  for (const f of stampFields) out[f] = latest(a[f] as Stamps, b[f] as Stamps);
  out.answers = union(a.answers, b.answers, (x) => x.activity + "#" + x.check + "@" + x.at + x.right);
  out.picks = newest(a.picks, b.picks);
  out.notes = newest(a.notes, b.notes);
  const r: Record<string, Rating[]> = Object.assign({}, a.ratings);
  for (const c of Object.keys(b.ratings)) r[c] = union(own(a.ratings, c) || [], b.ratings[c], (x) => x.at + "=" + x.v);
  out.ratings = r;
  if (b.goals && (!a.goals || b.goals.at > a.goals.at)) out.goals = b.goals;
  return out;
}

// Change is one difference: an item added to a list (add), or a value
// that went from was to now (an entry id of a map field, or a field).
export interface Change {
  f: string;
  id?: string;
  was?: unknown;
  now?: unknown;
  add?: unknown;
}

const js = (x: unknown) => JSON.stringify(x);
const mapFields = stampFields.concat("picks", "notes");

function added(out: Change[], f: string, id: string | undefined, a: unknown[], b: unknown[]): void {
  const seen: Record<string, boolean> = {};
  for (const x of a) seen[js(x)] = true;
  for (const x of b) if (!seen[js(x)]) out.push({ f, id, add: x });
}

// diff lists what turns a into b, where b holds all of a (a merge).
export function diff(a: Progress, b: Progress): Change[] {
  const out: Change[] = [];
  for (const f of Object.keys(b)) {
    if (f === "v") continue;
    if (f === "answers") added(out, f, undefined, a.answers, b.answers);
    else if (f === "ratings") for (const c of Object.keys(b.ratings)) added(out, f, c, own(a.ratings, c) || [], b.ratings[c]);
    else if (mapFields.indexOf(f) >= 0) {
      const x = a[f] as Record<string, unknown>;
      const y = b[f] as Record<string, unknown>;
      for (const id of Object.keys(y)) if (js(own(x, id)) !== js(y[id])) out.push({ f, id, was: own(x, id), now: y[id] });
    } else if (js(own(a, f)) !== js(b[f])) out.push({ f, was: own(a, f), now: b[f] });
  }
  return out;
}

// revert takes changes back out of p, each only where p still holds what
// the change made: what was done since stays.
export function revert(p: Progress, changes: Change[]): void {
  for (const c of changes) {
    if (c.add !== undefined) {
      const list = c.f === "answers" ? p.answers : own(p.ratings, c.id || "");
      const i = Array.isArray(list) ? list.map(js).indexOf(js(c.add)) : -1;
      if (i >= 0) (list as unknown[]).splice(i, 1);
      continue;
    }
    const m = (c.id !== undefined ? p[c.f] : p) as Record<string, unknown>;
    const k = c.id !== undefined ? c.id : c.f;
    if (!isObject(m) || js(own(m, k)) !== js(c.now)) continue;
    if (c.was === undefined) delete m[k];
    else m[k] = c.was;
  }
}
