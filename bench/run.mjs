// `make bench` (DESIGN §6): every benchmark in one run, one plain-text table, and the same
// figures as JSON in target/bench/results.json (for comparing runs).
//   node bench/run.mjs          (after the Makefile's `bench` target has built its inputs)
// Inputs: target/bench/native.json (bench/wasm-kernel/examples/native.rs), optionally
// target/bench/criterion.txt (the criterion bench's output), target/bench-web/ (the wasm
// kernel and bench/web/), dist/ (`make dist`). Each site is served over HTTP on 127.0.0.1 by
// Python's http.server, stopped when the script ends; Playwright drives Debian's Chromium
// (/usr/bin/chromium, or $CHROMIUM_PATH). Environment: BENCH_PORT (18390; uses 3 ports),
// BENCH_EPISODES (throughput episodes, 200000), BENCH_REPS (5; `make bench` passes 7), BENCH_LOADS (5),
// BENCH_SKIP (comma list of: throughput, page, gamma, responsiveness, long, load, limits), BENCH_LONG_EPISODES
// (10000000), BENCH_LONG_SECONDS (300: the long run stops there), BENCH_GAMMA_STEPS
// (objective,causality,dropping-gamma-t).
import { chromium } from "@playwright/test";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
import { fileKind, gzippedSize, KINDS } from "../tests/e2e/sizes.mjs";
import { largestMdp } from "../tests/e2e/mdps.mjs";
import { STEPS } from "../tests/e2e/registry.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const PORT = Number(process.env.BENCH_PORT || 18390);
const EPISODES = Number(process.env.BENCH_EPISODES || 200000);
const REPS = Number(process.env.BENCH_REPS || 5);
const LOADS = Number(process.env.BENCH_LOADS || 5);
const SKIP = new Set((process.env.BENCH_SKIP || "").split(",").filter(Boolean));
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const SAMPLE_EPISODES = 1_000_000;
// The long run (DESIGN §7): 10⁷ episodes, or as many as BENCH_LONG_SECONDS allow.
const LONG_EPISODES = Number(process.env.BENCH_LONG_EPISODES || 10_000_000);
const LONG_SECONDS = Number(process.env.BENCH_LONG_SECONDS || 300);
// The wasm-opt level of the kernel's second build: the app's (`make bench` passes it).
const WASM_OPT = process.env.BENCH_WASM_OPT || "-O2";
const OPT_LABEL = `wasm${WASM_OPT}`;
// dist/ is copied here first, so a `make dist` running elsewhere cannot change the site mid-run.
const SITE = "target/bench/site";

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);

