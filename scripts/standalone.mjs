// Writes the one-file build (DESIGN §8): the whole app in one HTML file that opens from
// file:// with no server and no network, and in a frame sandboxed without
// allow-same-origin, where nothing can be fetched.
//
//   node scripts/standalone.mjs SITE_DIR        (scripts/post-build.sh runs it on trunk's staging)
//
// From the built site it takes index.html (the page, its body and its head's metadata), the
// style sheets (KaTeX's woff2 fonts inlined as data: URLs), math.js, page.js, the
// wasm-bindgen module and the wasm (gzipped, in base64, in the module that starts it), and writes
// SITE_DIR/standalone.html. Every inline script and style is listed by its SHA-256 in the
// file's own Content-Security-Policy, which otherwise allows nothing but data: fonts and
// images and the compilation of the wasm.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";

const site = process.argv[2];
if (!site) {
  console.error("usage: node scripts/standalone.mjs SITE_DIR");
  process.exit(2);
}
const read = (name, encoding = "utf8") => readFileSync(path.join(site, name), encoding);
const fail = (message) => {
  console.error(`standalone: ${message}`);
  process.exit(1);
};

const index = read("index.html");
const pick = (re, what) => {
  const m = index.match(re);
  if (!m) fail(`index.html has no ${what}`);
  return m;
};
const [, jsName, wasmName] = pick(/data-pg-js="([^"]+)"\s+data-pg-wasm="([^"]+)"/, "boot script tag");
const styleNames = [...index.matchAll(/<link rel="stylesheet" href="\.?\/?([^"]+)"/g)].map((m) => m[1]);
if (styleNames.length === 0) fail("index.html links no style sheet");
const head = pick(/<head>([\s\S]*?)<\/head>/, "<head>")[1];
const body = pick(/<body>([\s\S]*?)<\/body>/, "<body>")[1];
const keep = (re) => head.match(re)?.[0] ?? "";

// Style sheets, with every url(fonts/X.woff2) as a data: URL and no other font format
// (woff2 is what every current browser takes; the others are not in the site).
function inlineFonts(css, dir) {
  return css.replace(/src:([^;}]*)/g, (_, sources) => {
    const woff2 = sources.match(/url\(([^)]+\.woff2)\)/);
    if (!woff2) return `src:${sources}`;
    const file = path.join(dir, woff2[1].replace(/["']/g, ""));
    const data = readFileSync(path.join(site, file)).toString("base64");
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
}
const styles = styleNames.map((name) => inlineFonts(read(name), path.dirname(name))).join("\n");

const glue = read(jsName);
// wasm-bindgen 0.2.130 ends its module with `export { initSync, __wbg_init as default };`.
const init =
  glue.match(/export default (\w+);/)?.[1] ??
  glue.match(/export \{[^}]*\b(\w+) as default\b[^}]*\};?/)?.[1] ??
  fail(`${jsName} has no default export`);
// Gzipped before base64: the file is half the size, and the browser's own decompressor
// (DecompressionStream, no network) restores it.
const wasm = gzipSync(read(wasmName, null), { level: 9 }).toString("base64");
const start = `${glue}
// The one-file build: the module above is wasm-bindgen's; the wasm is here, gzipped, in base64.
const packed = Uint8Array.from(atob("${wasm}"), (c) => c.charCodeAt(0));
const unpacked = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
const wasmBytes = await new Response(unpacked).arrayBuffer();
await ${init}({ module_or_path: wasmBytes });
document.documentElement.classList.add("pg-started");
`;
const scripts = [read("math.js"), read("page.js")];
for (const [what, text] of [["a script", [...scripts, start].join("")], ["the styles", styles]]) {
  if (/<\/(script|style)/i.test(text)) fail(`${what} would close its own inline tag`);
}

const sha = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const csp = [
  "default-src 'none'",
  `script-src ${[...scripts, start].map(sha).join(" ")} 'wasm-unsafe-eval'`,
  `style-src ${sha(styles)}`,
  "style-src-attr 'unsafe-inline'",
  "font-src data:",
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join("; ");

const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="pg-standalone" content="1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
${keep(/<meta name="viewport"[^>]*>/)}
${keep(/<meta name="color-scheme"[^>]*>/)}
${keep(/<meta name="description"[^>]*>/)}
${keep(/<title>[^<]*<\/title>/)}
<link rel="icon" href="data:,">
<style>${styles}</style>
${scripts.map((s) => `<script>${s}</script>`).join("\n")}
<script type="module">${start}</script>
</head>
<body>${body}</body>
</html>
`;
const out = path.join(site, "standalone.html");
writeFileSync(out, html);
console.log(`standalone: ${out}, ${(statSync(out).size / 1024).toFixed(0)} KB`);
