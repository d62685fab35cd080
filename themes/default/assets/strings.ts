// UI strings. Pages carry their language's strings in
// <script type="application/json" id="pacer-strings">; the English here is
// only a fallback for a key a translation or a theme override lacks.
import { isObject, own, readJSON } from "./dom";

const en: Record<string, string> = {
  "alert.noStorage": "This browser is not keeping your progress (private browsing or blocked storage). What you do now is lost when you close this page.",
  "alert.corrupt": "Some progress saved on this device could not be read. A copy of it was kept; ask your teacher for help.",
  "alert.newer": "Your progress was saved by a newer version of this site. Reload the page to keep working; changes made here are not saved.",
  "alert.quota": "This device's storage is full, so your latest progress was not saved. Export your progress to keep a copy, and free some space.",
  "alert.saveFailed": "Your progress could not be saved on this device.",
  "next.heading": "Next up",
  "next.today": "Today, {date}",
  "next.allDone": "You have done every step in your playlist. Well done!",
  "steps.heading": "My steps",
  "status.not-started": "Not started",
  "status.practicing": "Practicing",
  "status.needs-support": "Needs support",
  "status.mastered": "Mastered",
  "status.placed": "Placed out",
  "step.target": "Target: {date}",
  "step.late": "Past the target date",
  "step.minutes": "About {n} min",
  "step.prereq": "Needed first",
  "step.after": "Recommended after: {list}",
  "step.do": "Do this:",
  "step.chooseOne": "Choose one:",
  "step.support": "Another way:",
  "step.extension": "Go deeper:",
  "step.placedNote": "Your teacher placed you out of this step.",
  "act.minutes": "{n} min",
  "act.markDone": "Mark done",
  "bar.back": "Back to my playlist",
  "bar.next": "Next: {title}",
  "bar.who": "Working as {name}",
  "bar.noStudent": "Open your playlist link on this device to keep track of your progress.",
  "check.submit": "Check",
  "check.right": "Right!",
  "check.wrong": "Not quite. Try again.",
  "check.empty": "Answer first, then check.",
  "mod.video": "Video",
  "mod.reading": "Reading",
  "mod.audio": "Audio",
  "mod.hands-on": "Hands-on",
  "mod.interactive": "Interactive",
  "mod.practice": "Practice",
  "mod.project": "Project",
  "mod.discussion": "Discussion",
  "mod.game": "Game",
};

export type T = (key: string, vars?: Record<string, string | number>) => string;

export function loadStrings(): T {
  const page = readJSON("pacer-strings");
  const dict = isObject(page) ? page : {};
  return (key, vars) => {
    const s = own(dict, key);
    const text = typeof s === "string" ? s : own(en, key) || key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
  };
}
