// Embedding on real course platforms (DESIGN §8): the copied snippet on a page of another
// origin, with and without its host script; frames sandboxed with and without scripts;
// copying inside a cross-origin frame; the one-file build from file:// and in a sandbox;
// display equations at embed widths; the offline download; printing a step.
//
// The host pages come from a server of this file's own, on another port: another origin
// than the e2e server's, and, like it, on loopback (Chromium lets no public page frame a
// loopback one, so both must be local here, as both are public in real use).
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { STEPS, open, card } from "./helpers.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Console errors and page errors of the page and every frame in it. */
function watchProblems(page) {
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

/** The host pages, by path, served at `hostOrigin`. */
const hostPages = new Map();
let hostServer;
let hostOrigin;

test.beforeAll(async () => {
  hostServer = createServer((req, res) => {
    const body = hostPages.get(new URL(req.url, "http://x").pathname);
    res.writeHead(body === undefined ? 404 : 200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(body ?? "not found");
  });
  await new Promise((resolve) => hostServer.listen(0, "127.0.0.1", resolve));
  hostOrigin = `http://localhost:${hostServer.address().port}`;
});

test.afterAll(() => new Promise((resolve) => hostServer.close(resolve)));

/** Serves `html` as a course page of another origin and opens it. */
async function hostPage(page, html, name = "course.html") {
  hostPages.set(`/${name}`, `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Course</title></head><body>${html}</body></html>`);
  await page.goto(`${hostOrigin}/${name}`);
}

/** The embed code the share box gives for `query`, after choosing its steps and controls. */
async function copiedSnippet(page, query, { first, last, controls }) {
  await open(page, query);
  await page.getByTestId("embed-first").selectOption(String(STEPS.indexOf(first)));
  await page.getByTestId("embed-last").selectOption(String(STEPS.indexOf(last)));
  await page.getByTestId("embed-controls").selectOption(controls);
  return page.getByTestId("embed-code").inputValue();
}

/** The frame's content height and whether it scrolls inside, beside the frame's own height. */
async function frameFit(page) {
  const frameHeight = await page.locator("iframe").evaluate((f) => f.getBoundingClientRect().height);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  const inner = await frame.evaluate(() => ({
    content: document.documentElement.getBoundingClientRect().height,
    scrolls: document.documentElement.scrollHeight > document.documentElement.clientHeight + 1,
  }));
  return { frameHeight, ...inner };
}

for (const lang of ["en", "ko"]) {
test(`the copied snippet on another origin: the frame fits its content, after load and after each step (lang=${lang})`, async ({ page }) => {
  const problems = watchProblems(page);
  const snippet = await copiedSnippet(page, `?step=causality&mdp=chain&episodes=2000&lang=${lang}`, {
    first: "causality",
    last: "reward-to-go",
    controls: "gamma",
  });
  expect(snippet).toContain('allow="clipboard-write; fullscreen"');
  expect(snippet).toContain('loading="lazy"');
  expect(snippet).toMatch(/<script src="[^"]+\/embed\.js" async><\/script>$/);
  await hostPage(page, `<h1>Week 3</h1><p>Read the step, then drag γ.</p>${snippet}<p>After the frame.</p>`);
  const frame = page.frameLocator("iframe");
  await expect(frame.locator('[data-testid="step-card"]')).toHaveAttribute("data-slug", "causality");
  // γ only: no MDP selector.
  await expect(frame.getByTestId("gamma-slider")).toBeVisible();
  await expect(frame.getByTestId("mdp-select")).toHaveCount(0);
  for (const move of ["load", "next step", "previous step"]) {
    if (move === "next step") await frame.getByTestId("next-step").click();
    if (move === "previous step") await frame.getByTestId("prev-step").click();
    await expect
      .poll(async () => {
        const fit = await frameFit(page);
        return Math.abs(fit.frameHeight - fit.content) <= 2 && !fit.scrolls;
      }, { message: `after ${move}: the frame is as tall as its content`, timeout: 10_000 })
      .toBe(true);
  }
  await expect(frame.locator("html")).toHaveAttribute("lang", lang);
  const fit = await frameFit(page);
  console.log(`embed (${lang}): frame ${fit.frameHeight} px for content ${fit.content} px`);
  expect(problems).toEqual([]);
});
}

test("without the host script the frame keeps its height, scrolls, and links to the full view", async ({ page }) => {
  const problems = watchProblems(page);
  const snippet = await copiedSnippet(page, "?step=baseline&mdp=bandit", { first: "baseline", last: "baseline", controls: "all" });
  await hostPage(page, snippet.replace(/<script[\s\S]*<\/script>/, ""));
  const frame = page.frameLocator("iframe");
  await expect(frame.locator('[data-testid="step-card"]')).toHaveAttribute("data-slug", "baseline");
  expect(await page.locator("iframe").evaluate((f) => f.getBoundingClientRect().height)).toBe(720);
  const full = frame.getByTestId("open-full");
  await expect(full).toBeVisible();
  const href = new URL(await full.getAttribute("href"));
  expect(href.searchParams.get("step")).toBe("baseline");
  expect(href.searchParams.has("embed")).toBe(false);
  expect(problems).toEqual([]);
});

test("a frame sandboxed without allow-same-origin still shows the explorer; with sandbox=\"\" it says what to change", async ({ page, baseURL }) => {
  const problems = watchProblems(page);
  const src = `${baseURL}?step=reward-to-go&mdp=discount-trap&embed=1`;
  await hostPage(page, `<iframe sandbox="allow-scripts" src="${src}" width="100%" height="720" title="Sandboxed"></iframe>`);
  const frame = page.frameLocator("iframe");
  await expect(frame.locator('[data-testid="step-card"]')).toHaveAttribute("data-slug", "reward-to-go");
  await expect(frame.getByTestId("exact-J")).toHaveAttribute("data-value", "1.375");
  await expect(frame.locator(".katex-display").first()).toBeVisible();
  // It became the one-file build, which needs no request.
  expect(await frame.locator('meta[name="pg-standalone"]').count()).toBe(1);
  expect(problems).toEqual([]);

  await hostPage(page, `<iframe sandbox="" src="${src}" width="100%" height="400" title="No scripts"></iframe>`, "locked.html");
  // No script runs, so no <noscript> either in Chromium's sandboxed frames: the message the
  // page holds for a start that never comes appears after a few seconds (CSS alone).
  const locked = page.frameLocator("iframe");
  const message = locked.locator(".boot-fallback");
  await expect(message).toBeVisible({ timeout: 15_000 });
  await expect(message).toContainText("could not start here");
  await expect(message).toContainText('sandbox=""');
  await expect(message.getByRole("link", { name: /open this view/i })).toBeVisible();
  // In Korean too: nothing of the app runs here to choose a language.
  await expect(message.locator('[lang="ko"]')).toContainText("탐색기를 여기서 시작할 수 없습니다");
});

for (const allow of [true, false]) {
  test(`copying inside a cross-origin frame ${allow ? "with" : "without"} allow="clipboard-write" says what happened`, async ({ page, baseURL, context }) => {
    const problems = watchProblems(page);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]).catch(() => {});
    const attr = allow ? 'allow="clipboard-write"' : "";
    await hostPage(page, `<iframe ${attr} src="${baseURL}?step=objective" width="1000" height="900" title="Full view"></iframe>`);
    const frame = page.frameLocator("iframe");
    await expect(frame.locator('[data-testid="step-card"]')).toBeVisible();
    await frame.getByTestId("copy-link").click();
    await expect(frame.getByTestId("copy-status")).toHaveText(/Copied the link\.|the link is selected/);
    expect(problems).toEqual([]);
  });
}

