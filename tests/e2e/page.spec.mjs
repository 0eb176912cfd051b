// End-to-end tests of the built site (dist/), served from a sub-folder by a
// static server and driven in headless Chromium: what a reader sees and does.
import { test, expect } from "@playwright/test";
import { failOnProblems, STEPS } from "./helpers.mjs";

failOnProblems();

/** Opens the page and waits until the app has rendered its first readout. */
async function open(page) {
  await page.goto("./");
  await expect(page.getByTestId("exact-J")).toHaveAttribute("data-value", /^-?\d/);
}

const exactJ = (page) => page.getByTestId("exact-J").getAttribute("data-value");

/** Pixel statistics of the chart canvas: painted, curve-coloured and marker-coloured pixels. */
function canvasStats(page) {
  return page.getByTestId("chart-objective-vs-gamma").evaluate((canvas) => {
    const { width, height } = canvas;
    if (!width || !height) return { width, height, painted: 0, curve: 0, marker: 0, hash: 0 };
    const data = canvas.getContext("2d").getImageData(0, 0, width, height).data;
    const near = (i, [r, g, b]) =>
      Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 60;
    let painted = 0, curve = 0, marker = 0, hash = 0;
    for (let i = 0; i < data.length; i += 4) {
      const white = data[i] === 255 && data[i + 1] === 255 && data[i + 2] === 255;
      if (data[i + 3] > 0 && !white) painted++;
      if (near(i, [37, 99, 235])) curve++;
      if (near(i, [234, 88, 12])) marker++;
      hash = (hash * 31 + data[i] * 7 + data[i + 1] * 3 + data[i + 2]) >>> 0;
    }
    return { width, height, painted, curve, marker, hash };
  });
}

