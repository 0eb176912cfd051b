// The app's registries — steps, estimators, presets — as the app itself exports them
// (`export-math registry`, src/steps/mod.rs), so that no test keeps its own copy.
// `make e2e` writes target/registry.json and passes it in $REGISTRY; without it the export
// is run here (a native cargo build of the app's crate).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function load() {
  const file = process.env.REGISTRY;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const env = { ...process.env };
  delete env.CARGO_BUILD_TARGET;
  const out = execFileSync(
    "cargo",
    ["run", "--quiet", "--manifest-path", path.join(root, "Cargo.toml"), "-p", "pg-explorer", "--bin", "export-math", "--", "registry"],
    { encoding: "utf8", env },
  );
  return JSON.parse(out);
}

/** `{ steps: [{ slug, title, part, estimators, tip, in_code }], estimators: [...], presets: [...] }`. */
export const REGISTRY = load();

/** The steps' slugs, in order. */
export const STEPS = REGISTRY.steps.map((s) => s.slug);

/** For each step's slug, the ids of the estimators its panel compares (after J). */
export const SHOWN = Object.fromEntries(REGISTRY.steps.map((s) => [s.slug, s.estimators]));

/** For each estimator id, its legend colour in the light and dark themes. */
export const ESTIMATOR_COLOURS = Object.fromEntries(REGISTRY.estimators.map((e) => [e.id, { light: e.light, dark: e.dark }]));