test("standalone.html from file:// shows every step's math and exact values with no request at all", async ({ page }) => {
  const problems = watchProblems(page);
  const file = path.join(root, process.env.E2E_SITE || "target/e2e-site", process.env.E2E_PATH || "course/explorer/", "standalone.html");
  const url = `file://${file}?step=objective&mdp=chain`;
  const requests = [];
  page.on("request", (r) => {
    if (!r.url().startsWith("data:") && r.url().split("?")[0] !== url.split("?")[0]) requests.push(r.url());
  });
  await page.goto(url);
  for (const slug of STEPS) {
    await page.getByTestId(`step-${slug}`).click();
    await expect(card(page)).toHaveAttribute("data-slug", slug);
    await expect(card(page).locator(".katex-display .katex-mathml math").first()).toBeAttached();
    await expect(page.locator(".katex-error")).toHaveCount(0);
    await expect(page.getByTestId("exact-J")).toHaveAttribute("data-value", /^-?\d/);
  }
  expect(await page.evaluate(() => document.fonts.check("1em KaTeX_Main"))).toBe(true);
  // Its policy names each inline script by hash: nothing injected into the file would run.
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"));
  expect(scriptSrc).toMatch(/^\s*script-src( 'sha256-[A-Za-z0-9+/=]+')+ 'wasm-unsafe-eval'$/);
  expect(csp).toContain("default-src 'none'");
  expect(requests).toEqual([]);
  expect(problems).toEqual([]);
});

test("standalone.html inside a frame sandboxed with allow-scripts works", async ({ page, baseURL }) => {
  const problems = watchProblems(page);
  await hostPage(page, `<iframe sandbox="allow-scripts" src="${baseURL}standalone.html?step=causality&mdp=chain&embed=1" width="100%" height="720" title="Offline"></iframe>`);
  const frame = page.frameLocator("iframe");
  await expect(frame.locator('[data-testid="step-card"]')).toHaveAttribute("data-slug", "causality");
  await expect(frame.getByTestId("exact-J")).toHaveAttribute("data-value", /^-?\d/);
  expect(problems).toEqual([]);
});

