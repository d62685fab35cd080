// Progress storage (SPEC 5.1 shared devices, 5.4). Keys, all under one
// site key so sites on one origin (every file:// page shares one) never
// mix; <h> is the first 32 hex digits of SHA-256("<site>:<token>"), so no
// key names a student:
//
//   pacer:<site>:s.<h>                 a student's progress, {"v":2,...}
//   pacer:<site>:s.<h>:me              what this device keeps about them:
//                                      {"name", "steps", "saved"}
//   pacer:<site>:s.<h>:undo            one entry per import: its changes
//   pacer:<site>:s.<h>:backup:<time>   a value that could not be read, kept
//                                      until the student restores or lets it go
//   pacer:<site>:s.<h>:old:v<n>        the previous client's copy from before
//                                      it migrated a value of version n
//   pacer:<site>:me                    the token of the student who chose
//                                      "remember me on this device"
//   sessionStorage pacer:<site>:tab    the token of the student of this tab
//
// Values are sealed: "pacer-enc1." and the base64url of a 12-byte IV and
// the AES-GCM ciphertext of the JSON, with a key derived from the token
// (HKDF-SHA-256, salt "pacer:<site>", info "progress"). Without Web Crypto
// (plain http on another host) values are the JSON itself. The previous
// client kept plain JSON under pacer:<site>:<token> and a list of names
// under pacer:<site>:students: any page migrates them.
//
// Every item carries the time it was last changed, so two copies merge
// item by item, newest wins (merge.ts). Rules: never drop a field this
// client does not understand; keep what it cannot read; tell the student
// when saving fails, and keep reading; never throw when localStorage is
// missing (then progress lives for this page only).
import type { Alerts } from "./alerts";
import { stamp } from "./clock";
import { b64, isObject, noProto, own, unb64 } from "./dom";
import { type Change, merge } from "./merge";

export const version = 2;

// Stamps maps an id to the time of the latest change.
export type Stamps = Record<string, string>;

export interface Answer {
  activity: string;
  check: number;
  right: boolean;
  at: string;
  // explained: the item's explanation had been shown before this answer
  // (it is then practice, SPEC 5.3); answer: what was answered.
  explained?: boolean;
  answer?: string | string[];
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
import type { Step } from "./pace";

export interface PlanStep {
  c: string;
  // unit: the unit whose course data holds the step's competency.
  unit?: string;
  placed?: boolean;
  // the student's own rule and the teacher's confirmation (mastery.ts)
  rule?: Step["rule"];
  confirmed?: Step["confirmed"];
  choices?: { key?: string; options: string[] }[];
  support?: string[];
  extension?: string[];
}

// Info is what a device keeps about a student besides progress.
export interface Info {
  name?: string;
  // saved: the last export or hand-in made on this device.
  saved?: string;
  steps?: PlanStep[];
  // readAloud: the plan offers speech on activity pages (accommodations).
  readAloud?: boolean;
  [field: string]: unknown;
}

// Undo is an import that can be taken back.
export interface Undo {
  at: string;
  ch: Change[];
  // says: what the import changed, as its summary said
  says?: string;
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


export const tokenRE = /^[a-z0-9]{1,64}$/;

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

// sha256 of a string's UTF-8 bytes, in hex. Written out rather than taken
// from Web Crypto so that a key is the same where Web Crypto is missing.
export function sha256(s: string): string {
  const k: number[] = [];
  let hs: number[] = [];
  const frac = (x: number) => ((x - Math.floor(x)) * 4294967296) | 0;
  for (let n = 2, i = 0; i < 64; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
    if (!prime) continue;
    if (i < 8) hs[i] = frac(Math.sqrt(n));
    k[i++] = frac(Math.cbrt(n));
  }
  const b = new TextEncoder().encode(s);
  const words: number[] = [];
  for (let j = 0; j < b.length; j++) words[j >> 2] |= b[j] << (24 - (j % 4) * 8);
  words[b.length >> 2] |= 0x80 << (24 - (b.length % 4) * 8);
  const total = ((b.length + 8) >> 6) * 16 + 16;
  words[total - 1] = b.length * 8;
  const w: number[] = [];
  for (let j = 0; j < total; j += 16) {
    let [a, bb, c, d, e, f, g, h] = hs;
    for (let t = 0; t < 64; t++) {
      if (t < 16) w[t] = words[j + t] | 0;
      else {
        const x = w[t - 15];
        const y = w[t - 2];
        w[t] = (w[t - 16] + (rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3)) + w[t - 7] + (rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10))) | 0;
      }
      const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[t] + w[t]) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & bb) ^ (a & c) ^ (bb & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) | 0;
    }
    hs = [a, bb, c, d, e, f, g, h].map((x, q) => (x + hs[q]) | 0);
  }
  return hs.map((x) => ("0000000" + (x >>> 0).toString(16)).slice(-8)).join("");
}

