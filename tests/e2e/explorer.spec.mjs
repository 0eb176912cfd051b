// End-to-end tests of the derivation explorer (DESIGN §2, §4.2, §4.5): stepping
// with keys, buttons and the table of contents, deep links, the URL round trip
// of every control, sharing, embed mode, bad URL values, the theme and 320 px.
import { test, expect } from "@playwright/test";
import {
  EXAMPLE_SPEC,
  STEPS,
  REGISTRY,
  PRESETS,
  failOnProblems,
  card,
  heading,
  toc,
  tocLinks,
  exactJ,
  exactGrad,
  thetaInputs,
  open,
  params,
  expectParam,
  expectStep,
  setRange,
  setNumber,
  setTheta,
  goto,
  reload,
  pageBackground,
  contrast,
  base64url, specInAddress } from "./helpers.mjs";

failOnProblems();

const prev = (page) => page.getByTestId("prev-step");
const next = (page) => page.getByTestId("next-step");
const gammaSlider = (page) => page.getByTestId("gamma-slider");
const mdpSelect = (page) => page.getByTestId("mdp-select");
const themeSelect = (page) => page.getByTestId("theme-select");

/** Steps with a tip, and how the tip's text starts (DESIGN §2). */
const TIPS = { "log-derivative-trick": "[1]", "markov-factorisation": "[2]", causality: "[3]" };

/** Exact values from `pgx report` (DESIGN §4.3) of the same core. */
const CHAIN_J = -0.05596780859374996; // chain, γ 0.9, θ 0
const TRAP_J = 1.375; // discount-trap, γ 0.5, θ 0
const TRAP_GRAD = 0.0625;
const TRAP_J_075_05 = 2.9059482673030717; // discount-trap, γ 0.75, θ 0.5
/** DESIGN §4.1's example file (helpers.mjs); its J at its own defaults (γ 0.9, θ 0) follows. */
const EXAMPLE_J = 0.5879070695475752;

/** The γ slider's value, as a number (a range input serialises 0.90 as "0.9"). */
const gammaOf = async (page) => Number(await gammaSlider(page).inputValue());

/** Same page: equal paths, up to an explicit index.html. */
const samePath = (a, b) => a.replace(/index\.html$/, "") === b.replace(/index\.html$/, "");

/** The step is shown properly: KaTeX display math, no KaTeX error, the heading. */
async function expectRendered(page) {
  expect(await card(page).locator(".katex-display .katex-mathml math").count()).toBeGreaterThanOrEqual(1);
  await expect(page.locator(".katex-error")).toHaveCount(0);
  await expect(heading(page)).toHaveAttribute("tabindex", "-1");
  await expect(heading(page)).not.toHaveText("");
}

/** After a move, the current step is `slug` and focus is on its heading. */
async function expectMovedTo(page, slug) {
  await expectStep(page, slug);
  await expect(heading(page)).toBeFocused();
  await expectRendered(page);
}

// ---------------------------------------------------------------- stepping

test("the table of contents lists the 11 steps in order, in two labelled groups", async ({ page }) => {
  await open(page);
  await expect(tocLinks(page)).toHaveCount(STEPS.length);
  const ids = await tocLinks(page).evaluateAll((links) => links.map((a) => a.dataset.testid));
  expect(ids).toEqual(STEPS.map((s) => `step-${s}`));
  // Only the current step is marked.
  await expect(page.getByTestId("step-objective")).toHaveAttribute("aria-current", "step");
  await expect(toc(page).locator("[aria-current]")).toHaveCount(1);

  // "The derivation" comes before step 1, "Beyond the derivation" between steps 8 and 9
  // (as text in the nav, or as an aria-label of a group in it).
  const order = await toc(page).evaluate((nav) => {
    const labels = ["The derivation", "Beyond the derivation"];
    const out = [];
    const walker = document.createTreeWalker(nav, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = walker.currentNode; n; n = walker.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) {
        const t = n.textContent.trim();
        if (labels.includes(t)) out.push(`label:${t}`);
      } else {
        const a = n.getAttribute("aria-label");
        if (labels.includes(a)) out.push(`label:${a}`);
        if (n.matches('a[data-testid^="step-"]')) out.push(n.dataset.testid);
      }
    }
    return out;
  });
  const at = (token) => order.indexOf(token);
  expect(at("label:The derivation"), order.join(" ")).toBeGreaterThanOrEqual(0);
  expect(at("label:The derivation")).toBeLessThan(at("step-objective"));
  expect(at("label:Beyond the derivation"), order.join(" ")).toBeGreaterThan(at("step-reward-to-go"));
  expect(at("label:Beyond the derivation")).toBeLessThan(at("step-dropping-gamma-t"));
});

test("Next and Previous walk through every step and move focus to its heading", async ({ page }) => {
  test.slow();
  await open(page);
  await expectStep(page, "objective");
  await expectRendered(page);
  await expect(prev(page)).toBeDisabled();
  await expect(next(page)).toBeEnabled();
  for (const slug of STEPS.slice(1)) {
    await next(page).click();
    await expectMovedTo(page, slug);
    await expect(prev(page)).toBeEnabled();
  }
  await expect(next(page)).toBeDisabled();
  for (const slug of STEPS.slice(0, -1).reverse()) {
    await prev(page).click();
    await expectMovedTo(page, slug);
    await expect(next(page)).toBeEnabled();
  }
  await expect(prev(page)).toBeDisabled();
});

