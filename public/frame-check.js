// Runs first, as a plain script (which, unlike a module, loads in any frame). A page with an
// opaque origin — in a frame sandboxed without allow-same-origin, as course platforms often
// make them, or opened from a file — cannot fetch its own module scripts, wasm or fonts
// (they need CORS). The one-file build needs none of that, so such a page becomes it, with
// the same state (DESIGN §8).
(() => {
  "use strict";
  const opaque = self.origin === "null" || location.protocol === "file:";
  if (!opaque || document.querySelector('meta[name="pg-standalone"]')) return;
  // Stop this page's own loads first: each would be a refused request.
  window.stop();
  location.replace(`standalone.html${location.search}${location.hash}`);
})();
