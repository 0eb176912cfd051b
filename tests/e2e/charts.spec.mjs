// Every chart on every step: drawn, described in words for screen readers, and offered as
// PNG and CSV downloads.
import { test, expect } from "@playwright/test";
import { failOnProblems, inked, open, setRange, STEPS, REGISTRY } from "./helpers.mjs";

failOnProblems();

/** Opens "More checks" where the step has them (it then stays open from step to step). */
async function openChecks(page) {
  const details = page.getByTestId("more-checks");
  if ((await details.count()) === 0) return;
  if (!(await details.evaluate((d) => d.open))) await details.locator("summary").click();
  await expect(details).toHaveJSProperty("open", true);
}


test("every step has a hero picture that drew, and each estimator keeps its colour and line on every step", async ({ page }) => {
  await open(page, "?mdp=discount-trap&episodes=3000&seed=5");
  await expect(page.getByTestId("episodes-done")).toHaveAttribute("data-value", "3000");
  await openChecks(page);
  const expected = Object.fromEntries(REGISTRY.estimators.map((e) => [e.id, e.light]));
  const seen = {};
  for (const step of STEPS) {
    await page.getByTestId(`step-${step}`).click();
    await expect(page.locator(`article[data-slug="${step}"]`)).toBeVisible();
    await openChecks(page);
    const hero = page.getByTestId("hero");
    await expect(hero, step).toBeVisible();
    const canvas = hero.locator("canvas").first();
    await expect(canvas, `${step}: the hero has a canvas`).toBeVisible();
    await expect.poll(() => inked(canvas), { message: `${step}: the hero drew` }).toBeGreaterThan(500);
    // The hero is the panel's width: at least half of it on this 1280 px page.
    const [heroBox, panelBox] = [await hero.boundingBox(), await page.locator("section.panel").boundingBox()];
    expect(heroBox.width, `${step}: hero width`).toBeGreaterThan(panelBox.width / 2);
    const entries = await page.locator("article .legend li[data-series]").evaluateAll((lis) =>
      lis.map((li) => [li.dataset.series, li.dataset.colour]),
    );
    for (const [id, colour] of entries) {
      if (!(id in expected)) continue;
      expect(colour, `${step}: the legend colour of ${id}`).toBe(expected[id]);
      (seen[id] ??= new Set()).add(step);
    }
  }
  // Every estimator appeared in some legend, the ones compared on several steps on several.
  expect(Object.keys(seen).sort()).toEqual(Object.keys(expected).sort());
  expect(seen.reward_to_go.size).toBeGreaterThan(3);
});

