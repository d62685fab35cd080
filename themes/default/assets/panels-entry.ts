// The student page's panels module (assets.PanelsEntry, bundled on its own
// as assets/pacer-panels.<hash>.js): saving and moving progress, hand-in
// and this device. The page loads it after the playlist shows (see
// StudentPage.panels) and calls PacerPanels.initTransfer(page).
import { initTransfer } from "./panels";

(window as unknown as { PacerPanels: unknown }).PacerPanels = { initTransfer };
