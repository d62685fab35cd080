// Pacer's client. Every page works without it; it adds the student's
// playlist, the activity bar, quick checks and the diagnostic, keeping
// progress in localStorage (see storage.ts). Loaded as a deferred classic
// script, after strings.<lang>.<hash>.js and the course data (course.<hash>.js
// and the chunks of what the page shows, course.<chunk>.<hash>.js) have set
// window.PacerStrings and window.PacerCourse. Storage is read
// asynchronously (Web Crypto): <html data-pacer="ready"> marks the end.
import { initActivityBar } from "./activity";
import { Alerts } from "./alerts";
import { initChecks } from "./checks";
import type { Ctx } from "./context";
import { Course } from "./course";
import { initDiagnostic } from "./diagnostic";
import { strings } from "./dom";
import { relabel } from "./labels";
import { initStudent } from "./playlist";
import { Store, tokenRE } from "./storage";
import { loadStrings } from "./strings";

declare global {
  interface Window {
    PacerCourse?: unknown;
    PacerStrings?: unknown;
  }
}

const siteRE = /^[A-Za-z0-9_-]{1,64}$/;
// ours: a strings or course data script of the site, from its root.
const ours = /^assets\/(strings|course)[\w.-]*\.js$/;

// load runs a script of the site.
function load(src: string): Promise<unknown> {
  return new Promise((ok, fail) => {
    const el = document.createElement("script");
    el.src = src;
    el.onload = ok;
    el.onerror = fail;
    document.head.append(el);
  });
}

// scripts lists the site's scripts the page loads whose names start with
// name, from the root.
function scripts(root: string, name: string): string[] {
  return Array.from(document.querySelectorAll("script[src*='assets/" + name + "']"), (s) => (s.getAttribute("src") || "").slice(root.length));
}

async function run(name: string, f: () => unknown): Promise<void> {
  try {
    await f();
  } catch (e) {
    console.error("pacer: " + name + " failed", e);
  }
}

// carry makes the tabs opened from this one the student's too: a link
// followed from here names the student in its fragment (#as=<token>),
// added only as it is followed (click, Enter, middle click), so that a
// copied link address names no one.
function carry(token: string): void {
  const mark = (e: MouseEvent) => {
    if (e.type === "mousedown" && e.button !== 1) return;
    const a = e.target instanceof Element ? e.target.closest("a[href]") : null;
    const raw = a ? a.getAttribute("href") || "" : "";
    if (!a || !raw || raw[0] === "#" || raw.indexOf("#") >= 0 || /^[a-z][a-z0-9+.-]*:/i.test(raw)) return;
    a.setAttribute("href", raw + "#as=" + token);
    const undo = () => setTimeout(() => a.setAttribute("href", raw), 0);
    if (e.type === "click") undo();
    else a.addEventListener("auxclick", undo, { once: true });
  };
  document.addEventListener("click", mark, true);
  document.addEventListener("mousedown", mark, true);
}