test("every chart has a text summary and PNG and CSV downloads", async ({ page }) => {
  await open(page, "?mdp=discount-trap&episodes=3000&seed=5");
  await expect(page.getByTestId("episodes-done")).toHaveAttribute("data-value", "3000");
  await openChecks(page);
  let charts = 0;
  for (const step of STEPS) {
    await page.getByTestId(`step-${step}`).click();
    await expect(page.locator(`article[data-slug="${step}"]`)).toBeVisible();
    await openChecks(page);
    const canvases = page.locator('article canvas[data-testid^="chart-"]');
    const n = await canvases.count();
    expect(n, step).toBeGreaterThan(0);
    // Charts whose points are still being computed say so (src/sliced.rs); wait for them.
    await expect(page.locator('article [aria-busy="true"]'), step).toHaveCount(0);
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
  await openChecks(page);
  await expect(page.getByTestId("angle-summary")).toBeVisible();
  const said = page.getByTestId("angle-summary");
  await expect(said).toContainText("At γ = 1.00, the angle between ∇J and the direction without γᵗ is 0.0°; the two point the same way.");
  await open(page, "?step=dropping-gamma-t&mdp=discount-trap&episodes=500");
  await expect(said).toContainText("it points against ∇J");
});

test("step 9's picture: on discount-trap the two arrows point opposite ways, and the Monte Carlo dots sit at their tips", async ({ page }) => {
  await open(page, "?step=dropping-gamma-t&mdp=discount-trap&gamma=0.5&episodes=20000&seed=3");
  await expect(page.getByTestId("episodes-done")).toHaveAttribute("data-value", "20000", { timeout: 60_000 });
  const chart = page.getByTestId("chart-directions");
  await expect(chart).toHaveAttribute("data-value", /\d/);
  expect(Number(await chart.getAttribute("data-value"))).toBeCloseTo(180, 6);
  const summary = page.getByTestId("directions-summary");
  await expect(summary).toContainText("∇J has length 0.0625, the direction without γᵗ length 0.1250; they are 180.0° apart");
  await expect(summary).toContainText("lowers J");
  // The picture shows both estimates beside the exact arrows: its CSV has them, within 5 SE.
  const csv = await page.getByTestId("chart-directions-csv").getAttribute("href");
  const rows = decodeURIComponent(csv.slice(csv.indexOf(",") + 1)).trim().split("\n").slice(1).map((l) => l.split(","));
  expect(rows.map((r) => r[0])).toEqual(["grad_J", "without_gamma_t"]);
  for (const [name, x, , ex, , bx] of rows) {
    const se = Number(bx) / 1.96;
    expect(Math.abs(Number(ex) - Number(x)), `${name}: estimate ${ex} ± ${se}, exact ${x}`).toBeLessThanOrEqual(5 * se);
  }
  // On the chain the two arrows are drawn at their true angle (the plane is the one they
  // span, not two coordinates, which for two actions per state are ± each other).
  await open(page, "?step=dropping-gamma-t&mdp=chain&gamma=0.3&episodes=500");
  await expect(page.getByTestId("chart-directions")).toHaveAttribute("data-value", /\d/);
  const angle = Number(await page.getByTestId("chart-directions").getAttribute("data-value"));
  expect(angle).toBeGreaterThan(10);
  const chainCsv = await page.getByTestId("chart-directions-csv").getAttribute("href");
  const tips = decodeURIComponent(chainCsv.slice(chainCsv.indexOf(",") + 1)).trim().split("\n").slice(1).map((l) => l.split(",").slice(1, 3).map(Number));
  const drawn = (Math.abs(Math.atan2(tips[1][1], tips[1][0]) - Math.atan2(tips[0][1], tips[0][0])) * 180) / Math.PI;
  expect(Math.abs(drawn - angle), `drawn ${drawn}°, exact ${angle}°`).toBeLessThan(1e-6);
  // At γ = 1 the two are one direction.
  await open(page, "?step=dropping-gamma-t&mdp=chain&gamma=1&episodes=500");
  await expect.poll(async () => Number(await page.getByTestId("chart-directions").getAttribute("data-value"))).toBeLessThan(1e-6);
});

test("step 8's picture: an episode's reward-to-go adds its discounted rewards from t on; Another episode shows the next", async ({ page }) => {
  await open(page, "?step=reward-to-go&mdp=gridworld&gamma=0.9&episodes=500");
  const readCsv = async () => {
    const href = await page.getByTestId("chart-timeline-csv").getAttribute("href");
    return decodeURIComponent(href.slice(href.indexOf(",") + 1)).trim().split("\n").slice(1).map((l) => l.split(",").map(Number));
  };
  const rows = await readCsv();
  expect(rows.length).toBeGreaterThan(1);
  rows.forEach(([k, reward, discount, discounted, rtg]) => {
    expect(Math.abs(discount - 0.9 ** k)).toBeLessThan(1e-12);
    expect(Math.abs(discounted - reward * discount)).toBeLessThan(1e-12);
    const tail = rows.filter((r) => r[0] >= k).reduce((s, r) => s + r[3], 0);
    expect(Math.abs(rtg - tail), `reward-to-go at ${k}`).toBeLessThan(1e-9);
  });
  const first = await page.getByTestId("timeline-summary").textContent();
  expect(first).toMatch(/^Episode \d+ of the run/);
  await page.getByTestId("another-episode").click();
  await expect(page.getByTestId("timeline-summary")).not.toHaveText(first);
});

/** A chart's CSV download, as rows of fields (header dropped). */
async function csvRows(page, testid) {
  const href = await page.getByTestId(`${testid}-csv`).getAttribute("href");
  return decodeURIComponent(href.slice(href.indexOf(",") + 1)).trim().split("\n").slice(1).map((l) => l.split(","));
}

test("step 1 replays an episode of the run along the MDP: step by step, playing, another; its return adds γᵗRₜ and ends as G₀", async ({ page }) => {
  await open(page, "?step=objective&mdp=chain&gamma=0.9&episodes=500");
  const replay = page.getByTestId("chart-episode-replay");
  const status = page.getByTestId("replay-status");
  await expect(replay).toHaveAttribute("data-value", /^0\/\d+$/);
  await expect(status).toContainText("t = 0");
  const rows = (await csvRows(page, "chart-episode-replay")).map((r) => [Number(r[0]), r[1], r[2], Number(r[3]), Number(r[4]), Number(r[5])]);
  const length = rows.length;
  expect(length).toBeGreaterThan(0);
  expect(await replay.getAttribute("data-value")).toBe(`0/${length}`);
  let total = 0;
  rows.forEach(([t, , , reward, discounted, soFar]) => {
    expect(Math.abs(discounted - reward * 0.9 ** t), `γᵗRₜ at ${t}`).toBeLessThan(1e-12);
    total += discounted;
    expect(Math.abs(soFar - total), `return so far at ${t}`).toBeLessThan(1e-9);
  });
  // Each step moves the ring: the picture changes.
  const picture = () => replay.evaluate((c) => c.toDataURL());
  const before = await picture();
  await page.getByTestId("replay-step").click();
  await expect(replay).toHaveAttribute("data-value", `1/${length}`);
  expect(await picture(), "the replay moved on the diagram").not.toBe(before);
  const unquote = (field) => field.replace(/^"|"$/g, "");
  await expect(status).toContainText(`in ${unquote(rows[0][1])} it took ${unquote(rows[0][2])} and moved to`);
  // Play runs to the end and stops there with the return.
  await page.getByTestId("replay-play").click();
  await expect(replay).toHaveAttribute("data-value", `${length}/${length}`, { timeout: 20_000 });
  await expect(page.getByTestId("replay-play")).toHaveText("Replay");
  await expect(page.getByTestId("replay-step")).toBeDisabled();
  await expect(status).toContainText(`its return is G₀ = ${total.toFixed(4)}`);
  // γ changes the return of the same episode, and the replay stays where it is.
  await page.getByTestId("gamma-slider").focus();
  await page.keyboard.press("ArrowLeft");
  await expect(status).not.toContainText(`its return is G₀ = ${total.toFixed(4)}`);
  await expect(replay).toHaveAttribute("data-value", `${length}/${length}`);
  await page.getByTestId("replay-another").click();
  await expect(replay).toHaveAttribute("data-value", /^0\/\d+$/);
  await expect(status).toContainText("Episode 2 of the 20 sampled (seed 1)");
  // Pausing stops it where it is.
  await page.getByTestId("replay-play").click();
  await page.getByTestId("replay-play").click();
  await expect(page.getByTestId("replay-play")).toHaveAttribute("aria-pressed", "false");
  const paused = await replay.getAttribute("data-value");
  await page.waitForTimeout(1000);
  expect(await replay.getAttribute("data-value"), "no step after the pause").toBe(paused);
  // A grid world draws the disc in its cell; another MDP starts again at t = 0.
  await page.getByTestId("mdp-select").selectOption("gridworld");
  await expect(replay).toHaveAttribute("data-value", /^0\/\d+$/);
  await expect(status).toContainText("Episode 1 of the 20 sampled");
  await page.getByTestId("replay-step").click();
  await expect(replay).toHaveAttribute("data-value", /^1\/\d+$/);
  // With 3 episodes wanted, the replay offers those 3 and comes back to the first.
  await open(page, "?step=objective&mdp=chain&episodes=3");
  for (const n of [2, 3, 1]) {
    await page.getByTestId("replay-another").click();
    await expect(status).toContainText(`Episode ${n} of the 3 sampled`);
  }
});

test("step 7's scrubber shows the cross terms after fewer episodes: the lower triangle's noise shrinks as N grows", async ({ page }) => {
  await open(page, "?step=causality&mdp=chain&gamma=0.9&episodes=2000");
  await expect(page.getByTestId("episodes-done")).toHaveAttribute("data-value", "2000");
  const maps = page.getByTestId("cross-terms");
  const scrubber = page.getByTestId("cross-terms-episodes");
  await expect(maps).toHaveAttribute("data-episodes", "2000");
  // 1, 2, 5, …, 1000, then "all" (2000).
  await expect(scrubber).toHaveAttribute("max", "10");
  expect(await scrubber.inputValue()).toBe("10");
  /** Mean |estimate| and mean standard error of the cells below the diagonal. */
  const lower = async () => {
    const rows = (await csvRows(page, "chart-cross-terms-exact")).map((r) => r.map(Number));
    const below = rows.filter(([k, t]) => k < t);
    expect(below.length).toBeGreaterThan(0);
    below.forEach(([k, t, exact]) => expect(Math.abs(exact), `exact C[${k}, ${t}]`).toBeLessThan(1e-12));
    const mean = (f) => below.reduce((s, r) => s + f(r), 0) / below.length;
    return { size: mean((r) => Math.abs(r[3])), stderr: mean((r) => r[4]) };
  };
  const all = await lower();
  await setRange(scrubber, 3);
  await expect(maps).toHaveAttribute("data-episodes", "10");
  await expect(page.locator("output[for=cross-terms-episodes]")).toHaveText("the first 10 of 2 000 episodes");
  const ten = await lower();
  expect(ten.size, "the noise below the diagonal after 10 episodes against 2000").toBeGreaterThan(2 * all.size);
  expect(ten.stderr).toBeGreaterThan(5 * all.stderr);
  await expect(page.getByTestId("hero")).toContainText("after 10 episodes");
  // γ moves keep the scrubbed count; another MDP goes back to all episodes.
  await page.getByTestId("gamma-slider").focus();
  await page.keyboard.press("ArrowLeft");
  await expect(maps).toHaveAttribute("data-episodes", "10");
  await setRange(scrubber, 10);
  await expect(maps).toHaveAttribute("data-episodes", "2000");
  await setRange(scrubber, 0);
  await expect(maps).toHaveAttribute("data-episodes", "1");
  // One episode has no standard error: the page says so rather than count cells.
  await expect(page.getByTestId("hero")).toContainText("after 1 episode: one episode gives no standard error");
  await page.getByTestId("mdp-select").selectOption("gridworld");
  await expect(page.getByTestId("episodes-done")).toHaveAttribute("data-value", "2000");
  await expect(scrubber).toHaveAttribute("max", "10");
  await expect(scrubber).toHaveValue("10");
  await expect(maps).toHaveAttribute("data-episodes", "2000");
});

test("on the short corridor, step 1 shows J against π(right) with Sutton and Barto's optimum 2 − √2; other MDPs do not", async ({ page }) => {
  await open(page, "?step=objective&mdp=corridor&gamma=1&episodes=500");
  const chart = page.getByTestId("chart-objective-vs-probability");
  await expect(chart).toHaveAttribute("data-value", /\d/);
  expect(Math.abs(Number(await chart.getAttribute("data-value")) - (2 - Math.SQRT2))).toBeLessThan(1e-3);
  await expect(page.getByTestId("probability-summary")).toContainText("J is largest at π(right) = 0.586");
  await open(page, "?step=objective&mdp=chain&episodes=500");
  await expect(page.getByTestId("chart-convergence")).toBeVisible();
  await expect(page.getByTestId("chart-objective-vs-probability")).toHaveCount(0);
});

test("step 2: every episode's G₀ ∂P/∂θ adds up to the finite-difference slope of J; without a listing, J along ∇J", async ({ page }) => {
  for (const mdp of ["chain", "discount-trap", "bandit"]) {
    await open(page, `?step=gradient-under-integral&mdp=${mdp}&gamma=0.8`);
    const chart = page.getByTestId("hero").getByTestId("chart-episode-weights");
    await expect(chart).toHaveAttribute("data-value", /,/);
    const [total, fd] = (await chart.getAttribute("data-value")).split(",").map(Number);
    expect(Math.abs(total - fd), `${mdp}: Σ G₀ ∂P ${total} against finite differences ${fd}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
    await expect(page.getByTestId("hero")).toContainText("Only P(τ) depends on θ");
  }
  await open(page, "?step=gradient-under-integral&mdp=corridor");
  await expect(page.getByTestId("hero").getByTestId("chart-along-gradient")).toBeVisible();
  await expect(page.getByTestId("hero").getByTestId("chart-episode-weights")).toHaveCount(0);
});

test("step 11 on the short corridor: every learner ends near the top, none falls into a policy that never ends", async ({ page }) => {
  // Sutton & Barto's corridor from θ = 0: J = −12, the best J is −11.657, and a policy that
  // never reaches the goal scores −H = −1000, where all three learners fell before each
  // update's step was clipped.
  await open(page, "?step=training&mdp=corridor&episodes=1000");
  const summary = page.getByTestId("learning-summary");
  await expect(summary).toContainText(/after 60 updates.*after 60 updates.*after 60 updates/, { timeout: 60_000 });
  const finals = [...(await summary.textContent()).matchAll(/J = (−?-?[\d.]+) after 60 updates/g)].map((m) => Number(m[1].replace("−", "-")));
  expect(finals).toHaveLength(3);
  for (const j of finals) {
    expect(j).toBeGreaterThan(-12.5);
    expect(j).toBeLessThanOrEqual(-11.657);
  }
  await expect(page.locator("figure:has([data-testid=chart-learning]) figcaption")).toContainText("the step is clipped");
});
