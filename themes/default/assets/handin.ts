// The QR hand-in's frames: a receipt (engine/receipt) as the texts of one
// or more QR codes, and back. The format is documented in engine/handin,
// whose Go twin reads what this writes; both are tested on the case files
// in engine/handin/testdata/cases.
import { deflateSync, inflateSync } from "./vendor/fflate/fflate.js";

// framePrefix starts the frames this writes (version 2, with the answers);
// frames of version 1 (framePrefix1) still read.
export const framePrefix = "PQ2.";
export const framePrefix1 = "PQ1.";
export const partBytes = 1250;
const maxParts = 99;
const maxBody = 1 << 20;

export interface Rating {
  level: number;
  at: string;
}
// Try is one answer to a quick check (receipt version 2): activity,
// check from 0, right, when, practice.
export interface Try {
  a: string;
  q: number;
  ok: boolean;
  at: string;
  p?: boolean;
}
export interface Step {
  c: string;
  status: string;
  target?: string;
  self?: Rating[];
  checks: { right: number; total: number; recent?: boolean[] };
  done?: string[];
  note?: string;
  tries?: Try[];
}
export interface Receipt {
  pacer: "receipt";
  v: number;
  site: string;
  student: string;
  name: string;
  at: string;
  today: string;
  pace: { status: string; days: number };
  steps: Step[];
  goals?: string[];
}

const statuses = ["not-started", "practicing", "needs-support", "mastered", "placed"];
const paces = ["", "on-track", "ahead", "behind"];
const base32RE = /^[a-z2-7]{1,64}$/;
const dayRE = /^(\d{4})-(\d\d)-(\d\d)$/;

// --- compression: the browser's own where it has one, else fflate ---

async function pipe(b: Uint8Array, t: GenericTransformStream, limit: number): Promise<Uint8Array> {
  const reader = (new Blob([b as BlobPart]).stream().pipeThrough(t as unknown as TransformStream<Uint8Array, Uint8Array>) as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const r = await reader.read();
    if (r.done) break;
    n += r.value.length;
    if (n > limit) {
      reader.cancel();
      throw new Error("too big");
    }
    chunks.push(r.value);
  }
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function stream(kind: "CompressionStream" | "DecompressionStream"): GenericTransformStream | null {
  const C = (window as unknown as Record<string, unknown>)[kind] as (new (f: string) => GenericTransformStream) | undefined;
  if (typeof C !== "function") return null;
  try {
    return new C("deflate-raw");
  } catch {
    return null; // a browser that knows only gzip and deflate
  }
}

export async function deflate(b: Uint8Array): Promise<Uint8Array> {
  const s = stream("CompressionStream");
  return s ? pipe(b, s, Infinity) : deflateSync(b, { level: 9 });
}

export async function inflate(b: Uint8Array): Promise<Uint8Array> {
  const s = stream("DecompressionStream");
  if (s) return pipe(b, s, maxBody);
  const out = new Uint8Array(maxBody + 1);
  const got = inflateSync(b, { out });
  if (got.length > maxBody) throw new Error("too big");
  return got;
}

// --- Base45 (RFC 9285) and CRC-32 ---

const b45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

export function base45(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i + 1 < b.length; i += 2) {
    const n = b[i] * 256 + b[i + 1];
    s += b45[n % 45] + b45[Math.floor(n / 45) % 45] + b45[Math.floor(n / 2025)];
  }
  if (b.length % 2) {
    const n = b[b.length - 1];
    s += b45[n % 45] + b45[Math.floor(n / 45)];
  }
  return s;
}

export function unbase45(s: string): Uint8Array | null {
  if (s.length % 3 === 1) return null;
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 3) {
    const k = Math.min(3, s.length - i);
    let n = 0;
    let m = 1;
    for (let j = 0; j < k; j++) {
      const v = b45.indexOf(s[i + j]);
      if (v < 0) return null;
      n += v * m;
      m *= 45;
    }
    if (k === 3) {
      if (n > 0xffff) return null;
      out.push(n >> 8, n & 255);
    } else {
      if (n > 0xff) return null;
      out.push(n);
    }
  }
  return new Uint8Array(out);
}

