// Every chart on every step: drawn, described in words for screen readers, and offered as
// PNG and CSV downloads.
import { test, expect } from "@playwright/test";
import { failOnProblems, open, STEPS } from "./helpers.mjs";

failOnProblems();

test("every chart has a text summary and PNG and CSV downloads", async ({ page }) => {
  await open(page, "?mdp=discount-trap&episodes=3000&seed=5");
  await expect(page.getByTestId("episodes-done")).toHaveAttribute("data-value", "3000");
  let charts = 0;
  for (const step of STEPS) {
    await page.getByTestId(`step-${step}`).click();
    await expect(page.locator(`article[data-slug="${step}"]`)).toBeVisible();
    const canvases = page.locator('article canvas[data-testid^="chart-"]');
    const n = await canvases.count();
    expect(n, step).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      const canvas = canvases.nth(i);
      const id = await canvas.getAttribute("data-testid");
      await expect(canvas, `${step} ${id}`).toHaveAttribute("aria-label", /[a-z].{20,}/);
      await expect(page.getByTestId(`${id}-png`)).toBeVisible();
      const csv = await page.getByTestId(`${id}-csv`).getAttribute("href");
      expect(csv, `${step} ${id}`).toMatch(/^data:text\/csv;charset=utf-8,/);
      const text = decodeURIComponent(csv.slice(csv.indexOf(",") + 1));
      const lines = text.trim().split("\n");
      expect(lines.length, `${step} ${id} has data rows`).toBeGreaterThan(1);
      charts++;
    }
  }
  expect(charts).toBeGreaterThanOrEqual(14);

  // The PNG is the canvas as drawn, taken at the click.
  await page.getByTestId("step-objective").click();
  const download = page.waitForEvent("download");
  await page.getByTestId("chart-convergence-png").click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("chart-convergence.png");
});

test("the convergence chart's last x tick is drawn whole, inside its canvas, up to 10⁶ episodes", async ({ page }) => {
  // Record where each label is drawn and how wide it is, as the canvas measures it.
  await page.addInitScript(() => {
    window.__labels = [];
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
      const width = this.measureText(String(text)).width;
      const t = this.getTransform();
      const left = { left: x, center: x - width / 2, right: x - width, start: x, end: x - width }[this.textAlign] ?? x;
      window.__labels.push({ canvas: this.canvas.dataset.testid, text: String(text), from: t.a * left + t.e, to: t.a * (left + width) + t.e, limit: this.canvas.width });
      return fillText.call(this, text, x, y, ...rest);
    };
  });
  await open(page, "?step=objective&mdp=bandit&episodes=1000000&seed=3");
  await expect(page.getByTestId("episodes-done")).toHaveAttribute("data-value", "1000000", { timeout: 60_000 });
  await page.evaluate(() => (window.__labels = []));
  await page.setViewportSize({ width: 1000, height: 900 });
  await expect.poll(() => page.evaluate(() => window.__labels.filter((l) => l.canvas === "chart-convergence").length)).toBeGreaterThan(0);
  const labels = await page.evaluate(() => window.__labels.filter((l) => l.canvas === "chart-convergence"));
  expect(labels.map((l) => l.text)).toContain("1000000");
  const outside = labels.filter((l) => l.from < -0.5 || l.to > l.limit + 0.5).map((l) => `"${l.text}" ${l.from.toFixed(1)}…${l.to.toFixed(1)} of ${l.limit}`);
  expect(outside).toEqual([]);
});

test("step 9 says what the angle means at γ = 1, where the two directions agree", async ({ page }) => {
  await open(page, "?step=dropping-gamma-t&mdp=frozenlake-4x4&episodes=500");
  const said = page.locator("article p.chart-summary");
  await expect(said).toContainText("At γ = 1.00, the angle between ∇J and the direction without γᵗ is 0.0°; the two point the same way.");
  await open(page, "?step=dropping-gamma-t&mdp=discount-trap&episodes=500");
  await expect(said).toContainText("it points against ∇J");
});
