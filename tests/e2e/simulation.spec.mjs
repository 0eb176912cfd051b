// End-to-end tests of the live simulation (DESIGN §2, §3.3, §4.3, §4.5, §6): with a fixed
// seed and episode count every estimate lies within 5 standard errors of the exact value
// and equals the native `pgx report` of the same seed; γ re-weights the same episodes
// without resampling; a custom MDP (spec= or the editor) gives pgx's exact values; a broken
// one gives its located error and leaves the last good MDP in use; pause stops the count.
//
// The reference values come from the native CLI of the same core, target/release/pgx
// (`make e2e` builds it; $PGX overrides the path).
import { test, expect } from "@playwright/test";
import { writeFileSync } from "node:fs";
import { EXAMPLE_SPEC, PRESETS, SHOWN, failOnProblems, card, exactJ, exactGrad, open, params, expectStep, base64url, specInAddress } from "./helpers.mjs";
import { pgxText, pgxReport, pgxFileError, close } from "./pgx.mjs";

failOnProblems();

const SEED = 11;
/** Episodes per preset: the corridor's episodes are long (and its horizon is 500). */
const EPISODES = { bandit: 20000, chain: 20000, gridworld: 20000, corridor: 5000, "discount-trap": 20000, "frozenlake-4x4": 20000 };

/**
 * The steps visited: the first step of each set of estimator rows, from the app's registry
 * (J is always first), so every set the page shows is read once.
 */
const VISITED = Object.fromEntries(
  Object.entries(SHOWN).filter(([slug, ids], i, all) => all.findIndex(([, other]) => other.join() === ids.join()) === i),
);
/** Estimators whose mean is ∇J; `no_discount_weight` has its own exact mean. */
const exactMean = (report, id) => (id === "no_discount_weight" ? report.exact.no_discount_weight : report.exact.grad);

const estimateRows = (page) => page.locator('tr[data-testid^="estimate-"]');
const done = (page) => page.getByTestId("episodes-done");
const doneCount = async (page) => Number(await done(page).getAttribute("data-value"));
const pauseButton = (page) => page.getByTestId("pause-button");
const gammaSlider = (page) => page.getByTestId("gamma-slider");
const mdpSelect = (page) => page.getByTestId("mdp-select");

/** Waits until `n` episodes are sampled. */
async function expectSampled(page, n, timeout = 90_000) {
  await expect(done(page)).toHaveAttribute("data-value", String(n), { timeout });
  await expect(pauseButton(page)).toHaveText("Sample again");
}

/** Every estimate row as { id: { mean: [..], stderr: [..], variance } } (J as a 1-vector). */
function readEstimates(page) {
  return estimateRows(page).evaluateAll((rows) =>
    Object.fromEntries(
      rows.map((r) => {
        const list = (s) => (s === undefined ? null : s.split(",").map(Number));
        return [
          r.dataset.testid.replace(/^estimate-/, ""),
          {
            mean: list(r.dataset.value),
            stderr: list(r.dataset.stderr),
            variance: r.dataset.variance === undefined ? null : Number(r.dataset.variance),
          },
        ];
      }),
    ),
  );
}

/** Goes to a step with its link in the table of contents (the page is not reloaded). */
async function visitStep(page, slug) {
  await page.getByTestId(`step-${slug}`).click();
  await expectStep(page, slug);
  await expect(estimateRows(page)).toHaveCount(1 + SHOWN[slug].length);
}

/**
 * Every component of `estimate` lies within 5 standard errors of `exact`; a component
 * without spread (stderr 0: the estimator is constant there) must match within 1e-9.
 */
function expectWithinFiveSigma(label, estimate, exact) {
  expect(estimate.mean, `${label}: data-value`).not.toBeNull();
  expect(estimate.mean.length, `${label}: components`).toBe(exact.length);
  expect(estimate.stderr.length, `${label}: data-stderr components`).toBe(exact.length);
  const off = [];
  estimate.mean.forEach((mean, i) => {
    const stderr = estimate.stderr[i];
    const tolerance = Math.max(5 * stderr, 1e-9);
    if (!(Number.isFinite(mean) && Number.isFinite(stderr) && stderr >= 0 && Math.abs(mean - exact[i]) <= tolerance)) {
      off.push(`[${i}] estimate ${mean} ± ${stderr} (stderr), exact ${exact[i]}: ${((mean - exact[i]) / stderr).toFixed(2)}σ`);
    }
  });
  expect(off, `${label}: components more than 5 standard errors from the exact value`).toEqual([]);
}

