#!/usr/bin/env bash
# Takes a screenshot of the built site with plain headless Chromium.
#   scripts/screenshot.sh [DIST_DIR] [OUT.png] [WIDTHxHEIGHT] [QUERY]
# dist/ is served over HTTP on 127.0.0.1 (module scripts do not load from file://).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/serve-dist.sh
dist="${1:-dist}"
dist="${dist%/index.html}"
out="${2:-docs/screenshot.png}"
size="${3:-1280,900}"
query="${4:-}"
port="${SCREENSHOT_PORT:-18282}"

[[ -f "$dist/index.html" ]] || { echo "screenshot: $dist/index.html is missing; run 'make dist'" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
profile="$(mktemp -d)"
server=""
trap 'if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; fi; rm -rf "$profile"' EXIT
serve_dist "$dist" "$port" screenshot
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
  --disable-component-update --disable-sync --user-data-dir="$profile" \
  --hide-scrollbars --window-size="${size/x/,}" --virtual-time-budget=10000 \
  --screenshot="$out" "http://127.0.0.1:$port/$query" 2>/dev/null
echo "screenshot: wrote $out"