test("ArrowRight and ArrowLeft step forwards and back, and stop at the ends", async ({ page }) => {
  test.slow();
  await open(page);
  await page.keyboard.press("ArrowLeft");
  await expectStep(page, "objective");
  for (const slug of STEPS.slice(1)) {
    await page.keyboard.press("ArrowRight");
    await expectMovedTo(page, slug);
  }
  await page.keyboard.press("ArrowRight");
  await expectStep(page, "training");
  await page.keyboard.press("ArrowLeft");
  await expectMovedTo(page, "baseline");
  await page.keyboard.press("ArrowLeft");
  await expectMovedTo(page, "dropping-gamma-t");
});

test("arrow keys in an input change the input, not the step", async ({ page }) => {
  await open(page, "?step=causality");
  await expectStep(page, "causality");
  // The γ slider takes the arrow keys.
  await gammaSlider(page).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("gamma-value")).toHaveText("0.91");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("gamma-value")).toHaveText("0.89");
  await expect(card(page)).toHaveAttribute("data-slug", "causality");
  // So do the number inputs (the caret moves).
  for (const id of ["seed-input", "episodes-input"]) {
    await page.getByTestId(id).focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await expect(card(page)).toHaveAttribute("data-slug", "causality");
  }
  // The embed code's textarea too.
  await page.getByTestId("embed-code").focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowLeft");
  await expect(card(page)).toHaveAttribute("data-slug", "causality");
  await expectParam(page, "step", "causality");
});

test("each link of the table of contents goes to its step", async ({ page }) => {
  test.slow();
  await open(page);
  // Out of order, both directions.
  for (const slug of ["markov-factorisation", "training", "objective", "causality", "gradient-under-integral", "dropping-gamma-t"]) {
    await page.getByTestId(`step-${slug}`).click();
    await expectMovedTo(page, slug);
  }
  for (const slug of STEPS) {
    await page.getByTestId(`step-${slug}`).click();
    await expectMovedTo(page, slug);
  }
});

for (const [width, height] of [[1280, 900], [1024, 768]]) {
  test(`at ${width}×${height}, after each step change the step's first equation and its hero picture are in view`, async ({ page }) => {
    test.slow();
    await page.setViewportSize({ width, height });
    await open(page, "?mdp=chain&episodes=2000");
    /** Whether the element lies wholly inside the window. */
    const inView = async (locator) => {
      const box = await locator.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= height;
    };
    for (const slug of STEPS.slice(1)) {
      // Next sits under the step: the reader has scrolled down to it.
      await next(page).scrollIntoViewIfNeeded();
      await next(page).click();
      await expectStep(page, slug);
      const equation = card(page).locator(".katex-display").first();
      const hero = page.getByTestId("hero").locator("canvas").first();
      await expect.poll(() => inView(equation), { message: `${slug}: the first equation` }).toBe(true);
      await expect.poll(() => inView(hero), { message: `${slug}: the hero picture` }).toBe(true);
    }
  });
}

test("tips appear on steps 3, 4 and 7 only, marked [1], [2], [3]; In code boxes from step 3 on", async ({ page }) => {
  test.slow();
  await open(page);
  for (const [i, slug] of STEPS.entries()) {
    await page.getByTestId(`step-${slug}`).click();
    await expectStep(page, slug);
    // "In code": NumPy lines with the changed one marked, from step 3 on (the registry says which).
    const code = card(page).getByTestId("in-code");
    if (REGISTRY.steps[i].in_code) {
      await expect(code, slug).toBeVisible();
      await expect(code.locator("pre code"), slug).toContainText("←");
      await expect(code.locator("pre code"), slug).toContainText(/np\.|theta|scores/);
    } else {
      await expect(code, slug).toHaveCount(0);
    }
    const tips = card(page).locator('aside[data-testid="tip"]');
    if (TIPS[slug]) {
      await expect(tips).toHaveCount(1);
      await expect(tips).toBeVisible();
      expect((await tips.innerText()).trim().startsWith(TIPS[slug]), `${slug}: ${await tips.innerText()}`).toBe(true);
    } else {
      await expect(page.locator('aside[data-testid="tip"]'), slug).toHaveCount(0);
    }
  }
});

test("every step after the first marks the term that changed, in words", async ({ page }) => {
  test.slow();
  await open(page);
  for (const slug of STEPS.slice(1)) {
    await page.getByTestId(`step-${slug}`).click();
    await expectStep(page, slug);
    const changed = card(page).locator('[data-testid="changed"]');
    expect(await changed.count(), slug).toBeGreaterThanOrEqual(1);
    await expect(changed.first(), slug).toBeVisible();
    // Not by colour alone: the label has text of its own.
    expect((await changed.first().innerText()).trim().length, slug).toBeGreaterThan(0);
  }
});

test("a deep link opens its step, in the middle and at the ends", async ({ page }) => {
  await open(page, "?step=causality");
  await expectStep(page, "causality");
  await expectRendered(page);
  await expect(prev(page)).toBeEnabled();
  await expect(next(page)).toBeEnabled();
  await expect(card(page).locator('aside[data-testid="tip"]')).toContainText("[3]");

  await open(page, "?step=training");
  await expectStep(page, "training");
  await expect(next(page)).toBeDisabled();
  await expect(prev(page)).toBeEnabled();
  await prev(page).click();
  await expectMovedTo(page, "baseline");

  await open(page, "?step=objective&mdp=discount-trap");
  await expectStep(page, "objective");
  await expect(prev(page)).toBeDisabled();
  await expect(mdpSelect(page)).toHaveValue("discount-trap");
  // A good URL gives no notice.
  await expect(page.getByTestId("notice")).toBeHidden();
});