// ---------------------------------------------------------------- servers
const servers = [];
async function serve(dir, port) {
  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", dir], {
    stdio: "ignore",
  });
  servers.push(server);
  for (let i = 0; i < 50; i++) {
    const open = await new Promise((resolve) => {
      const socket = net.connect({ host: "127.0.0.1", port }, () => (socket.destroy(), resolve(true)));
      socket.on("error", () => resolve(false));
      socket.setTimeout(200, () => (socket.destroy(), resolve(false)));
    });
    if (open) return `http://127.0.0.1:${port}/`;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server for ${dir} on port ${port} did not start`);
}
const stopServers = () => servers.forEach((s) => s.exitCode === null && s.kill());
process.on("exit", stopServers);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

// ---------------------------------------------------------------- an MDP at the limits
// The MDP at every limit of the file format (tests/e2e/mdps.mjs: 64 states, 8 actions, d = 512,
// H = 1000) on each step, 1000 episodes wanted: the long tasks (> 50 ms, the API's threshold)
// while it loads, the time until exact J shows, and then, while it samples, 5 γ moves:
// the long tasks they cause and the time from each input event to two frames later.
async function atTheLimits(browser, url) {
  const spec = deflateRawSync(Buffer.from(JSON.stringify(largestMdp()))).toString("base64url");
  const rows = [];
  for (const step of STEPS) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(() => {
      window.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long.push(e.duration);
      }).observe({ type: "longtask", buffered: true });
    });
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${url}?step=${step}&episodes=1000#spec=${spec}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="exact-J"]')?.dataset.value, null, { timeout: 120_000 });
    const exactAt = await page.evaluate(() => performance.now());
    // Until the page's own exact work is done (nothing says computing…), at most 20 s.
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 20_000 }).catch(() => {});
    await page.waitForTimeout(1000);
    const loadTasks = await page.evaluate(() => window.__long.splice(0));
    const moves = [];
    for (const g of [0.9, 0.8, 0.95, 0.7, 0.85]) {
      moves.push(
        await page.getByTestId("gamma-slider").evaluate(
          (input, v) =>
            new Promise((resolve) => {
              const t0 = performance.now();
              input.value = String(v);
              input.dispatchEvent(new Event("input", { bubbles: true }));
              requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
            }),
          g,
        ),
      );
      await page.waitForTimeout(300);
    }
    await page.waitForTimeout(1000);
    const moveTasks = await page.evaluate(() => window.__long.splice(0));
    rows.push({
      step,
      exact_j_ms: exactAt,
      load_long_tasks_ms: loadTasks,
      gamma_moves_ms: moves,
      gamma_long_tasks_ms: moveTasks,
      page_errors: errors.length,
    });
    await page.close();
  }
  return rows;
}

// ---------------------------------------------------------------- machine
function machine() {
  const cpu = (readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/) || [])[1] || os.cpus()[0]?.model;
  const cmd = (c, a) => {
    const r = spawnSync(c, a, { encoding: "utf8" });
    return r.status === 0 ? r.stdout.trim().split("\n")[0] : null;
  };
  return {
    cpu,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memory_gb: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    os: `${os.type()} ${os.release()}`,
    rustc: cmd("rustc", ["--version"]),
    node: process.version,
    // Other work on the machine makes every figure noisier: recorded with the results.
    load_average_1_5_15: os.loadavg().map((x) => Number(x.toFixed(2))),
    date: new Date().toISOString(),
  };
}

// ---------------------------------------------------------------- native
function criterionThroughput() {
  // "sampling/chain  time: [...]  thrpt: [lo mid hi]" with units Kelem/s, Melem/s, Gelem/s.
  const file = "target/bench/criterion.txt";
  if (!existsSync(file)) return null;
  const text = readFileSync(file, "utf8");
  const out = {};
  const scale = { elem: 1, Kelem: 1e3, Melem: 1e6, Gelem: 1e9 };
  const re = /sampling\/(\w+)[\s\S]*?thrpt:\s*\[\s*[\d.]+ \w+\/s\s+([\d.]+) (\w+)\/s/g;
  for (const m of text.matchAll(re)) out[m[1]] = Number(m[2]) * (scale[m[3]] ?? NaN);
  return Object.keys(out).length ? out : null;
}

// ---------------------------------------------------------------- browser parts
async function throughput(browser, url) {
  const page = await browser.newPage();
  page.on("console", (m) => m.type() === "warning" && console.warn(`  page: ${m.text()}`));
  await page.goto(`${url}index.html`);
  await page.waitForFunction(() => window.benchReady === true);
  const result = await page.evaluate((o) => window.bench(o), { episodes: EPISODES, reps: REPS });
  await page.close();
  return result;
}

function gammaTiming(distUrlPort) {
  // tests/e2e/gamma-timing.mjs, on chain, the objective step; its table parsed.
  const env = {
    ...process.env,
    GAMMA_TIMING_PORT: String(distUrlPort),
    GAMMA_TIMING_MDPS: "chain",
    GAMMA_TIMING_STEPS: process.env.BENCH_GAMMA_STEPS || "objective,causality,dropping-gamma-t",
    GAMMA_TIMING_COUNTS: "10000,100000,1000000",
  };
  const r = spawnSync("node", ["tests/e2e/gamma-timing.mjs", SITE], { env, encoding: "utf8", timeout: 1_800_000 });
  const rows = [];
  for (const line of (r.stdout || "").split("\n")) {
    const m = line.match(
      /^(\S+)\s+(\S+)\s+(\d+)\s+([\d.]+) s \|\s+([\d.]+)\s+([\d.]+) \|\s+([\d.]+)\s+([\d.]+) \|\s+([\d.]+)\s+([\d.]+) \|\s+([\d.]+)/,
    );
    if (m)
      rows.push({
        mdp: m[1],
        step: m[2],
        episodes: Number(m[3]),
        sampling_s: Number(m[4]),
        changed_ms: { median: Number(m[5]), max: Number(m[6]) },
        settled_ms: { median: Number(m[7]), max: Number(m[8]) },
        two_frames_ms: { median: Number(m[9]), max: Number(m[10]) },
        frame_interval_ms: Number(m[11]),
      });
  }
  if (r.status !== 0) console.warn(`  gamma-timing exited with ${r.status}: ${(r.stderr || "").trim().split("\n").slice(-3).join(" / ")}`);
  return { rows, raw: r.stdout };
}

/** Instrumentation installed before the app starts (page.addInitScript). */
function instrument() {
  const b = (window.__bench = { longtasks: [], memory: [], interactive: null });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {
    b.longtaskError = String(e);
  }
  const heap = () => performance.memory?.usedJSHeapSize ?? null;
  addEventListener("TrunkApplicationStarted", (e) => {
    b.started = performance.now();
    b.wasm = e.detail?.wasm;
    b.wasmStart = b.wasm?.memory?.buffer?.byteLength ?? null;
    b.heapStart = heap();
    // Memory while sampling: every 250 ms.
    // Frame intervals while sampling: the long-task API only sees tasks over 50 ms, so the
    // longest gap between animation frames is the finer sign of a blocked main thread.
    b.frames = { max: 0, over25: 0, count: 0 };
    let last = null;
    const tick = (t) => {
      if (last !== null) {
        const gap = t - last;
        b.frames.count++;
        if (gap > b.frames.max) b.frames.max = gap;
        if (gap > 25) {
          b.frames.over25++;
          const done = document.querySelector('[data-testid="episodes-done"]')?.dataset.value;
          b.frames.gaps ??= [];
          if (b.frames.gaps.length < 50) b.frames.gaps.push({ at: t - b.started, gap, episodes_done: done });
        }
      }
      last = t;
      if (!b.stopFrames) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    b.timer = setInterval(() => b.memory.push({ t: performance.now(), wasm: b.wasm?.memory?.buffer?.byteLength ?? null, heap: heap() }), 250);
  });
  const check = () => {
    if (b.interactive === null && document.querySelector('[data-testid="exact-J"][data-value]')) b.interactive = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
}

async function responsiveness(browser, url, { episodes = SAMPLE_EPISODES, mdp = "chain", boundS = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on("pageerror", (err) => {
    consoleErrors.push(err.message);
    console.warn(`  page error: ${err.message}`);
  });
  page.on("console", (msg) => msg.type() === "error" && consoleErrors.push(msg.text()));
  await page.addInitScript(instrument);
  const t0 = Date.now();
  await page.goto(`${url}?mdp=${mdp}&episodes=${episodes}&seed=1`);
  const done = page.getByTestId("episodes-done");
  // Wait for the count, or at most boundS seconds (the long run reports how far it got).
  const reached = await done
    .and(page.locator(`[data-value="${episodes}"]`))
    .waitFor({ state: "attached", timeout: boundS * 1000 })
    .then(() => true, () => false);
  const episodesDone = Number(await done.getAttribute("data-value"));
  const wall = (Date.now() - t0) / 1000;
  // One more second: anything still running after the count is reached (charts) counts too.
  await page.waitForTimeout(1000);
  const r = await page.evaluate(() => {
    const b = window.__bench;
    clearInterval(b.timer);
    b.stopFrames = true;
    const after = { wasm: b.wasm?.memory?.buffer?.byteLength ?? null, heap: performance.memory?.usedJSHeapSize ?? null };
    const sampling = b.longtasks.filter((t) => t.start >= (b.started ?? 0));
    const longest = (xs) => xs.reduce((m, t) => Math.max(m, t.duration), 0);
    return {
      longtask_supported: !b.longtaskError,
      longtasks_total: b.longtasks.length,
      longtasks_after_start: sampling.length,
      longtasks_over_16ms_after_start: sampling.filter((t) => t.duration > 16).length,
      longest_task_ms_after_start: longest(sampling),
      longest_task_ms_incl_load: longest(b.longtasks),
      // Past the first render: tasks starting 500 ms or more after the app started.
      longest_task_ms_after_500ms: longest(sampling.filter((t) => t.start - b.started >= 500)),
      longtasks_after_start_detail: sampling.map((t) => ({ at: t.start - b.started, duration: t.duration })),
      longest_frame_interval_ms: b.frames?.max ?? null,
      frame_intervals_over_25ms: b.frames?.over25 ?? null,
      frames: b.frames?.count ?? null,
      frame_gaps_over_25ms: b.frames?.gaps ?? [],
      wasm_memory_before: b.wasmStart,
      wasm_memory_after: after.wasm,
      wasm_memory_max: Math.max(b.wasmStart ?? 0, ...b.memory.map((m) => m.wasm ?? 0)),
      js_heap_before: b.heapStart,
      js_heap_after: after.heap,
      js_heap_max: Math.max(b.heapStart ?? 0, ...b.memory.map((m) => m.heap ?? 0)),
      memory_samples: b.memory,
    };
  });
  await context.close();
  return { mdp, episodes, episodes_done: episodesDone, reached, wall_s: wall, console_errors: consoleErrors, ...r };
}

// ---------------------------------------------------------------- sampling in the page
/** Episodes per page-sampling run: the corridor's episodes are about 27 times the chain's. */
const PAGE_EPISODES = { chain: 1_000_000, corridor: 100_000 };
/** Environment steps of a run, from pgx (the same blocks and seed give the same episodes). */
function pgxSteps(mdp, episodes) {
  const r = spawnSync("target/release/pgx", ["report", mdp, "--episodes", String(episodes), "--seed", "1"], { encoding: "utf8" });
  try {
    return JSON.parse(r.stdout).monte_carlo.steps;
  } catch {
    return null;
  }
}

/**
 * The app samples `episodes` of `mdp` with `workers` workers (0: on the page): seconds from
 * the first episode shown to the last, and from them episodes and steps per second.
 */
async function pageSampling(browser, url, mdp, workers) {
  const episodes = PAGE_EPISODES[mdp];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${url}?mdp=${mdp}&episodes=${episodes}&seed=1&workers=${workers}`);
  const seconds = await page.evaluate(
    (n) =>
      new Promise((resolve) => {
        let first = null;
        const tick = () => {
          const done = Number(document.querySelector('[data-testid="episodes-done"]')?.dataset.value ?? 0);
          if (done > 0 && first === null) first = performance.now();
          if (done >= n) resolve((performance.now() - first) / 1000);
          else requestAnimationFrame(tick);
        };
        tick();
      }),
    episodes,
  );
  const where = await page.locator(".progress[data-workers]").getAttribute("data-workers");
  await context.close();
  const steps = pgxSteps(mdp, episodes);
  return { mdp, workers, where, episodes, seconds, episodes_per_s: episodes / seconds, steps, steps_per_s: steps ? steps / seconds : null };
}

