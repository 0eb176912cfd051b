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

  // Boxes are fitted together, in phases of reads and writes, so that a step with many
  // formulas costs two layouts, not two per formula.
  function fitAll(boxes) {
    boxes = [...boxes].filter((box) => box.isConnected);
    for (const box of boxes) box.style.removeProperty("--fit");
    const measured = boxes.map((box) => ({ box, natural: box.scrollWidth, room: box.clientWidth }));
    const wide = [];
    for (const m of measured) {
      widths.set(m.box, m.room);
      if (m.room === 0 || m.natural <= m.room + 1) {
        m.box.classList.remove("tex-overflowing");
        continue;
      }
      // KaTeX sizes everything in em, so the width scales with the font size; one more
      // pass takes up what padding and rounding leave over.
      m.scale = Math.max(MIN_FIT, (m.room - 2) / m.natural);
      m.box.style.setProperty("--fit", m.scale.toFixed(4));
      wide.push(m);
    }
    for (const m of wide) m.after = m.box.scrollWidth;
    for (const m of wide) {
      if (m.after > m.room && m.scale > MIN_FIT) {
        m.scale = Math.max(MIN_FIT, m.scale * ((m.room - 2) / m.after));
        m.box.style.setProperty("--fit", m.scale.toFixed(4));
      }
    }
    for (const m of wide) m.box.classList.toggle("tex-overflowing", m.box.scrollWidth > m.room);
  }

  const sizes = new ResizeObserver((entries) => {
    // Only a new width matters; the height follows from the fit itself.
    fitAll(entries.map((e) => e.target).filter((box) => widths.get(box) !== box.clientWidth));
  });
  const refitAll = () => fitAll(document.querySelectorAll(".tex-display"));
  // A box arrives with a new step, or gets a new formula when the page reuses it for the
  // next step: either way it is measured again.
  const known = new WeakSet();
  new MutationObserver((records) => {
    const boxes = new Set();
    let added = false;
    for (const record of records) {
      const around = record.target.closest?.(".tex-display");
      if (around) boxes.add(around);
      if (record.addedNodes.length) added = true;
    }
    // One query per batch of changes, not one per added node: the first render adds
    // thousands of nodes at the limits.
    if (added) {
      for (const box of document.querySelectorAll(".tex-display")) {
        if (!known.has(box)) boxes.add(box);
      }
    }
    for (const box of boxes) {
      if (!known.has(box)) {
        known.add(box);
        sizes.observe(box);
      }
    }
    fitAll(boxes);
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

  // ---- One glyph in each font context of every step's math (math.js) laid out once, out of
  // sight, when the page has loaded: the browser then fetches each KaTeX font any step uses,
  // so moving between steps later makes no network request (DESIGN §7).
  function warmMathFonts() {
    const math = globalThis.pgMath;
    if (!math?.html) return;
    const box = document.createElement("div");
    box.className = "math-font-warmup";
    box.setAttribute("aria-hidden", "true");
    // One glyph per font context (scripts/render-math.mjs); every formula if the build
    // did not write them.
    box.innerHTML = math.warmup ?? Object.values(math.html).join(" ");
    document.body.append(box);
    document.fonts.ready.then(() => {
      box.remove();
      refitAll();
    });
  }
  if (document.readyState === "complete") warmMathFonts();
  else addEventListener("load", warmMathFonts, { once: true });
})();
