// How the first load is counted, shared by the CI budget test (budget.spec.mjs) and
// `make bench` (bench/run.mjs), so both report the same figure: files by kind, and their
// size gzipped at level 9 (Node's zlib).
import path from "node:path";
import { gzipSync } from "node:zlib";

/**
 * The kinds a file of the site can be, in the order tables print them. "worker" is the
 * sampling worker (sampler-loader.js, sampler-worker.js and its module): it loads when
 * sampling starts, after the first paint, and has a budget of its own (DESIGN §6).
 */
export const KINDS = ["html", "js", "wasm", "css", "fonts", "worker", "other"];

/** The kind of a site file, from its path (a path ending in "/" is its index.html). */
export function fileKind(file) {
  if (file === "" || file.endsWith("/")) return "html";
  if (path.basename(file).startsWith("sampler-")) return "worker";
  const ext = path.extname(file).slice(1).toLowerCase();
  if (["woff2", "woff", "ttf", "otf"].includes(ext)) return "fonts";
  if (ext === "mjs") return "js";
  return ["html", "js", "wasm", "css"].includes(ext) ? ext : "other";
}

/** Bytes of `data` gzipped at level 9. */
export const gzippedSize = (data) => gzipSync(data, { level: 9 }).length;
