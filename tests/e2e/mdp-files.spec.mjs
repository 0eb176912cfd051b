// End-to-end tests of MDP files as people bring them (docs/mdp-files.md): Gymnasium
// transition tables, rewards that depend on the next state, files without a name, and the
// mistakes the loader must name (a key given twice, an array instead of an object). Each
// starts on a late step with another MDP in use, as a reader switches mid-derivation.
import { test, expect } from "@playwright/test";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { EXAMPLE_SPEC, failOnProblems, exactJ, exactGrad, open, params, reload } from "./helpers.mjs";
import { pgxReport, close } from "./pgx.mjs";

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
  await expect.poll(() => params(page).get("spec")).not.toBeNull();
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
