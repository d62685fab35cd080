// Progress across devices and to the teacher: export as a code or a file,
// import (untrusted input: validated, never shown as HTML), merge newest
// per item, and the hand-in receipt (format in engine/receipt).
//
// An export, version 1, as a file (JSON) or a code ("PACERP1." followed by
// the base64url of the JSON):
//
//   {"pacer": "progress", "v": 1, "site": "<site key>", "student": "<token>",
//    "at": "<RFC 3339>", "progress": {<the stored progress, see storage.ts>}}
import { stamp } from "./clock";
import { isObject, own, strings } from "./dom";
import { type Answer, migrate, type Progress, type Rating, type Stamps, emptyProgress, fields, version } from "./storage";

export const progressPrefix = "PACERP1.";
export const receiptPrefix = "PACER1.";

export function encode(s: string): string {
  const b = new TextEncoder().encode(s);
  let bin = "";
  for (let i = 0; i < b.length; i++) bin += String.fromCharCode(b[i]);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decode(s: string): string {
  const bin = atob(s.replace(/\s+/g, "").replace(/-/g, "+").replace(/_/g, "/"));
  const b = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) b[i] = bin.charCodeAt(i);
  return new TextDecoder("utf-8", { fatal: true }).decode(b);
}

export function exportDoc(site: string, token: string, p: Progress): string {
  return JSON.stringify({ pacer: "progress", v: 1, site, student: token, at: stamp(), progress: p });
}

const idRE = /^[a-z0-9][a-z0-9-]{0,99}$/;
const atRE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const at = (x: unknown): x is string => typeof x === "string" && (x === "" || atRE.test(x));

function each<T>(x: unknown, keyRE: RegExp, f: (v: unknown) => T | undefined): Record<string, T> {
  const out: Record<string, T> = {};
  if (!isObject(x)) return out;
  for (const k of Object.keys(x)) {
    const v = keyRE.test(k) ? f(x[k]) : undefined;
    if (v !== undefined) out[k] = v;
  }
  return out;
}

const clip = (s: unknown, n: number) => (typeof s === "string" ? s.slice(0, n) : "");

// clean keeps what an untrusted progress value holds in the right shape.
function clean(x: Record<string, unknown>): Progress {
  const p = emptyProgress();
  for (const k of Object.keys(x)) if (!own(p, k) && k !== "goals") p[k] = x[k];
  p.v = version;
  const st = (y: unknown) => each(y, idRE, (v) => (at(v) && v ? v : undefined));
  p.done = st(x.done);
  p.undone = st(x.undone);
  p.placed = st(x.placed);
  p.answers = (Array.isArray(x.answers) ? x.answers : [])
    .filter(
      (a: unknown): a is Answer =>
        isObject(a) && typeof a.activity === "string" && idRE.test(a.activity) && typeof a.check === "number" && a.check % 1 === 0 && a.check > 0 && typeof a.right === "boolean" && at(a.at) && !!a.at,
    )
    .map((a) => ({ activity: a.activity, check: a.check, right: a.right, at: a.at }))
    .slice(-20000);
  p.picks = each(x.picks, /^[a-z0-9-]+\/[a-z0-9-]+$/, (v) => (isObject(v) && typeof v.a === "string" && idRE.test(v.a) && at(v.at) ? { a: v.a, at: v.at } : undefined));
  p.ratings = each(x.ratings, idRE, (v) =>
    (Array.isArray(v) ? v : [])
      .filter((r: unknown): r is Rating => isObject(r) && typeof r.v === "number" && r.v % 1 === 0 && r.v > 0 && r.v < 100 && at(r.at) && !!r.at)
      .map((r) => ({ v: r.v, at: r.at }))
      .slice(-500),
  );
  p.notes = each(x.notes, idRE, (v) => (isObject(v) && typeof v.t === "string" && at(v.at) ? { t: clip(v.t, 5000), at: v.at } : undefined));
  const g = x.goals;
  if (isObject(g) && at(g.at)) p.goals = { list: strings(g.list).slice(0, 20).map((s) => clip(s, 500)), at: g.at };
  return p;
}

export interface Incoming {
  at: string;
  progress: Progress;
}

// parse reads a pasted code, a link carrying one, or a file's text. It
// returns the progress, or the key of the string that says what is wrong.
export function parse(text: string, site: string, token: string): Incoming | string {
  let s = text.trim();
  const i = s.indexOf("#import=");
  if (i >= 0) s = s.slice(i + 8);
  let x: unknown;
  try {
    if (s.indexOf(progressPrefix) === 0) s = decode(s.slice(progressPrefix.length));
    x = JSON.parse(s);
  } catch {
    return "io.bad";
  }
  if (!isObject(x) || x.pacer !== "progress" || !isObject(x.progress) || typeof x.v !== "number") return "io.bad";
  const p = x.progress;
  const v = typeof p.v === "number" ? p.v : 0;
  if (x.v > 1 || v > version) return "io.newer";
  if (v < 1) return "io.bad";
  if (x.site !== site) return "io.otherSite";
  if (x.student !== token) return "io.otherStudent";
  migrate(p, v);
  return { at: at(x.at) ? x.at : "", progress: clean(p) };
}

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

// merge combines two copies of one student's progress, item by item, the
// newest change winning; fields this client does not know are kept.
export function merge(a: Progress, b: Progress): Progress {
  const out = Object.assign({}, b, a) as Progress;
  for (const [f] of fields) if (f !== "answers" && f !== "ratings" && f !== "picks" && f !== "notes") out[f] = latest(a[f] as Stamps, b[f] as Stamps);
  out.answers = union(a.answers, b.answers, (x) => x.activity + "#" + x.check + "@" + x.at + x.right);
  out.picks = newest(a.picks, b.picks);
  out.notes = newest(a.notes, b.notes);
  const r: Record<string, Rating[]> = Object.assign({}, a.ratings);
  for (const c of Object.keys(b.ratings)) r[c] = union(own(a.ratings, c) || [], b.ratings[c], (x) => x.at + "=" + x.v);
  out.ratings = r;
  if (b.goals && (!a.goals || b.goals.at > a.goals.at)) out.goals = b.goals;
  return out;
}

// fileLink is a link that downloads text as a file.
export function fileLink(name: string, text: string, label: string): HTMLAnchorElement {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  a.download = name;
  a.className = "button";
  a.textContent = label;
  return a;
}
