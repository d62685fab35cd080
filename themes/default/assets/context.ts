import type { Alerts } from "./alerts";
import type { Course } from "./course";
import type { Me, Store } from "./storage";
import type { T } from "./strings";

// Ctx is what every part of the client shares on one page.
export interface Ctx {
  t: T;
  course: Course;
  store: Store;
  alerts: Alerts;
  // me: the student of this tab, once their progress is read; null in a
  // tab that belongs to no student.
  me: Promise<Me | null>;
  // root is the relative prefix from this page to the site root.
  root: string;
  lang: string;
  kind: string;
}
