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
