// Times the sampling kernel in this page: pg-core as WebAssembly (`sample_steps`, two builds:
// as wasm-bindgen writes it, and after wasm-opt at the level trunk ships the app with) and the plain
// JavaScript kernel (js-kernel.js) on the same tables. Each figure is the median of `reps`
// timed runs of `episodes` episodes, after one untimed warm-up run.
import { makeKernel } from "./js-kernel.js";

async function loadWasm(tag, wasmFile) {
  // A separate module instance per build (the glue keeps its instance in module state).
  const glue = await import(`./kernel.js?${tag}`);
  await glue.default({ module_or_path: new URL(wasmFile, import.meta.url) });
  return glue;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function time(fn, reps) {
  const steps = fn(); // warm-up, and the step count
  const ms = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const s = fn();
    ms.push(performance.now() - t0);
    if (s !== steps) throw new Error(`step count changed: ${s} vs ${steps}`);
  }
  const m = median(ms);
  return { steps, median_ms: m, min_ms: Math.min(...ms), steps_per_s: steps / (m / 1000) };
}

window.bench = async ({ presets = ["chain", "gridworld"], episodes = 200000, reps = 5, seed = 7 } = {}) => {
  const builds = { wasm: await loadWasm("raw", "kernel_bg.wasm") };
  try {
    builds.wasm_opt = await loadWasm("opt", "kernel_opt_bg.wasm");
  } catch (e) {
    console.warn(`no wasm-opt build: ${e}`);
  }
  const out = {};
  for (const preset of presets) {
    const tables = JSON.parse(builds.wasm.mdp_tables(preset));
    const js = makeKernel(tables);
    const row = { episodes };
    for (const [name, glue] of Object.entries(builds)) {
      row[name] = time(() => glue.sample_steps(preset, episodes, BigInt(seed)), reps);
    }
    row.js = time(() => js(episodes, seed), reps);
    out[preset] = row;
  }
  document.getElementById("out").textContent = JSON.stringify(out, null, 2);
  return out;
};
window.benchReady = true;