test("without a query the URL gets step and mdp", async ({ page }) => {
  await open(page);
  await expectParam(page, "step", "objective");
  await expectParam(page, "mdp", "chain");
  await next(page).click();
  await expectParam(page, "step", "gradient-under-integral");
  await expectParam(page, "mdp", "chain");
});

// ---------------------------------------------------------------- the URL round trip

test("step: the URL follows the step, and a reload comes back to it", async ({ page }) => {
  await open(page);
  await page.getByTestId("step-expand-the-product").click();
  await expectParam(page, "step", "expand-the-product");
  await reload(page);
  await expectStep(page, "expand-the-product");
});

test("gamma: a long drag of the slider ends with its last value in the URL, in few history writes", async ({ page }) => {
  // Chromium ignores history updates beyond about 200 in 10 s, so one write per input event
  // would lose the end of a long drag; the app writes in-place updates once the input pauses.
  await page.addInitScript(() => {
    window.__historyWrites = 0;
    for (const name of ["pushState", "replaceState"]) {
      const original = history[name].bind(history);
      history[name] = (...args) => {
        window.__historyWrites++;
        return original(...args);
      };
    }
  });
  await open(page, "?step=objective");
  const before = await page.evaluate(() => window.__historyWrites);
  // One input event per task, as a dragging hand gives them.
  const last = await gammaSlider(page).evaluate(async (input) => {
    let value = "";
    for (let i = 0; i < 300; i++) {
      value = (0.2 + (i % 70) / 100).toFixed(2);
      input.value = value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return value;
  });
  await expect(page.getByTestId("gamma-value")).toHaveText(last);
  await expectParam(page, "gamma", last);
  const writes = (await page.evaluate(() => window.__historyWrites)) - before;
  expect(writes).toBeGreaterThanOrEqual(1);
  expect(writes).toBeLessThanOrEqual(5);
});

test("mdp: choosing an MDP goes into the URL, resets γ and θ, and survives a reload", async ({ page }) => {
  await open(page, "?step=baseline");
  // Move γ and θ away from chain's defaults first.
  await setRange(gammaSlider(page), 0.3);
  await expect(page.getByTestId("gamma-value")).toHaveText("0.30");
  await setTheta(thetaInputs(page).first(), 1);
  await expectParam(page, "gamma", /^0\.3/);

  await mdpSelect(page).selectOption("discount-trap");
  await expectParam(page, "mdp", "discount-trap");
  await expectParam(page, "step", "baseline");
  await expect(card(page)).toHaveAttribute("data-slug", "baseline");
  // discount-trap's defaults: γ 0.5, one parameter at 0.
  await expect.poll(() => gammaOf(page)).toBe(0.5);
  await expect(page.getByTestId("gamma-value")).toHaveText("0.50");
  await expect(thetaInputs(page)).toHaveCount(1);
  expect(Number(await thetaInputs(page).first().inputValue())).toBe(0);
  await expect.poll(async () => Number(await exactJ(page))).toBe(TRAP_J);
  expect(await exactGrad(page)).toEqual([TRAP_GRAD]);
  // The URL carries no stale γ or θ of the chain.
  const g = params(page).get("gamma");
  if (g !== null) expect(Number(g)).toBe(0.5);
  const th = params(page).get("theta");
  if (th !== null) expect(th.split(",").map(Number)).toEqual([0]);

  await reload(page);
  await expect(mdpSelect(page)).toHaveValue("discount-trap");
  await expectStep(page, "baseline");
  await expect.poll(async () => Number(await exactJ(page))).toBe(TRAP_J);
});

test("mdp: every preset can be chosen, with one θ input per parameter", async ({ page }) => {
  test.slow();
  await open(page);
  const options = await mdpSelect(page).locator("option").evaluateAll((os) => os.map((o) => o.value));
  expect(options).toEqual(PRESETS);
  for (const id of PRESETS) {
    await mdpSelect(page).selectOption(id);
    await expectParam(page, "mdp", id);
    await expect(page.getByTestId("exact-J")).toHaveAttribute("data-value", /^-?\d/);
    const d = (await exactGrad(page)).length;
    await expect(thetaInputs(page)).toHaveCount(d);
    const types = await thetaInputs(page).evaluateAll((xs) => xs.map((x) => x.type));
    expect(types, id).toEqual(Array(d).fill(d <= 4 ? "range" : "number"));
    const ids = await thetaInputs(page).evaluateAll((xs) => xs.map((x) => x.dataset.testid));
    expect(ids).toEqual([...Array(d).keys()].map((i) => `theta-${i}`));
  }
});

test("γ: the slider goes into the URL and a reload restores it", async ({ page }) => {
  await open(page, "?step=reward-to-go");
  expect(Number(await exactJ(page))).toBeCloseTo(CHAIN_J, 12);
  await setRange(gammaSlider(page), 0.37);
  await expect(page.getByTestId("gamma-value")).toHaveText("0.37");
  await expect(gammaSlider(page)).toHaveAttribute("aria-valuetext", "γ = 0.37");
  await expectParam(page, "gamma", /^0\.37(0*)$/);
  await expect(page.getByTestId("exact-J")).not.toHaveAttribute("data-value", String(CHAIN_J));
  const j = await exactJ(page);
  const grad = await page.getByTestId("exact-grad").getAttribute("data-value");

  await reload(page);
  expect(await gammaOf(page)).toBe(0.37);
  await expect(page.getByTestId("gamma-value")).toHaveText("0.37");
  await expect(gammaSlider(page)).toHaveAttribute("aria-valuetext", "γ = 0.37");
  await expect(page.getByTestId("exact-J")).toHaveAttribute("data-value", j);
  await expect(page.getByTestId("exact-grad")).toHaveAttribute("data-value", grad);
  await expectStep(page, "reward-to-go");
});

test("θ: every parameter goes into the URL and a reload restores it", async ({ page }) => {
  test.slow();
  for (const mdp of ["discount-trap", "chain"]) {
    // discount-trap has one slider; chain has 8 parameters, as number inputs.
    await open(page, `?step=log-derivative-trick&mdp=${mdp}`);
    const j0 = await exactJ(page);
    const grad0 = await page.getByTestId("exact-grad").getAttribute("data-value");
    const n = await thetaInputs(page).count();
    expect(n).toBeGreaterThan(0);
    const want = [];
    for (let i = 0; i < n; i++) {
      const shown = await setTheta(page.getByTestId(`theta-${i}`), ((i % 3) - 1) * 0.5 + (i === 0 ? 0.75 : 0));
      want.push(Number(shown));
    }
    expect(want.some((v) => v !== 0)).toBe(true);
    await expect
      .poll(() => (params(page).get("theta") ?? "").split(",").map(Number), { message: `${mdp}: URL theta` })
      .toEqual(want);
    await expect(page.getByTestId("exact-J")).not.toHaveAttribute("data-value", j0);
    await expect(page.getByTestId("exact-grad")).not.toHaveAttribute("data-value", grad0);
    const j = await exactJ(page);

    await reload(page);
    for (let i = 0; i < n; i++) {
      expect(Number(await page.getByTestId(`theta-${i}`).inputValue()), `${mdp}: theta-${i}`).toBe(want[i]);
    }
    await expect(page.getByTestId("exact-J")).toHaveAttribute("data-value", j);
    await expect(mdpSelect(page)).toHaveValue(mdp);
  }
});

test("θ from the URL sets the inputs and the readouts", async ({ page }) => {
  await open(page, "?step=objective&mdp=discount-trap&gamma=0.75&theta=0.5");
  expect(Number(await page.getByTestId("theta-0").inputValue())).toBe(0.5);
  expect(Number(await exactJ(page))).toBeCloseTo(TRAP_J_075_05, 12);
});

test("episodes and seed: committed values go into the URL and a reload restores them", async ({ page }) => {
  await open(page, "?step=causality");
  const episodes = page.getByTestId("episodes-input");
  const seed = page.getByTestId("seed-input");
  await expect(episodes).toHaveValue("100000");
  await expect(seed).toHaveValue("1");

  await setNumber(episodes, 5000);
  await expectParam(page, "episodes", "5000");
  await setNumber(seed, 42);
  await expectParam(page, "seed", "42");

  await reload(page);
  await expect(episodes).toHaveValue("5000");
  await expect(seed).toHaveValue("42");
  await expectStep(page, "causality");
});

// Text fields with a numeric keyboard: a type=number field cannot hold every seed up to
// 2^64 - 1 (it rounds to a double).
test("episodes and seed take whole numbers, with a numeric keyboard", async ({ page }) => {
  await open(page);
  for (const id of ["episodes-input", "seed-input"]) {
    await expect(page.getByTestId(id)).toHaveAttribute("inputmode", "numeric");
  }
  await page.getByTestId("seed-input").fill("18446744073709551615");
  await page.getByTestId("seed-input").press("Enter");
  await expect(page).toHaveURL(/seed=18446744073709551615/);
  await page.getByTestId("episodes-input").fill("12.5");
  await page.getByTestId("episodes-input").press("Enter");
  await expect(page.locator("#episodes-input-error")).toContainText("whole number");
});

test("the seed is committed on change, not on every keystroke", async ({ page }) => {
  await open(page);
  const seed = page.getByTestId("seed-input");
  await seed.fill("");
  await seed.pressSequentially("123");
  // Typing alone (no change event yet) must not have produced seed=1 or 12 in the URL.
  const during = params(page).get("seed");
  expect([null, "1"]).toContain(during);
  await seed.press("Enter");
  await seed.blur();
  await expectParam(page, "seed", "123");
});

test("theme: the select goes into the URL and a reload restores it", async ({ page }) => {
  await open(page);
  await expect(themeSelect(page)).toHaveValue("auto");
  const options = await themeSelect(page).locator("option").evaluateAll((os) => os.map((o) => o.value));
  expect(options.sort()).toEqual(["auto", "dark", "light"]);
  await themeSelect(page).selectOption("dark");
  await expectParam(page, "theme", "dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await reload(page);
  await expect(themeSelect(page)).toHaveValue("dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await themeSelect(page).selectOption("auto");
  await expect.poll(() => params(page).get("theme") ?? "auto").toBe("auto");
});

test("a URL with every key restores every control, and the share link is that URL", async ({ page }) => {
  const query = "?step=baseline&mdp=discount-trap&gamma=0.75&theta=0.5&episodes=2000&seed=7&theme=dark";
  await open(page, query);
  await expectStep(page, "baseline");
  await expect(mdpSelect(page)).toHaveValue("discount-trap");
  expect(await gammaOf(page)).toBe(0.75);
  await expect(page.getByTestId("gamma-value")).toHaveText("0.75");
  expect(Number(await page.getByTestId("theta-0").inputValue())).toBe(0.5);
  await expect(page.getByTestId("episodes-input")).toHaveValue("2000");
  await expect(page.getByTestId("seed-input")).toHaveValue("7");
  await expect(themeSelect(page)).toHaveValue("dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(Number(await exactJ(page))).toBeCloseTo(TRAP_J_075_05, 12);
  await expect(page.getByTestId("notice")).toBeHidden();

  // The URL keeps every key with the same value.
  const p = params(page);
  for (const [key, value] of new URLSearchParams(query)) {
    if (["gamma", "theta"].includes(key)) expect(Number(p.get(key)), key).toBe(Number(value));
    else expect(p.get(key), key).toBe(value);
  }
  // The share link is the page's full URL.
  await expect(page.getByTestId("share-link")).toHaveValue(page.url());
  await expect(page.getByTestId("share-link")).toHaveAttribute("readonly", "");
});

test("the share link follows the state and opens the same state", async ({ page }) => {
  await open(page, "?step=dynamics-drop-out");
  const share = page.getByTestId("share-link");
  await expect(share).toHaveValue(page.url());
  expect(new URL(await share.inputValue()).origin).toBe(new URL(page.url()).origin);
  await mdpSelect(page).selectOption("bandit");
  await setRange(gammaSlider(page), 0.61);
  await setNumber(page.getByTestId("seed-input"), 9);
  await next(page).click();
  await expectStep(page, "expand-the-product");
  await expectParam(page, "seed", "9");
  await expect(share).toHaveValue(page.url());
  const link = await share.inputValue();
  const j = await exactJ(page);

  await goto(page, "about:blank");
  await page.goto(link);
  await expect(card(page)).toBeVisible();
  await expectStep(page, "expand-the-product");
  await expect(mdpSelect(page)).toHaveValue("bandit");
  expect(await gammaOf(page)).toBe(0.61);
  await expect(page.getByTestId("seed-input")).toHaveValue("9");
  await expect(page.getByTestId("exact-J")).toHaveAttribute("data-value", j);
});

test("reset goes back to the MDP's defaults and keeps the step", async ({ page }) => {
  await open(page, "?step=causality");
  await setRange(gammaSlider(page), 0.42);
  await setTheta(page.getByTestId("theta-0"), 1.5);
  await setNumber(page.getByTestId("episodes-input"), 3000);
  await setNumber(page.getByTestId("seed-input"), 77);
  await expectParam(page, "seed", "77");
  await expect(page.getByTestId("exact-J")).not.toHaveAttribute("data-value", String(CHAIN_J));

  await page.getByTestId("reset-button").click();
  await expect.poll(() => gammaOf(page)).toBe(0.9);
  await expect(page.getByTestId("gamma-value")).toHaveText("0.90");
  const thetas = await thetaInputs(page).evaluateAll((xs) => xs.map((x) => Number(x.value)));
  expect(thetas).toEqual(Array(thetas.length).fill(0));
  await expect(page.getByTestId("episodes-input")).toHaveValue("100000");
  await expect(page.getByTestId("seed-input")).toHaveValue("1");
  await expect(card(page)).toHaveAttribute("data-slug", "causality");
  await expect(mdpSelect(page)).toHaveValue("chain");
  await expect.poll(async () => Number(await exactJ(page))).toBeCloseTo(CHAIN_J, 12);
  // And so does the URL.
  await expectParam(page, "step", "causality");
  await expect.poll(() => Number(params(page).get("seed") ?? 1)).toBe(1);
  await expect.poll(() => Number(params(page).get("episodes") ?? 100000)).toBe(100000);
  await expect.poll(() => Number(params(page).get("gamma") ?? 0.9)).toBe(0.9);
});

test("a custom MDP from spec= is loaded, shown as custom, and kept in the address, compressed in the fragment", async ({ page }) => {
  const text = JSON.stringify(EXAMPLE_SPEC);
  const spec = base64url(text);
  await open(page, `?step=objective&spec=${spec}`);
  await expect(page.getByTestId("notice")).toBeHidden();
  await expect(mdpSelect(page)).toHaveValue("custom");
  await expect(mdpSelect(page).locator('option[value="custom"]')).toHaveCount(1);
  expect(await gammaOf(page)).toBe(0.9);
  await expect(thetaInputs(page)).toHaveCount(2);
  expect(Number(await exactJ(page))).toBeCloseTo(EXAMPLE_J, 12);
  // The query form is read; the address then carries the file in the fragment, compressed,
  // where servers never see it.
  await expect.poll(() => specInAddress(page)).toBe(text);
  expect(params(page).get("spec")).toBeNull();
  expect(new URL(page.url()).hash.length).toBeLessThan(spec.length);
  await expect(page.getByTestId("share-link")).toHaveValue(page.url());

  await setRange(gammaSlider(page), 0.5);
  await expectParam(page, "gamma", /^0\.5/);
  await reload(page);
  await expect(mdpSelect(page)).toHaveValue("custom");
  expect(await gammaOf(page)).toBe(0.5);
});

// ---------------------------------------------------------------- readouts

test("exact readouts: chain and discount-trap at their defaults", async ({ page }) => {
  await open(page);
  expect(Math.abs(Number(await exactJ(page)) - CHAIN_J)).toBeLessThan(1e-12);
  expect((await exactGrad(page)).every(Number.isFinite)).toBe(true);

  await mdpSelect(page).selectOption("discount-trap");
  await expect.poll(async () => Number(await exactJ(page))).toBe(TRAP_J);
  expect(await exactGrad(page)).toEqual([TRAP_GRAD]);

  await open(page, "?mdp=discount-trap");
  expect(Number(await exactJ(page))).toBe(TRAP_J);
  expect(await exactGrad(page)).toEqual([TRAP_GRAD]);
});

// ---------------------------------------------------------------- sharing

test("copy link and copy embed code report what they did", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(baseURL).origin });
  await open(page, "?step=causality&mdp=corridor");
  const status = page.getByTestId("copy-status");

  await page.getByTestId("copy-link").click();
  await expect(status).not.toHaveText("");
  if ((await status.innerText()).includes("Copied")) {
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
  } else {
    await expect(status).toContainText("select the text");
  }

  await page.getByTestId("copy-embed").click();
  await expect(status).not.toHaveText("");
  if ((await status.innerText()).includes("Copied")) {
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      await page.getByTestId("embed-code").inputValue(),
    );
  }
});

