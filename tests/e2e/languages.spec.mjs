// The page in English and Korean (DESIGN §9): `lang=`, the browser's preference, the
// switch, what a language change keeps, and that a Korean page has no English left in it.
import { test, expect } from "@playwright/test";
import {
  REGISTRY,
  STEPS,
  card,
  expectParam,
  expectStep,
  failOnProblems,
  heading,
  open,
  params,
  setRange,
} from "./helpers.mjs";

failOnProblems();

const HANGUL = /[\uac00-\ud7a3]/;

// Words that stay as they are in Korean: names, identifiers, units, and the formulas written
// in plain text beside the math.
const ALLOWED = [
  "REINFORCE", "NumPy", "README", "Canvas", "Moodle", "WordPress", "WebAssembly", "pg-core",
  "Monte Carlo", "Sutton", "Barto", "USB", "CSV", "MDP", "Ctrl", "Mac", "HTML", "URL",
  // A paper cited by its title (Nota and Thomas, 2020).
  "Is the policy gradient a gradient?",
];

/**
 * The page's visible text outside math, code and the MDP's own names (an MDP file names its
 * states and actions in its author's language), as runs of text: every run of four or more
 * English words in a row that is not allowed is an untranslated sentence.
 */
async function englishSentences(page) {
  const runs = await page.evaluate(() => {
    const skip = "script, style, .katex, code, pre, option, select, .component-name, [data-i18n-skip], canvas";
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(skip)) continue;
      if (!parent.checkVisibility({ visibilityProperty: true }) && !parent.closest("details")) continue;
      texts.push(node.textContent);
    }
    for (const el of document.querySelectorAll("[aria-label], [title], [aria-valuetext]")) {
      for (const attr of ["aria-label", "title", "aria-valuetext"]) {
        if (el.hasAttribute(attr)) texts.push(el.getAttribute(attr));
      }
    }
    return texts;
  });
  const found = [];
  for (let text of runs) {
    for (const word of ALLOWED) text = text.replaceAll(word, " ");
    const run = text.match(/([A-Za-z][A-Za-z'’-]+[ ,]+){3,}[A-Za-z][A-Za-z'’-]+/g);
    if (run) found.push(...run);
  }
  return found;
}

test("?lang=ko: every step's title and prose are Korean, with no English sentence and no missing message", async ({ page }) => {
  test.slow();
  await open(page, `?lang=ko&step=${STEPS[0]}&mdp=gridworld&episodes=2000`);
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page).toHaveTitle(HANGUL);
  expect(await page.locator("meta[name=description]").getAttribute("content")).toMatch(HANGUL);
  for (const [i, slug] of STEPS.entries()) {
    if (i > 0) {
      await page.getByTestId("next-step").click();
      await expectStep(page, slug);
    }
    const step = REGISTRY.steps[i];
    await expect(heading(page)).toHaveText(step.titles.ko);
    expect(step.titles.ko, slug).toMatch(HANGUL);
    expect(step.titles.ko, slug).not.toBe(step.titles.en);
    const prose = await card(page).locator(".justification").evaluate((p) => {
      const copy = p.cloneNode(true);
      copy.querySelectorAll(".katex").forEach((k) => k.remove());
      return copy.textContent;
    });
    expect(prose, `${slug}: the justification`).toMatch(HANGUL);
    // (What changed may be a formula alone, such as ∇P = P ∇ln P: the sentence check below
    // covers its words.)
    await expect(card(page).locator(".confirms")).toHaveText(HANGUL);
    // Open the folded checks too: their words must be Korean as well.
    const more = page.getByTestId("more-checks");
    if ((await more.count()) && !(await more.evaluate((d) => d.open))) {
      await more.locator("summary").click();
    }
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await englishSentences(page), `${slug}: English left on the Korean page`).toEqual([]);
    expect(await page.locator("body").innerText(), `${slug}: a missing message`).not.toContain("⟦");
  }
});

