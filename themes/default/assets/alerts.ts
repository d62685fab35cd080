// Messages the student must see (storage trouble) go to one role=alert
// region: the page's #pacer-alerts, or one made at the top of <main>.
import { type Child, byId, h } from "./dom";
import type { T } from "./strings";

export class Alerts {
  private shown: Record<string, boolean> = {};
  constructor(private t: T) {}

  region(): HTMLElement {
    let region = byId("pacer-alerts");
    if (!region) {
      region = h("div", { id: "pacer-alerts", class: "alerts", role: "alert" });
      const main = document.querySelector("main") || document.body;
      main.insertBefore(region, main.firstChild);
    }
    return region;
  }

  show(key: string, ...extra: Child[]): void {
    if (this.shown[key]) return;
    this.shown[key] = true;
    this.region().append(h("p", { class: "alert", "data-alert": key }, this.t(key), ...extra));
  }
}