let crcTable: number[] | undefined;

export function crc32(b: Uint8Array): number {
  if (!crcTable) {
    crcTable = [];
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable.push(c >>> 0);
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = crcTable[(c ^ b[i]) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const hex8 = (n: number) => ("0000000" + n.toString(16).toUpperCase()).slice(-8);

// --- the body ---

// days is a YYYY-MM-DD date's days since 1970-01-01 plus one, 0 for none.
function days(s: string | undefined): number {
  const m = s ? dayRE.exec(s) : null;
  if (!m) return 0;
  return Date.UTC(+m[1], +m[2] - 1, +m[3]) / 864e5 + 1;
}

function date(d: number): string {
  return d > 0 ? new Date((d - 1) * 864e5).toISOString().slice(0, 10) : "";
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

class Writer {
  b: number[] = [];
  uv(x: number): void {
    x = Math.max(0, Math.floor(x));
    while (x >= 128) {
      this.b.push((x % 128) + 128);
      x = Math.floor(x / 128);
    }
    this.b.push(x);
  }
  sv(x: number): void {
    this.uv(x >= 0 ? 2 * x : -2 * x - 1);
  }
  str(s: string): void {
    const u = new TextEncoder().encode(s);
    this.uv(u.length);
    for (let i = 0; i < u.length; i++) this.b.push(u[i]);
  }
}

function marshal(r: Receipt): Uint8Array {
  const w = new Writer();
  const at = seconds(r.at);
  w.uv(at);
  const today = days(r.today);
  w.uv(today);
  w.b.push(Math.max(0, paces.indexOf(r.pace ? r.pace.status : "")));
  w.uv(r.pace ? r.pace.days : 0);
  w.str(r.name || "");
  const goals = r.goals || [];
  w.uv(goals.length);
  goals.forEach((g) => w.str(g));
  const steps = r.steps || [];
  w.uv(steps.length);
  let prev = today;
  for (const s of steps) {
    w.str(s.c);
    const target = days(s.target);
    w.b.push(Math.max(0, statuses.indexOf(s.status)) | (target ? 8 : 0) | (s.note ? 16 : 0));
    if (target) {
      w.sv(target - prev);
      prev = target;
    }
    const self = s.self || [];
    w.uv(self.length);
    for (const x of self) {
      w.b.push(x.level & 255);
      w.sv(Math.trunc((at - seconds(x.at)) / 60));
    }
    w.uv(s.checks.right);
    w.uv(s.checks.total);
    const recent = s.checks.recent || [];
    w.uv(recent.length);
    for (let i = 0; i < recent.length; i += 8) {
      let byte = 0;
      for (let j = 0; j < 8 && i + j < recent.length; j++) if (recent[i + j]) byte |= 1 << j;
      w.b.push(byte);
    }
    const done = s.done || [];
    w.uv(done.length);
    done.forEach((d) => w.str(d));
    if (s.note) w.str(s.note);
    // version 2: the answers, their activities after the done ones
    const acts = done.slice();
    const tries = s.tries || [];
    for (const x of tries) if (acts.indexOf(x.a) < 0) acts.push(x.a);
    w.uv(acts.length - done.length);
    acts.slice(done.length).forEach((a) => w.str(a));
    w.uv(tries.length);
    let prevTry = 0;
    for (const x of tries) {
      w.uv(((Math.max(0, x.q) * acts.length + acts.indexOf(x.a)) * 4) | (x.ok ? 1 : 0) | (x.p ? 2 : 0));
      const m = Math.trunc((at - seconds(x.at)) / 60);
      w.sv(m - prevTry);
      prevTry = m;
    }
  }
  return new Uint8Array(w.b);
}

class Damaged extends Error {}

class Reader {
  i = 0;
  constructor(private b: Uint8Array) {}
  byte(): number {
    if (this.i >= this.b.length) throw new Damaged();
    return this.b[this.i++];
  }
  uv(): number {
    let x = 0;
    let m = 1;
    for (let k = 0; k < 8; k++) {
      const c = this.byte();
      x += (c & 127) * m;
      if (c < 128) return x;
      m *= 128;
    }
    throw new Damaged();
  }
  sv(): number {
    const u = this.uv();
    return u % 2 ? -(u + 1) / 2 : u / 2;
  }
  count(): number {
    const n = this.uv();
    if (n > this.b.length - this.i) throw new Damaged();
    return n;
  }
  bytes(n: number): Uint8Array {
    if (n > this.b.length - this.i) throw new Damaged();
    this.i += n;
    return this.b.subarray(this.i - n, this.i);
  }
  str(): string {
    return new TextDecoder("utf-8", { fatal: true }).decode(this.bytes(this.count()));
  }
  end(): boolean {
    return this.i === this.b.length;
  }
}

function unmarshal(body: Uint8Array, v: number, site: string, student: string): Receipt {
  const r = new Reader(body);
  const at = r.uv();
  const iso = (s: number) => new Date(s * 1000).toISOString().replace(".000Z", "Z");
  const today = r.uv();
  const pace = r.byte();
  if (pace >= paces.length) throw new Damaged();
  const out: Receipt = { pacer: "receipt", v, site, student, at: iso(at), today: date(today), pace: { status: paces[pace], days: r.uv() }, name: r.str(), steps: [] };
  const goals: string[] = [];
  for (let n = r.count(); n > 0; n--) goals.push(r.str());
  if (goals.length) out.goals = goals;
  let prev = today;
  for (let n = r.count(); n > 0; n--) {
    const s: Step = { c: r.str(), status: "", checks: { right: 0, total: 0 } };
    const flags = r.byte();
    if ((flags & 7) >= statuses.length) throw new Damaged();
    s.status = statuses[flags & 7];
    if (flags & 8) {
      prev += r.sv();
      s.target = date(prev);
    }
    const self: Rating[] = [];
    for (let k = r.count(); k > 0; k--) {
      const level = r.byte();
      self.push({ level, at: iso(at - r.sv() * 60) });
    }
    if (self.length) s.self = self;
    s.checks.right = r.uv();
    s.checks.total = r.uv();
    const nr = r.uv();
    if (nr > (body.length - r.i) * 8) throw new Damaged();
    const bits = r.bytes(Math.ceil(nr / 8));
    const recent: boolean[] = [];
    for (let i = 0; i < nr; i++) recent.push((bits[i >> 3] & (1 << (i & 7))) !== 0);
    if (recent.length) s.checks.recent = recent;
    const done: string[] = [];
    for (let k = r.count(); k > 0; k--) done.push(r.str());
    if (done.length) s.done = done;
    if (flags & 16) s.note = r.str();
    if (v >= 2) {
      const acts = done.slice();
      for (let k = r.count(); k > 0; k--) acts.push(r.str());
      const tries: Try[] = [];
      let prevTry = 0;
      for (let k = r.count(); k > 0; k--) {
        const x = r.uv();
        prevTry += r.sv();
        const i = Math.floor(x / 4);
        if (!acts.length || i > 2 ** 30) throw new Damaged();
        const t: Try = { a: acts[i % acts.length], q: Math.floor(i / acts.length), ok: (x & 1) !== 0, at: iso(at - prevTry * 60) };
        if (x & 2) t.p = true;
        tries.push(t);
      }
      if (tries.length) s.tries = tries;
    }
    if (!s.c) throw new Damaged();
    out.steps.push(s);
  }
  if (!r.end() || !student) throw new Damaged();
  return out;
}

// --- frames ---

// frames returns the texts of the QR codes that carry r.
export async function frames(r: Receipt): Promise<string[]> {
  if (!base32RE.test(r.site) || !base32RE.test(r.student)) throw new Error("pacer: the receipt has no site key or token");
  const payload = await deflate(marshal(r));
  const n = Math.ceil(payload.length / partBytes);
  if (n > maxParts) throw new Error("pacer: the receipt is too long for QR codes");
  const head = framePrefix + r.site.toUpperCase() + "." + r.student.toUpperCase() + "." + hex8(crc32(payload)) + ".";
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = Math.floor((i * payload.length) / n);
    const b = Math.floor(((i + 1) * payload.length) / n);
    out.push(head + (i + 1) + "." + n + "." + base45(payload.subarray(a, b)));
  }
  return out;
}

export interface Part {
  v: number;
  site: string;
  student: string;
  sum: string;
  i: number;
  n: number;
  data: Uint8Array;
  key: string;
}

// A frame that is not a part: "not" (not a hand-in code at all), "site"
// (another site's), "newer" (a newer format), "damaged".
export type Refusal = "not" | "site" | "newer" | "damaged";

export function parse(text: string, site: string): Part | Refusal {
  const v = text.indexOf(framePrefix) === 0 ? 2 : text.indexOf(framePrefix1) === 0 ? 1 : 0;
  if (!v) return /^PQ[3-9]\./.test(text) ? "newer" : "not";
  const f = text.slice(framePrefix.length).split(".");
  if (f.length < 6) return "damaged";
  const p = { v, site: f[0].toLowerCase(), student: f[1].toLowerCase(), sum: f[2], i: +f[3], n: +f[4] };
  if (!base32RE.test(p.site) || !base32RE.test(p.student) || !/^[0-9A-F]{8}$/.test(p.sum)) return "damaged";
  if (site && p.site !== site) return "site";
  if (!/^\d{1,2}$/.test(f[3]) || !/^\d{1,2}$/.test(f[4]) || p.n < 1 || p.i < 1 || p.i > p.n) return "damaged";
  const data = unbase45(f.slice(5).join("."));
  if (!data || !data.length || data.length > partBytes) return "damaged";
  return Object.assign(p, { data, key: v + "." + p.site + "." + p.student + "." + p.sum });
}

// join makes the receipt of all the parts of one hand-in (in order of i,
// each once), or null when they are damaged.
export async function join(parts: Part[]): Promise<Receipt | null> {
  const total = parts.reduce((n, p) => n + p.data.length, 0);
  const payload = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    payload.set(p.data, at);
    at += p.data.length;
  }
  if (hex8(crc32(payload)) !== parts[0].sum) return null;
  try {
    return unmarshal(await inflate(payload), parts[0].v, parts[0].site, parts[0].student);
  } catch {
    return null;
  }
}

// What Collector.add did with a text.
export type Added =
  | { kind: Refusal }
  | { kind: "part"; student: string; have: number; n: number; fresh: boolean }
  | { kind: "done"; student: string; receipt: Receipt; n: number; fresh: boolean };

// Collector gathers frames read one after another (a camera reads each
// many times): it joins each hand-in's parts, whatever their order, and
// says when a receipt is whole. fresh is false for a code already read.
export class Collector {
  private parts: Record<string, (Part | undefined)[]> = {};
  private whole: Record<string, Receipt> = {};
  constructor(private site: string) {}

  async add(text: string): Promise<Added> {
    const p = parse(text, this.site);
    if (typeof p === "string") return { kind: p };
    const done = this.whole[p.key];
    if (done) return { kind: "done", student: p.student, receipt: done, n: p.n, fresh: false };
    const have = this.parts[p.key] || (this.parts[p.key] = []);
    if (have.length && have.length !== p.n) return { kind: "damaged" };
    have.length = p.n;
    const fresh = !have[p.i - 1];
    have[p.i - 1] = p;
    const got = have.filter((x) => x).length;
    if (got < p.n) return { kind: "part", student: p.student, have: got, n: p.n, fresh };
    const r = await join(have as Part[]);
    if (!r) {
      delete this.parts[p.key];
      return { kind: "damaged" };
    }
    this.whole[p.key] = r;
    delete this.parts[p.key];
    return { kind: "done", student: p.student, receipt: r, n: p.n, fresh: true };
  }
}

// code returns a receipt as a "PACER1." code (engine/receipt), what
// pacer report reads among other text.
export function code(r: Receipt): string {
  const u = new TextEncoder().encode(JSON.stringify(r));
  let bin = "";
  for (let i = 0; i < u.length; i++) bin += String.fromCharCode(u[i]);
  return "PACER1." + btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
