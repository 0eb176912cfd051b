#!/usr/bin/env bash
# Takes a screenshot of the built site with plain headless Chromium.
#   scripts/screenshot.sh [DIST_DIR] [OUT.png] [WIDTHxHEIGHT] [QUERY]
# dist/ is served over HTTP on 127.0.0.1 (module scripts do not load from file://).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
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
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dist" >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$profile"' EXIT
for _ in $(seq 50); do
  python3 - "$port" <<'PY' && break
import socket, sys
s = socket.socket()
s.settimeout(0.2)
sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)
PY
  sleep 0.1
done
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
  --disable-component-update --disable-sync --user-data-dir="$profile" \
  --hide-scrollbars --window-size="${size/x/,}" --virtual-time-budget=10000 \
  --screenshot="$out" "http://127.0.0.1:$port/$query" 2>/dev/null
echo "screenshot: wrote $out"