// offline registers the site's service worker (over http(s) only; from
// file:// the page works as it is). On the student page it then asks the
// worker to keep the page, the activities it links to and the QR module
// (paper plan, hand-in), and marks
// <html data-offline="ready"> once they are stored.
function offline(root: string, kind: string): void {
  const sw = document.body.dataset.sw;
  if (!sw || !/^https?:$/.test(location.protocol) || !("serviceWorker" in navigator)) return;
  const c = navigator.serviceWorker;
  c.register(root + sw).catch(() => undefined);
  if (kind !== "student") return;
  c.ready
    .then((reg) => {
      const urls = new Set([location.href.replace(/#.*/, "")]);
      // a 200-step page has hundreds of links: only activities' resolved
      document.querySelectorAll<HTMLAnchorElement>("main a[href*='activities/']").forEach((a) => {
        const u = a.href.replace(/[?#].*/, "");
        if (/\/activities\/[^/]+\/index\.html$/.test(u)) urls.add(u);
      });
      // and the QR module, for a plan printed or handed in offline
      const app = document.getElementById("pacer-app");
      const qr = app && app.dataset.handin;
      if (qr) urls.add(new URL(qr, location.href).href);
      const ch = new MessageChannel();
      ch.port1.onmessage = () => document.documentElement.setAttribute("data-offline", "ready");
      if (reg.active) reg.active.postMessage({ cache: [...urls] }, [ch.port2]);
    })
    .catch(() => undefined);
}

// tabLanguage gives a tab its student's language on the pages students
// share (rendered in the site's language): the student page records its
// language and strings script in the tab's sessionStorage; a shared page
// in another language loads that script (replacing PacerStrings and
// PacerLang) before anything is drawn.
async function tabLanguage(site: string, kind: string, root: string): Promise<void> {
  const key = "pacer:" + site + ":lang";
  const html = document.documentElement;
  try {
    if (kind === "student") {
      const src = scripts(root, "strings.")[0];
      if (src) sessionStorage.setItem(key, JSON.stringify({ lang: html.lang, src }));
      return;
    }
    const v: unknown = JSON.parse(sessionStorage.getItem(key) || "null");
    if (!v || typeof v !== "object") return;
    const { lang, src } = v as { lang?: unknown; src?: unknown };
    if (typeof lang !== "string" || lang === html.lang || typeof src !== "string") return;
    if (!ours.test(src)) return;
    await load(root + src);
    html.lang = lang;
    relabel();
  } catch {
    // No sessionStorage, or a strings script of an older build: the
    // page stays in the site's language.
  }
}

async function start(): Promise<void> {
  const body = document.body;
  const early = body.dataset.site && siteRE.test(body.dataset.site) ? body.dataset.site : "site";
  await tabLanguage(early, body.dataset.kind || "", body.dataset.root || "");
  const t = loadStrings();
  const course = new Course(window.PacerCourse);
  const site = [body.dataset.site, course.site].filter((s): s is string => !!s && siteRE.test(s))[0] || "site";
  const alerts = new Alerts(t);
  const store = new Store(site, alerts);
  const kind = body.dataset.kind || "";
  // A link from a student's playlist names the student of the tab it opens
  // in its fragment (#as=<token>): kept for the tab, then taken out of the
  // address so that a copied address names no one.
  const as = /^#as=([a-z0-9]+)$/.exec(location.hash);
  if (as && tokenRE.test(as[1])) {
    store.setTab(as[1]);
    try {
      history.replaceState(null, "", location.pathname + location.search);
    } catch {
      // file:// in some browsers
    }
  }
  const token = kind === "student" ? body.dataset.student || "" : store.tab();
  const ctx: Ctx = {
    t,
    course,
    alerts,
    store,
    me:
      token && tokenRE.test(token)
        ? store.open(token).catch((e) => {
            console.error("pacer: reading progress failed", e);
            return null;
          })
        : Promise.resolve(null),
    root: body.dataset.root || "",
    lang: document.documentElement.lang || "en",
    kind,
  };
  if (token && tokenRE.test(token)) carry(token);
  document.documentElement.classList.add("js");
  run("checks", () => initChecks(ctx));
  const me = await ctx.me;
  // The student page records the course data it loaded; an activity page
  // of their tab loads it too (from the cache, most often), for the next
  // step of their plan, which may be in another unit. A file of an older
  // build may be gone: the bar then does with what the page has.
  if (kind === "student") await run("playlist", () => initStudent(ctx).then(() => me && me.setInfo({ course: scripts(ctx.root, "course") })));
  if (kind === "activity") {
    // Only the unit of the step the bar points to is loaded, when the
    // page does not have it (course.<unit>.<hash>.js).
    const have = scripts(ctx.root, "course");
    const files = strings(me && me.info.course).filter((f) => ours.test(f));
    const unit = async (u: string): Promise<boolean> => {
      const f = files.filter((x) => (!u || x.split(".")[1] === u) && have.indexOf(x) < 0)[0];
      if (!f) return false;
      have.push(f);
      await load(ctx.root + f).catch(() => 0);
      ctx.course = new Course(window.PacerCourse);
      return true;
    };
    await run("activity bar", () => initActivityBar(ctx, unit));
  }
  if (kind === "diagnostic") await run("diagnostic", () => initDiagnostic(ctx));
  run("offline", () => offline(ctx.root, kind));
  await run("migration", () => store.migrateAll());
  document.documentElement.setAttribute("data-pacer", "ready");
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else setTimeout(start); // a task of its own, not the script's evaluation
