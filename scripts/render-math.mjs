// Renders every formula of the app once, at build time, with the pinned KaTeX package.
//
//   node scripts/render-math.mjs FORMULAS.json OUT.js
//
// FORMULAS.json is what `cargo run --bin export-math` prints: KaTeX's options for inline
// and display math and the list of formulas, each with the key the page looks it up by.
// OUT.js sets `globalThis.pgMath`, which src/components/tex.rs reads:
// { katex: version, options, html: { key: markup }, warmup: markup }.
// `warmup` is what public/page.js lays out once, out of sight, so that the browser fetches
// every KaTeX font the formulas use with the first load: one glyph per distinct font
// context (the font-setting classes of a glyph and of the spans around it), about 1 KB,
// instead of every formula (350 KB of markup, about 200 ms of layout on the page's thread).
// A formula KaTeX cannot parse stops the build with its source.
import { readFileSync, writeFileSync } from "node:fs";
import katex from "katex";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node scripts/render-math.mjs FORMULAS.json OUT.js");
  process.exit(2);
}
const { inline, display, formulas } = JSON.parse(readFileSync(input, "utf8"));

// The classes of katex.min.css's rules that set a font property: only they decide which
// font file a glyph needs.
const css = readFileSync(new URL("../node_modules/katex/dist/katex.min.css", import.meta.url), "utf8");
const fontClasses = new Set(["katex"]);
for (const [, selectors, body] of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
  if (!/font(-family|-weight|-style|-size)?\s*:/.test(body)) continue;
  for (const [, name] of selectors.matchAll(/\.([A-Za-z][\w-]*)/g)) fontClasses.add(name);
}
const escapeText = (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
// One glyph per font context: the font classes of every span from the root down, the
// glyph's own span always kept (rules such as `.delim-size1>span` need it).
const contexts = new Map();
function collectGlyphs(node, chain) {
  const own = (node.classes || []).filter((c) => fontClasses.has(c)).join(" ");
  const children = node.children || [];
  if (typeof node.text === "string" && node.text.length > 0 && children.length === 0) {
    const key = [...chain, own].join("|");
    if (!contexts.has(key)) {
      contexts.set(key, chain.map((c) => `<span class="${c}">`).join("") +
        `<span class="${own}">${escapeText([...node.text][0])}</span>` + "</span>".repeat(chain.length));
    }
    return;
  }
  const next = own ? [...chain, own] : chain;
  for (const child of children) collectGlyphs(child, next);
}

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
  collectGlyphs(katex.__renderToHTMLTree(tex, { ...options, throwOnError: true }), []);
}
const warmup = [...contexts.values()].join(" ");
const table = { katex: katex.version, options: { inline, display }, html, warmup };
writeFileSync(output, `globalThis.pgMath = ${JSON.stringify(table)};\n`);
console.log(`render-math: ${formulas.length} formulas (${contexts.size} font contexts) with KaTeX ${katex.version} -> ${output}`);
