// End-to-end tests of MDP files as people bring them (docs/mdp-files.md): Gymnasium
// transition tables, rewards that depend on the next state, files without a name, and the
// mistakes the loader must name (a key given twice, an array instead of an object). Each
// starts on a late step with another MDP in use, as a reader switches mid-derivation.
import { test, expect } from "@playwright/test";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync } from "node:zlib";
import { STEPS, EXAMPLE_SPEC, failOnProblems, exactJ, exactGrad, expectParam, expectStep, inked, open, params, reload, setRange, specInAddress } from "./helpers.mjs";
import { pgxReport, close } from "./pgx.mjs";
import { featuredMdp, largestMdp } from "./mdps.mjs";

failOnProblems();

const FROZENLAKE = fileURLToPath(new URL("../../docs/frozenlake-4x4.json", import.meta.url));
const title = (page) => page.locator("h3.panel-title");

/** Writes an MDP file to a new temporary folder, for pgx; returns its path. */
function writeTemp(file) {
  const where = path.join(mkdtempSync(path.join(tmpdir(), "pg-table-")), "mdp.json");
  writeFileSync(where, JSON.stringify(file));
  return where;
}
const editor = (page) => page.getByTestId("mdp-json");
const error = (page) => page.getByTestId("mdp-error");

async function openEditor(page) {
  await page.locator("details.mdp-editor > summary").click();
  await expect(editor(page)).toBeVisible();
}

/** The page's exact J and ∇J equal pgx's for the same file. */
async function expectExactOf(page, file) {
  const report = pgxReport(file);
  await expect(page.getByTestId("exact-J")).toHaveAttribute("data-value", /./);
  const j = Number(await exactJ(page));
  expect(close(j, report.exact.J), `exact J ${j}, pgx ${report.exact.J}`).toBe(true);
  const grad = await exactGrad(page);
  expect(grad.length).toBe(report.exact.grad.length);
  grad.forEach((g, i) => expect(close(g, report.exact.grad[i], 1e-9), `∇J[${i}]: ${g} vs ${report.exact.grad[i]}`).toBe(true));
}

test("a Gymnasium table without a name loads through the file input on a late step, titled by its file name, and survives a reload", async ({ page }, info) => {
  const table = JSON.parse(readFileSync(FROZENLAKE, "utf8"));
  delete table.name;
  const file = info.outputPath("frozen-lake.json");
  writeFileSync(file, JSON.stringify(table));
  await open(page, "?step=causality&mdp=chain&episodes=500");
  await openEditor(page);
  await page.getByTestId("mdp-file").setInputFiles(file);
  await expect(title(page)).toContainText("frozen-lake");
  await expect(error(page)).toHaveText("");
  await expectExactOf(page, file);
  // pgx titles the file the same way.
  expect(pgxReport(file).mdp).toBe("frozen-lake");
  // The file travels in the fragment, compressed, with the name the file input gave it.
  await expect.poll(() => specInAddress(page) && JSON.parse(specInAddress(page)).name).toBe("frozen-lake");
  expect(params(page).get("spec")).toBeNull();
  await reload(page);
  await expect(title(page)).toContainText("frozen-lake");
  await expectExactOf(page, file);
});

test("FrozenLake is a preset with the exact values of its table file", async ({ page }) => {
  await open(page, "?step=reward-to-go&mdp=frozenlake-4x4&episodes=500");
  await expect(title(page)).toContainText("FrozenLake 4×4");
  await expectExactOf(page, FROZENLAKE);
});

test("rewards that depend on the next state: the table shows them, the exact values are pgx's", async ({ page }, info) => {
  const spec = structuredClone(EXAMPLE_SPEC);
  spec.name = "Pays on arrival";
  spec.rewards.s0.right = { s1: 2, s0: -1 };
  const file = info.outputPath("arrival.json");
  writeFileSync(file, JSON.stringify(spec));
  await open(page, "?step=baseline&mdp=gridworld&episodes=500");
  await openEditor(page);
  await editor(page).fill(JSON.stringify(spec, null, 2));
  await page.getByTestId("mdp-apply").click();
  await expect(title(page)).toContainText("Pays on arrival");
  await expectExactOf(page, file);
  const table = page.getByTestId("mdp-table");
  await page.locator("details:has([data-testid='mdp-table']) > summary").first().click();
  await expect(table).toContainText("r = 2");
  await expect(table).toContainText("r = -1");
});

