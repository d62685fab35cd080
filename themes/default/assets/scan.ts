// The teacher's scan page (scan.html, written by pacer links beside the
// cards): reads students' hand-in QR codes (format in engine/handin) from
// the camera, or from photos where the page has no camera, one student
// after another; shows who is in and who is still missing; and saves the
// receipts as one text file of "PACER1." codes that pacer report reads.
// The page is self-contained and works from file:// with no network.
//
// Codes are found by the browser's BarcodeDetector where it has one for QR
// codes (Android, ChromeOS, macOS), else by the bundled decoder (paulmillr
// qr) on the video's frames.
import { code, Collector, type Receipt } from "./handin";
import { decodeQR } from "./vendor/qr/decode.js";

interface Data {
  site: string;
  title: string;
  lang: string;
  students: { t: string; n: string; s?: string[] }[];
  msg: Record<string, string>;
}

interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function fill(s: string, vars: Record<string, string | number>): string {
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

function main(): void {
  const el = $("pacer-scan");
  if (!el || !el.textContent) return;
  const data = JSON.parse(el.textContent) as Data;
  const msg = (k: string, vars: Record<string, string | number> = {}) => fill(data.msg[k] || k, vars);
  const names: Record<string, string> = {};
  const said: Record<string, string[]> = {};
  for (const s of data.students) {
    names[s.t] = s.n;
    said[s.t] = s.s || [];
  }

  const video = $<HTMLVideoElement>("video");
  const start = $<HTMLButtonElement>("start");
  const stop = $<HTMLButtonElement>("stop");
  const photo = $<HTMLInputElement>("photo");
  const status = $("status");
  const inList = $("in");
  const missing = $("missing");
  const unknownBox = $("unknown-box");
  const unknownList = $("unknown");
  const count = $("count");
  const save = $<HTMLButtonElement>("save");
  const clear = $<HTMLButtonElement>("clear");

  let collector = new Collector(data.site);
  // The newest receipt of each student, by token, in the order they came.
  let got: Record<string, Receipt> = {};
  let order: string[] = [];
  const store = "pacer-scan." + data.site;

  const when = (iso: string) => {
    try {
      return new Date(iso).toLocaleString(data.lang, { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });
    } catch {
      return iso;
    }
  };

  let last = "";
  const say = (s: string) => {
    // A camera reads a code many times a second: say each thing once.
    if (s === last) return;
    last = s;
    status.textContent = s;
  };

  const show = () => {
    const n = data.students.length;
    const onRoster = order.filter((t) => t in names);
    count.textContent = "(" + msg("count", { i: onRoster.length, n }) + ")";
    inList.textContent = "";
    unknownList.textContent = "";
    for (const t of order) {
      const li = document.createElement("li");
      li.textContent = (t in names ? names[t] : msg("unknown", { name: got[t].name || t })) + " — " + when(got[t].at);
      // what the student's file already says to them, to follow up on
      if (t in names && said[t].length) {
        const ul = document.createElement("ul");
        for (const s of said[t]) {
          const item = document.createElement("li");
          item.textContent = s;
          ul.append(item);
        }
        li.append(ul);
      }
      (t in names ? inList : unknownList).append(li);
    }
    unknownBox.hidden = !unknownList.firstChild;
    if (!inList.firstChild) {
      const li = document.createElement("li");
      li.textContent = msg("none");
      inList.append(li);
    }
    missing.textContent = "";
    for (const s of data.students) {
      if (got[s.t]) continue;
      const li = document.createElement("li");
      li.textContent = s.n;
      missing.append(li);
    }
    if (!missing.firstChild) {
      const li = document.createElement("li");
      li.textContent = msg("all");
      missing.append(li);
    }
    save.disabled = clear.disabled = order.length === 0;
    try {
      sessionStorage.setItem(store, JSON.stringify(order.map((t) => got[t])));
    } catch {
      // storage off: the page still works until it is closed
    }
  };

  const keep = (r: Receipt): string => {
    const old = got[r.student];
    const name = names[r.student] || r.name || r.student;
    if (old && old.at === r.at) return msg("again", { name });
    if (old && Date.parse(old.at) > Date.parse(r.at)) return msg("older", { name });
    got[r.student] = r;
    if (order.indexOf(r.student) < 0) order.push(r.student);
    show();
    return msg(old ? "newer" : "got", { name, date: when(r.at) });
  };

  const handle = async (text: string) => {
    const a = await collector.add(text);
    switch (a.kind) {
      case "part": {
        const name = names[a.student] || "?";
        say(msg(a.fresh ? "part" : "partAgain", { name, i: a.have, n: a.n }));
        return;
      }
      case "done":
        say(keep(a.receipt));
        return;
      case "newer":
        say(msg("update"));
        return;
      default:
        say(msg(a.kind));
    }
  };

  // Restore what this tab read before a reload.
  try {
    const saved = JSON.parse(sessionStorage.getItem(store) || "[]") as Receipt[];
    for (const r of saved) if (r && r.student && r.site === data.site) keep(r);
  } catch {
    // nothing kept
  }
  show();

  // --- reading codes ---

  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  let detector: Detector | null = null;

  const readImage = async (src: CanvasImageSource, w: number, h: number, thorough: boolean): Promise<string[]> => {
    if (detector) {
      try {
        return (await detector.detect(src)).map((b) => b.rawValue);
      } catch {
        // fall through to the bundled decoder
      }
    }
    if (!ctx || !w || !h) return [];
    const k = Math.min(1, 1600 / Math.max(w, h));
    canvas.width = Math.round(w * k);
    canvas.height = Math.round(h * k);
    ctx.drawImage(src, 0, 0, canvas.width, canvas.height);
    try {
      const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
      return [decodeQR(img, thorough ? { effort: Infinity, timeLimit: Infinity } : {})];
    } catch {
      return []; // no code in this frame
    }
  };

  const makeDetector = async () => {
    const BD = (window as unknown as { BarcodeDetector?: { new (o: object): Detector; getSupportedFormats(): Promise<string[]> } }).BarcodeDetector;
    if (!BD) return null;
    try {
      return (await BD.getSupportedFormats()).indexOf("qr_code") >= 0 ? new BD({ formats: ["qr_code"] }) : null;
    } catch {
      return null;
    }
  };

  let stream: MediaStream | null = null;
  let lastTime = -1;

  const tick = async () => {
    if (!stream) return;
    if (video.readyState >= 2 && video.currentTime !== lastTime) {
      lastTime = video.currentTime;
      for (const t of await readImage(video, video.videoWidth, video.videoHeight, false)) await handle(t);
    }
    if (stream) requestAnimationFrame(tick);
  };

  const stopCamera = (note: boolean) => {
    if (stream) stream.getTracks().forEach((t) => t.stop());
    stream = null;
    video.srcObject = null;
    video.hidden = stop.hidden = true;
    start.hidden = false;
    if (note) say(msg("stopped"));
  };

  start.addEventListener("click", async () => {
    const md = navigator.mediaDevices;
    if (!md || !md.getUserMedia) {
      say(msg("noCamera"));
      photo.focus();
      return;
    }
    try {
      detector = await makeDetector();
      stream = await md.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    } catch (e) {
      say(msg("denied", { error: e instanceof Error ? e.message : String(e) }));
      return;
    }
    video.srcObject = stream;
    video.hidden = stop.hidden = false;
    start.hidden = true;
    await video.play().catch(() => undefined);
    stop.focus();
    say(msg("ready"));
    requestAnimationFrame(tick);
  });
  stop.addEventListener("click", () => {
    stopCamera(true);
    start.focus();
  });

  photo.addEventListener("change", async () => {
    const files = photo.files ? Array.prototype.slice.call(photo.files) as File[] : [];
    if (!detector) detector = await makeDetector();
    for (const f of files) {
      let texts: string[] = [];
      try {
        const bmp = await createImageBitmap(f);
        texts = await readImage(bmp, bmp.width, bmp.height, true);
      } catch {
        texts = [];
      }
      if (!texts.length) say(msg("noCode"));
      for (const t of texts) await handle(t);
    }
    photo.value = "";
  });

  // --- saving ---

  save.addEventListener("click", () => {
    const now = new Date();
    const day = now.toISOString().slice(0, 10);
    const lines = ["# Pacer hand-ins, " + data.title + ", saved " + now.toISOString() + ": pacer report reads this file as it is."];
    for (const t of order) lines.push((names[t] || got[t].name || t).replace(/\s+/g, " ") + "\t" + code(got[t]));
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([lines.join("\n") + "\n"], { type: "text/plain" }));
    a.download = "pacer-receipts-" + day + ".txt";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  });

  clear.addEventListener("click", () => {
    if (!window.confirm(msg("confirm"))) return;
    got = {};
    order = [];
    collector = new Collector(data.site);
    last = "";
    show();
    say(msg("cleared"));
    start.focus();
  });
}

main();
