// Loads the QR hand-in module (qrhandin.ts, bundled on its own as
// assets/pacer-handin.<hash>.js by assets.HandIn) once, for whichever
// asks first (a hand-in, a print, read aloud, or the paper plan's preload
// once the cards are drawn), and shows the receipt's codes. The hand-in panel calls
//
//   showCodes(box, receipt, src)
//
// where src is the module's address relative to the page. Without the
// module (a failed load, an old browser) the file and the code to paste
// are still there: the codes are an extra way, so this never throws.
import type { T } from "./strings";

export interface HandInModule {
  render(r: unknown): Promise<HTMLElement>;
  readAloudButton(root: Element, t: T, lang: string): HTMLButtonElement | null;
  paperCodes?(root: Element, t: T): void;
}

let loading: Promise<HandInModule> | undefined;

export function load(src: string): Promise<HandInModule> {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.onload = () => {
        const m = (window as unknown as { PacerHandIn?: HandInModule }).PacerHandIn;
        if (m) resolve(m);
        else reject(new Error("no PacerHandIn"));
      };
      s.onerror = () => reject(new Error("cannot load " + src));
      document.head.append(s);
    });
    loading.catch(() => {
      loading = undefined; // try again on the next hand-in
    });
  }
  return loading;
}

// showCodes replaces box's content with the receipt's QR codes; it
// resolves to false when they cannot be shown.
export async function showCodes(box: HTMLElement, receipt: unknown, src: string): Promise<boolean> {
  try {
    const el = await (await load(src)).render(receipt);
    box.textContent = "";
    box.append(el);
    return true;
  } catch (e) {
    console.warn("pacer: no QR codes for the hand-in:", e);
    return false;
  }
}

// readAloud loads the module for a student whose plan asks for read aloud
// and returns its button; null when it cannot be loaded or the browser
// cannot speak.
export async function readAloud(src: string, root: Element, t: T, lang: string): Promise<HTMLButtonElement | null> {
  try {
    return (await load(src)).readAloudButton(root, t, lang);
  } catch (e) {
    console.warn("pacer: no read aloud:", e);
    return null;
  }
}