test("a key given twice, or an array for a file, is refused by name and the MDP in use stays", async ({ page }) => {
  await open(page, "?step=dropping-gamma-t&mdp=discount-trap&episodes=500");
  const before = await exactJ(page);
  await openEditor(page);
  const text = JSON.stringify(EXAMPLE_SPEC, null, 2).replace('"start": {\n    "s0": 1\n  }', '"start": {\n    "s0": 0.5,\n    "s0": 1\n  }');
  expect(text).toContain('"s0": 0.5');
  await editor(page).fill(text);
  await page.getByTestId("mdp-apply").click();
  await expect(error(page)).toContainText('start: "s0" given twice (line');
  await expect(title(page)).toContainText("Discount trap");
  expect(await exactJ(page)).toBe(before);

  await editor(page).fill(JSON.stringify(Object.values(EXAMPLE_SPEC)));
  await page.getByTestId("mdp-apply").click();
  await expect(error(page)).toContainText("one JSON object");
  await expect(page.getByTestId("mdp-select")).toHaveValue("discount-trap");

  await editor(page).fill('{"P": {"0": {"0": [[1.5, 0, 0, true]]}}}');
  await page.getByTestId("mdp-apply").click();
  await expect(error(page)).toContainText("P.0.0[0]: probability must be in [0, 1], not 1.5");
  expect(await exactJ(page)).toBe(before);
});

test("a custom MDP travels compressed in the fragment; a link past 2 000 characters is flagged, and any link restores the MDP", async ({ page, context }) => {
  // FrozenLake's table, pasted: about 6 KB of JSON, a short link once compressed.
  const table = readFileSync(FROZENLAKE, "utf8");
  await open(page, "?step=baseline&mdp=chain&episodes=500");
  await openEditor(page);
  await editor(page).fill(table);
  await page.getByTestId("mdp-apply").click();
  await expect(title(page)).toContainText("FrozenLake 4×4");
  await expect.poll(() => specInAddress(page)).toBe(table);
  const short = await page.getByTestId("share-link").inputValue();
  expect(short.length, "FrozenLake's link").toBeLessThan(2000);
  expect(short.length * 4, "compressed well below the file's size").toBeLessThan(table.length);
  await expect(page.getByTestId("long-link")).toHaveCount(0);

  // Random numbers do not compress: 30 states of them make a long link.
  const wide = structuredClone(EXAMPLE_SPEC);
  wide.name = "Incompressible";
  for (const s of ["s0", "s1"]) {
    for (const a of ["left", "right"]) wide.features[s][a] = Array.from({ length: 200 }, (_, i) => Math.sin(i * 7919 + s.length + a.length) / 3);
  }
  wide.theta = Array(200).fill(0);
  await editor(page).fill(JSON.stringify(wide));
  await page.getByTestId("mdp-apply").click();
  await expect(title(page)).toContainText("Incompressible");
  const long = await page.getByTestId("share-link").inputValue();
  expect(long.length).toBeGreaterThan(2000);
  // The page groups digits with a narrow no-break space (src/format.rs).
  const count = String(long.length).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
  await expect(page.getByTestId("long-link")).toContainText(`This link is ${count} characters long`);

  // Opened anew, each link gives its MDP back (the fragment never reaches the server).
  for (const [link, name] of [[short, "FrozenLake 4×4"], [long, "Incompressible"]]) {
    const fresh = await context.newPage();
    await fresh.goto(link);
    await expect(fresh.locator("h3.panel-title")).toContainText(name);
    await fresh.close();
  }
});

test("Back returns to the MDP a reader loaded, Forward to the preset chosen after it", async ({ page }) => {
  await open(page, "?step=expand-the-product&mdp=chain&episodes=500");
  await openEditor(page);
  await editor(page).fill(JSON.stringify({ ...EXAMPLE_SPEC, name: "Mine" }));
  // Ctrl+Enter applies, as the button does.
  await editor(page).press("Control+Enter");
  await expect(title(page)).toContainText("Mine");
  await page.getByTestId("mdp-select").selectOption("gridworld");
  await expect(title(page)).toContainText("Windy 3×3 grid");
  await page.goBack();
  await expect(title(page)).toContainText("Mine");
  await expect(page.getByTestId("mdp-select")).toHaveValue("custom");
  await page.goForward();
  await expect(title(page)).toContainText("Windy 3×3 grid");
  await page.goBack();
  await page.goBack();
  await expect(title(page)).toContainText("Slippery chain");
});

