// Pacer's client. Every page works without it; it adds the student's
// playlist, the activity bar, quick checks and the diagnostic, keeping
// progress in localStorage (see storage.ts). Loaded as a deferred classic
// script, after strings.<lang>.<hash>.js and course.<hash>.js have set
// window.PacerStrings and window.PacerCourse.
import { initActivityBar } from "./activity";
import { Alerts } from "./alerts";
import { initChecks } from "./checks";
import type { Ctx } from "./context";
import { Course } from "./course";
import { initDiagnostic } from "./diagnostic";
import { initStudent } from "./playlist";
import { Store } from "./storage";
import { loadStrings } from "./strings";

declare global {
  interface Window {
    PacerCourse?: unknown;
    PacerStrings?: unknown;
  }
}

const siteRE = /^[A-Za-z0-9_-]{1,64}$/;

function run(name: string, f: () => void): void {
  try {
    f();
  } catch (e) {
    console.error("pacer: " + name + " failed", e);
  }
}

function start(): void {
  const body = document.body;
  const t = loadStrings();
  const course = new Course(window.PacerCourse);
  const site = [body.dataset.site, course.site].filter((s): s is string => !!s && siteRE.test(s))[0] || "site";
  const alerts = new Alerts(t);
  const ctx: Ctx = {
    t,
    course,
    alerts,
    store: new Store(site, alerts),
    root: body.dataset.root || "",
    lang: document.documentElement.lang || "en",
    kind: body.dataset.kind || "",
  };
  document.documentElement.classList.add("js");
  if (ctx.kind === "student") run("playlist", () => initStudent(ctx));
  if (ctx.kind === "activity") run("activity bar", () => initActivityBar(ctx));
  if (ctx.kind === "diagnostic") run("diagnostic", () => initDiagnostic(ctx));
  run("checks", () => initChecks(ctx));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