test("the offline download opens on the view it was made from", async ({ page }, testInfo) => {
  const problems = watchProblems(page);
  await open(page, "?step=dropping-gamma-t&mdp=discount-trap&gamma=0.7");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-offline").click()]);
  expect(download.suggestedFilename()).toBe("policy-gradient-dropping-gamma-t.html");
  const file = testInfo.outputPath("offline.html");
  await download.saveAs(file);
  const html = readFileSync(file, "utf8");
  expect(html).toContain('<meta name="pg-state" content="?step=dropping-gamma-t&amp;mdp=discount-trap&amp;gamma=0.7">');
  await expect(page.getByTestId("copy-status")).toContainText("offline copy");
  await page.goto(`file://${file}`);
  await expect(card(page)).toHaveAttribute("data-slug", "dropping-gamma-t");
  await expect(page.getByTestId("gamma-value")).toHaveText("0.70");
  await expect(page.getByTestId("mdp-select")).toHaveValue("discount-trap");
  expect(problems).toEqual([]);
});

for (const width of [640, 960]) {
  test(`at ${width} px every step's display equations fit their column and tables show every column`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await open(page, "?embed=1&mdp=gridworld");
    // The MDP's own table, opened, must fit too (closed, it is not shown).
    await page.locator("details.mdp-table > summary").click();
    await expect(page.getByTestId("mdp-table")).toBeVisible();
    const wide = [];
    for (const slug of STEPS) {
      await page.getByTestId(`step-${slug}`).click();
      await expect(card(page)).toHaveAttribute("data-slug", slug);
      await page.evaluate(() => document.fonts.ready);
      await expect
        .poll(() =>
          page.evaluate(() =>
            [...document.querySelectorAll(".tex-display")]
              .filter((b) => b.scrollWidth > b.clientWidth + 1)
              .map((b) => `${b.scrollWidth} > ${b.clientWidth}`),
          ),
        )
        .toEqual([]);
      const tables = await page.evaluate(() =>
        [...document.querySelectorAll(".table-scroll")]
          .filter((t) => t.checkVisibility() && t.scrollWidth > t.clientWidth + 1)
          .map((t) => t.querySelector("table")?.dataset.testid ?? "a table"),
      );
      for (const t of tables) wide.push(`${slug}: ${t}`);
    }
    expect(wide, "tables whose columns do not all fit").toEqual([]);
  });
}

test("printing a step in the dark theme gives a light handout without controls, with legends and the view's address", async ({ page }) => {
  await open(page, "?step=causality&mdp=chain&theme=dark&episodes=2000");
  await expect(page.getByTestId("episodes-done")).toHaveAttribute("data-value", "2000");
  await page.emulateMedia({ media: "print" });
  const shown = await page.evaluate(() => {
    const visible = (sel) => [...document.querySelectorAll(sel)].some((e) => getComputedStyle(e).display !== "none" && e.getClientRects().length);
    return {
      controls: visible(".controls, .toc, .share, .prev-next, button"),
      background: getComputedStyle(document.body).backgroundColor,
      legends: document.querySelectorAll(".legend li").length,
      url: visible('[data-testid="print-url"]'),
    };
  });
  expect(shown.controls, "no control in print").toBe(false);
  expect(shown.background).toBe("rgb(255, 255, 255)");
  expect(shown.legends).toBeGreaterThan(0);
  expect(shown.url).toBe(true);
  await expect(page.getByTestId("print-url")).toContainText("step=causality");
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  console.log(`print: causality in the dark theme is ${pages} A4 pages`);
  expect(pages).toBeGreaterThanOrEqual(1);
});

test("controls=gamma and controls=none lock what a reader of the embed may change", async ({ page }) => {
  await open(page, "?step=baseline&mdp=bandit&embed=1&controls=gamma");
  await expect(page.getByTestId("gamma-slider")).toBeVisible();
  await expect(page.getByTestId("mdp-select")).toHaveCount(0);
  await open(page, "?step=baseline&mdp=bandit&embed=1&controls=none");
  await expect(page.getByTestId("gamma-slider")).toHaveCount(0);
  await expect(page.getByTestId("mdp-select")).toHaveCount(0);
  // The reader still moves between the steps shown, and the view stays what it was.
  await expect(page.getByTestId("exact-J")).toHaveAttribute("data-value", /^-?\d/);
  await page.keyboard.press("ArrowRight");
  await expect(card(page)).toHaveAttribute("data-slug", "training");
  expect(new URL(page.url()).searchParams.get("controls")).toBe("none");
  // In the full explorer, controls=gamma leaves γ alone too.
  await open(page, "?step=objective&mdp=chain&controls=gamma");
  await expect(page.getByTestId("gamma-slider")).toBeVisible();
  await expect(page.locator('input[data-testid^="theta-"]')).toHaveCount(0);
  await expect(page.getByTestId("episodes-input")).toHaveCount(0);
});