test("the same file can be chosen again after fixing it", async ({ page }, info) => {
  await open(page, "?step=causality&mdp=chain&episodes=500");
  await openEditor(page);
  const file = info.outputPath("fixed.json");
  writeFileSync(file, JSON.stringify({ ...EXAMPLE_SPEC, horizon: 0 }));
  const input = page.getByTestId("mdp-file");
  await input.setInputFiles(file);
  await expect(error(page)).toContainText("horizon");
  // The input is emptied, so choosing the same file again is a change the browser reports.
  await expect(input).toHaveValue("");
  writeFileSync(file, JSON.stringify({ ...EXAMPLE_SPEC, name: "Fixed" }));
  await input.setInputFiles(file);
  await expect(title(page)).toContainText("Fixed");
});

test("an MDP at every limit (64 states, 8 actions, d = 512, H = 1000) opens from a link on a late step; each step renders as the reader walks back to the first, γ moves, and the exact values are pgx's", async ({ page }, info) => {
  test.setTimeout(180_000);
  const mdp = largestMdp();
  const file = info.outputPath("largest.json");
  writeFileSync(file, JSON.stringify(mdp));
  const spec = deflateRawSync(Buffer.from(JSON.stringify(mdp))).toString("base64url");
  await open(page, `?step=${STEPS.at(-1)}&episodes=200#spec=${spec}`);
  await expect(title(page)).toContainText("At the limits");
  await expectExactOf(page, file);
  for (const slug of [...STEPS].reverse().slice(1)) {
    await page.getByTestId("prev-step").click();
    await expectStep(page, slug);
    // Step 4 compares frequencies of listed episodes; this MDP's cannot be listed, and it says so.
    const canvas = page.getByTestId("hero").locator("canvas").first();
    if (await canvas.count()) await expect.poll(() => inked(canvas), { message: `${slug}: the hero drew` }).toBeGreaterThan(500);
    else await expect(page.locator(".panel")).toContainText("too many possible episodes");
  }
  const before = await exactJ(page);
  expect(await setRange(page.getByTestId("gamma-slider"), 0.5)).toBe("0.5");
  await expect.poll(() => exactJ(page)).not.toBe(before);
  const report = pgxReport(file, { gamma: 0.5 });
  expect(close(Number(await exactJ(page)), report.exact.J)).toBe(true);
  await expect(page.locator(".progress")).toContainText("200 of 200", { timeout: 120_000 });
});

/** Records, from the start of the page, every "computing…" marker that ever appeared. */
async function recordPending(page) {
  await page.addInitScript(() => {
    window.__pendingSeen = new Set();
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-testid$="-pending"]')) window.__pendingSeen.add(el.dataset.testid);
    }).observe(document, { childList: true, subtree: true });
  });
  return () => page.evaluate(() => [...window.__pendingSeen].sort());
}

/** A chart's CSV rows, as numbers. */
async function csvRows(page, testid) {
  const href = await page.getByTestId(`${testid}-csv`).getAttribute("href");
  return decodeURIComponent(href.slice(href.indexOf(",") + 1)).trim().split("\n").slice(1).map((l) => l.split(",").map(Number));
}

