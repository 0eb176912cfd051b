// Renders every formula of the app once, at build time, with the pinned KaTeX package.
//
//   node scripts/render-math.mjs FORMULAS.json OUT.js
//
// FORMULAS.json is what `cargo run --bin export-math` prints: KaTeX's options for inline
// and display math and the list of formulas, each with the key the page looks it up by.
// OUT.js sets `globalThis.pgMath`, which src/components/tex.rs reads:
// { katex: version, options, html: { key: markup } }.
// A formula KaTeX cannot parse stops the build with its source.
import { readFileSync, writeFileSync } from "node:fs";
import katex from "katex";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node scripts/render-math.mjs FORMULAS.json OUT.js");
  process.exit(2);
}
const { inline, display, formulas } = JSON.parse(readFileSync(input, "utf8"));
const html = {};
for (const { key, tex, display: isDisplay } of formulas) {
  const options = isDisplay ? display : inline;
  let markup;
  try {
    markup = katex.renderToString(tex, { ...options, throwOnError: true });
  } catch (error) {
    console.error(`render-math: KaTeX cannot render ${JSON.stringify(tex)}: ${error.message}`);
    process.exit(1);
  }
  html[key] = markup;
}
const table = { katex: katex.version, options: { inline, display }, html };
writeFileSync(output, `globalThis.pgMath = ${JSON.stringify(table)};\n`);
console.log(`render-math: ${formulas.length} formulas with KaTeX ${katex.version} -> ${output}`);