test("the embed code is an iframe with title, size and allowfullscreen that opens embed mode", async ({ page }) => {
  await open(page, "?step=causality&mdp=corridor");
  const code = page.getByTestId("embed-code");
  await expect(code).toHaveAttribute("readonly", "");
  const snippet = (await code.inputValue()).trim();
  // The frame, then the host script that sizes it (DESIGN §8).
  expect(snippet).toMatch(/^<iframe\s[^>]*>\s*<\/iframe>\n<script src="[^"]+\/embed\.js" async><\/script>$/s);
  expect(snippet).toMatch(/\stitle="[^"]+"/);
  expect(snippet).toMatch(/\swidth="?\d+/);
  expect(snippet).toMatch(/\sheight="?\d+/);
  expect(snippet).toMatch(/\sallowfullscreen[\s>=]/);
  const src = snippet.match(/\ssrc="([^"]+)"/)[1].replace(/&amp;/g, "&");
  const url = new URL(src, page.url());
  expect(url.searchParams.get("embed")).toBe("1");
  expect(url.searchParams.get("step")).toBe("causality");
  expect(url.searchParams.get("mdp")).toBe("corridor");
  expect(samePath(url.pathname, new URL(page.url()).pathname), url.href).toBe(true);

  // It follows the state.
  await next(page).click();
  await expectStep(page, "reward-to-go");
  await expect(code).toHaveValue(/step=reward-to-go/);

  await goto(page, url.href);
  await expect(card(page)).toHaveAttribute("data-slug", "causality");
  await expect(page.locator("body")).toHaveClass(/(^|\s)embed(\s|$)/);
});

// ---------------------------------------------------------------- embed mode

test("embed mode with a step range: no chrome, only those steps, ends disabled", async ({ page }) => {
  await open(page, "?embed=1&steps=causality..dropping-gamma-t", { readout: false });
  await expect(page.locator("body")).toHaveClass(/(^|\s)embed(\s|$)/);
  await expect(page.getByTestId("site-header")).toHaveCount(0);
  await expect(page.locator("footer:visible")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toBeHidden();

  const range = ["causality", "reward-to-go", "dropping-gamma-t"];
  const ids = await tocLinks(page).evaluateAll((links) => links.map((a) => a.dataset.testid));
  expect(ids).toEqual(range.map((s) => `step-${s}`));

  await expectStep(page, "causality");
  await expect(prev(page)).toBeDisabled();
  await expect(next(page)).toBeEnabled();
  await next(page).click();
  await expectMovedTo(page, "reward-to-go");
  await page.keyboard.press("ArrowRight");
  await expectMovedTo(page, "dropping-gamma-t");
  await expect(next(page)).toBeDisabled();
  await expect(prev(page)).toBeEnabled();
  // The keys stop at the end of the range too.
  await page.keyboard.press("ArrowRight");
  await expectStep(page, "dropping-gamma-t");
  // The URL stays an embed URL of the same range.
  await expectParam(page, "embed", "1");
  await expectParam(page, "steps", "causality..dropping-gamma-t");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expectMovedTo(page, "causality");
  await page.keyboard.press("ArrowLeft");
  await expectStep(page, "causality");
  await expect(prev(page)).toBeDisabled();
});

test("embed mode links to the full app in a new tab", async ({ page }) => {
  await open(page, "?embed=1&steps=causality..dropping-gamma-t&step=reward-to-go&mdp=discount-trap", { readout: false });
  await expectStep(page, "reward-to-go");
  const link = page.getByTestId("open-full");
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute("target", "_blank");
  const url = new URL(await link.getAttribute("href"), page.url());
  expect(url.origin).toBe(new URL(page.url()).origin);
  expect(samePath(url.pathname, new URL(page.url()).pathname), url.href).toBe(true);
  expect(url.searchParams.get("embed") ?? "0").not.toBe("1");
  // Beyond the letter of the contract: the full app opens on the same MDP.
  expect(url.searchParams.get("mdp")).toBe("discount-trap");

  // It opens the full app, with its chrome.
  await goto(page, url.href);
  await expect(card(page)).toBeVisible();
  await expect(page.getByTestId("site-header")).toBeVisible();
  await expect(page.locator("body")).not.toHaveClass(/(^|\s)embed(\s|$)/);
});

test("embed mode with a single step", async ({ page }) => {
  await open(page, "?embed=1&steps=baseline..baseline", { readout: false });
  await expectStep(page, "baseline");
  await expect(prev(page)).toBeDisabled();
  await expect(next(page)).toBeDisabled();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowLeft");
  await expectStep(page, "baseline");
});

// ---------------------------------------------------------------- bad URL values

test("bad URL values give a notice naming each key, and the defaults are used", async ({ page }) => {
  await open(page, "?gamma=7&step=nope&mdp=maze&theme=pink&theta=x&episodes=0&seed=-1&foo=1");
  const notice = page.getByTestId("notice");
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute("role", "status");
  const text = await notice.innerText();
  for (const key of ["gamma", "step", "mdp", "theme", "theta", "episodes", "seed"]) {
    expect(text, `the notice names ${key}`).toMatch(new RegExp(`\\b${key}\\b`));
  }
  // The defaults are in use.
  await expect(card(page)).toHaveAttribute("data-slug", "objective");
  await expect(page.getByTestId("step-objective")).toHaveAttribute("aria-current", "step");
  await expect(mdpSelect(page)).toHaveValue("chain");
  expect(await gammaOf(page)).toBe(0.9);
  await expect(page.getByTestId("gamma-value")).toHaveText("0.90");
  await expect(themeSelect(page)).toHaveValue("auto");
  const thetas = await thetaInputs(page).evaluateAll((xs) => xs.map((x) => Number(x.value)));
  expect(thetas).toEqual(Array(8).fill(0));
  await expect(page.getByTestId("episodes-input")).toHaveValue("100000");
  await expect(page.getByTestId("seed-input")).toHaveValue("1");
  expect(Math.abs(Number(await exactJ(page)) - CHAIN_J)).toBeLessThan(1e-12);
  // The app still works.
  await next(page).click();
  await expectMovedTo(page, "gradient-under-integral");
});

test("after bad URL values the query string shows the state in use", async ({ page }) => {
  await open(page, "?gamma=7&step=nope&mdp=maze&theme=pink&theta=x&episodes=0&seed=-1&foo=1");
  await expect(page.getByTestId("notice")).toBeVisible();
  await expectParam(page, "step", "objective");
  await expectParam(page, "mdp", "chain");
  const p = params(page);
  const num = (key, dflt) => (p.get(key) === null ? dflt : Number(p.get(key)));
  expect(num("gamma", 0.9)).toBe(0.9);
  expect(num("episodes", 100000)).toBe(100000);
  expect(num("seed", 1)).toBe(1);
  expect(p.get("theme") ?? "auto").toBe("auto");
  if (p.get("theta") !== null) expect(p.get("theta").split(",").map(Number)).toEqual(Array(8).fill(0));
  await expect(page.getByTestId("share-link")).toHaveValue(page.url());
});

/**
 * A value replaced by its default leaves the address and the share link too (DESIGN §4.2):
 * [query, whether a notice is expected, what the address must then say].
 */
const REPLACED = [
  ["?mdp=chain&theta=1,2", true, (p) => !p.has("theta") && p.get("mdp") === "chain"],
  ["?step=causality&mdp=chain&theta=1,2", true, (p) => !p.has("theta") && p.get("step") === "causality"],
  [`?spec=${base64url(JSON.stringify({ ...EXAMPLE_SPEC, horizon: 0 }))}`, true, (p) => !p.has("spec") && p.get("mdp") === "chain"],
  ["?step=nope&step=causality", true, (p) => p.get("step") === "causality"],
  ["?gamma=0.5&gamma=zero", true, (p) => p.get("gamma") === "0.5"],
  ["?gamma=-0&mdp=discount-trap&theta=-0", false, (p) => p.get("gamma") === "0" && p.get("theta") === "0"],
];

for (const [query, noticed, expected] of REPLACED) {
  test(`${query}: the address and the share link show what is used`, async ({ page }) => {
    await open(page, query);
    if (noticed) await expect(page.getByTestId("notice")).toBeVisible();
    else await expect(page.getByTestId("notice")).toHaveCount(0);
    await expect.poll(() => expected(params(page)), { message: `address ${page.url()}` }).toBe(true);
    await expect(page.getByTestId("share-link")).toHaveValue(page.url());
    // Signed zero reads as zero everywhere.
    await expect(page.getByTestId("gamma-value")).not.toHaveText(/-0/);
    await expect(gammaSlider(page)).not.toHaveAttribute("aria-valuetext", /-0/);
    // Reloading the normalised address gives no notice: it holds only what is used.
    await reload(page);
    await expect(page.getByTestId("notice")).toHaveCount(0);
  });
}

/** One bad value at a time: the notice names the key (and, for an MDP file, the place). */
const BAD_SUM_SPEC = {
  ...EXAMPLE_SPEC,
  transitions: { ...EXAMPLE_SPEC.transitions, s1: { left: { s0: 1 }, right: { goal: 0.9 } } },
};
const BAD_VALUES = [
  ["gamma", "?gamma=-0.1"],
  ["gamma", "?gamma=NaN"],
  ["gamma", "?gamma=1e999"],
  ["theta", "?mdp=discount-trap&theta=1,2"],
  ["theta", "?mdp=discount-trap&theta=inf"],
  ["theta", "?mdp=discount-trap&theta=1e400"],
  ["steps", "?steps=training..objective"],
  ["steps", "?steps=causality..nope"],
  ["embed", "?embed=2"],
  ["episodes", "?episodes=-5"],
  ["episodes", "?episodes=many"],
  ["seed", "?seed=18446744073709551616"],
  ["seed", "?seed=1.5"],
  ["spec", "?spec=!!!not-base64!!!"],
  ["spec", `?spec=${base64url("{not json")}`, null, "?spec=<base64url of '{not json'>"],
  ["spec", `?spec=${base64url(JSON.stringify(BAD_SUM_SPEC))}`, "transitions.s1.right", "?spec=<an MDP file whose probabilities sum to 0.9>"],
  ["mdp", "?mdp=%3Cscript%3Ealert(1)%3C%2Fscript%3E"],
];

for (const [key, query, place, label] of BAD_VALUES) {
  const shown = label ?? decodeURIComponent(query);
  test(`a bad ${key} (${shown}) gives a notice naming ${key}`, async ({ page }) => {
    await goto(page, `./${query}`);
    await expect(card(page)).toBeVisible();
    const notice = page.getByTestId("notice");
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(new RegExp(`\\b${key}\\b`));
    if (place) await expect(notice).toContainText(place);
    // Nothing from the URL became markup.
    await expect(notice.locator("script")).toHaveCount(0);
    await expectRendered(page);
    await expect(page.getByTestId("exact-J")).toHaveAttribute("data-value", /^-?\d/);
    expect(Number.isFinite(Number(await exactJ(page)))).toBe(true);
    // The app keeps working.
    await page.keyboard.press("ArrowRight");
    await expect(heading(page)).toBeFocused();
  });
}

// ---------------------------------------------------------------- theme

test("theme auto follows prefers-color-scheme; light and dark backgrounds differ", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await open(page);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  const light = await pageBackground(page);

  await page.emulateMedia({ colorScheme: "dark" });
  await open(page);
  await expect(themeSelect(page)).toHaveValue("auto");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const dark = await pageBackground(page);
  expect(dark).not.toBe(light);
  expect(contrast(dark, light)).toBeGreaterThan(3);
});

test("theme auto follows a change of the colour scheme while the page is open", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await open(page);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.emulateMedia({ colorScheme: "light" });
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
});

