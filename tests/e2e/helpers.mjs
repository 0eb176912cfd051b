// Shared parts of the end-to-end tests: the problem collector every test runs
// under, and small helpers to open the app and drive its controls.
import { test, expect } from "@playwright/test";
import { pgxText } from "./pgx.mjs";
import { inflateRawSync } from "node:zlib";

/** The steps of the derivation (DESIGN §2), in order, from the app's registry. */
export { STEPS, SHOWN, REGISTRY } from "./registry.mjs";

/** The example MDP file of DESIGN §4.1. */
export const EXAMPLE_SPEC = {
  name: "Two-state chain",
  states: ["s0", "s1", "goal"],
  actions: ["left", "right"],
  start: { s0: 1.0 },
  terminal: ["goal"],
  transitions: {
    s0: { left: { s0: 1.0 }, right: { s1: 0.9, s0: 0.1 } },
    s1: { left: { s0: 1.0 }, right: { goal: 1.0 } },
  },
  rewards: { s0: { left: 0, right: 0 }, s1: { left: 0, right: 1 } },
  features: { s0: { left: [1, 0], right: [0, 1] }, s1: { left: [1, 0], right: [0, 1] } },
  theta: [0.0, 0.0],
  gamma: 0.9,
  horizon: 10,
};

/** The built-in MDPs (DESIGN §3.5), in menu order, as `pgx presets` lists them. */
export const PRESETS = pgxText("presets")
  .trim()
  .split("\n")
  .map((line) => line.split(/\s+/)[0]);

/**
 * Console errors, page errors, failed requests, HTTP errors and requests to
 * another origin fail the test. Call once at the top of a spec file; it adds a
 * beforeEach that watches the test's page and an afterEach that checks the list.
 * Returns a function that watches one more page (e.g. a popup) the same way.
 */
