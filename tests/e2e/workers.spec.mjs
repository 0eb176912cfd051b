// Sampling in workers (DESIGN §6): the page's main thread does not sample; a seed gives the
// same numbers in one worker, in two, and on the page itself (workers=0, the one-file
// build), because episodes are sampled in fixed blocks merged in block order; and a change of
// MDP while the workers sample never lets a piece of the old run in.
import { test, expect } from "@playwright/test";
import { failOnProblems, open, SHOWN, settle } from "./helpers.mjs";
import { pgxReport, close } from "./pgx.mjs";

failOnProblems();

const done = (page) => page.getByTestId("episodes-done");
const doneCount = async (page) => Number(await done(page).getAttribute("data-value"));
const pauseButton = (page) => page.getByTestId("pause-button");
const place = (page) => page.locator(".progress[data-workers]");

/** The step that shows the most estimator rows, from the app's registry. */
const WIDEST = Object.entries(SHOWN).reduce((a, b) => (b[1].length > a[1].length ? b : a))[0];

/** Every estimate row's data attributes, as text: compared exactly. */
const readRows = (page) =>
  page.locator('tr[data-testid^="estimate-"]').evaluateAll((rows) =>
    rows.map((r) => [r.dataset.testid, r.dataset.value, r.dataset.stderr, r.dataset.variance].join(" | ")),
  );

async function sampledWith(page, query, workers, n) {
  await open(page, `?step=${WIDEST}&${query}&episodes=${n}&workers=${workers}`);
  await expect(done(page)).toHaveAttribute("data-value", String(n), { timeout: 90_000 });
  await expect(place(page)).toHaveAttribute("data-workers", workers === 0 ? "page" : String(workers));
  return readRows(page);
}

for (const [mdp, n] of [["chain", 30000], ["corridor", 3000]]) {
  test(`${mdp}: one worker, two workers and the page itself give the same numbers for a seed`, async ({ page }) => {
    test.setTimeout(240_000);
    const query = `mdp=${mdp}&seed=3`;
    const one = await sampledWith(page, query, 1, n);
    expect(one.length).toBe(1 + SHOWN[WIDEST].length);
    expect(await sampledWith(page, query, 2, n), "two workers").toEqual(one);
    expect(await sampledWith(page, query, 0, n), "on the page").toEqual(one);
    // And pgx, natively, samples the same blocks.
    const report = pgxReport(mdp, { episodes: n, seed: 3 });
    const j = Number(await page.getByTestId("estimate-J").getAttribute("data-value"));
    expect(close(j, report.monte_carlo.J.mean), `estimate-J ${j}, pgx ${report.monte_carlo.J.mean}`).toBe(true);
  });
}

test("without workers= the page samples in a worker, not on its own thread", async ({ page }) => {
  await open(page, "?mdp=chain&episodes=2000");
  await expect(place(page)).toHaveAttribute("data-workers", /^[12]$/);
  await expect(place(page)).toHaveAttribute("title", /background worker/);
  await expect(done(page)).toHaveAttribute("data-value", "2000", { timeout: 60_000 });
});

test("a bad workers= value gets a notice naming it, and sampling goes on", async ({ page }) => {
  await open(page, "?mdp=chain&episodes=1000&workers=many");
  await expect(page.getByTestId("notice")).toContainText("workers: 'many' is not a whole number");
  await expect(done(page)).toHaveAttribute("data-value", "1000", { timeout: 60_000 });
});

for (const workers of [1, 2]) {
  test(`switching the MDP while ${workers} worker(s) sample: nothing of the old run is merged`, async ({ page }) => {
    test.setTimeout(120_000);
    await open(page, `?step=${WIDEST}&mdp=gridworld&seed=5&episodes=2000000&workers=${workers}`);
    await expect.poll(() => doneCount(page), { message: "sampling has started" }).toBeGreaterThan(1000);
    // Switch mid-run, then let the new MDP sample a while and pause it.
    await page.getByTestId("mdp-select").selectOption("chain");
    await expect.poll(() => doneCount(page), { message: "the chain samples" }).toBeGreaterThan(2000);
    await pauseButton(page).click();
    await expect(pauseButton(page)).toHaveText("Resume");
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const n = await doneCount(page);
    await page.waitForTimeout(300);
    expect(await doneCount(page), "no piece after the pause").toBe(n);
    // The chain's statistics are exactly those of its own first n episodes.
    const report = pgxReport("chain", { episodes: n, seed: 5 });
    const j = Number(await page.getByTestId("estimate-J").getAttribute("data-value"));
    expect(close(j, report.monte_carlo.J.mean), `estimate-J ${j} after ${n} episodes, pgx ${report.monte_carlo.J.mean}`).toBe(true);
    // Resuming goes on from there.
    await pauseButton(page).click();
    await expect.poll(() => doneCount(page)).toBeGreaterThan(n);
    await pauseButton(page).click();
    await settle(page);
  });
}

test("the one-file build samples on the page", async ({ page }) => {
  await page.goto("./standalone.html?mdp=chain&episodes=3000");
  await expect(place(page)).toHaveAttribute("data-workers", "page");
  await expect(done(page)).toHaveAttribute("data-value", "3000", { timeout: 60_000 });
});

for (const workers of [0, 1]) {
  test(`lowering the episode count below what is sampled (${workers} workers) gives the numbers of the new address`, async ({ page }) => {
    test.setTimeout(120_000);
    await open(page, `?step=causality&mdp=chain&episodes=1000000&seed=8&workers=${workers}`);
    await expect.poll(() => doneCount(page), { message: "sampling has started" }).toBeGreaterThan(60000);
    const episodes = page.getByTestId("episodes-input");
    await episodes.fill("54321");
    await episodes.press("Enter");
    await expect(done(page)).toHaveAttribute("data-value", "54321", { timeout: 60_000 });
    await expect(pauseButton(page)).toHaveText("Sample again");
    // Nothing of the old job arrives later.
    await page.waitForTimeout(500);
    await expect(done(page)).toHaveAttribute("data-value", "54321");
    const lowered = await readRows(page);
    await open(page, `?step=causality&mdp=chain&episodes=54321&seed=8&workers=${workers}`);
    await expect(done(page)).toHaveAttribute("data-value", "54321", { timeout: 60_000 });
    expect(await readRows(page), "a fresh load of the same address").toEqual(lowered);
    // Raising it again goes on from there.
    await episodes.fill("60000");
    await episodes.press("Enter");
    await expect(done(page)).toHaveAttribute("data-value", "60000", { timeout: 60_000 });
  });
}