function quota(e: unknown): boolean {
  return e instanceof DOMException && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22);
}

// storage returns localStorage or sessionStorage when it can be read. A
// full storage can still be read: only its writes fail.
function storage(name: "localStorage" | "sessionStorage"): Storage | null {
  try {
    const s = window[name];
    s.getItem("pacer:probe");
    return s;
  } catch {
    return null;
  }
}

// parseObject parses JSON into an object, dropping __proto__,
// constructor and prototype keys at every level; null if it is not one.
export function parseObject(s: string): Record<string, unknown> | null {
  try {
    const x: unknown = JSON.parse(s, noProto);
    return isObject(x) ? x : null;
  } catch {
    return null;
  }
}

const sealPrefix = "pacer-enc1.";
const oldReserved = ["students", "current", "me", "probe"];

export class Store {
  private ls = storage("localStorage");
  private ss = storage("sessionStorage");
  // pending holds values that could not be written (no storage, full
  // storage, or a record this client must not overwrite) so the page
  // still works until it is closed.
  private pending: Record<string, string | null> = {};
  private frozen: Record<string, boolean> = {};
  private opened: Record<string, Promise<Me>> = {};
  private busy = 0;

  constructor(readonly site: string, readonly alerts: Alerts) {}

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
    if (!this.ls || this.frozen[k]) {
      this.pending[k] = v;
      if (!this.ls) this.alerts.show("alert.noStorage");
      return false;
    }
    try {
      if (v === null) this.ls.removeItem(k);
      else this.ls.setItem(k, v);
      delete this.pending[k];
      return true;
    } catch (e) {
      this.pending[k] = v;
      this.alerts.show(quota(e) ? "alert.quota" : "alert.saveFailed");
      return false;
    }
  }

  freeze(k: string): void {
    this.frozen[k] = true;
  }

  // keys lists the stored keys that start with prefix.
  keys(prefix: string): string[] {
    const out: string[] = [];
    try {
      for (let i = 0; this.ls && i < this.ls.length; i++) {
        const k = this.ls.key(i);
        if (k && k.indexOf(prefix) === 0 && own(this.pending, k) !== null) out.push(k);
      }
    } catch {
      // unreadable: nothing listed
    }
    for (const k of Object.keys(this.pending)) if (k.indexOf(prefix) === 0 && this.pending[k] !== null && out.indexOf(k) < 0) out.push(k);
    return out;
  }

  private prefix(): string {
    return "pacer:" + this.site + ":";
  }

  // tab is the student of this tab: the one whose playlist opened it, or
  // the one this device remembers.
  tab(): string | null {
    let t: string | null = null;
    try {
      t = this.ss && this.ss.getItem(this.prefix() + "tab");
    } catch {
      t = null;
    }
    t = t || this.remembered();
    return t && tokenRE.test(t) ? t : null;
  }

  setTab(token: string | null): void {
    try {
      if (token) this.ss!.setItem(this.prefix() + "tab", token);
      else this.ss!.removeItem(this.prefix() + "tab");
    } catch {
      // a tab without sessionStorage belongs to its page only
    }
  }

  remembered(): string | null {
    const t = this.get(this.prefix() + "me");
    return t && tokenRE.test(t) ? t : null;
  }

  remember(token: string | null): void {
    this.set(this.prefix() + "me", token);
  }

  // queue runs a write after the ones before it; <html data-saving> is set
  // while any is under way.
  queue(chain: Promise<void>, f: () => Promise<void>): Promise<void> {
    const root = document.documentElement;
    if (this.busy++ === 0) root.setAttribute("data-saving", "");
    return chain.then(f).then(
      () => {
        if (--this.busy === 0) root.removeAttribute("data-saving");
      },
      (e) => {
        if (--this.busy === 0) root.removeAttribute("data-saving");
        console.error("pacer: saving failed", e);
      },
    );
  }

  // open loads a student's progress.
  open(token: string): Promise<Me> {
    const o = own(this.opened, token);
    if (o) return o;
    const site = this.site;
    const te = new TextEncoder();
    const key = this.prefix() + "s." + sha256(site + ":" + token).slice(0, 32);
    const subtle = window.crypto && crypto.subtle;
    const aes: Promise<CryptoKey | null> = subtle
      ? subtle
          .importKey("raw", te.encode(token), "HKDF", false, ["deriveKey"])
          .then((base) =>
            subtle.deriveKey({ name: "HKDF", hash: "SHA-256", salt: te.encode("pacer:" + site), info: te.encode("progress") }, base, { name: "AES-GCM", length: 256 }, false, [
              "encrypt",
              "decrypt",
            ]),
          )
          .catch(() => null)
      : Promise.resolve(null);
    return (this.opened[token] = aes.then(async (k) => {
      const me = new Me(this, token, key, k);
      await me.load();
      return me;
    }));
  }

  // migrateAll moves every store of the previous client (plain, under the
  // token, names in a list) to the sealed form.
  async migrateAll(): Promise<void> {
    const pre = this.prefix();
    const tokens = this.keys(pre)
      .map((k) => k.slice(pre.length))
      .filter((t) => tokenRE.test(t) && oldReserved.indexOf(t) < 0);
    const reg = parseObject(this.get(pre + "students") || "{}");
    for (const s of reg && Array.isArray(reg.students) ? reg.students : []) if (isObject(s) && typeof s.token === "string" && tokenRE.test(s.token)) tokens.push(s.token);
    for (const t of tokens) await this.open(t);
  }
}

