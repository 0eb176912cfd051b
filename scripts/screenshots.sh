#!/usr/bin/env bash
# Full-page screenshots of every step of the built site: light and dark themes at
# 1280×900, light at 320×800, and embed mode, as PNGs in target/screenshots/.
#   scripts/screenshots.sh [DIST_DIR] [OUT_DIR]
# dist/ is served over HTTP on 127.0.0.1 (module scripts do not load from file://)
# by Python's http.server, stopped when the script ends; Playwright drives
# Debian's Chromium (/usr/bin/chromium, or $CHROMIUM_PATH).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/serve-dist.sh
dist="${1:-dist}"
dist="${dist%/index.html}"
out="${2:-target/screenshots}"
port="${SCREENSHOTS_PORT:-18373}"

[[ -f "$dist/index.html" ]] || { echo "screenshots: $dist/index.html is missing; run 'make dist'" >&2; exit 1; }
[[ -d node_modules/@playwright/test ]] || { echo "screenshots: Playwright is missing; run 'make setup'" >&2; exit 1; }
mkdir -p "$out"

server=""
trap 'if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi' EXIT
serve_dist "$dist" "$port" screenshots

node tests/e2e/screenshots.mjs "http://127.0.0.1:$port/" "$out"
