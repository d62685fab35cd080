// Read aloud reads an activity's text and its checks' questions and
// choices, never the answer or the explanation, and stops on a second press.
import { readAloudButton, speakable, type Voice } from "../../../themes/default/assets/readaloud";
import { equal, test } from "./harness";

function page(): HTMLElement {
  const main = document.createElement("main");
  main.innerHTML =
    "<h1>Ratios at the smoothie bar</h1><p>A ratio compares <em>two</em> amounts.</p>" +
    '<form class="check"><fieldset><legend>What is the ratio of yogurt to mango?</legend>' +
    '<p class="check-hint">Choose one answer.</p>' +
    '<div class="check-choice"><input type="radio" id="c1"><label for="c1">2:3</label></div>' +
    '<div class="check-choice"><input type="radio" id="c2"><label for="c2">3:2</label></div></fieldset>' +
    '<button type="submit">Check</button><p class="check-feedback">Right!</p>' +
    '<details class="check-solution"><summary>Show answer</summary><p class="check-answer">3:2</p><p class="check-explain">Yogurt first.</p></details></form>' +
    "<ul><li>Mango</li><li>Yogurt <p>nested, read with its item</p></li></ul><p hidden>not shown</p>";
  return main;
}

const words: Record<string, string> = { "read.aloud": "Read aloud", "read.stop": "Stop reading" };
const t = (k: string) => words[k] || k;

test("read aloud: the text and the checks' questions and choices, not the answers", () => {
  equal(
    speakable(page()),
    ["Ratios at the smoothie bar", "A ratio compares two amounts.", "What is the ratio of yogurt to mango?", "2:3", "3:2", "Mango", "Yogurt nested, read with its item"],
    "read",
  );
});

test("read aloud: the button speaks in the page's language and stops on a second press", () => {
  const said: string[] = [];
  const ends: (() => void)[] = [];
  let cancelled = 0;
  const voice: Voice = {
    speak: (text, lang, done) => {
      said.push(lang + ": " + text);
      ends.push(done);
    },
    cancel: () => cancelled++,
  };
  const b = readAloudButton(page(), t, "es", voice);
  if (!b) throw new Error("no button with a voice");
  equal([b.textContent, b.getAttribute("aria-pressed")], ["Read aloud", "false"], "before");
  b.click();
  equal(said[0], "es: Ratios at the smoothie bar", "first words");
  equal([b.textContent, b.getAttribute("aria-pressed")], ["Stop reading", "true"], "while reading");
  b.click();
  equal([cancelled, b.textContent], [1, "Read aloud"], "stopped");
  b.click();
  ends.forEach((f) => f());
  equal(b.textContent, "Read aloud", "after the last words");
  equal(readAloudButton(page(), t, "en", null), null, "no voice, no button");
});
