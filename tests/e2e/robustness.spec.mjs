// Robustness end-to-end tests (DESIGN §7): the app stays whole under the sequences of
// actions people perform, not only one control at a time from a fresh page.
//
// - every preset to every other, on every step, by mouse and by keyboard: each switch shows
//   the new MDP, pgx's exact J, estimates of the new MDP's size within 5 standard errors;
// - MDP files of every policy size (d = 1…30, tabular and features) through the editor and
//   through `spec=`, on late steps;
// - a sweep of every preset × γ × extreme θ × step: no NaN, infinity or "undefined" in any
//   text, label or canvas;
// - a randomised interaction test: RANDOM_ACTIONS (500) actions drawn with a fixed seed
//   (RANDOM_SEED) from everything a reader can do, the state checked after each; `make fuzz`
//   runs it for RANDOM_SECONDS instead.
// Every test also fails on a console error, a page error or the crash message (helpers.mjs).
import { test, expect } from "@playwright/test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  STEPS,
  PRESETS,
  NOT_A_NUMBER,
  failOnProblems,
  card,
  open,
  setRange,
  settle,
  base64url,
} from "./helpers.mjs";
import { pgxReport, close } from "./pgx.mjs";
import { rng, randomMdp, gymnasiumTable, DIMENSIONS } from "./mdps.mjs";

failOnProblems();

const scratch = mkdtempSync(path.join(tmpdir(), "pg-e2e-"));
let files = 0;
/** pgx's report of an MDP file given as an object. */
function reportOf(mdp, options) {
  const file = path.join(scratch, `mdp-${files++}.json`);
  writeFileSync(file, JSON.stringify(mdp));
  return pgxReport(file, options);
}

const mdpSelect = (page) => page.getByTestId("mdp-select");
const done = (page) => page.getByTestId("episodes-done");
const estimateRows = (page) => page.locator('tr[data-testid^="estimate-"]');