test("the theme switch overrides the colour scheme, and text stays readable", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await open(page, "?step=causality");
  const seen = {};
  for (const theme of ["light", "dark"]) {
    await themeSelect(page).selectOption(theme);
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    await expectParam(page, "theme", theme);
    // Let any colour transition finish before reading colours.
    await page.waitForTimeout(400);
    const bg = await pageBackground(page);
    const fg = await heading(page).evaluate((h) => getComputedStyle(h).color);
    const text = await card(page).locator("p").first().evaluate((p) => getComputedStyle(p).color);
    expect(contrast(fg, bg), `${theme}: heading ${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    expect(contrast(text, bg), `${theme}: text ${text} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    seen[theme] = bg;
  }
  expect(seen.light).not.toBe(seen.dark);
  expect(contrast(seen.light, seen.dark)).toBeGreaterThan(3);
  // With the dark scheme, light is the one that was forced.
  await themeSelect(page).selectOption("light");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
});

// ---------------------------------------------------------------- 320 px

for (const lang of ["en", "ko"]) {
test(`at 320 px every step fits without horizontal scrolling, its tables keep every column in view, with large enough buttons (lang=${lang})`, async ({ page }) => {
  test.slow();
  await page.setViewportSize({ width: 320, height: 800 });
  await open(page, `?mdp=discount-trap&episodes=2000&lang=${lang}`);
  for (const [i, slug] of STEPS.entries()) {
    if (i > 0) {
      await next(page).click();
      await expectStep(page, slug);
    }
    await expectRendered(page);
    // Give charts and math a frame to lay out.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${slug}: scrollWidth`).toBeLessThanOrEqual(320);
    // The panel's tables (the estimates, the checks) show every column without scrolling.
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll("section.panel .table-scroll")]
        .filter((t) => t.checkVisibility() && t.scrollWidth > t.clientWidth + 1)
        .map((t) => `${t.querySelector("table")?.dataset.testid ?? "a table"}: ${t.scrollWidth} > ${t.clientWidth}`),
    );
    expect(cut, `${slug}: tables cut at 320 px`).toEqual([]);
    for (const button of [prev(page), next(page)]) {
      const box = await button.boundingBox();
      expect(box, `${slug}: button box`).not.toBeNull();
      expect(box.width, `${slug}: button width`).toBeGreaterThanOrEqual(24);
      expect(box.height, `${slug}: button height`).toBeGreaterThanOrEqual(24);
    }
  }
});

test(`at 320 px the embed fits too (lang=${lang})`, async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  await open(page, `?embed=1&steps=causality..dropping-gamma-t&lang=${lang}`, { readout: false });
  for (const slug of ["causality", "reward-to-go", "dropping-gamma-t"]) {
    await page.getByTestId(`step-${slug}`).click();
    await expectStep(page, slug);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${slug}: scrollWidth`).toBeLessThanOrEqual(320);
  }
});
}
