// The labels a shared page's server printed in the site's language
// (marked data-i18n="key", or "key@attribute" for an attribute), reworded
// in the tab student's: main.ts calls relabel after loading their
// language's strings script, which sets window.PacerLabels (the theme's
// words for those keys) and PacerLang.scale. data-args="2|3|3" fills a
// sentence's placeholders in order: a %d with the number, a %s with that
// level of the mastery scale.
import { own } from "./dom";

export function relabel(): void {
  const w = window as unknown as { PacerLabels?: Record<string, unknown>; PacerLang?: { scale?: string[] } };
  const scale = (w.PacerLang && w.PacerLang.scale) || [];
  document.querySelectorAll<HTMLElement>("[data-i18n]").forEach((el) => {
    const [key, attr] = (el.dataset.i18n || "").split("@");
    const args = (el.dataset.args || "").split("|");
    const s = own(w.PacerLabels, key);
    if (typeof s != "string") return;
    const text = s.replace(/%([sd])/g, (_, c) => {
      const a = args.shift() || "";
      return c == "s" ? scale[+a - 1] || a : a;
    });
    if (attr) el.setAttribute(attr, text);
    else el.textContent = text;
  });
}
