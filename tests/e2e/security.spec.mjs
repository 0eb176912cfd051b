// Names from a user's MDP are text, never markup; KaTeX runs without trust; the page's
// Content-Security-Policy forbids eval; the page fetches nothing but its own files.
import { test, expect } from "@playwright/test";
import katex from "katex";
import { failOnProblems, open, settle, STEPS } from "./helpers.mjs";

failOnProblems();

const HOSTILE = {
  title: '<img src=x onerror="window.__pwned=1">',
  state: "\\href{javascript:window.__pwned=2}{x}",
  action: "\\htmlClass{pwn}{y}",
  other: "<script>window.__pwned=3</script>",
};

/** An MDP file whose names are hostile; otherwise a valid two-state problem. */
function hostileSpec() {
  const { title, state, action, other } = HOSTILE;
  const file = {
    name: title,
    states: [state, "end"],
    actions: [action, other],
    start: { [state]: 1 },
    terminal: ["end"],
    transitions: { [state]: { [action]: { [state]: 0.5, end: 0.5 }, [other]: { end: 1 } } },
    rewards: { [state]: { [action]: 1, [other]: 0 } },
    gamma: 0.9,
    horizon: 4,
  };
  return Buffer.from(JSON.stringify(file)).toString("base64url");
}

test("names from a custom MDP are shown as text and run nothing", async ({ page }) => {
  const dialogs = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  const spec = hostileSpec();
  // Steps whose panels print state and action names (θ labels, the Markov check).
  for (const step of ["objective", "markov-factorisation", "expand-the-product"]) {
    await open(page, `?step=${step}&spec=${spec}&episodes=2000`);
    await expect(page.getByTestId("notice")).toHaveCount(0);
    await expect(page.getByTestId("mdp-select")).toContainText(HOSTILE.title);
    await expect(page.locator("body")).toContainText(`θ[${HOSTILE.state}, ${HOSTILE.action}]`);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await expect(page.locator(".pwn")).toHaveCount(0);
    await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  }
  expect(dialogs).toEqual([]);
});

test("KaTeX refuses trusted commands in math", async ({ page }) => {
  await open(page);
  // The options every formula was rendered with at build time (from src/components/tex.rs).
  const options = await page.evaluate(() => globalThis.pgMath.options);
  for (const mode of ["inline", "display"]) {
    expect(options[mode].trust, mode).toBe(false);
    expect(options[mode].maxSize, mode).toBeLessThanOrEqual(20);
    expect(options[mode].maxExpand, mode).toBeLessThanOrEqual(1000);
    // The same KaTeX package, with those options, makes no link and no class of trusted
    // commands: their source survives only as text (the MathML annotation).
    const html = katex.renderToString("\\href{javascript:alert(1)}{x}\\htmlClass{pwn}{y}", {
      ...options[mode],
    });
    expect(html).not.toMatch(/<a[\s>]/);
    expect(html).not.toContain("href=");
    expect(html).not.toContain('class="pwn');
  }
  // No formula the build rendered has a link or runs anything.
  const rendered = await page.evaluate(() => Object.values(globalThis.pgMath.html).join("\n"));
  expect(rendered).not.toMatch(/<a[\s>]|href=|javascript:|<script|onerror=/i);
});

test("the Content-Security-Policy forbids eval and inline script but runs the app", async ({ page }) => {
  await open(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(csp).toContain("default-src 'none'");
  // An inline script added to the page does not run, and the browser reports the violation
  // (on a second page: the blocked script is, rightly, a console error there).
  const probe = await page.context().newPage();
  await probe.goto(page.url());
  await expect(probe.getByTestId("exact-J")).toHaveAttribute("data-value", /\d/);
  const outcome = await probe.evaluate(
    () =>
      new Promise((resolve) => {
        document.addEventListener("securitypolicyviolation", (e) =>
          resolve({ ran: window.__inline === 1, directive: e.effectiveDirective }),
        );
        const s = document.createElement("script");
        s.textContent = "window.__inline = 1";
        document.head.append(s);
        setTimeout(() => resolve({ ran: window.__inline === 1, directive: null }), 1000);
      }),
  );
  expect(outcome).toEqual({ ran: false, directive: "script-src-elem" });
  await probe.close();
});

test("the page loads only its own files, and nothing at all once it has loaded", async ({ page }) => {
  const requests = [];
  page.on("request", (r) => requests.push({ url: r.url(), type: r.resourceType() }));
  await open(page);
  await settle(page);
  const origin = new URL(page.url()).origin;
  for (const r of requests) {
    expect(new URL(r.url).origin === origin || r.url.startsWith("data:"), r.url).toBe(true);
    // The one fetch is wasm-bindgen's streaming compile of the app's own module.
    if (!r.url.endsWith(".wasm")) {
      expect(["fetch", "xhr", "websocket", "eventsource"], r.url).not.toContain(r.type);
    }
  }
  // The fonts of every step's math came with the first load (public/page.js lays all the
  // math out once), so walking through every step asks for nothing more.
  expect(requests.filter((r) => r.type === "font").length).toBeGreaterThan(3);
  const loaded = requests.length;
  for (const step of STEPS) {
    await page.getByTestId(`step-${step}`).click();
    await expect(page.locator(`article[data-slug="${step}"]`)).toBeVisible();
    await page.evaluate(() => document.fonts.ready);
  }
  await page.waitForTimeout(300);
  expect(requests.slice(loaded).map((r) => r.url)).toEqual([]);
  await expect(page.locator(".math-font-warmup")).toHaveCount(0);
});