/** The page's estimates equal pgx's Monte Carlo means of the same seed (DESIGN §4.3). */
function expectSameAsPgx(label, estimates, report) {
  const mc = report.monte_carlo;
  const differ = [];
  for (const [id, estimate] of Object.entries(estimates)) {
    const native = id === "J" ? { mean: [mc.J.mean], stderr: [mc.J.stderr] } : mc[id];
    estimate.mean.forEach((x, i) => {
      if (!close(x, native.mean[i])) differ.push(`${id}[${i}] mean: browser ${x}, pgx ${native.mean[i]}`);
      if (!close(estimate.stderr[i], native.stderr[i])) {
        differ.push(`${id}[${i}] stderr: browser ${estimate.stderr[i]}, pgx ${native.stderr[i]}`);
      }
    });
    if (estimate.variance !== null && !close(estimate.variance, native.variance)) {
      differ.push(`${id} variance: browser ${estimate.variance}, pgx ${native.variance}`);
    }
  }
  expect(differ, `${label}: browser vs pgx report with seed ${mc.seed}, ${mc.episodes} episodes`).toEqual([]);
}

/** The exact readouts equal pgx's exact J and ∇J to 1e-12 relative. */
async function expectExactAsPgx(page, report, label) {
  const j = Number(await exactJ(page));
  expect(close(j, report.exact.J), `${label}: exact-J ${j}, pgx ${report.exact.J}`).toBe(true);
  const grad = await exactGrad(page);
  expect(grad.length, `${label}: exact-grad components`).toBe(report.exact.grad.length);
  grad.forEach((g, i) =>
    expect(close(g, report.exact.grad[i]), `${label}: exact-grad[${i}] ${g}, pgx ${report.exact.grad[i]}`).toBe(true),
  );
}

/** Dispatches an `input` on the γ slider inside the page and reads the readouts two frames later. */
function moveGammaInPage(page, gamma) {
  return gammaSlider(page).evaluate(async (input, g) => {
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const read = () => ({
      j: document.querySelector('[data-testid="estimate-J"]').dataset.value,
      exactJ: document.querySelector('[data-testid="exact-J"]').dataset.value,
      done: document.querySelector('[data-testid="episodes-done"]').dataset.value,
    });
    const before = read();
    input.value = String(g);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await frame();
    const oneFrame = read();
    await frame();
    return { before, oneFrame, twoFrames: read() };
  }, gamma);
}

// ---------------------------------------------------------------- estimates vs exact

test("every preset has its episode count here", () => {
  expect(PRESETS.filter((id) => !(id in EPISODES))).toEqual([]);
});

for (const preset of PRESETS) {
  const n = EPISODES[preset];
  test(`${preset}: with seed ${SEED} and ${n} episodes every estimate is within 5 standard errors of the exact value, and equals pgx's`, async ({ page }) => {
    test.setTimeout(180_000);
    const report = pgxReport(preset, { episodes: n, seed: SEED });
    await open(page, `?step=objective&mdp=${preset}&seed=${SEED}&episodes=${n}`);
    await expect(mdpSelect(page)).toHaveValue(preset);
    await expectSampled(page, n);
    await expectExactAsPgx(page, report, preset);

    for (const slug of Object.keys(VISITED)) {
      if (slug !== "objective") await visitStep(page, slug);
      const estimates = await readEstimates(page);
      expect(Object.keys(estimates), `${slug}: the rows shown`).toEqual(["J", ...SHOWN[slug]]);
      expectWithinFiveSigma(`${preset}, ${slug}, J`, estimates.J, [report.exact.J]);
      for (const id of SHOWN[slug]) {
        expectWithinFiveSigma(`${preset}, ${slug}, ${id}`, estimates[id], exactMean(report, id));
        expect(estimates[id].variance, `${id}: data-variance`).toBeGreaterThanOrEqual(0);
      }
      expectSameAsPgx(`${preset}, ${slug}`, estimates, report);
      // Moving between steps keeps the episodes: nothing was resampled.
      expect(await doneCount(page), `${slug}: episodes-done`).toBe(n);
    }
  });
}

