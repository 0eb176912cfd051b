// The page's own behaviour outside the app, as a plain script (it is also inlined, as is,
// into the one-file build): display equations that fit their column, the height an embed
// tells the page around it, and every KaTeX font fetched with the first load.
(() => {
  "use strict";

  // ---- Display equations fit their column (DESIGN §8): a formula wider than its box is
  // set smaller (the CSS multiplies its font size by --fit), down to MIN_FIT of its size;
  // only beyond that does it scroll, with shadows at the edges (CSS) and the class
  // tex-overflowing.
  const MIN_FIT = 0.65;
  const widths = new WeakMap();

  function fit(box) {
    box.style.removeProperty("--fit");
    const natural = box.scrollWidth;
    const room = box.clientWidth;
    widths.set(box, room);
    if (room === 0 || natural <= room + 1) {
      box.classList.remove("tex-overflowing");
      return;
    }
    // KaTeX sizes everything in em, so the width scales with the font size; one more pass
    // takes up what padding and rounding leave over.
    let scale = Math.max(MIN_FIT, (room - 2) / natural);
    box.style.setProperty("--fit", scale.toFixed(4));
    if (box.scrollWidth > room && scale > MIN_FIT) {
      scale = Math.max(MIN_FIT, scale * ((room - 2) / box.scrollWidth));
      box.style.setProperty("--fit", scale.toFixed(4));
    }
    box.classList.toggle("tex-overflowing", box.scrollWidth > room);
  }

  const sizes = new ResizeObserver((entries) => {
    for (const { target } of entries) {
      // Only a new width matters; the height follows from the fit itself.
      if (widths.get(target) !== target.clientWidth) fit(target);
    }
  });
  const refitAll = () => document.querySelectorAll(".tex-display").forEach(fit);
  // A box arrives with a new step, or gets a new formula when the page reuses it for the
  // next step: either way it is measured again.
  new MutationObserver((records) => {
    const boxes = new Set();
    for (const record of records) {
      const around = record.target.closest?.(".tex-display");
      if (around) boxes.add(around);
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches(".tex-display")) boxes.add(node);
        node.querySelectorAll(".tex-display").forEach((b) => boxes.add(b));
      }
    }
    for (const box of boxes) {
      sizes.observe(box);
      fit(box);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.fonts?.addEventListener?.("loadingdone", refitAll);

  // ---- An embed tells the page around it how tall it is, so the host script (embed.js) or
  // an LMS (Canvas's lti.frameResize) can size the frame to its content: no inner scrollbar.
  if (window.parent !== window) {
    let told = 0;
    const tell = () => {
      const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height === told || height === 0) return;
      told = height;
      try {
        window.parent.postMessage({ type: "pg-explorer:resize", height }, "*");
        window.parent.postMessage({ subject: "lti.frameResize", height }, "*");
      } catch {
        // A page around that cannot be told is a page that does not listen.
      }
    };
    const observer = new ResizeObserver(tell);
    const start = () => {
      observer.observe(document.documentElement);
      if (document.body) observer.observe(document.body);
      tell();
    };
    if (document.body) start();
    else addEventListener("DOMContentLoaded", start, { once: true });
    addEventListener("load", tell);
    document.fonts?.ready?.then(tell);
  }

  // ---- Every formula of every step (math.js) laid out once, out of sight, when the page
  // has loaded: the browser then fetches each KaTeX font any step uses, so moving between
  // steps later makes no network request (DESIGN §7).
  function warmMathFonts() {
    const html = globalThis.pgMath?.html;
    if (!html) return;
    const box = document.createElement("div");
    box.className = "math-font-warmup";
    box.setAttribute("aria-hidden", "true");
    box.innerHTML = Object.values(html).join(" ");
    document.body.append(box);
    document.fonts.ready.then(() => {
      box.remove();
      refitAll();
    });
  }
  if (document.readyState === "complete") warmMathFonts();
  else addEventListener("load", warmMathFonts, { once: true });
})();
