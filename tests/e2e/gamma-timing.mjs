// γ slider timing (DESIGN §6), a benchmark and not a test: how long from an `input` event on
// the γ slider until the readouts show the new γ, with 10⁴, 10⁵ and 10⁶ episodes collected,
// in headless Chromium against the built site. The cost must not grow with the count.
//   node tests/e2e/gamma-timing.mjs [DIST_DIR]        (`make gamma-timing`)
// Like scripts/screenshots.sh, dist/ is served over HTTP on 127.0.0.1 by Python's
// http.server (stopped when the script ends); Playwright drives Debian's Chromium
// (/usr/bin/chromium, or $CHROMIUM_PATH). Environment: GAMMA_TIMING_PORT (18375),
// GAMMA_TIMING_MDPS (chain,gridworld), GAMMA_TIMING_COUNTS (10000,100000,1000000),
// GAMMA_TIMING_STEPS (objective,causality,dropping-gamma-t), GAMMA_TIMING_MOVES (20).
//
// For each move it reports, from dispatching the event (performance.now() in the page):
//   changed  until estimate-J's data-value changed (a MutationObserver),
//   settled  until the next task after the event: every synchronous and microtask update
//            (signals, memos, DOM, canvas redraws) has run,
//   frames   until the second animation frame after the change, i.e. the new numbers
//            have been painted (this includes waiting for vsync, so ≥ one frame interval).
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const dist = (process.argv[2] || "dist").replace(/\/index\.html$/, "");
const port = Number(process.env.GAMMA_TIMING_PORT || 18375);
const list = (name, dflt) => (process.env[name] || dflt).split(",").map((s) => s.trim()).filter(Boolean);
const MDPS = list("GAMMA_TIMING_MDPS", "chain,gridworld");
const COUNTS = list("GAMMA_TIMING_COUNTS", "10000,100000,1000000").map(Number);
const STEPS = list("GAMMA_TIMING_STEPS", "objective,causality,dropping-gamma-t");
const MOVES = Number(process.env.GAMMA_TIMING_MOVES || 20);
const WARMUP = 2;

if (!existsSync(path.join(dist, "index.html"))) {
  console.error(`gamma-timing: ${dist}/index.html is missing; run 'make dist'`);
  process.exit(1);
}

/** Resolves once something listens on the port (or rejects after ~5 s). */
async function waitForPort() {
  for (let i = 0; i < 50; i++) {
    const open = await new Promise((resolve) => {
      const socket = net.connect({ host: "127.0.0.1", port }, () => (socket.destroy(), resolve(true)));
      socket.on("error", () => resolve(false));
      socket.setTimeout(200, () => (socket.destroy(), resolve(false)));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server on port ${port} did not start`);
}

const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", dist], {
  stdio: "ignore",
});
let serverExited = false;
server.on("exit", () => (serverExited = true));
const stopServer = () => {
  if (!serverExited) server.kill();
};
process.on("exit", stopServer);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

/** In the page: `moves` γ moves, each timed as described above. */
function measureInPage(page, moves) {
  return page.getByTestId("gamma-slider").evaluate(async (input, values) => {
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const nextTask = () =>
      new Promise((r) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => r();
        channel.port2.postMessage(0);
      });
    const jValue = () => document.querySelector('[data-testid="estimate-J"]')?.dataset.value;
    const table = document.querySelector("table.estimates");
    const out = [];
    for (const g of values) {
      await frame();
      const before = jValue();
      let changed = null;
      const observer = new MutationObserver(() => {
        if (changed === null && jValue() !== before) changed = performance.now();
      });
      observer.observe(table, { attributes: true, childList: true, subtree: true });
      const t0 = performance.now();
      input.value = String(g);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await nextTask();
      const settled = performance.now();
      for (let i = 0; jValue() === before; i++) {
        if (i > 600) throw new Error(`estimate-J did not change after γ → ${g}`);
        await frame();
      }
      if (changed === null) changed = performance.now();
      await frame();
      await frame();
      const frames = performance.now();
      observer.disconnect();
      out.push({ changed: changed - t0, settled: settled - t0, frames: frames - t0 });
    }
    // The frame interval, for reading the "frames" column.
    const stamps = [];
    for (let i = 0; i < 31; i++) stamps.push(await new Promise((r) => requestAnimationFrame(r)));
    const intervals = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
    return { moves: out, frameInterval: intervals[intervals.length >> 1] };
  }, moves);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (xs) => `${median(xs).toFixed(2).padStart(7)} ${Math.max(...xs).toFixed(2).padStart(7)}`;

/** γ values of a slow drag from 0.90 down by 0.01, warm-up moves first. */
const gammas = Array.from({ length: WARMUP + MOVES }, (_, i) => Number((0.89 - 0.01 * i).toFixed(2)));

let browser;
let failed = false;
try {
  await waitForPort();
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", headless: true });
  console.log(`γ slider timing: ${MOVES} moves of 0.01 each (after ${WARMUP} warm-up moves), Chromium ${browser.version()}`);
  console.log("times in ms from the input event: median and max; 'frame' is the median rAF interval\n");
  const header = `${"mdp".padEnd(10)} ${"step".padEnd(17)} ${"episodes".padStart(9)} ${"sampled".padStart(8)} | ${"changed med/max".padStart(15)} | ${"settled med/max".padStart(15)} | ${"2 frames med/max".padStart(16)} | frame`;
  console.log(header);
  console.log("-".repeat(header.length));
  for (const mdp of MDPS) {
    for (const count of COUNTS) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      page.on("pageerror", (err) => console.warn(`  warning: page error: ${err.message}`));
      page.on("console", (msg) => msg.type() === "error" && console.warn(`  warning: console error: ${msg.text()}`));
      try {
        const started = Date.now();
        await page.goto(`http://127.0.0.1:${port}/?step=${STEPS[0]}&mdp=${mdp}&episodes=${count}&seed=1`);
        await page
          .getByTestId("episodes-done")
          .and(page.locator(`[data-value="${count}"]`))
          .waitFor({ state: "attached", timeout: 600_000 });
        const sampled = `${((Date.now() - started) / 1000).toFixed(1)} s`;
        for (const step of STEPS) {
          if (step !== STEPS[0]) {
            await page.getByTestId(`step-${step}`).click();
            await page.locator(`article[data-testid="step-card"][data-slug="${step}"]`).waitFor();
          }
          // Back to the default γ between steps, so every step sees the same drag.
          await page.getByTestId("gamma-slider").evaluate(async (input) => {
            input.value = "0.9";
            input.dispatchEvent(new Event("input", { bubbles: true }));
            await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          });
          const { moves, frameInterval } = await measureInPage(page, gammas);
          const timed = moves.slice(WARMUP);
          const done = await page.getByTestId("episodes-done").getAttribute("data-value");
          if (done !== String(count)) throw new Error(`episodes-done became ${done} while γ moved`);
          console.log(
            `${mdp.padEnd(10)} ${step.padEnd(17)} ${String(count).padStart(9)} ${sampled.padStart(8)} | ${fmt(timed.map((m) => m.changed))} | ${fmt(timed.map((m) => m.settled))} | ${fmt(timed.map((m) => m.frames)).padStart(16)} | ${frameInterval.toFixed(1)}`,
          );
        }
      } catch (err) {
        failed = true;
        console.error(`gamma-timing: ${mdp} with ${count} episodes failed: ${err.message.split("\n")[0]}`);
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await browser?.close();
  stopServer();
}
process.exit(failed ? 1 : 0);