/** Two animation frames: whatever an input set off has been drawn. */
const frames = (page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Goes to another address without a reload, as the back button does (popstate). */
async function navigateInPage(page, query) {
  await page.evaluate((q) => {
    history.pushState(null, "", q);
    dispatchEvent(new PopStateEvent("popstate"));
  }, query);
}

/**
 * Waits until `n` episodes of the MDP shown are sampled, then checks what the panel shows
 * against pgx's report of the same MDP: its name, exact J, and every estimate row with one
 * entry per parameter, within 5 standard errors of its exact mean — or, with `sameAs` (pgx
 * sampling the same seed and count), equal to pgx's Monte Carlo means: a random file can
 * have heavy tails that a few thousand episodes do not reach, so the test of convergence
 * is then that the page samples exactly what the native core samples.
 */
async function expectPanelOf(page, label, { title, report, n, sameAs = false }) {
  await expect(page.locator("h3.panel-title"), `${label}: the panel names the MDP`).toContainText(title);
  await expect(page.getByTestId("exact-J"), `${label}: exact J`).toHaveAttribute("data-value", /./);
  const j = Number(await page.getByTestId("exact-J").getAttribute("data-value"));
  expect(close(j, report.exact.J), `${label}: exact J ${j}, pgx ${report.exact.J}`).toBe(true);
  await expect(done(page), `${label}: episodes sampled`).toHaveAttribute("data-value", String(n), { timeout: 30_000 });
  const rows = await estimateRows(page).evaluateAll((rs) =>
    rs.map((r) => ({
      id: r.dataset.testid.replace(/^estimate-/, ""),
      mean: (r.dataset.value ?? "").split(",").map(Number),
      stderr: (r.dataset.stderr ?? "").split(",").map(Number),
    })),
  );
  const d = report.exact.grad.length;
  const off = [];
  const mc = report.monte_carlo;
  for (const row of rows) {
    const exact =
      row.id === "J" ? [report.exact.J] : row.id === "no_discount_weight" ? report.exact.no_discount_weight : report.exact.grad;
    const native = row.id === "J" ? [mc.J.mean] : mc[row.id].mean;
    if (row.mean.length !== (row.id === "J" ? 1 : d)) off.push(`${row.id}: ${row.mean.length} entries, not ${d}`);
    row.mean.forEach((m, i) => {
      const se = row.stderr[i];
      if (sameAs) {
        if (!close(m, native[i])) off.push(`${row.id}[${i}]: page ${m}, pgx ${native[i]}`);
      } else if (!(Number.isFinite(m) && Number.isFinite(se) && Math.abs(m - exact[i]) <= Math.max(5 * se, 1e-9))) {
        off.push(`${row.id}[${i}]: ${m} ± ${se}, exact ${exact[i]}`);
      }
    });
  }
  expect(off, `${label}: estimates of the MDP shown, ${sameAs ? "equal to pgx's" : "within 5 standard errors"}`).toEqual([]);
}

/**
 * An order of the presets that moves from each to every other exactly once (an Euler
 * circuit of the complete directed graph): 20 switches.
 */
function everySwitch(ids) {
  const unused = new Map(ids.map((a) => [a, ids.filter((b) => b !== a)]));
  const stack = [ids[0]];
  const circuit = [];
  while (stack.length) {
    const at = stack[stack.length - 1];
    const next = unused.get(at);
    if (next.length) stack.push(next.shift());
    else circuit.push(stack.pop());
  }
  return circuit.reverse();
}

// ---------------------------------------------------------------- preset to preset, every step

const SWITCH_EPISODES = 2000;
const presetReports = Object.fromEntries(PRESETS.map((id) => [id, pgxReport(id)]));

for (const [index, slug] of STEPS.entries()) {
  test(`${slug}: switching from every MDP to every other keeps the page whole`, async ({ page }) => {
    test.setTimeout(240_000);
    const order = everySwitch(PRESETS);
    await open(page, `?step=${slug}&mdp=${order[0]}&episodes=${SWITCH_EPISODES}`);
    const titles = Object.fromEntries(
      await mdpSelect(page).locator("option").evaluateAll((os) => os.map((o) => [o.value, o.textContent])),
    );
    for (const [k, id] of order.entries()) {
      if (k === 0) continue;
      // Alternate mouse and keyboard, as people do; keys step through the options between.
      if ((k + index) % 2 === 0) {
        await mdpSelect(page).selectOption(id);
      } else {
        const from = PRESETS.indexOf(order[k - 1]);
        const to = PRESETS.indexOf(id);
        await mdpSelect(page).focus();
        for (let i = 0; i < Math.abs(to - from); i++) await page.keyboard.press(to > from ? "ArrowDown" : "ArrowUp");
      }
      await expect(mdpSelect(page)).toHaveValue(id);
      await expect(card(page)).toHaveAttribute("data-slug", slug);
      await expectPanelOf(page, `${slug}, ${order[k - 1]} → ${id}`, {
        title: titles[id],
        report: presetReports[id],
        n: SWITCH_EPISODES,
      });
    }
  });
}

/** Opens a closed <details> around `selector`, as a reader clicks its summary. */
async function reveal(page, selector) {
  const details = page.locator(`details:has(${selector})`).first();
  if ((await details.count()) && !(await details.evaluate((d) => d.open))) {
    await details.locator("> summary").click();
    await frames(page);
  }
}

test("after switching MDPs every θ control is there to use, sliders and number fields alike", async ({ page }) => {
  await open(page, "?mdp=chain");
  for (const id of ["gridworld", "chain", "bandit", "corridor", "gridworld", "discount-trap", "chain"]) {
    await mdpSelect(page).selectOption(id);
    const d = presetReports[id].exact.grad.length;
    const inputs = page.locator('input[data-testid^="theta-"]');
    await expect(inputs).toHaveCount(d);
    await reveal(page, 'input[data-testid="theta-0"]');
    for (let i = 0; i < d; i++) await expect(inputs.nth(i), `${id}: θ[${i}]`).toBeVisible();
    // Typing into the last one changes θ there, and only there.
    const last = inputs.nth(d - 1);
    if ((await last.getAttribute("type")) === "number") {
      await last.fill("1.5");
      await last.press("Tab");
      await expect.poll(() => new URL(page.url()).searchParams.get("theta")).toBe([...Array(d - 1).fill(0), 1.5].join(","));
    }
  }
});

// ---------------------------------------------------------------- files of every size

const LATE_STEPS = STEPS.slice(1);

test("MDP files of every policy size, tabular and with features, app format and Gymnasium tables, load through the editor on late steps", async ({ page }) => {
  test.setTimeout(300_000);
  const random = rng(7);
  await open(page, `?step=causality&mdp=discount-trap&episodes=${SWITCH_EPISODES}`);
  for (const tabular of [false, true]) {
    for (const dim of DIMENSIONS) {
      const mdp = randomMdp(random, { dim, tabular });
      const label = `${mdp.name}, editor`;
      // Move to another late step now and then, as a reader does between files.
      if (dim % 5 === 0) {
        await page.getByTestId(`step-${random.pick(LATE_STEPS)}`).click();
      }
      await reveal(page, '[data-testid="mdp-json"]');
      // Every other tabular file is pasted as the same MDP's Gymnasium transition table.
      const form = tabular && dim % 2 ? gymnasiumTable(mdp) : mdp;
      await page.getByTestId("mdp-json").fill(JSON.stringify(form));
      await page.getByTestId("mdp-apply").click();
      await expect(page.getByTestId("mdp-error"), label).toHaveText("");
      await expect(mdpSelect(page)).toHaveValue("custom");
      const report = reportOf(mdp, { episodes: SWITCH_EPISODES, seed: 1 });
      await expectPanelOf(page, label, { title: mdp.name, report, n: SWITCH_EPISODES, sameAs: true });
    }
  }
});

test("MDP files of every policy size load through spec= on late steps, one address after another", async ({ page }) => {
  test.setTimeout(300_000);
  const random = rng(8);
  await open(page, `?step=training&episodes=${SWITCH_EPISODES}`);
  for (const tabular of [true, false]) {
    for (const dim of DIMENSIONS) {
      const mdp = randomMdp(random, { dim, tabular, name: `Linked ${tabular ? "tabular" : "feature"} d=${dim}` });
      const slug = random.pick(LATE_STEPS);
      await navigateInPage(page, `?step=${slug}&spec=${base64url(JSON.stringify(mdp))}&episodes=${SWITCH_EPISODES}`);
      await expect(card(page)).toHaveAttribute("data-slug", slug);
      const report = reportOf(mdp, { episodes: SWITCH_EPISODES, seed: 1 });
      await expectPanelOf(page, `${mdp.name} on ${slug}`, { title: mdp.name, report, n: SWITCH_EPISODES, sameAs: true });
      await expect(page.getByTestId("notice")).toHaveCount(0);
    }
  }
});

// ---------------------------------------------------------------- no NaN anywhere

/** Every text, label and value text of the page that reads NaN, infinity or undefined. */
function unreadable(page) {
  return page.evaluate((source) => {
    const bad = new RegExp(source);
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement?.closest("script, style, .katex-mathml")) continue;
      if (bad.test(n.textContent)) found.push(`text: ${n.textContent.trim().slice(0, 120)}`);
    }
    for (const el of document.querySelectorAll("[aria-label], [aria-valuetext], [title], [data-value]")) {
      for (const name of ["aria-label", "aria-valuetext", "title", "data-value"]) {
        const v = el.getAttribute(name);
        if (v !== null && bad.test(v)) found.push(`${name} of ${el.dataset.testid ?? el.tagName}: ${v.slice(0, 120)}`);
      }
    }
    return found;
  }, NOT_A_NUMBER.source);
}