/**
 * γ moves while the app samples (10⁷ episodes of chain, default workers): after 10⁴, 10⁵ and
 * 10⁶ episodes, `moves` moves of 0.01, each timed from the input event until exact-J (which
 * only γ changes) shows the new value, until the next task (every synchronous update run),
 * and until two animation frames later (painted).
 */
async function gammaWhileSampling(browser, url, moves = 20) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${url}?step=causality&mdp=chain&episodes=10000000&seed=1`);
  const rows = [];
  for (const at of [10_000, 100_000, 1_000_000]) {
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="episodes-done"]')?.dataset.value ?? 0) >= n,
      at,
      { timeout: 600_000, polling: 50 },
    );
    const times = await page.getByTestId("gamma-slider").evaluate(async (input, count) => {
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const nextTask = () =>
        new Promise((r) => {
          const c = new MessageChannel();
          c.port1.onmessage = () => r();
          c.port2.postMessage(0);
        });
      const exact = () => document.querySelector('[data-testid="exact-J"]')?.dataset.value;
      const out = [];
      for (let i = 0; i < count + 2; i++) {
        await frame();
        const before = exact();
        const g = Number(input.value) - 0.01 > 0.3 ? Number(input.value) - 0.01 : 0.95;
        const t0 = performance.now();
        input.value = g.toFixed(2);
        input.dispatchEvent(new Event("input", { bubbles: true }));
        await nextTask();
        const settled = performance.now() - t0;
        while (exact() === before) await frame();
        const changed = performance.now() - t0;
        await frame();
        await frame();
        if (i >= 2) out.push({ changed, settled, painted: performance.now() - t0 });
      }
      return out;
    }, moves);
    const episodes = Number(await page.getByTestId("episodes-done").getAttribute("data-value"));
    const q = (key, f) => {
      const xs = times.map((t) => t[key]).sort((a, b) => a - b);
      return xs[Math.min(xs.length - 1, Math.floor(f * xs.length))];
    };
    rows.push({
      at,
      episodes_after: episodes,
      settled_ms: { p50: q("settled", 0.5), p90: q("settled", 0.9) },
      painted_ms: { p50: q("painted", 0.5), p90: q("painted", 0.9) },
    });
  }
  const where = await page.locator(".progress[data-workers]").getAttribute("data-workers");
  await context.close();
  return { where, rows };
}

function distSizes() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith(".")) continue;
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(SITE);
  return files.map((f) => {
    const data = readFileSync(f);
    return { file: path.relative(SITE, f), kind: fileKind(f), raw: data.length, gzip: gzippedSize(data) };
  });
}

function sumByKind(files) {
  const out = {};
  for (const f of files) {
    out[f.kind] ??= { files: 0, raw: 0, gzip: 0 };
    out[f.kind].files++;
    out[f.kind].raw += f.raw;
    out[f.kind].gzip += f.gzip;
  }
  return out;
}

async function firstLoad(browser, url) {
  const files = distSizes();
  const times = [];
  let requested = new Set();
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const seen = new Set();
    page.on("pageerror", (err) => console.warn(`  page error: ${err.message}`));
    page.on("request", (req) => {
      const u = new URL(req.url());
      if (u.origin === new URL(url).origin) seen.add(decodeURIComponent(u.pathname.slice(1)) || "index.html");
    });
    await page.addInitScript(instrument);
    await page.goto(url);
    await page.waitForFunction(() => window.__bench?.interactive != null, null, { timeout: 60_000 });
    times.push(await page.evaluate(() => window.__bench.interactive));
    await page.waitForLoadState("networkidle");
    if (i === 0) requested = seen;
    await context.close();
  }
  return {
    time_to_interactive_ms: { median: median(times), min: Math.min(...times), max: Math.max(...times), runs: times },
    downloaded: sumByKind(files.filter((f) => requested.has(f.file))),
    dist: sumByKind(files),
    files: files.map((f) => ({ ...f, downloaded: requested.has(f.file) })),
  };
}

// ---------------------------------------------------------------- main
const results = { machine: machine() };
const native = readJson("target/bench/native.json");
results.native = native;
results.criterion = criterionThroughput();

let browser;
try {
  const ports = [PORT, PORT + 1, PORT + 2];
  const benchUrl = await serve("target/bench-web", ports[0]);
  let distUrl = null;
  if (existsSync("dist/index.html")) {
    rmSync(SITE, { recursive: true, force: true });
    cpSync("dist", SITE, { recursive: true, filter: (src) => !path.basename(src).startsWith(".") });
    distUrl = await serve(SITE, ports[1]);
    results.site = {
      built: statSync("dist/index.html").mtime.toISOString(),
      wasm: readdirSync(SITE).find((f) => f.endsWith(".wasm")),
    };
  } else console.warn("bench: dist/index.html is missing (run 'make dist'): skipping the app's benchmarks");
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--enable-precise-memory-info"],
  });
  results.machine.chromium = browser.version();
  // One failing part leaves its figures n/a (and an error in the JSON); the rest still runs.
  const part = async (name, fn) => {
    try {
      return await fn();
    } catch (err) {
      const msg = String(err?.message ?? err).split("\n")[0];
      console.warn(`bench: ${name} failed: ${msg}`);
      (results.errors ??= {})[name] = msg;
      return undefined;
    }
  };
  if (!SKIP.has("throughput")) {
    console.error("bench: throughput (native figures from target/bench/native.json; wasm and JS in Chromium)…");
    results.browser_throughput = await part("throughput", () => throughput(browser, benchUrl));
  }
  if (distUrl && !SKIP.has("load")) {
    console.error("bench: first load…");
    results.first_load = await part("first_load", () => firstLoad(browser, distUrl));
  }
  if (distUrl && !SKIP.has("page")) {
    console.error("bench: sampling in the page, 1 and 2 workers and none…");
    results.page_sampling = [];
    for (const mdp of ["chain", "corridor"])
      for (const workers of [1, 2, 0]) {
        const r = await part(`page_sampling ${mdp} ${workers}`, () => pageSampling(browser, distUrl, mdp, workers));
        if (r) results.page_sampling.push(r);
      }
    console.error("bench: γ moves while sampling…");
    results.gamma_while_sampling = await part("gamma_while_sampling", () => gammaWhileSampling(browser, distUrl));
  }
  if (distUrl && !SKIP.has("responsiveness")) {
    console.error(`bench: responsiveness while sampling ${SAMPLE_EPISODES} episodes…`);
    results.responsiveness = await part("responsiveness", () => responsiveness(browser, distUrl));
  }
  if (distUrl && !SKIP.has("long")) {
    console.error(`bench: long run, ${LONG_EPISODES} episodes of chain or ${LONG_SECONDS} s…`);
    results.long_run = await part("long_run", () =>
      responsiveness(browser, distUrl, { episodes: LONG_EPISODES, boundS: LONG_SECONDS }),
    );
  }
  if (distUrl && !SKIP.has("limits")) {
    console.error("bench: an MDP at the limits on every step…");
    results.limits = await part("limits", () => atTheLimits(browser, distUrl));
  }
  await browser.close();
  browser = null;
  if (!SKIP.has("gamma")) {
    console.error("bench: γ slider (tests/e2e/gamma-timing.mjs)…");
    const g = gammaTiming(ports[2]);
    results.gamma = g.rows;
    if (!g.rows.length) (results.errors ??= {}).gamma = "no rows from tests/e2e/gamma-timing.mjs";
  }
} finally {
  await browser?.close();
  stopServers();
}

// ---------------------------------------------------------------- table
const lines = [];
const M = (x) => (x == null || !Number.isFinite(x) ? "n/a" : (x / 1e6).toFixed(2));
const R = (a, b) => (a == null || b == null || !b ? "n/a" : (a / b).toFixed(2) + "×");
const KB = (x) => (x == null ? "n/a" : (x / 1024).toFixed(1));
const MB = (x) => (x == null ? "n/a" : (x / 2 ** 20).toFixed(1));
const m = results.machine;
lines.push(`pg-explorer benchmarks — ${m.date}`);
if (results.site) lines.push(`app: dist/ built ${results.site.built} (${results.site.wasm})`);
lines.push(`machine: ${m.cpu}, ${m.cores} cores, ${m.memory_gb} GB; ${m.rustc}; Chromium ${m.chromium ?? "?"}; node ${m.node}; load average at start ${m.load_average_1_5_15.join(" ")}`);
lines.push("");
lines.push(`Sampling throughput (Msteps/s: environment steps per second, sampling + accumulation of G₀ and 4 estimators)`);
const bt = results.browser_throughput || {};
lines.push(
  `${"mdp".padEnd(10)} ${"native".padStart(7)} ${"criterion".padStart(9)} ${"wasm".padStart(7)} ${OPT_LABEL.padStart(7)} ${"JS".padStart(7)} | ${"wasm/native".padStart(11)} ${"wasm/JS".padStart(8)} ${"opt/native".padStart(10)} ${"opt/JS".padStart(6)}`,
);
for (const preset of ["chain", "gridworld"]) {
  const n = native?.[preset]?.steps_per_s;
  const c = results.criterion?.[preset];
  const w = bt[preset]?.wasm?.steps_per_s;
  const wz = bt[preset]?.wasm_opt?.steps_per_s;
  const j = bt[preset]?.js?.steps_per_s;
  lines.push(
    `${preset.padEnd(10)} ${M(n).padStart(7)} ${M(c).padStart(9)} ${M(w).padStart(7)} ${M(wz).padStart(7)} ${M(j).padStart(7)} | ${R(w, n).padStart(11)} ${R(w, j).padStart(8)} ${R(wz, n).padStart(10)} ${R(wz, j).padStart(6)}`,
  );
}
lines.push(
  `  (${EPISODES} episodes per run, median of ${REPS}; wasm = wasm-bindgen output, ${OPT_LABEL} = after wasm-opt ${WASM_OPT}, as the app ships; both simd128; ratios use native, not criterion)`,
);
lines.push("");
lines.push("γ slider on chain (ms from the input event; median / max of 20 moves; tests/e2e/gamma-timing.mjs)");
lines.push(`${"step".padEnd(17)} ${"episodes".padStart(9)} | ${"readout changed".padStart(15)} | ${"all updates run".padStart(15)} | ${"painted (2 rAF)".padStart(15)} | frame`);
for (const g of results.gamma || [])
  lines.push(
    `${g.step.padEnd(17)} ${String(g.episodes).padStart(9)} | ${`${g.changed_ms.median.toFixed(2)} / ${g.changed_ms.max.toFixed(2)}`.padStart(15)} | ${`${g.settled_ms.median.toFixed(2)} / ${g.settled_ms.max.toFixed(2)}`.padStart(15)} | ${`${g.two_frames_ms.median.toFixed(2)} / ${g.two_frames_ms.max.toFixed(2)}`.padStart(15)} | ${g.frame_interval_ms.toFixed(1)}`,
  );
if (!results.gamma?.length) lines.push("  n/a");
lines.push("");
const ps = results.page_sampling || [];
lines.push("Sampling in the app (seed 1; seconds from the first episode shown to the last; steps from pgx, which samples the same blocks)");
lines.push(`${"mdp".padEnd(9)} ${"workers".padStart(7)} ${"episodes".padStart(9)} ${"seconds".padStart(8)} ${"episodes/s".padStart(11)} ${"Msteps/s".padStart(9)}`);
for (const p of ps)
  lines.push(
    `${p.mdp.padEnd(9)} ${String(p.where).padStart(7)} ${String(p.episodes).padStart(9)} ${p.seconds.toFixed(2).padStart(8)} ${Math.round(p.episodes_per_s).toString().padStart(11)} ${M(p.steps_per_s).padStart(9)}`,
  );
const find = (mdp, w) => ps.find((p) => p.mdp === mdp && p.where === w);
for (const w of ["1", "2", "page"]) {
  const c = find("chain", w), k = find("corridor", w);
  if (c && k) lines.push(`  ${w === "page" ? "on the page" : w + " worker(s)"}: corridor/chain per step ${R(k.steps_per_s, c.steps_per_s)}; 10⁵ corridor episodes take ${(k.seconds / (c.seconds * 100_000 / c.episodes)).toFixed(1)}× the time of 10⁵ chain episodes`);
}
for (const mdp of ["chain", "corridor"]) {
  const one = find(mdp, "1"), two = find(mdp, "2");
  if (one && two) lines.push(`  ${mdp}: 2 workers / 1 worker ${R(two.steps_per_s, one.steps_per_s)} (${results.machine.cores ?? "?"} cores)`);
}
if (!ps.length) lines.push("  n/a");
lines.push("");
const gw = results.gamma_while_sampling;
lines.push(`γ moves while sampling 10⁷ episodes of chain (workers: ${gw?.where ?? "n/a"}; step causality; ms from the input event, p50 / p90 of 20 moves)`);
if (gw) {
  lines.push(`${"collected".padStart(9)} | ${"all updates run".padStart(15)} | ${"painted (2 rAF)".padStart(15)}`);
  for (const row of gw.rows)
    lines.push(
      `${String(row.at).padStart(9)} | ${`${row.settled_ms.p50.toFixed(1)} / ${row.settled_ms.p90.toFixed(1)}`.padStart(15)} | ${`${row.painted_ms.p50.toFixed(1)} / ${row.painted_ms.p90.toFixed(1)}`.padStart(15)}`,
    );
} else lines.push("  n/a");
lines.push("");
const r = results.responsiveness;
lines.push(`Responsiveness while sampling ${SAMPLE_EPISODES} episodes of chain in the app`);
if (r) {
  lines.push(`  wall time to ${SAMPLE_EPISODES} episodes: ${r.wall_s.toFixed(1)} s`);
  lines.push(
    `  longest main-thread task after app start: ${r.longest_task_ms_after_start.toFixed(0)} ms (${r.longtasks_after_start} long tasks > 50 ms); incl. page load: ${r.longest_task_ms_incl_load.toFixed(0)} ms`,
  );
  const late = (r.frame_gaps_over_25ms || []).filter((g) => g.at >= 500);
  lines.push(
    `  past the first render (≥ 500 ms after start): longest task ${r.longest_task_ms_after_500ms > 0 ? r.longest_task_ms_after_500ms.toFixed(0) + " ms" : "none > 50 ms"}, longest frame interval ${late.length ? Math.max(...late.map((g) => g.gap)).toFixed(1) + " ms" : "≤ 25 ms"} (${late.length} intervals > 25 ms)`,
  );
  lines.push(
    `  longest interval between animation frames: ${r.longest_frame_interval_ms?.toFixed(1)} ms (${r.frame_intervals_over_25ms} of ${r.frames} intervals > 25 ms); long tasks are those > 50 ms (API threshold)`,
  );
  lines.push(
    `  wasm memory: ${MB(r.wasm_memory_before)} MB at start, ${MB(r.wasm_memory_after)} MB after, max ${MB(r.wasm_memory_max)} MB; JS heap: ${MB(r.js_heap_before)} → ${MB(r.js_heap_after)} MB (max ${MB(r.js_heap_max)})`,
  );
} else lines.push("  n/a");
lines.push("");
const lr = results.long_run;
lines.push(`Long run: ${LONG_EPISODES} episodes of chain in the app, or as many as ${LONG_SECONDS} s allow`);
if (lr) {
  lines.push(
    `  ${lr.episodes_done} episodes in ${lr.wall_s.toFixed(1)} s (${lr.reached ? "all" : "time bound reached"}); console errors: ${lr.console_errors.length}${lr.console_errors.length ? " — " + lr.console_errors[0] : ""}`,
  );
  const samples = lr.memory_samples || [];
  lines.push(
    `  wasm memory: ${MB(lr.wasm_memory_before)} MB at start, ${MB(lr.wasm_memory_after)} MB after, max ${MB(lr.wasm_memory_max)} MB; JS heap: ${MB(lr.js_heap_before)} → ${MB(lr.js_heap_after)} MB (max ${MB(lr.js_heap_max)})`,
  );
  if (samples.length) {
    const at = (f) => samples[Math.min(samples.length - 1, Math.floor(f * samples.length))];
    lines.push(
      `  wasm memory at 10%, 50%, 90% of the run: ${[0.1, 0.5, 0.9].map((f) => MB(at(f).wasm)).join(", ")} MB; longest task after start ${lr.longest_task_ms_after_500ms > 0 ? lr.longest_task_ms_after_500ms.toFixed(0) + " ms" : "none > 50 ms"} past the first render`,
    );
  }
} else lines.push("  n/a");
lines.push("");
const fl = results.first_load;
lines.push("First load (copy of dist/, gzip -9 KB; 'downloaded' = files the page requested on load)");
if (fl) {
  lines.push(`${"".padEnd(11)} ${KINDS.map((k) => k.padStart(7)).join(" ")} | first load (no fonts, no worker)`);
  for (const [label, by] of [["downloaded", fl.downloaded], ["all dist/", fl.dist]]) {
    const noFonts = KINDS.filter((k) => k !== "fonts" && k !== "worker").reduce((s, k) => s + (by[k]?.gzip ?? 0), 0);
    lines.push(`${label.padEnd(11)} ${KINDS.map((k) => KB(by[k]?.gzip ?? 0).padStart(7)).join(" ")} | ${KB(noFonts).padStart(7)}`);
  }
  const t = fl.time_to_interactive_ms;
  lines.push(`  time to interactive (navigation → exact-J has a value), 127.0.0.1: median ${t.median.toFixed(0)} ms (min ${t.min.toFixed(0)}, max ${t.max.toFixed(0)}, ${t.runs.length} loads)`);
  // The one-file build (DESIGN §8): counted in "all dist/" above as html, shown alone here.
  const standalone = fl.files.find((f) => f.file === "standalone.html");
  lines.push(
    standalone
      ? `  standalone.html (the whole app in one file, for offline use): ${KB(standalone.raw)} KB, ${KB(standalone.gzip)} KB gzipped`
      : "  standalone.html: missing from dist/",
  );
} else lines.push("  n/a");

lines.push("");
lines.push("An MDP at the limits (64 states, 8 actions, d = 512, H = 1000), 1000 episodes, each step: long tasks (> 50 ms)");
const lim = results.limits;
if (lim) {
  const tasks = (xs) => (xs.length ? xs.map((x) => x.toFixed(0)).join(", ") : "none");
  lines.push(`${"step".padEnd(26)} exact J at | long tasks while loading | 5 γ moves while sampling: ms to 2nd frame | long tasks`);
  for (const r of lim) {
    lines.push(
      `${r.step.padEnd(26)} ${(r.exact_j_ms.toFixed(0) + " ms").padStart(10)} | ${tasks(r.load_long_tasks_ms).padEnd(23)} | ${r.gamma_moves_ms.map((x) => x.toFixed(0)).join(", ").padEnd(41)} | ${tasks(r.gamma_long_tasks_ms)}${r.page_errors ? `; ${r.page_errors} page errors` : ""}`,
    );
  }
} else lines.push("  n/a");

for (const [name, msg] of Object.entries(results.errors || {})) lines.push(`error in ${name}: ${msg}`);
const table = lines.join("\n");
results.table = table;
mkdirSync("target/bench", { recursive: true });
writeFileSync("target/bench/results.json", JSON.stringify(results, null, 2) + "\n");
writeFileSync("target/bench/table.txt", table + "\n");
console.log(table);
console.log("\nJSON: target/bench/results.json");
