// The native `pgx` report of the same core (DESIGN §4.3), for the end-to-end tests to
// compare the page with: target/release/pgx (`make e2e` builds it; $PGX overrides the path).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PGX = process.env.PGX || path.join(root, "target/release/pgx");

/** Runs `pgx` with `args`; returns its stdout. */
export function pgxText(...args) {
  if (!existsSync(PGX)) {
    throw new Error(`${PGX} is missing: run 'cargo build -p pg-core --bin pgx --release' (make e2e does)`);
  }
  return execFileSync(PGX, args.map(String), { encoding: "utf8" });
}

/** `pgx report SOURCE [--gamma G] [--theta …] --episodes N --seed S`, parsed (DESIGN §4.3). */
export function pgxReport(source, { gamma, theta, episodes = 1, seed = 1 } = {}) {
  const args = ["report", source, "--episodes", episodes, "--seed", seed];
  if (gamma !== undefined) args.push("--gamma", gamma);
  if (theta !== undefined) args.push("--theta", [].concat(theta).join(","));
  return JSON.parse(pgxText(...args));
}

/** pgx's message for a bad MDP file, without its `pgx: FILE: ` prefix; expects exit code 2. */
export function pgxFileError(file) {
  const run = spawnSync(PGX, ["report", file], { encoding: "utf8" });
  if (run.status !== 2) throw new Error(`pgx report ${file}: exit code ${run.status}, not 2`);
  return run.stderr.trim().replace(/^pgx: /, "").replace(`${file}: `, "");
}

/** The same number up to `rel` relative (with a floor for values near zero). */
export const close = (a, b, rel = 1e-12) =>
  Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + 1e-15;