test("switching the language keeps the step, the MDP, γ and the sampled episodes, and links carry it", async ({ page }) => {
  await open(page, "?step=causality&mdp=gridworld&gamma=0.8&episodes=3000");
  const done = page.getByTestId("episodes-done");
  await expect(done).toHaveAttribute("data-value", "3000");
  const english = REGISTRY.steps[STEPS.indexOf("causality")].titles;
  await expect(heading(page)).toHaveText(english.en);
  const j = await page.getByTestId("exact-J").getAttribute("data-value");
  const estimate = await page.getByTestId("estimate-reward_to_go").getAttribute("data-value");

  // What the reader unfolded stays unfolded.
  await page.locator("details.theta-details > summary").click();
  await page.locator("details.mdp-editor > summary").click();
  // And a file being written in the editor, not applied yet, is still there.
  const draft = `{ "name": "my draft", "states": [`;
  await page.getByTestId("mdp-json").fill(draft);

  await page.getByTestId("lang-select").selectOption("ko");
  await expect(heading(page)).toHaveText(english.ko);
  await expect(page.locator("details.theta-details")).toHaveJSProperty("open", true);
  await expect(page.locator("details.mdp-editor")).toHaveJSProperty("open", true);
  await expect(page.locator("details.mdp-table")).toHaveJSProperty("open", false);
  await expect(page.getByTestId("mdp-json")).toHaveValue(draft);
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expectParam(page, "lang", "ko");
  expect(params(page).get("step")).toBe("causality");
  expect(params(page).get("mdp")).toBe("gridworld");
  expect(params(page).get("gamma")).toBe("0.8");
  // The same run: nothing was sampled again.
  await expect(done).toHaveAttribute("data-value", "3000");
  await expect(page.getByTestId("exact-J")).toHaveAttribute("data-value", j);
  await expect(page.getByTestId("estimate-reward_to_go")).toHaveAttribute("data-value", estimate);
  await expect(page.getByTestId("gamma-value")).toHaveText("0.80");
  await expect(page.getByTestId("lang-select")).toHaveValue("ko");

  // The link and the embed carry the language.
  const link = new URL(await page.getByTestId("share-link").inputValue());
  expect(link.searchParams.get("lang")).toBe("ko");
  expect(await page.getByTestId("embed-code").inputValue()).toContain("lang=ko");
  expect(await page.getByTestId("embed-code").inputValue()).toMatch(/title="[^"]*[\uac00-\ud7a3]/);

  // γ still moves everything, in Korean.
  await setRange(page.getByTestId("gamma-slider"), "0.5");
  await expectParam(page, "gamma", "0.5");
  await expect(page.getByTestId("exact-J")).not.toHaveAttribute("data-value", j);

  // The next step is Korean too, and a reload keeps the language (it is in the address).
  await page.getByTestId("next-step").click();
  await expectStep(page, "reward-to-go");
  await expect(heading(page)).toHaveText(REGISTRY.steps[STEPS.indexOf("reward-to-go")].titles.ko);
  await open(page, `?${params(page).toString()}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(heading(page)).toHaveText(REGISTRY.steps[STEPS.indexOf("reward-to-go")].titles.ko);
});

test.describe("a reader whose browser prefers Korean", () => {
  test.use({ locale: "ko-KR" });

  test("sees Korean without lang=, can choose English, and shares what is shown", async ({ page }) => {
    await open(page, "?step=objective");
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    await expect(heading(page)).toHaveText(REGISTRY.steps[0].titles.ko);
    // Not written into the address: the browser decided.
    expect(params(page).has("lang")).toBe(false);
    // But a link made here opens in Korean for anyone.
    expect(new URL(await page.getByTestId("share-link").inputValue()).searchParams.get("lang")).toBe("ko");

    await open(page, "?step=objective&lang=en");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(heading(page)).toHaveText(REGISTRY.steps[0].titles.en);
    expect(new URL(await page.getByTestId("share-link").inputValue()).searchParams.get("lang")).toBe("en");
  });
});

test("a language the app does not speak gets a notice and English", async ({ page }) => {
  await open(page, "?lang=xx&step=baseline");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("notice")).toContainText("lang: 'xx' is not a language of the app (en, ko)");
  // In Korean, the notices about the rest of the address are Korean too.
  await open(page, "?lang=ko&gamma=7");
  await expect(page.getByTestId("notice")).toContainText("gamma: 값 '7'");
  await expect(page.getByTestId("notice")).toContainText(HANGUL);
  // A notice still shown is said again in the language chosen next.
  await page.getByTestId("lang-select").selectOption("en");
  await expect(page.getByTestId("notice")).toContainText("gamma: '7' is not a number between 0 and 1");
  await expect(page.getByTestId("notice")).not.toContainText(HANGUL);
  // The keyboard stays on the switch.
  await expect(page.getByTestId("lang-select")).toBeFocused();
});

test("at 320 px the Korean page fits, and Korean lines break between words", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  for (const slug of ["objective", "causality", "dropping-gamma-t", "training"]) {
    await open(page, `?lang=ko&step=${slug}&mdp=chain&episodes=2000`);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${slug}: scrollWidth`).toBeLessThanOrEqual(320);
    expect(await page.locator(".justification").evaluate((p) => getComputedStyle(p).wordBreak)).toBe("keep-all");
  }
});
