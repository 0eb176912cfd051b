// Starts the WebAssembly app. Trunk fills in the hashed file names as data
// attributes of this script's tag (Trunk.toml `pattern_script`); keeping the
// loader in a file instead of an inline script lets the page's
// Content-Security-Policy forbid inline scripts.
const tag = document.querySelector("script[data-pg-js][data-pg-wasm]");
const base = new URL(".", import.meta.url);
const { default: init } = await import(new URL(tag.dataset.pgJs, base).href);
const wasm = await init({ module_or_path: new URL(tag.dataset.pgWasm, base) });
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));

// Every formula of every step (math.js) laid out once, out of sight, when the page has
// loaded: the browser then fetches each KaTeX font any step uses, so moving between steps
// later makes no network request (DESIGN §7).
function warmMathFonts() {
  const html = globalThis.pgMath?.html;
  if (!html) return;
  const box = document.createElement("div");
  box.className = "math-font-warmup";
  box.setAttribute("aria-hidden", "true");
  box.innerHTML = Object.values(html).join(" ");
  document.body.append(box);
  document.fonts.ready.then(() => box.remove());
}
if (document.readyState === "complete") warmMathFonts();
else addEventListener("load", warmMathFonts, { once: true });
