// Full-page screenshots of every step of the built site, in the light and dark
// themes, at 320 px and in Korean, plus embed mode. Run by scripts/screenshots.sh, which
// serves dist/ and passes its address:
//   node tests/e2e/screenshots.mjs BASE_URL OUT_DIR
// Console errors and failed requests are printed as warnings; a page that never
// shows its step card makes the run fail.
import { chromium } from "@playwright/test";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { STEPS } from "./helpers.mjs";

const [base, outDir] = process.argv.slice(2);
if (!base || !outDir) {
  console.error("usage: node tests/e2e/screenshots.mjs BASE_URL OUT_DIR");
  process.exit(2);
}
await mkdir(outDir, { recursive: true });

/** What to take: file name, query string, viewport, colour scheme. */
const shots = [];
const wide = { width: 1280, height: 900 };
const narrow = { width: 320, height: 800 };
STEPS.forEach((slug, i) => {
  const n = String(i + 1).padStart(2, "0");
  shots.push({ name: `light-${n}-${slug}`, query: `?step=${slug}&theme=light`, viewport: wide, scheme: "light" });
  shots.push({ name: `dark-${n}-${slug}`, query: `?step=${slug}&theme=dark`, viewport: wide, scheme: "dark" });
  shots.push({ name: `320px-${n}-${slug}`, query: `?step=${slug}&theme=light`, viewport: narrow, scheme: "light" });
  shots.push({ name: `ko-${n}-${slug}`, query: `?step=${slug}&theme=light&lang=ko`, viewport: wide, scheme: "light" });
});
shots.push({ name: "ko-320px-07-causality", query: "?step=causality&theme=light&lang=ko", viewport: narrow, scheme: "light" });
const embed = "embed=1&steps=causality..dropping-gamma-t";
shots.push({ name: "embed-light-causality", query: `?${embed}&theme=light`, viewport: { width: 800, height: 600 }, scheme: "light" });
shots.push({ name: "embed-dark-reward-to-go", query: `?${embed}&step=reward-to-go&theme=dark`, viewport: { width: 800, height: 600 }, scheme: "dark" });
shots.push({ name: "embed-320px-dropping-gamma-t", query: `?${embed}&step=dropping-gamma-t&theme=light`, viewport: narrow, scheme: "light" });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  headless: true,
});
const origin = new URL(base).origin;
let warnings = 0;
let failures = 0;
try {
  for (const shot of shots) {
    const context = await browser.newContext({ viewport: shot.viewport, colorScheme: shot.scheme });
    const page = await context.newPage();
    const warn = (text) => {
      warnings++;
      console.warn(`  warning (${shot.name}): ${text}`);
    };
    page.on("console", (msg) => msg.type() === "error" && warn(`console error: ${msg.text()}`));
    page.on("pageerror", (err) => warn(`page error: ${err.message}`));
    page.on("requestfailed", (req) => warn(`request failed: ${req.url()}`));
    page.on("request", (req) => {
      const url = new URL(req.url());
      if (url.protocol !== "data:" && url.origin !== origin) warn(`request to another origin: ${req.url()}`);
    });
    try {
      await page.goto(new URL(shot.query, base).href);
      await page.locator('article[data-testid="step-card"]').waitFor({ state: "visible", timeout: 15_000 });
      // Fonts, then let the sampling loop run a while so the panels show data,
      // then two frames so the charts are drawn.
      await page.evaluate(() => document.fonts.ready);
      const done = page.getByTestId("episodes-done");
      const deadline = Date.now() + 3000;
      while (Date.now() < deadline && (await done.count()) > 0) {
        const [value, target] = await Promise.all([
          done.first().getAttribute("data-value"),
          page.getByTestId("episodes-input").inputValue().catch(() => null),
        ]);
        if (value !== null && target !== null && Number(value) >= Number(target)) break;
        await page.waitForTimeout(250);
      }
      if ((await done.count()) === 0) await page.waitForTimeout(1000);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const file = path.join(outDir, `${shot.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`screenshots: ${file}`);
    } catch (err) {
      failures++;
      console.error(`screenshots: ${shot.name} failed: ${err.message.split("\n")[0]}`);
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
}
console.log(`screenshots: ${shots.length - failures} written to ${outDir}, ${failures} failed, ${warnings} warnings`);
process.exit(failures ? 1 : 0);