// ---------------------------------------------------------------- γ without resampling

test("moving γ re-weights the same episodes: the estimates change, the episode count stays, within two frames", async ({ page }) => {
  test.setTimeout(120_000);
  const n = 20000;
  const seed = 5;
  await open(page, `?step=dropping-gamma-t&mdp=chain&seed=${seed}&episodes=${n}`);
  await expectSampled(page, n);
  const before = await readEstimates(page);
  const atDefault = pgxReport("chain", { episodes: n, seed });
  expectSameAsPgx("chain at γ 0.9", before, atDefault);

  // Three presses of ← on the focused slider: γ 0.90 → 0.87.
  await gammaSlider(page).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("gamma-value")).toHaveText("0.87");
  await expect.poll(() => params(page).get("gamma")).toBe("0.87");
  await expect(card(page)).toHaveAttribute("data-slug", "dropping-gamma-t");
  const after = await readEstimates(page);
  for (const id of ["J", ...SHOWN["dropping-gamma-t"]]) {
    expect(after[id].mean, `${id} changed with γ`).not.toEqual(before[id].mean);
  }
  expect(await doneCount(page), "episodes-done after moving γ").toBe(n);
  await expect(pauseButton(page)).toHaveText("Sample again");
  // The same episodes, re-weighted: exactly a fresh native run at γ 0.87 with the same seed,
  // and still within 5 standard errors of the exact values at γ 0.87.
  const at087 = pgxReport("chain", { gamma: 0.87, episodes: n, seed });
  await expectExactAsPgx(page, at087, "chain at γ 0.87");
  expectSameAsPgx("chain at γ 0.87", after, at087);
  expectWithinFiveSigma("J at γ 0.87", after.J, [at087.exact.J]);
  expectWithinFiveSigma("reward_to_go at γ 0.87", after.reward_to_go, at087.exact.grad);
  expectWithinFiveSigma("no_discount_weight at γ 0.87", after.no_discount_weight, at087.exact.no_discount_weight);

  // A move is shown by the next frame or the one after, with no resampling in between.
  for (const gamma of [0.5, 1, 0, 0.9]) {
    const moved = await moveGammaInPage(page, gamma);
    const report = pgxReport("chain", { gamma, episodes: n, seed });
    expect(moved.twoFrames.j, `γ ${gamma}: estimate-J two frames after the input`).not.toBe(moved.before.j);
    const j = Number(moved.twoFrames.j);
    expect(close(j, report.monte_carlo.J.mean), `γ ${gamma}: estimate-J ${j}, pgx ${report.monte_carlo.J.mean}`).toBe(true);
    expect(close(Number(moved.twoFrames.exactJ), report.exact.J), `γ ${gamma}: exact-J`).toBe(true);
    expect(moved.oneFrame.done, `γ ${gamma}: episodes-done one frame after`).toBe(String(n));
    expect(moved.twoFrames.done, `γ ${gamma}: episodes-done two frames after`).toBe(String(n));
  }
});

test("'Sample again' draws fresh episodes from the next seed, shown and in the address, so they can be drawn again", async ({ page }) => {
  test.setTimeout(120_000);
  const n = 20000;
  await open(page, `?step=baseline&mdp=discount-trap&seed=3&episodes=${n}`);
  await expectSampled(page, n);
  const first = await readEstimates(page);
  await expect(done(page)).toContainText("seed 3");
  await pauseButton(page).click();
  await expect.poll(() => params(page).get("seed")).toBe("4");
  await expect(page.getByTestId("seed-input")).toHaveValue("4");
  await expectSampled(page, n);
  await expect(done(page)).toContainText("seed 4");
  const second = await readEstimates(page);
  expect(second).not.toEqual(first);
  expectSameAsPgx("seed 4", second, pgxReport("discount-trap", { episodes: n, seed: 4 }));
  // The first sample is one seed away.
  await page.getByTestId("seed-input").fill("3");
  await page.getByTestId("seed-input").press("Tab");
  await expectSampled(page, n);
  expect(await readEstimates(page)).toEqual(first);
});

// ---------------------------------------------------------------- custom MDPs