export function failOnProblems() {
  let problems = [];
  let origin = "";

  const watch = (page) => {
    // The page's own requests in flight, for settle(): not those of frames inside it.
    const inflight = new Set();
    page.__inflight = inflight;
    page.on("request", (req) => {
      let frame = null;
      try {
        frame = req.frame();
      } catch {
        // A worker's request has no frame: it is the page's.
      }
      if (!frame || frame === page.mainFrame()) inflight.add(req);
    });
    page.on("requestfinished", (req) => inflight.delete(req));
    page.on("requestfailed", (req) => inflight.delete(req));
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("requestfailed", (req) => {
      // A frame inside the page (the share box's embed preview) that is closed or pointed
      // elsewhere while it loads aborts its requests: that is the reader's doing, not a fault.
      const inFrame = req.frame() !== page.mainFrame();
      if (inFrame && req.failure()?.errorText === "net::ERR_ABORTED") return;
      problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
    });
    page.on("response", (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    page.on("request", (req) => {
      const url = new URL(req.url());
      if (url.protocol !== "data:" && url.origin !== origin) {
        problems.push(`request to another origin: ${req.url()}`);
      }
    });
  };

  test.beforeEach(async ({ page, baseURL }) => {
    problems = [];
    origin = new URL(baseURL).origin;
    watch(page);
    await page.addInitScript(watchCanvasText);
  });

  test.afterEach(async ({ page }) => {
    // A panic shows its message on the page (src/crash.rs) as well as in the console.
    if (page.url() !== "about:blank") {
      const crash = await page.locator('[data-testid="crash"]').count().catch(() => 0);
      if (crash) problems.push(`the page shows its crash message`);
    }
    expect(problems, "console errors, failed or foreign requests").toEqual([]);
  });

  return watch;
}

/** What no reader should ever see in a number: NaN, infinity, an undefined value. */
export const NOT_A_NUMBER = /NaN|Infinity|undefined|(^|[^a-z])inf([^a-z]|$)/;

/**
 * Runs in the page before its scripts (page.addInitScript): any text drawn on a canvas
 * that reads NaN, Infinity or undefined becomes a console error, which fails the test. The
 * canvas is a picture, so this is the only way to read what its labels say.
 */
export function watchCanvasText() {
  const bad = /NaN|Infinity|undefined|(^|[^a-z])inf([^a-z]|$)/;
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
    if (bad.test(String(text))) console.error(`canvas text reads "${text}"`);
    return fillText.call(this, text, ...rest);
  };
}

/** Locators of the parts the tests read. */
export const card = (page) => page.locator('article[data-testid="step-card"]');
export const heading = (page) => page.locator("h2#step-title");
export const toc = (page) => page.locator("nav.toc");
export const tocLinks = (page) => toc(page).locator('a[data-testid^="step-"]');
export const exactJ = (page) => page.getByTestId("exact-J").getAttribute("data-value");
export const exactGrad = async (page) =>
  (await page.getByTestId("exact-grad").getAttribute("data-value")).split(",").map(Number);
export const thetaInputs = (page) => page.locator('input[data-testid^="theta-"]');

/**
 * Waits until the page has nothing of its own in flight for 300 ms (fonts included), so
 * that leaving it does not abort a request, which the problem collector would report.
 * Frames inside the page (the embed preview) are not waited for: their aborted requests
 * are not reported, and Playwright's "networkidle", which waits for every frame, never
 * comes while a frame's navigation is pending.
 */
export async function settle(page) {
  if (page.url() === "about:blank") return;
  await page.evaluate(() => document.fonts.ready);
  const inflight = page.__inflight;
  if (!inflight) {
    await page.waitForLoadState("networkidle");
    return;
  }
  const deadline = Date.now() + 10_000;
  let quietSince = Date.now();
  while (Date.now() - quietSince < 300) {
    if (inflight.size) quietSince = Date.now();
    if (Date.now() > deadline) {
      throw new Error(`still in flight after 10 s: ${[...inflight].map((r) => r.url()).join(", ")}`);
    }
    await page.waitForTimeout(50);
  }
}

/** Goes to `url` from a settled page. */
export async function goto(page, url) {
  await settle(page);
  await page.goto(url);
}

/** Reloads a settled page and waits for its step card. */
export async function reload(page) {
  await settle(page);
  await page.reload();
  await expect(card(page)).toBeVisible();
}

/**
 * Opens the app with a query string (e.g. "?step=causality", or "" for none)
 * and waits until it has rendered a step card and, unless `readout` is false,
 * its first exact readout.
 */
export async function open(page, query = "", { readout = true } = {}) {
  await goto(page, `./${query}`);
  await expect(card(page)).toBeVisible();
  if (readout) {
    await expect(page.getByTestId("exact-J")).toHaveAttribute("data-value", /^-?\d/);
  }
}

/**
 * The custom MDP file the page's address carries in its fragment (`#spec=`: raw deflate,
 * then base64url; DESIGN §4.2), as text, or null.
 */
export function specInAddress(page) {
  const value = new URLSearchParams(new URL(page.url()).hash.slice(1)).get("spec");
  return value === null ? null : inflateRawSync(Buffer.from(value, "base64url")).toString("utf8");
}

/** The query parameters of the page's current URL. */
export const params = (page) => new URL(page.url()).searchParams;

/** Waits until the URL's query has `key` = `value` (a string, or a RegExp). */
export async function expectParam(page, key, value) {
  const get = () => params(page).get(key);
  if (value instanceof RegExp) await expect.poll(get, { message: `URL ${key}` }).toMatch(value);
  else await expect.poll(get, { message: `URL ${key}` }).toBe(value);
}

/** Waits until the current step is `slug`: card, TOC mark and URL all agree. */
export async function expectStep(page, slug) {
  await expect(card(page)).toHaveAttribute("data-slug", slug);
  await expect(toc(page).locator('[aria-current="step"]')).toHaveCount(1);
  await expect(page.getByTestId(`step-${slug}`)).toHaveAttribute("aria-current", "step");
  await expectParam(page, "step", slug);
}

/**
 * Sets a range input's value as a drag would: value, then `input` and `change`
 * (Playwright's fill() does not take range inputs). Returns the value the
 * input settled on (the browser snaps it to min/max/step).
 */
export async function setRange(locator, value) {
  return locator.evaluate((input, v) => {
    input.value = String(v);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
    return input.value;
  }, value);
}

/** Sets a number input and commits it (`change`), as typing then Tab would. */
export async function setNumber(locator, value) {
  await locator.fill(String(value));
  await locator.press("Tab");
}

/**
 * Sets a θ input, range or number, to about `value`; returns the value it shows.
 * Many parameters may sit in a closed <details>: it is opened as a reader would.
 */
export async function setTheta(locator, value) {
  if (!(await locator.isVisible())) {
    const summary = locator
      .page()
      .locator('details:not([open]):has(input[data-testid^="theta-"]) > summary')
      .first();
    if (await summary.count()) await summary.click();
  }
  const type = await locator.getAttribute("type");
  if (type === "range") {
    const [min, max] = await Promise.all([locator.getAttribute("min"), locator.getAttribute("max")]);
    const v = Math.min(Math.max(value, Number(min ?? 0)), Number(max ?? 100));
    return setRange(locator, v);
  }
  await setNumber(locator, value);
  return locator.inputValue();
}

/** The effective background colour behind the page: body's, else html's, else white. */
export function pageBackground(page) {
  return page.evaluate(() => {
    const transparent = (c) => c === "transparent" || /rgba\(.*,\s*0\)$/.test(c);
    const body = getComputedStyle(document.body).backgroundColor;
    if (!transparent(body)) return body;
    const html = getComputedStyle(document.documentElement).backgroundColor;
    return transparent(html) ? "rgb(255, 255, 255)" : html;
  });
}

/** Relative luminance (WCAG) of a CSS rgb()/rgba() colour. */
export function luminance(color) {
  const [r, g, b] = color.match(/[\d.]+/g).slice(0, 3).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two CSS colours. */
export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** base64url (no padding) of a UTF-8 string, as the `spec` key carries an MDP file. */
export const base64url = (text) => Buffer.from(text, "utf8").toString("base64url");

/** How many pixels of a canvas differ from its top-left (background) pixel. */
export const inked = (canvas) =>
  canvas.evaluate((c) => {
    if (!c.width || !c.height) return 0;
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > 30) n++;
    }
    return n;
  });
