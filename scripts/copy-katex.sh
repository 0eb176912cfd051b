#!/usr/bin/env bash
# Trunk post_build hook: copy KaTeX (script, style sheet, woff2 fonts) from the
# pinned npm package into the site being built. Nothing comes from a CDN and
# nothing of KaTeX is committed. woff2 is enough for every current browser.
set -euo pipefail
src="${TRUNK_SOURCE_DIR:-.}/node_modules/katex/dist"
out="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}/katex"
if [[ ! -f "$src/katex.min.js" ]]; then
  echo "copy-katex: $src/katex.min.js is missing; run 'npm ci' (scripts/setup.sh does)" >&2
  exit 1
fi
mkdir -p "$out/fonts"
cp "$src/katex.min.js" "$src/katex.min.css" "$out/"
cp "$src"/fonts/*.woff2 "$out/fonts/"