/** MDP files for spec=: a preset's file with changed rewards and dynamics, and DESIGN §4.1's example. */
function customSpecs() {
  const trap = JSON.parse(pgxText("spec", "discount-trap"));
  trap.name = "Discount trap, richer";
  trap.rewards.s1.L = 3; // was 2.5
  trap.rewards.c3.L = 6; // was 8
  trap.transitions.s0.R = { s1: 0.75, c1: 0.25 }; // was s1 for sure
  return [
    { name: "a changed discount-trap", spec: trap, gamma: 0.8, theta: [0.3] },
    { name: "DESIGN §4.1's example", spec: EXAMPLE_SPEC, gamma: 0.95, theta: [0.2, -0.4] },
  ];
}

for (const { name, spec, gamma, theta } of customSpecs()) {
  test(`spec= with ${name}: the exact values and the same-seed estimates are pgx report's on the same file`, async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const n = 20000;
    const seed = 42;
    const text = JSON.stringify(spec, null, 2);
    const file = testInfo.outputPath("custom-mdp.json");
    writeFileSync(file, text);
    const report = pgxReport(file, { gamma, theta, episodes: n, seed });

    await open(page, `?step=objective&spec=${base64url(text)}&gamma=${gamma}&theta=${theta.join(",")}&seed=${seed}&episodes=${n}`);
    await expect(page.getByTestId("notice")).toBeHidden();
    await expect(mdpSelect(page)).toHaveValue("custom");
    await expectExactAsPgx(page, report, name);
    await expectSampled(page, n);

    for (const slug of Object.keys(VISITED)) {
      if (slug !== "objective") await visitStep(page, slug);
      const estimates = await readEstimates(page);
      // DESIGN §4.3: the same seed gives the same numbers natively and in the browser.
      expect(close(Number(estimates.J.mean[0]), report.monte_carlo.J.mean), `estimate-J ${estimates.J.mean[0]}, pgx monte_carlo.J.mean ${report.monte_carlo.J.mean}`).toBe(true);
      expectSameAsPgx(`${name}, ${slug}`, estimates, report);
      expectWithinFiveSigma(`${name}, ${slug}, J`, estimates.J, [report.exact.J]);
      for (const id of SHOWN[slug]) expectWithinFiveSigma(`${name}, ${slug}, ${id}`, estimates[id], exactMean(report, id));
    }
  });
}

// ---------------------------------------------------------------- broken custom MDPs

/** discount-trap's file with s1's R leading on with probability 0.9 only. */
function brokenTrap() {
  const trap = JSON.parse(pgxText("spec", "discount-trap"));
  trap.transitions.s1.R = { c1: 0.9 };
  return trap;
}

test("a broken MDP in the editor shows its located error, and the previous MDP stays in use", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const badFile = testInfo.outputPath("broken.json");
  writeFileSync(badFile, JSON.stringify(brokenTrap()));
  const expected = pgxFileError(badFile);
  expect(expected).toContain("transitions.s1.R");
  expect(expected).toContain("probabilities sum to 0.9");

  await open(page, "?step=objective&mdp=discount-trap&seed=2&episodes=2000");
  const trapJ = await exactJ(page);
  await expectSampled(page, 2000);
  const estimateJ = await page.getByTestId("estimate-J").getAttribute("data-value");

  await page.locator("details.mdp-editor > summary").click();
  const editor = page.getByTestId("mdp-json");
  const error = page.getByTestId("mdp-error");
  await expect(editor).toBeVisible();
  // The editor holds the MDP in use.
  expect(JSON.parse(await editor.inputValue()).name).toBe("Discount trap");

  await editor.fill(JSON.stringify(brokenTrap(), null, 2));
  await page.getByTestId("mdp-apply").click();
  await expect(error).toContainText("transitions.s1.R: probabilities sum to 0.9");
  await expect(error).toContainText(expected);
  await expect(editor).toHaveAttribute("aria-invalid", "true");
  // Nothing changed: same MDP, same exact value, same samples, no spec in the URL.
  await expect(page.getByTestId("exact-J")).toHaveAttribute("data-value", trapJ);
  await expect(mdpSelect(page)).toHaveValue("discount-trap");
  await expect.poll(() => params(page).get("spec")).toBeNull();
  expect(await doneCount(page)).toBe(2000);
  await expect(page.getByTestId("estimate-J")).toHaveAttribute("data-value", estimateJ);

  // A good file is taken up (a custom MDP now) ...
  const good = brokenTrap();
  good.name = "Trap, fixed";
  good.transitions.s1.R = { c1: 0.9, end: 0.1 };
  const goodFile = testInfo.outputPath("good.json");
  writeFileSync(goodFile, JSON.stringify(good));
  const goodReport = pgxReport(goodFile, { episodes: 2000, seed: 2 });
  await editor.fill(JSON.stringify(good, null, 2));
  await page.getByTestId("mdp-apply").click();
  await expect(error).toHaveText("");
  await expect(mdpSelect(page)).toHaveValue("custom");
  await expect(page.getByTestId("exact-J")).not.toHaveAttribute("data-value", trapJ);
  await expectExactAsPgx(page, goodReport, "the fixed file");
  await expect.poll(() => specInAddress(page) && JSON.parse(specInAddress(page)).name).toBe("Trap, fixed");
  await expectSampled(page, 2000);

  // ... and a broken one after it leaves that custom MDP in use.
  const fixedJ = await exactJ(page);
  await editor.fill(JSON.stringify(brokenTrap(), null, 2));
  await page.getByTestId("mdp-apply").click();
  await expect(error).toContainText(expected);
  await expect(page.getByTestId("exact-J")).toHaveAttribute("data-value", fixedJ);
  await expect(mdpSelect(page)).toHaveValue("custom");
  const kept = Number(await page.getByTestId("estimate-J").getAttribute("data-value"));
  expect(close(kept, goodReport.monte_carlo.J.mean), `estimate-J ${kept}, pgx ${goodReport.monte_carlo.J.mean}`).toBe(true);
});