test("shows the title and renders the math with KaTeX, MathML included", async ({ page }) => {
  await open(page);
  await expect(page).toHaveTitle("The policy gradient, step by step");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The policy gradient, step by step");
  // The step card shows step 1 with its display equations; its TOC link is the current one.
  await expect(page.getByTestId("step-card")).toHaveAttribute("data-slug", "objective");
  expect(await page.locator(".katex-display .katex-mathml math").count()).toBeGreaterThanOrEqual(1);
  expect(await page.locator(".katex .katex-mathml math").count()).toBeGreaterThanOrEqual(5);
  await expect(page.locator(".katex-error")).toHaveCount(0);
  await expect(page.locator(".tex-fallback")).toHaveCount(0);
  await expect(page.getByTestId("step-objective")).toHaveAttribute("aria-current", "step");

  // KaTeX's own fonts (served with the site) are in use, and none failed to load.
  const fonts = await page.evaluate(async () => {
    await document.fonts.ready;
    const katex = [...document.fonts].filter((f) => f.family.replace(/"/g, "").startsWith("KaTeX"));
    return {
      loaded: katex.filter((f) => f.status === "loaded").length,
      failed: katex.filter((f) => f.status === "error").length,
    };
  });
  expect(fonts.loaded).toBeGreaterThan(0);
  expect(fonts.failed).toBe(0);
});

test("draws J against γ on the canvas, with the marker", async ({ page }) => {
  await open(page);
  await expect
    .poll(async () => (await canvasStats(page)).curve, { message: "curve pixels" })
    .toBeGreaterThan(200);
  const stats = await canvasStats(page);
  expect(stats.width).toBeGreaterThan(200);
  expect(stats.painted).toBeGreaterThan(2000);
  expect(stats.marker).toBeGreaterThan(20);
});

test("the γ slider works with the keyboard and moves J, its value and the chart", async ({ page }) => {
  await open(page);
  const slider = page.getByTestId("gamma-slider");
  const shown = page.getByTestId("gamma-value");
  await expect(slider).toHaveAttribute("aria-valuetext", "γ = 0.90");
  await expect(shown).toHaveText("0.90");
  const j0 = await exactJ(page);
  await expect.poll(async () => (await canvasStats(page)).marker).toBeGreaterThan(20);
  const before = await canvasStats(page);

  await slider.focus();
  await page.keyboard.press("ArrowLeft");
  await expect(shown).toHaveText("0.89");
  await expect(slider).toHaveAttribute("aria-valuetext", "γ = 0.89");
  await expect(page.getByTestId("exact-J")).not.toHaveAttribute("data-value", j0);
  const j1 = Number(await exactJ(page));
  expect(Number.isFinite(j1)).toBe(true);
  await expect.poll(async () => (await canvasStats(page)).hash).not.toBe(before.hash);

  await page.keyboard.press("End");
  await expect(shown).toHaveText("1.00");
  const jEnd = Number(await exactJ(page));
  await page.keyboard.press("Home");
  await expect(shown).toHaveText("0.00");
  const jHome = Number(await exactJ(page));
  expect(new Set([Number(j0), j1, jEnd, jHome]).size).toBe(4);
  // The text readout shows the same number as data-value, rounded.
  await expect(page.getByTestId("exact-J")).toHaveText(jHome.toFixed(6));
});

test("the γ slider follows the mouse", async ({ page }) => {
  await open(page);
  const slider = page.getByTestId("gamma-slider");
  const j0 = await exactJ(page);
  const box = await slider.boundingBox();
  await page.mouse.click(box.x + box.width * 0.25, box.y + box.height / 2);
  const value = Number(await slider.inputValue());
  expect(value).toBeGreaterThan(0.1);
  expect(value).toBeLessThan(0.4);
  await expect(page.getByTestId("gamma-value")).toHaveText(value.toFixed(2));
  await expect(page.getByTestId("exact-J")).not.toHaveAttribute("data-value", j0);
});

test("fits a 320px wide screen without horizontal scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  await open(page);
  await expect.poll(async () => (await canvasStats(page)).curve).toBeGreaterThan(50);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("loads everything from its own folder, relative to the page", async ({ page, baseURL }) => {
  await open(page);
  const resources = await page.evaluate(() =>
    performance.getEntriesByType("resource").map((r) => r.name),
  );
  expect(resources.length).toBeGreaterThan(3);
  for (const url of resources) expect(url.startsWith(baseURL), url).toBe(true);
  // The math (rendered by KaTeX when the site was built), KaTeX's style sheet and the app
  // came with the site; KaTeX's script is not needed in the page at all.
  expect(resources.some((u) => u.endsWith("/math.js"))).toBe(true);
  expect(resources.some((u) => u.endsWith("katex/katex.min.css"))).toBe(true);
  expect(resources.some((u) => u.endsWith(".wasm"))).toBe(true);
  expect(resources.filter((u) => u.includes("katex.min.js"))).toEqual([]);
});

test("every step's math is the build's KaTeX rendering, none rendered in the page", async ({ page }) => {
  await open(page);
  const table = await page.evaluate(() => ({
    katex: globalThis.pgMath.katex,
    count: Object.keys(globalThis.pgMath.html).length,
    liveKatex: typeof globalThis.katex,
  }));
  expect(table.katex).toMatch(/^0\.19\./);
  expect(table.count).toBeGreaterThan(50);
  expect(table.liveKatex).toBe("undefined");
  let shown = 0;
  for (const slug of STEPS) {
    await page.getByTestId(`step-${slug}`).click();
    await expect(page.getByTestId("step-card")).toHaveAttribute("data-slug", slug);
    // Each formula on the page is one of the table's entries, verbatim: nothing fell back to
    // its source (a formula missing from the table would show as `.tex-fallback`).
    const missing = await page.evaluate(() => {
      // Compared as the browser serialises them (it normalises entities and attributes),
      // without the empty comments Leptos leaves as markers.
      const normalise = (html) => {
        const template = document.createElement("template");
        template.innerHTML = html;
        return template.innerHTML.replaceAll("<!---->", "");
      };
      const rendered = new Set(Object.values(globalThis.pgMath.html).map(normalise));
      return [...document.querySelectorAll(".tex")]
        .filter((el) => !rendered.has(normalise(el.innerHTML)))
        .map((el) => el.textContent);
    });
    expect(missing, slug).toEqual([]);
    await expect(page.locator(".tex-fallback")).toHaveCount(0);
    await expect(page.locator(".katex-error")).toHaveCount(0);
    shown += await page.locator(".tex").count();
  }
  expect(shown).toBeGreaterThan(table.count);
});