test("every preset × γ ∈ {0, 0.5, 1} × θ ∈ {0, +50, −50, ±50} on every step: no NaN, infinity or undefined anywhere", async ({ page }) => {
  test.setTimeout(600_000);
  const n = 300;
  await open(page, `?episodes=${n}`);
  const found = [];
  let views = 0;
  for (const id of PRESETS) {
    const d = presetReports[id].exact.grad.length;
    const thetas = {
      0: Array(d).fill(0),
      "+50": Array(d).fill(50),
      "-50": Array(d).fill(-50),
      "±50": Array.from({ length: d }, (_, i) => (i % 2 ? -50 : 50)),
    };
    for (const gamma of [0, 0.5, 1]) {
      for (const [name, theta] of Object.entries(thetas)) {
        for (const slug of STEPS) {
          await navigateInPage(page, `?step=${slug}&mdp=${id}&gamma=${gamma}&theta=${theta.join(",")}&episodes=${n}`);
          await expect(card(page)).toHaveAttribute("data-slug", slug);
          await expect(done(page)).toHaveAttribute("data-value", String(n), { timeout: 60_000 });
          await frames(page);
          views += 1;
          for (const f of await unreadable(page)) found.push(`${id}, γ ${gamma}, θ ${name}, ${slug}: ${f}`);
        }
      }
    }
  }
  expect(found).toEqual([]);
  console.log(`no-NaN sweep: ${views} views clean`);
});