test("at the limits, exact curves and finite differences are computed a piece at a time: the charts say computing…, then hold every point, equal to pgx's; another MDP chosen meanwhile replaces them, and a γ move recomputes them", async ({ page }, info) => {
  const mdp = largestMdp();
  const file = info.outputPath("largest.json");
  writeFileSync(file, JSON.stringify(mdp));
  const spec = deflateRawSync(Buffer.from(JSON.stringify(mdp))).toString("base64url");
  const seen = await recordPending(page);
  await open(page, `?step=objective&episodes=20#spec=${spec}`);
  // J against γ: 101 exact solves of about 3 ms each here, so more than one slice.
  await expect(page.getByTestId("chart-objective-vs-gamma-pending")).toHaveCount(0, { timeout: 30_000 });
  expect(await seen()).toContain("chart-objective-vs-gamma-pending");
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const curve = await csvRows(page, "chart-objective-vs-gamma");
  expect(curve.length).toBe(101);
  for (const gamma of [0.3, 0.99]) {
    const row = curve.find(([g]) => Math.abs(g - gamma) < 1e-12);
    const j = pgxReport(file, { gamma }).exact.J;
    expect(close(row[1], j, 1e-9), `J at γ ${gamma}: ${row[1]} against pgx ${j}`).toBe(true);
  }
  // The convergence chart has every checkpoint: full copies of the sums at these limits (2.5
  // million numbers each) left room for one, and the line was a single point.
  await expect(page.getByTestId("episodes-done")).toHaveAttribute("data-value", "20", { timeout: 60_000 });
  await expect.poll(async () => (await csvRows(page, "chart-convergence")).map((row) => row[1])).toEqual([1, 2, 5, 10, 20]);

  // Another MDP while the large one's curve is being computed: the chain's curve, complete.
  await page.reload();
  await expect(page.getByTestId("exact-J")).toHaveAttribute("data-value", /\d/);
  await page.getByTestId("mdp-select").selectOption("chain");
  await expect(title(page)).not.toContainText("At the limits");
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
  const chain = await csvRows(page, "chart-objective-vs-gamma");
  expect(chain.length).toBe(101);
  const chainJ = pgxReport("chain", { gamma: 0.5 }).exact.J;
  expect(close(chain.find(([g]) => g === 0.5)[1], chainJ, 1e-9)).toBe(true);

  // Step 2's finite differences of the shown component: computing…, then equal to dynamic
  // programming; a γ move computes them again, at the new γ.
  await page.goBack();
  await expect(title(page)).toContainText("At the limits");
  await page.getByTestId("step-gradient-under-integral").click();
  const checks = page.getByTestId("more-checks");
  if (!(await checks.evaluate((d) => d.open))) await checks.locator("summary").click();
  const routes = page.getByTestId("gradient-routes");
  const fdRow = routes.locator("tbody tr").nth(1);
  const dpRow = routes.locator("tbody tr").nth(2);
  for (const gamma of [null, 0.6]) {
    if (gamma !== null) expect(await setRange(page.getByTestId("gamma-slider"), gamma)).toBe(String(gamma));
    await expect(page.getByTestId("finite-differences-pending")).toHaveCount(0, { timeout: 30_000 });
    const fd = Number(await fdRow.locator("td").first().textContent());
    const dp = Number(await dpRow.locator("td").first().textContent());
    expect(Math.abs(fd - dp), `γ ${gamma}: finite differences ${fd}, dynamic programming ${dp}`).toBeLessThan(1e-7 * (1 + Math.abs(dp)));
  }
  expect(await seen()).toContain("finite-differences-pending");
});

test("the table editor: a teacher changes one probability of the chain on a late step; the row is flagged while it does not sum to 1, and the exact values follow once it does, at the reader's γ", async ({ page }) => {
  await open(page, "?step=causality&mdp=chain&episodes=500");
  expect(await setRange(page.getByTestId("gamma-slider"), 0.5)).toBe("0.5");
  await openEditor(page);
  const grid = page.getByTestId("mdp-grid");
  const rowError = page.getByTestId("mdp-grid-row-error");
  await expect(grid).toBeVisible();
  await expectParam(page, "gamma", "0.5");
  const before = await exactJ(page);
  // s0, right: P(s1) from 0.8 to 0.7 leaves the row at 0.9: refused by name under the row,
  // the chain still in use.
  const toS1 = page.getByTestId("cell-p-0-1-1");
  await expect(toS1).toHaveValue("0.8");
  await toS1.fill("0.7");
  await toS1.press("Tab");
  await expect(rowError).toContainText("transitions.s0.right: probabilities sum to 0.9");
  await expect(rowError).toContainText("the previous MDP stays in use");
  await expect(toS1).toHaveAttribute("aria-invalid", "true");
  expect(params(page).get("mdp")).toBe("chain");
  expect(await exactJ(page)).toBe(before);
  // Not a number: named at its cell.
  const toS0 = page.getByTestId("cell-p-0-1-0");
  await toS0.fill("abc");
  await toS0.press("Tab");
  await expect(rowError).toContainText('transitions.s0.right.s0: "abc" is not a number');
  // P(s0) = 3/10 makes the row 1 again: the edited chain is in use at the same γ, as pgx
  // computes it.
  await toS0.fill("3/10");
  await toS0.press("Tab");
  await expect(rowError).toHaveCount(0);
  await expect(page.getByTestId("mdp-grid-error")).toHaveText("");
  await expect.poll(() => exactJ(page)).not.toBe(before);
  await expect.poll(() => specInAddress(page)).not.toBeNull();
  expect(params(page).get("gamma")).toBe("0.5");
  const file = JSON.parse(specInAddress(page));
  expect(file.transitions.s0.right).toEqual({ s0: 0.3, s1: 0.7 });
  const report = pgxReport(writeTemp(file), { gamma: 0.5 });
  expect(close(Number(await exactJ(page)), report.exact.J)).toBe(true);
  // The JSON below shows the same file, and the focus went on to the next cell.
  await expect(editor(page)).toHaveValue(/"s1": 0\.7/);
  await expect(page.getByTestId("cell-p-0-1-1")).toBeFocused();
  // A reward: R(s3, right) from 1 to 2.
  const reward = page.getByTestId("cell-reward-3-1");
  await reward.fill("2");
  await reward.press("Tab");
  await expect.poll(() => specInAddress(page) && JSON.parse(specInAddress(page)).rewards.s3.right).toBe(2);
  const again = pgxReport(writeTemp(JSON.parse(specInAddress(page))), { gamma: 0.5 });
  await expect.poll(async () => close(Number(await exactJ(page)), again.exact.J)).toBe(true);
  // The horizon is not a row: its error is under the table.
  const horizon = page.getByTestId("cell-horizon");
  await horizon.fill("-1");
  await horizon.press("Tab");
  await expect(page.getByTestId("mdp-grid-error")).toContainText("horizon: must be a whole number between 1 and 1000");
});

