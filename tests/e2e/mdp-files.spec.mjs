// End-to-end tests of MDP files as people bring them (docs/mdp-files.md): Gymnasium
// transition tables, rewards that depend on the next state, files without a name, and the
// mistakes the loader must name (a key given twice, an array instead of an object). Each
// starts on a late step with another MDP in use, as a reader switches mid-derivation.
import { test, expect } from "@playwright/test";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { deflateRawSync } from "node:zlib";
import { STEPS, EXAMPLE_SPEC, failOnProblems, exactJ, exactGrad, expectStep, inked, open, params, reload, setRange, specInAddress } from "./helpers.mjs";
import { pgxReport, close } from "./pgx.mjs";
import { largestMdp } from "./mdps.mjs";

failOnProblems();

const FROZENLAKE = fileURLToPath(new URL("../../docs/frozenlake-4x4.json", import.meta.url));
const title = (page) => page.locator("h3.panel-title");
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