// ---------------------------------------------------------------- randomised interactions

const ACTIONS = Number(process.env.RANDOM_ACTIONS || 500);
const SECONDS = Number(process.env.RANDOM_SECONDS || 0);
const SEED = Number(process.env.RANDOM_SEED || 20261130);

/**
 * What the page shows, read in the page, against what its address says: the step, the
 * MDP, γ, θ, episodes, seed, theme; the estimates belong to the MDP shown. Returns the
 * differences (none when consistent).
 */
function inconsistencies(page) {
  return page.evaluate(() => {
    const q = new URLSearchParams(location.search);
    const byId = (id) => document.querySelector(`[data-testid="${id}"]`);
    const out = [];
    const slug = byId("step-card")?.dataset.slug;
    if (slug !== q.get("step")) out.push(`step: card ${slug}, address ${q.get("step")}`);
    const current = document.querySelector('nav.toc [aria-current="step"]')?.dataset.testid;
    if (current !== `step-${slug}`) out.push(`step list marks ${current}, card ${slug}`);
    const select = byId("mdp-select")?.value;
    const inFragment = new URLSearchParams(location.hash.slice(1)).has("spec");
    const mdp = q.has("spec") || inFragment ? "custom" : q.get("mdp") ?? "chain";
    if (select !== mdp) out.push(`mdp: selector ${select}, address ${mdp}`);
    if (q.has("gamma")) {
      const slider = Number(byId("gamma-slider")?.value);
      if (!(Math.abs(slider - Number(q.get("gamma"))) <= 0.005 + 1e-9)) out.push(`gamma: slider ${slider}, address ${q.get("gamma")}`);
    }
    const grad = byId("exact-grad")?.dataset.value?.split(",") ?? [];
    const thetaInputs = [...document.querySelectorAll('input[data-testid^="theta-"]')];
    if (thetaInputs.length !== grad.length) out.push(`θ: ${thetaInputs.length} controls, ∇J has ${grad.length} entries`);
    if (q.has("theta")) {
      const theta = q.get("theta").split(",").map(Number);
      if (theta.length !== thetaInputs.length) out.push(`θ: address has ${theta.length}, page ${thetaInputs.length}`);
      thetaInputs.forEach((input, i) => {
        if (input.getAttribute("aria-invalid") === "true") {
          if (!document.getElementById(`${input.id}-error`)?.textContent) out.push(`θ[${i}]: marked invalid without a message`);
          return;
        }
        const shown = Number(input.value);
        const step = input.type === "range" ? 0.05 + 1e-9 : 1e-9;
        const wanted = input.type === "range" ? Math.max(-10, Math.min(10, theta[i])) : theta[i];
        if (!(Math.abs(shown - wanted) <= step)) out.push(`θ[${i}]: control ${shown}, address ${theta[i]}`);
      });
    }
    // A field holding a bad entry says so beside itself and keeps the last good value in use.
    for (const [id, key, fallback] of [["episodes-input", "episodes", "100000"], ["seed-input", "seed", "1"]]) {
      const field = byId(id);
      const invalid = field?.getAttribute("aria-invalid") === "true";
      if (invalid && !document.getElementById(`${id}-error`)?.textContent) out.push(`${key}: marked invalid without a message`);
      if (!invalid && field?.value !== (q.get(key) ?? fallback)) out.push(`${key}: field ${field?.value}, address ${q.get(key)}`);
    }
    const theme = byId("theme-select")?.value;
    if (theme !== (q.get("theme") ?? "auto")) out.push(`theme: selector ${theme}, address ${q.get("theme")}`);
    // The test's browser prefers English.
    const lang = q.get("lang") ?? "en";
    const langSelect = byId("lang-select")?.value;
    if (langSelect !== lang) out.push(`lang: selector ${langSelect}, address ${q.get("lang")}`);
    if (document.documentElement.lang !== lang) out.push(`lang: <html lang="${document.documentElement.lang}">, address ${q.get("lang")}`);
    if (document.body.textContent.includes("⟦")) out.push("a missing message");
    for (const row of document.querySelectorAll('tr[data-testid^="estimate-"]')) {
      if (row.dataset.testid === "estimate-J" || row.dataset.value === undefined) continue;
      const n = row.dataset.value.split(",").length;
      if (n !== grad.length) out.push(`${row.dataset.testid}: ${n} entries, ∇J ${grad.length}`);
    }
    if (byId("notice")) out.push(`a notice: ${byId("notice").textContent.slice(0, 200)}`);
    if (byId("crash")) out.push("the crash message");
    return out;
  });
}

