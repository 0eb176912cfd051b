// Starts the WebAssembly app. Trunk fills in the hashed file names as data
// attributes of this script's tag (Trunk.toml `pattern_script`); keeping the
// loader in a file instead of an inline script lets the page's
// Content-Security-Policy forbid inline scripts.
const tag = document.querySelector("script[data-pg-js][data-pg-wasm]");
const base = new URL(".", import.meta.url);
const { default: init } = await import(new URL(tag.dataset.pgJs, base).href);
const wasm = await init({ module_or_path: new URL(tag.dataset.pgWasm, base) });
// The app runs: the message for a page that could not start it (index.html) goes.
document.documentElement.classList.add("pg-started");
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
