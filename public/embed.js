// Host script for pages that embed the policy-gradient explorer (DESIGN §8). Add it once,
// after or before the frames:
//
//   <iframe src="https://…/?step=causality&embed=1" title="…" width="100%" height="720"
//     style="border:0;width:100%" loading="lazy" allow="clipboard-write; fullscreen"
//     allowfullscreen></iframe>
//   <script src="https://…/embed.js" async></script>
//
// Each explorer frame posts {type: "pg-explorer:resize", height} whenever what it shows
// changes height; this script sets that frame's height, so the page scrolls and the frame
// never does. It touches only frames that post such a message, has no dependencies, and
// can be loaded any number of times.
(() => {
  "use strict";
  if (window.pgExplorerEmbed) return;
  window.pgExplorerEmbed = true;
  const origin = document.currentScript ? new URL(document.currentScript.src, location.href).origin : null;
  addEventListener("message", (event) => {
    const data = event.data;
    if (!data || typeof data !== "object" || data.type !== "pg-explorer:resize") return;
    // The explorer's own site, or a frame sandboxed without allow-same-origin ("null").
    if (origin && event.origin !== origin && event.origin !== "null") return;
    const height = Number(data.height);
    if (!Number.isFinite(height) || height < 40 || height > 100000) return;
    for (const frame of document.getElementsByTagName("iframe")) {
      if (frame.contentWindow === event.source) {
        frame.style.height = `${Math.ceil(height)}px`;
      }
    }
  });
})();