/** Everything a reader can do, each a function of (page, random); returns a short name. */
const actions = {
  async mdpByMouse(page, random) {
    await mdpSelect(page).selectOption(random.pick(PRESETS));
  },
  async mdpByKeys(page, random) {
    await mdpSelect(page).focus();
    for (let i = random.int(1, 3); i > 0; i--) await page.keyboard.press(random.pick(["ArrowDown", "ArrowUp"]));
  },
  async gammaDrag(page, random) {
    const slider = page.getByTestId("gamma-slider");
    let g = random();
    for (let i = random.int(1, 12); i > 0; i--) {
      g = Math.max(0, Math.min(1, g + (random() - 0.5) * 0.2));
      await setRange(slider, g.toFixed(2));
    }
  },
  async gammaKeys(page, random) {
    await page.getByTestId("gamma-slider").focus();
    for (let i = random.int(1, 4); i > 0; i--) {
      await page.keyboard.press(random.pick(["ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"]));
    }
  },
  async theta(page, random) {
    const inputs = page.locator('input[data-testid^="theta-"]');
    const count = await inputs.count();
    if (!count) return;
    const i = random.int(0, count - 1);
    await reveal(page, `input[data-testid="theta-${i}"]`);
    const input = inputs.nth(i);
    if ((await input.getAttribute("type")) === "range") {
      await setRange(input, (random() * 20 - 10).toFixed(1));
    } else {
      // A number field takes only numbers as keys; out of range and empty are what can go wrong.
      await input.fill(random.pick([`${random.int(-100, 100) / 4}`, "150", "1e9", "", "-0", "-100.5"]));
      await input.press("Tab");
    }
  },
  async episodes(page, random) {
    await page.getByTestId("episodes-input").fill(random.pick(["100", "1000", "5000", "30000", "0", "abc", "-5", "99999999999"]));
    await page.getByTestId("episodes-input").press("Tab");
  },
  async seed(page, random) {
    await page.getByTestId("seed-input").fill(random.pick([`${random.int(0, 1e6)}`, "18446744073709551615", "x", "-1"]));
    await page.getByTestId("seed-input").press("Tab");
  },
  async pauseResume(page) {
    await page.getByTestId("pause-button").click();
  },
  async stepList(page, random) {
    await page.getByTestId(`step-${random.pick(STEPS)}`).click();
  },
  async prevNext(page, random) {
    const button = page.getByTestId(random.pick(["prev-step", "next-step"]));
    if (await button.isEnabled()) await button.click();
  },
  async arrowKeys(page, random) {
    await page.locator("h2#step-title").focus();
    await page.keyboard.press(random.pick(["ArrowLeft", "ArrowRight"]));
  },
  async theme(page, random) {
    await page.getByTestId("theme-select").selectOption(random.pick(["auto", "light", "dark"]));
  },
  async language(page, random) {
    await page.getByTestId("lang-select").selectOption(random.pick(["en", "ko"]));
  },
  async editorGoodFile(page, random) {
    await reveal(page, '[data-testid="mdp-json"]');
    const mdp = randomMdp(random, { dim: random.int(1, 30), tabular: random() < 0.5 });
    await page.getByTestId("mdp-json").fill(JSON.stringify(mdp, null, random() < 0.5 ? 2 : 0));
    // The button, or Ctrl+Enter in the editor.
    if (random() < 0.5) await page.getByTestId("mdp-apply").click();
    else await page.getByTestId("mdp-json").press("Control+Enter");
  },
  async editorBadFile(page, random) {
    await reveal(page, '[data-testid="mdp-json"]');
    const mdp = randomMdp(random, { dim: random.int(1, 6), tabular: true });
    const broken = random.pick([
      () => "{ not json",
      () => JSON.stringify({ ...mdp, horizon: 0 }),
      () => JSON.stringify({ ...mdp, start: { nowhere: 1 } }),
      () => JSON.stringify({ ...mdp, theta: [1, 2, 3, 4, 5, 6, 7, 8, 9] }),
      () => "",
    ])();
    await page.getByTestId("mdp-json").fill(broken);
    await page.getByTestId("mdp-apply").click();
    await expect(page.getByTestId("mdp-error")).not.toHaveText("");
  },
  async tableEdit(page, random) {
    await reveal(page, '[data-testid="mdp-file"]');
    // Any cell of the table editor (none for an MDP too large for it).
    const cells = page.locator('input[data-testid^="cell-"]');
    const count = await cells.count();
    if (!count) return;
    const cell = cells.nth(random.int(0, count - 1));
    await cell.fill(random.pick(["0", "0.5", "1", "1/3", "0.25", "-1", "abc", "", "2", "1/0", "12"]));
    await cell.press("Tab");
  },
  async fileInput(page, random) {
    await reveal(page, '[data-testid="mdp-file"]');
    const good = random() < 0.7;
    const mdp = randomMdp(random, { dim: random.int(1, 12), tabular: random() < 0.5 });
    // Tabular MDPs arrive as a Gymnasium transition table half the time.
    const form = mdp.features === undefined && random() < 0.5 ? gymnasiumTable(mdp) : mdp;
    const text = (random() < 0.3 ? "\ufeff" : "") + (good ? JSON.stringify(form) : JSON.stringify(form).slice(0, 40));
    await page.getByTestId("mdp-file").setInputFiles({ name: "mdp.json", mimeType: "application/json", buffer: Buffer.from(text) });
    // The file is read asynchronously: wait for its outcome before the next action.
    if (good) await expect(page.locator("h3.panel-title")).toContainText(mdp.name);
    else await expect(page.getByTestId("mdp-error")).not.toHaveText("");
  },
  async copy(page, random) {
    const button = page.getByTestId(random.pick(["copy-link", "copy-embed"]));
    await button.click();
    await expect(page.getByTestId("copy-status")).not.toHaveText("");
  },
  async history(page, random) {
    const back = random() < 0.6;
    await page.evaluate((back) => {
      // Never back past the page's first entry (that would leave the app).
      const n = window.navigation;
      if (back ? n.canGoBack && n.currentEntry.index > window.__firstEntry : n.canGoForward) {
        if (back) history.back();
        else history.forward();
      }
    }, back);
  },
  async embedOptions(page, random) {
    const first = random.int(0, STEPS.length - 1);
    const last = random.int(0, STEPS.length - 1);
    await page.getByTestId("embed-first").selectOption(String(first));
    await page.getByTestId("embed-last").selectOption(String(last));
    const controls = random.pick(["all", "gamma", "none"]);
    await page.getByTestId("embed-controls").selectOption(controls);
    // The snippet shows what was chosen: a range in order, the controls, embed mode.
    const src = (await page.getByTestId("embed-code").inputValue()).match(/src="([^"]+)"/)[1].replace(/&amp;/g, "&");
    const q = new URL(src).searchParams;
    const [a, b] = q.get("steps").split("..").map((slug) => STEPS.indexOf(slug));
    expect(a).toBeLessThanOrEqual(b);
    expect([a, b]).toContain(last);
    expect(q.get("controls") ?? "all").toBe(controls);
    expect(q.get("embed")).toBe("1");
  },
  async embedPreview(page) {
    await page.locator("details.embed-preview > summary").click();
  },
  async offlineCopy(page) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-offline").click()]);
    expect(download.suggestedFilename()).toMatch(/^policy-gradient-[a-z-]+\.html$/);
    await download.cancel().catch(() => {});
  },
  async reset(page) {
    await page.getByTestId("reset-button").click();
  },
  async mdpTable(page) {
    await page.locator("details.mdp-table > summary").click();
  },
  async moreChecks(page) {
    // Steps whose hero says it all have none.
    const summary = page.locator('[data-testid="more-checks"] > summary');
    if (await summary.count()) await summary.click();
  },
  async anotherEpisode(page) {
    // Step 8's timeline: go there first if elsewhere.
    if ((await page.getByTestId("another-episode").count()) === 0) {
      await page.getByTestId("step-reward-to-go").click();
      await expect(card(page)).toHaveAttribute("data-slug", "reward-to-go");
    }
    const before = await page.getByTestId("timeline-summary").textContent();
    await page.getByTestId("another-episode").click();
    await expect(page.getByTestId("timeline-summary")).not.toHaveText("");
    return before;
  },
  async replay(page, random) {
    // Step 1's episode replay: go there first if elsewhere.
    if ((await page.getByTestId("replay-play").count()) === 0) {
      await page.getByTestId("step-objective").click();
      await expect(card(page)).toHaveAttribute("data-slug", "objective");
    }
    const button = random.pick(["replay-play", "replay-step", "replay-another"]);
    const control = page.getByTestId(button);
    if (await control.isEnabled()) await control.click();
    await expect(page.getByTestId("chart-episode-replay")).toHaveAttribute("data-value", /^\d+\/\d+$/);
  },
  async scrub(page, random) {
    // Step 7's scrubber over the episodes; it shows once a checkpoint has been merged.
    if ((await page.getByTestId("cross-terms").count()) === 0 || (await page.getByTestId("replay-play").count()) > 0) {
      await page.getByTestId("step-causality").click();
      await expect(card(page)).toHaveAttribute("data-slug", "causality");
    }
    const scrubber = page.getByTestId("cross-terms-episodes");
    if ((await scrubber.count()) === 0) return;
    const max = Number(await scrubber.getAttribute("max"));
    await setRange(scrubber, random.int(0, max));
    await expect(page.getByTestId("cross-terms")).toHaveAttribute("data-episodes", /^\d+$/);
  },
  async resize(page, random) {
    const width = random.pick([320, 640, 1024, 1280]);
    await page.setViewportSize({ width, height: random.pick([700, 900]) });
  },
  async reload(page) {
    await settle(page);
    await page.reload();
    await expect(card(page)).toBeVisible();
    await page.evaluate(() => (window.__firstEntry = window.navigation.currentEntry.index));
  },
};

