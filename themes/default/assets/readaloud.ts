// Read aloud (a student's accommodations.read-aloud): a "Read aloud"
// button that reads an activity page's text and its quick checks (the
// question and its choices, never the answer or the explanation) with the
// browser's speech synthesis. Nothing leaves the device: the browser's
// own voices speak. Offered only to a student whose playlist sets
// readAloud, and only where the browser can speak.
import { h } from "./dom";
import type { T } from "./strings";

// Voice is the part of speech synthesis this module uses.
export interface Voice {
  speak(text: string, lang: string, done: () => void): void;
  cancel(): void;
}

// browserVoice is the browser's speech synthesis, or null without it.
export function browserVoice(): Voice | null {
  const synth = typeof window !== "undefined" ? window.speechSynthesis : undefined;
  if (!synth || typeof SpeechSynthesisUtterance === "undefined") return null;
  return {
    speak(text, lang, done) {
      const u = new SpeechSynthesisUtterance(text);
      if (lang) u.lang = lang;
      u.onend = done;
      u.onerror = done;
      synth.speak(u);
    },
    cancel() {
      synth.cancel();
    },
  };
}

const skip = "script, style, button, nav, .check-solution, .check-explain, .check-feedback, .check-hint, .read-aloud, [hidden], [aria-hidden=true]";
const blocks = "h1, h2, h3, h4, p, li, legend, label, figcaption, td, th, blockquote";

function clean(s: string | null): string {
  return (s || "").replace(/\s+/g, " ").trim();
}

// speakable lists what to read in root, in document order: headings,
// paragraphs, list items, a check's question and choices.
export function speakable(root: Element): string[] {
  const out: string[] = [];
  const els = root.querySelectorAll<HTMLElement>(blocks);
  for (let i = 0; i < els.length; i++) {
    const el = els[i];
    if (el.closest(skip)) continue;
    // a block inside another listed one is read with it
    const parent = el.parentElement && el.parentElement.closest(blocks);
    if (parent && root.contains(parent) && !parent.closest(skip)) continue;
    const copy = el.cloneNode(true) as HTMLElement;
    const inner = copy.querySelectorAll(skip);
    for (let j = 0; j < inner.length; j++) inner[j].remove();
    const text = clean(copy.textContent);
    if (text) out.push(text);
  }
  return out;
}

// readAloudButton returns a button that reads root aloud, and stops
// reading when pressed again; null when there is no voice.
export function readAloudButton(root: Element, t: T, lang: string, voice: Voice | null = browserVoice()): HTMLButtonElement | null {
  if (!voice) return null;
  const v = voice;
  let reading = false;
  let run = 0;
  const b = h("button", { type: "button", class: "read-aloud secondary", "aria-pressed": "false" }, t("read.aloud"));
  const set = (on: boolean) => {
    reading = on;
    b.setAttribute("aria-pressed", String(on));
    b.textContent = t(on ? "read.stop" : "read.aloud");
  };
  b.addEventListener("click", () => {
    if (reading) {
      run++;
      v.cancel();
      set(false);
      return;
    }
    const parts = speakable(root);
    if (!parts.length) return;
    const mine = ++run;
    set(true);
    parts.forEach((text, i) => {
      v.speak(text, lang, () => {
        if (mine === run && i === parts.length - 1) set(false);
      });
    });
  });
  return b;
}