test("the table editor leaves MDPs too large for it to the JSON, and says so", async ({ page }) => {
  await open(page, "?step=objective&mdp=frozenlake-4x4&episodes=100");
  await openEditor(page);
  await expect(page.getByTestId("mdp-grid-too-large")).toContainText("this one has 16 states and 4 actions");
  await expect(page.getByTestId("mdp-grid")).toHaveCount(0);
});

test("a 200 KB MDP file travels in a #spec= link and loads on a late step with pgx's exact values", async ({ page }, info) => {
  test.setTimeout(120_000);
  const text = JSON.stringify(featuredMdp(52));
  expect(text.length).toBeGreaterThan(195_000);
  const file = info.outputPath("featured.json");
  writeFileSync(file, text);
  const fragment = deflateRawSync(Buffer.from(text)).toString("base64url");
  await open(page, `?step=causality&episodes=100#spec=${fragment}`);
  await expect(title(page)).toContainText("Features at the limits");
  await expect.poll(() => specInAddress(page)).toBe(text);
  await expectExactOf(page, file);
  // The share box offers the offline copy for a link this long.
  await expect(page.getByTestId("long-link")).toBeAttached();
});

test("a draft typed in the JSON editor survives a move of γ: the editors follow the MDP, not the discount", async ({ page }) => {
  await open(page, "?step=causality&mdp=chain&episodes=500");
  await openEditor(page);
  const draft = (await editor(page).inputValue()).replace('"horizon": 8', '"horizon": 9');
  await editor(page).fill(draft);
  const cell = page.getByTestId("cell-p-0-1-1");
  await cell.fill("0.7");
  await cell.press("Tab");
  await expect(page.getByTestId("mdp-grid-row-error")).toContainText("probabilities sum to 0.9");
  const before = await exactJ(page);
  expect(await setRange(page.getByTestId("gamma-slider"), 0.5)).toBe("0.5");
  await expect.poll(() => exactJ(page)).not.toBe(before);
  await expect(editor(page)).toHaveValue(draft);
  await expect(cell).toHaveValue("0.7");
  await expect(page.getByTestId("mdp-grid-row-error")).toContainText("probabilities sum to 0.9");
});

test("the downloaded MDP opens as the reader left it: their γ and θ are its defaults, and loading it back shows the same exact values", async ({ page }) => {
  await open(page, "?step=baseline&mdp=discount-trap&gamma=0.35&theta=0.75");
  const before = { j: await exactJ(page), grad: await exactGrad(page) };
  await page.locator("details.mdp-editor > summary").click();
  const link = page.getByTestId("mdp-download");
  await expect(link).toHaveText("Download the MDP in use, with your γ and θ");
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("discount-trap.json");
  const text = readFileSync(await download.path(), "utf8");
  const file = JSON.parse(text);
  expect(file.gamma).toBe(0.35);
  expect(file.theta).toEqual([0.75]);
  // A reader who opens the file elsewhere starts where this one was.
  await open(page, "?step=objective&mdp=chain");
  await page.locator("details.mdp-editor > summary").click();
  await page.getByTestId("mdp-json").fill(text);
  await page.getByTestId("mdp-apply").click();
  await expect(page.getByTestId("gamma-value")).toHaveText("0.35");
  await expect.poll(() => exactJ(page)).toBe(before.j);
  expect(await exactGrad(page)).toEqual(before.grad);
});