/** How often each action is drawn, relative to the others. */
const WEIGHTS = {
  mdpByMouse: 6, mdpByKeys: 4, gammaDrag: 8, gammaKeys: 4, theta: 6, episodes: 3, seed: 3,
  pauseResume: 4, stepList: 8, prevNext: 5, arrowKeys: 5, theme: 2, language: 3, editorGoodFile: 4,
  editorBadFile: 2, tableEdit: 4, fileInput: 3, copy: 2, history: 6, reset: 2, mdpTable: 1, resize: 2, reload: 1,
  embedOptions: 2, embedPreview: 1, offlineCopy: 1, moreChecks: 3, anotherEpisode: 2, replay: 3, scrub: 2,
};

test(`randomised interactions: ${SECONDS ? `${SECONDS} s` : `${ACTIONS} actions`} from seed ${SEED}, the page consistent after each`, async ({ page, context }) => {
  test.setTimeout(SECONDS ? (SECONDS + 120) * 1000 : 900_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]).catch(() => {});
  // A control that cannot be used fails fast, with the actions that led there.
  page.setDefaultTimeout(10_000);
  const random = rng(SEED);
  const bag = Object.entries(WEIGHTS).flatMap(([name, w]) => Array(w).fill(name));
  await open(page, "?episodes=5000");
  await page.evaluate(() => (window.__firstEntry = window.navigation.currentEntry.index));
  const counts = {};
  const started = Date.now();
  let k = 0;
  const trail = [];
  for (; SECONDS ? Date.now() - started < SECONDS * 1000 : k < ACTIONS; k++) {
    const name = random.pick(bag);
    trail.push(name);
    counts[name] = (counts[name] ?? 0) + 1;
    try {
      await actions[name](page, random);
      await frames(page);
      // The address follows in-place changes after a short pause (src/browser.rs).
      await expect.poll(() => inconsistencies(page), { timeout: 5_000, intervals: [50, 100, 250] }).toEqual([]);
    } catch (error) {
      throw new Error(`after action ${k + 1} (${name}); the last ones: ${trail.slice(-12).join(", ")}\n${error.message}`);
    }
  }
  console.log(`randomised interactions: ${k} actions from seed ${SEED} in ${((Date.now() - started) / 1000).toFixed(0)} s, clean; ${JSON.stringify(counts)}`);
});