// Me is one student's stored progress on this page: read once, kept in
// memory, written back (sealed) after each change.
export class Me {
  p: Progress = emptyProgress();
  info: Info = {};
  undos: Undo[] = [];
  // unread: the stored progress could not be read (it is kept as a backup)
  unread = false;
  gone = false;
  private raw: string | null = null;
  private chain: Promise<void> = Promise.resolve();
  private listeners: (() => void)[] = [];

  constructor(readonly store: Store, readonly token: string, readonly key: string, private aes: CryptoKey | null) {}

  async seal(text: string): Promise<string> {
    if (!this.aes) return text;
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ct = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, this.aes, new TextEncoder().encode(text)));
    const all = new Uint8Array(12 + ct.length);
    all.set(iv);
    all.set(ct, 12);
    return sealPrefix + b64(all);
  }

  // unseal returns the text of a stored value, or null when it cannot be
  // decrypted.
  async unseal(raw: string | null): Promise<string | null> {
    if (raw === null || raw.indexOf(sealPrefix) !== 0) return raw;
    if (!this.aes) return null;
    try {
      const b = unb64(raw.slice(sealPrefix.length));
      return new TextDecoder().decode(await crypto.subtle.decrypt({ name: "AES-GCM", iv: b.subarray(0, 12) }, this.aes, b.subarray(12)));
    } catch {
      return null;
    }
  }

  private async readObject(k: string): Promise<Record<string, unknown> | null> {
    const s = await this.unseal(this.store.get(k));
    return s === null ? null : parseObject(s);
  }

  // shape brings a stored value to this version and repairs fields of the
  // wrong shape (keeping raw, the value as it was, under a backup key).
  private shape(x: Record<string, unknown>, raw: string | null): Progress {
    let v = typeof x.v === "number" && x.v >= 1 ? Math.floor(x.v) : version;
    if (v > version) {
      this.store.freeze(this.key);
      this.store.alerts.show("alert.newer");
    }
    if (v < version) v = migrate(x, v);
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
    if (broken && raw !== null) this.backup(raw);
    return x as Progress;
  }

  private async readProgress(raw: string): Promise<Progress | null> {
    const s = await this.unseal(raw);
    const x = s === null ? null : parseObject(s);
    return x && this.shape(x, raw);
  }

  // backup keeps a value that could not be read; when that fails the key
  // is frozen, so the only copy is never overwritten.
  private backup(raw: string): void {
    this.store.alerts.show("alert.corrupt");
    if (!this.store.set(this.key + ":backup:" + stamp(), raw)) this.store.freeze(this.key);
  }

  backups(): string[] {
    return this.store.keys(this.key + ":backup:");
  }

  async load(): Promise<void> {
    const s = this.store;
    this.raw = s.get(this.key);
    if (this.raw !== null) {
      const p = await this.readProgress(this.raw);
      if (p) this.p = p;
      else {
        this.unread = true;
        this.backup(this.raw);
      }
    }
    const info = await this.readObject(this.key + ":me");
    if (info) this.info = info;
    const u = await this.unseal(s.get(this.key + ":undo"));
    let list: unknown = null;
    try {
      list = u === null ? null : JSON.parse(u, noProto);
    } catch {
      // an undo list that cannot be read offers no undo
    }
    if (Array.isArray(list)) this.undos = list.filter((x): x is Undo => isObject(x) && typeof x.at === "string" && Array.isArray(x.ch));
    await this.migrate();
    if (this.backups().length) s.alerts.show("alert.corrupt");
    window.addEventListener("storage", (e) => {
      if (e.key !== this.key) return;
      const raw = e.newValue;
      // forgotten in another tab: this one must not bring it back
      if (raw === null) {
        this.gone = true;
        return;
      }
      this.chain = s.queue(this.chain, async () => {
        const p = await this.readProgress(raw);
        if (!p || this.gone) return;
        this.p = p;
        this.raw = raw;
        for (const f of this.listeners) f();
      });
    });
  }

  // migrate moves what the previous client kept about this student.
  private async migrate(): Promise<void> {
    const s = this.store;
    const pre = "pacer:" + s.site + ":";
    const old = pre + this.token;
    const raw = s.get(old);
    const reg = parseObject(s.get(pre + "students") || "{}");
    const list: unknown[] = reg && Array.isArray(reg.students) ? reg.students : [];
    const entry = list.filter((o) => isObject(o) && o.token === this.token)[0];
    if (raw === null && !entry) return;
    let ok = true;
    if (raw !== null) {
      const x = parseObject(raw);
      if (x) {
        this.p = merge(this.p, this.shape(x, null));
        ok = await this.save();
      } else ok = s.set(this.key + ":backup:" + stamp(), await this.seal(raw));
    }
    // a value that could not be read is offered back; the copy kept before
    // a migration (backup:v<n>) is only kept
    for (const k of s.keys(old + ":backup:")) {
      const to = this.key + k.slice(old.length).replace(/^:backup:(v\d+)$/, ":old:$1");
      ok = ok && s.set(to, await this.seal(s.get(k) || "")) && s.set(k, null);
    }
    if (isObject(entry)) {
      const i: Info = {};
      for (const f of ["name", "saved", "steps"]) if (entry[f] !== undefined && this.info[f] === undefined) i[f] = entry[f];
      ok = ok && (await this.setInfo(i));
    }
    if (!ok) return;
    s.set(old, null);
    s.set(old + ":undo", null);
    if (entry) {
      const rest = list.filter((o) => o !== entry);
      s.set(pre + "students", rest.length ? JSON.stringify({ v: 1, students: rest }) : null);
    }
    if (s.get(pre + "current") === this.token) s.set(pre + "current", null);
  }

  onChange(f: () => void): void {
    this.listeners.push(f);
  }

  // update changes the progress and saves it.
  update(change: (p: Progress) => void): void {
    change(this.p);
    this.save();
  }

  // save writes the progress; a copy another tab wrote since is merged
  // in first.
  save(): Promise<boolean> {
    let ok = false;
    this.chain = this.store.queue(this.chain, async () => {
      const now = this.store.get(this.key);
      // removed since this page read it: forgotten in another tab
      if (now === null && this.raw !== null) this.gone = true;
      if (this.gone) return;
      if (now !== null && now !== this.raw) {
        const other = await this.readProgress(now);
        if (other) this.p = merge(this.p, other);
      }
      const v = await this.seal(JSON.stringify(this.p));
      ok = this.store.set(this.key, v);
      if (ok) this.raw = v;
    });
    return this.chain.then(() => ok);
  }

  private put(suffix: string, x: unknown): Promise<boolean> {
    let ok = false;
    this.chain = this.store.queue(this.chain, async () => {
      if (!this.gone) ok = this.store.set(this.key + suffix, x === null ? null : await this.seal(JSON.stringify(x)));
    });
    return this.chain.then(() => ok);
  }

  setInfo(i: Info): Promise<boolean> {
    const next = Object.assign({}, this.info, i);
    if (JSON.stringify(next) === JSON.stringify(this.info)) return Promise.resolve(true);
    this.info = next;
    return this.put(":me", next);
  }

  saveUndos(): void {
    this.undos = this.undos.slice(-10);
    this.put(":undo", this.undos.length ? this.undos : null);
  }

  // backupText is the text of a kept value, or null if it cannot be read.
  backupText(k: string): Promise<string | null> {
    return this.unseal(this.store.get(k));
  }

  drop(k: string): void {
    this.store.set(k, null);
    this.unread = false;
  }

  // forget removes everything this device keeps about the student.
  async forget(): Promise<void> {
    const s = this.store;
    await this.chain;
    this.gone = true;
    for (const k of s.keys(this.key)) s.set(k, null);
    if (s.remembered() === this.token) s.remember(null);
    s.setTab(null);
  }
}
