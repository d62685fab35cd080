// The paper plan's QR codes, in the lazily loaded module (qrhandin.ts,
// global PacerHandIn) with the encoder, so that the script every page
// loads stays small: printplan.ts marks each listed activity with the
// address its code holds (data-qr) and its title (data-title), and calls
// paperCodes on the plan once the module is loaded.
import { svg } from "./qrhandin";
import type { T } from "./strings";

export function paperCodes(root: Element, t: T): void {
  root.querySelectorAll<HTMLElement>("[data-qr]").forEach((el) => {
    el.prepend(svg(el.dataset.qr || "", t("print.qr", { title: el.dataset.title || "" })));
    el.classList.add("has-qr");
  });
}
