// Starts the sampling worker (src/bin/sampler_worker.rs). Trunk builds it as a classic
// script, sampler-worker.js, that defines `wasm_bindgen`. Messages that arrive while the
// WebAssembly module compiles wait in a queue; then the worker samples in slices of about
// 30 ms, yielding between them so that a newer job or "stop" is read at once.
importScripts("sampler-worker.js");

const waiting = [];
let ready = false;
let pumping = false;

function pump() {
  pumping = wasm_bindgen.work();
  if (pumping) setTimeout(pump, 0);
}

function take(message) {
  wasm_bindgen.command(String(message));
  if (!pumping) {
    pumping = true;
    setTimeout(pump, 0);
  }
}

self.onmessage = (event) => (ready ? take(event.data) : waiting.push(event.data));

wasm_bindgen({ module_or_path: "sampler-worker_bg.wasm" }).then(
  () => {
    ready = true;
    waiting.splice(0).forEach(take);
  },
  (error) => self.postMessage(["failed", String(error)]),
);
