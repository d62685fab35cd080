// The QR hand-in on the student's page: the receipt as one QR code, or
// several numbered ones when it is long, for the teacher's scan page
// (pacer links writes it). Bundled on its own (assets.Script, global
// PacerHandIn) so it stays off the script every page loads: the student
// page fetches it once its plan is drawn (printplan.ts), or at once to
// hand in, print or read aloud:
//
//   PacerHandIn.render(receipt) -> Promise<HTMLElement>
//   PacerHandIn.readAloudButton(root, t, lang) -> the read-aloud button
//
// The element is a list of figures, each an SVG code with its accessible
// name and, when there are several, "Code 1 of 3" under it. Strings come
// from the page's own (client.hand.qr* keys).
import { frames, type Receipt } from "./handin";
import { encodeQR } from "./vendor/qr/index.js";
import { loadStrings, type T } from "./strings";

const svgNS = "http://www.w3.org/2000/svg";
const quiet = 4;

// svg draws a code, quiet zone included, as one path of horizontal runs.
export function svg(text: string, label: string): SVGSVGElement {
  const m: boolean[][] = encodeQR(text, "raw", { ecc: "low", border: quiet });
  const n = m.length;
  let d = "";
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; ) {
      if (!m[y][x]) {
        x++;
        continue;
      }
      let run = 1;
      while (x + run < n && m[y][x + run]) run++;
      d += "M" + x + " " + y + "h" + run + "v1h-" + run + "z";
      x += run;
    }
  }
  const el = document.createElementNS(svgNS, "svg");
  el.setAttribute("class", "qr");
  el.setAttribute("viewBox", "0 0 " + n + " " + n);
  el.setAttribute("role", "img");
  el.setAttribute("aria-label", label);
  el.setAttribute("shape-rendering", "crispEdges");
  const bg = document.createElementNS(svgNS, "rect");
  bg.setAttribute("width", String(n));
  bg.setAttribute("height", String(n));
  bg.setAttribute("fill", "#fff");
  const p = document.createElementNS(svgNS, "path");
  p.setAttribute("fill", "#000");
  p.setAttribute("d", d);
  el.append(bg, p);
  return el;
}

// render returns the receipt's codes, ready to show.
export async function render(r: Receipt, t?: T): Promise<HTMLElement> {
  const tr = t || loadStrings();
  const texts = await frames(r);
  const n = texts.length;
  const box = document.createElement("div");
  box.className = "qr-handin";
  const help = document.createElement("p");
  help.textContent = tr("hand.qrHelp", { n });
  const list = document.createElement("ol");
  list.className = "qr-handin-codes";
  texts.forEach((text, i) => {
    const li = document.createElement("li");
    const fig = document.createElement("figure");
    const label = n === 1 ? tr("hand.qrOne") : tr("hand.qrPart", { i: i + 1, n });
    fig.append(svg(text, label));
    if (n > 1) {
      const cap = document.createElement("figcaption");
      cap.textContent = tr("hand.qrOf", { i: i + 1, n });
      fig.append(cap);
    }
    li.append(fig);
    list.append(li);
  });
  box.append(help, list);
  return box;
}

export { frames };
// Read aloud (an accommodation few students have) rides in this module so
// the script every page loads stays small.
export { readAloudButton } from "./readaloud";
// So do the paper plan's QR codes (printplan.ts loads this module to print).
export { paperCodes } from "./paperplan";
