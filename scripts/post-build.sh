#!/usr/bin/env bash
# Trunk post_build hook, on the staged site:
# 1. KaTeX's part of the site, from the pinned npm package (nothing from a CDN, nothing of
#    KaTeX committed);
# 2. standalone.html, the whole site in one file (scripts/standalone.mjs), which needs 1.
#
# KaTeX's part:
#  - katex/katex.min.css and the woff2 fonts (woff2 is enough for every current browser);
#  - math.js: every formula of the app rendered once here, so the page never loads KaTeX's
#    script. The formulas come from the app itself (`cargo run --bin export-math`, native).
set -euo pipefail
root="${TRUNK_SOURCE_DIR:-.}"
src="$root/node_modules/katex/dist"
staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
if [[ ! -f "$src/katex.min.css" ]]; then
  echo "post-build: $src/katex.min.css is missing; run 'npm ci' (scripts/setup.sh does)" >&2
  exit 1
fi
mkdir -p "$staging/katex/fonts"
cp "$src/katex.min.css" "$staging/katex/"
cp "$src"/fonts/*.woff2 "$staging/katex/fonts/"

formulas="$(mktemp)"
trap 'rm -f "$formulas"' EXIT
# Trunk exports variables meant for its own wasm build; this one is native.
env -u CARGO_BUILD_TARGET cargo run --quiet --manifest-path "$root/Cargo.toml" \
  -p pg-explorer --bin export-math > "$formulas"
node "$root/scripts/render-math.mjs" "$formulas" "$staging/math.js"
node "$root/scripts/standalone.mjs" "$staging"
