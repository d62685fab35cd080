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
import { b64, isObject, own, strings, unb64 } from "./dom";
import { type Answer, emptyProgress, migrate, parseObject, type Progress, type Rating, version } from "./storage";

export const progressPrefix = "PACERP1.";
export const receiptPrefix = "PACER1.";

export function encode(s: string): string {
  return b64(new TextEncoder().encode(s));
}

function decode(s: string): string {
  return new TextDecoder("utf-8", { fatal: true }).decode(unb64(s));
}

export function exportDoc(site: string, token: string, p: Progress): string {
  return JSON.stringify({ pacer: "progress", v: 1, site, student: token, at: stamp(), progress: p });
}

const idRE = /^[a-z0-9][a-z0-9-]{0,99}$/;
const atRE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

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

// unknownCap bounds the fields this client does not know that an import
// may bring (in characters of JSON).
const unknownCap = 65536;

export interface Incoming {
  at: string;
  progress: Progress;
  // future: items left out for a stamp later than tomorrow on this device
  future: number;
}

// clean keeps what an untrusted progress value holds in the right shape:
// stamps no later than a day after this device's clock, ratings within
// the scale (levels 1..scale), unknown fields up to unknownCap.
export function clean(x: Record<string, unknown>, scale: number): Incoming {
  const p = emptyProgress();
  const limit = new Date(Date.now() + 864e5).toISOString();
  let future = 0;
  const at = (y: unknown): y is string => {
    if (typeof y !== "string" || !(y === "" || atRE.test(y))) return false;
    if (y > limit) future++;
    return y <= limit;
  };
  let room = unknownCap;
  for (const k of Object.keys(x)) {
    if (own(p, k) || k === "goals") continue;
    const n = JSON.stringify(x[k]).length;
    if (n <= room) {
      p[k] = x[k];
      room -= n;
    }
  }
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
    .map((a) => {
      const out: Answer = { activity: a.activity, check: a.check, right: a.right, at: a.at };
      if (typeof a.explained === "boolean") out.explained = a.explained;
      const given = answerOf(a.answer);
      if (given !== undefined) out.answer = given;
      return out;
    })
    .slice(-20000);
  p.picks = each(x.picks, /^[a-z0-9-]+\/[a-z0-9-]+$/, (v) => (isObject(v) && typeof v.a === "string" && idRE.test(v.a) && at(v.at) ? { a: v.a, at: v.at } : undefined));
  const top = scale > 0 ? scale : 99;
  p.ratings = each(x.ratings, idRE, (v) =>
    (Array.isArray(v) ? v : [])
      .filter((r: unknown): r is Rating => isObject(r) && typeof r.v === "number" && r.v % 1 === 0 && r.v > 0 && r.v <= top && at(r.at) && !!r.at)
      .map((r) => ({ v: r.v, at: r.at }))
      .slice(-500),
  );
  p.notes = each(x.notes, idRE, (v) => (isObject(v) && typeof v.t === "string" && at(v.at) ? { t: clip(v.t, 5000), at: v.at } : undefined));
  const g = x.goals;
  if (isObject(g) && at(g.at)) p.goals = { list: strings(g.list).slice(0, 20).map((s) => clip(s, 500)), at: g.at };
  return { at: typeof x.at === "string" && atRE.test(x.at) ? x.at : "", progress: p, future };
}

// answerOf keeps an attempt's answer when it has the form checks.ts
// writes: a short text, or a few choice values.
function answerOf(v: unknown): string | string[] | undefined {
  if (typeof v === "string") return clip(v, 500);
  if (Array.isArray(v) && v.length <= 20 && v.every((x) => typeof x === "string" && x.length <= 20)) return v as string[];
  return undefined;
}

// parse reads a pasted code, a link carrying one, or a file's text. It
// returns the progress, or the key of the string that says what is wrong.
export function parse(text: string, site: string, token: string, scale: number): Incoming | string {
  let s = text.trim();
  const i = s.indexOf("#import=");
  if (i >= 0) s = s.slice(i + 8);
  let x: Record<string, unknown> | null;
  try {
    if (s.indexOf(progressPrefix) === 0) s = decode(s.slice(progressPrefix.length));
    x = parseObject(s);
  } catch {
    return "io.bad";
  }
  if (!x || x.pacer !== "progress" || !isObject(x.progress) || typeof x.v !== "number") return "io.bad";
  const p = x.progress;
  const v = typeof p.v === "number" ? p.v : 0;
  if (x.v > 1 || v > version) return "io.newer";
  if (v < 1) return "io.bad";
  if (x.site !== site) return "io.otherSite";
  if (x.student !== token) return "io.otherStudent";
  migrate(p, v);
  const r = clean(p, scale);
  r.at = typeof x.at === "string" && atRE.test(x.at) ? x.at : "";
  return r;
}

// salvage reads what it can of a stored value that does not parse, as one
// cut off at its end: it drops the last unfinished item and closes what
// is open.
export function salvage(s: string): Record<string, unknown> | null {
  const x = parseObject(s);
  if (x) return x;
  const open: string[] = [];
  const cuts: [number, string][] = [];
  let str = false;
  let esc = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (str) {
      if (esc) esc = false;
      else if (ch === "\\") esc = true;
      else if (ch === '"') str = false;
    } else if (ch === '"') str = true;
    else if (ch === "{" || ch === "[") {
      open.push(ch === "{" ? "}" : "]");
      cuts.push([i + 1, open.slice().reverse().join("")]);
    } else if (ch === "}" || ch === "]") open.pop();
    else if (ch === ",") cuts.push([i, open.slice().reverse().join("")]);
  }
  cuts.push([s.length, (str ? '"' : "") + open.slice().reverse().join("")]);
  for (let j = cuts.length - 1; j >= Math.max(0, cuts.length - 50); j--) {
    const y = parseObject(s.slice(0, cuts[j][0]) + cuts[j][1]);
    if (y) return y;
  }
  return null;
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