test("a broken MDP in spec= gives a notice naming spec and the place, and the default MDP is used", async ({ page }, testInfo) => {
  const badFile = testInfo.outputPath("broken.json");
  const text = JSON.stringify(brokenTrap());
  writeFileSync(badFile, text);
  const expected = pgxFileError(badFile);
  const chain = pgxReport("chain", { episodes: 1000, seed: 1 });

  await open(page, `?step=objective&spec=${base64url(text)}&seed=1&episodes=1000`);
  const notice = page.getByTestId("notice");
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(/\bspec\b/);
  await expect(notice).toContainText("transitions.s1.R");
  await expect(notice).toContainText(expected);
  // The default MDP (chain) is in use, sampled as pgx samples it.
  await expect(card(page).locator(".panel-title")).toContainText(chain.mdp);
  await expectExactAsPgx(page, chain, "the default MDP");
  await expectSampled(page, 1000);
  const estimates = await readEstimates(page);
  expectSameAsPgx("the default MDP", estimates, chain);
});

// ---------------------------------------------------------------- pause

test("pause stops the count, resume goes on", async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, "?step=objective&mdp=chain&seed=1&episodes=5000000");
  await expect(pauseButton(page)).toHaveText("Pause");
  await expect.poll(() => doneCount(page), { message: "sampling has started" }).toBeGreaterThan(0);

  await pauseButton(page).click();
  await expect(pauseButton(page)).toHaveText("Resume");
  await expect(pauseButton(page)).toHaveAttribute("aria-pressed", "true");
  // Let any frame already queued pass before the first reading.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const first = await doneCount(page);
  const j = await page.getByTestId("estimate-J").getAttribute("data-value");
  await page.waitForTimeout(500);
  const second = await doneCount(page);
  expect(second, "episodes-done 500 ms into the pause").toBe(first);
  expect(first).toBeLessThan(5000000);
  await expect(page.getByTestId("estimate-J")).toHaveAttribute("data-value", j);
  // The statistics so far are pgx's for that many episodes.
  const report = pgxReport("chain", { episodes: first, seed: 1 });
  expect(close(Number(j), report.monte_carlo.J.mean), `estimate-J ${j} after ${first} episodes, pgx ${report.monte_carlo.J.mean}`).toBe(true);

  await pauseButton(page).click();
  await expect(pauseButton(page)).toHaveText("Pause");
  await expect(pauseButton(page)).not.toHaveAttribute("aria-pressed", "true");
  await expect.poll(() => doneCount(page), { message: "sampling goes on after resume" }).toBeGreaterThan(second);

  // Stop the loop before the page goes.
  await pauseButton(page).click();
  await expect(pauseButton(page)).toHaveText("Resume");
});
