#!/usr/bin/env bash
# Full-page screenshots of every step of the built site: light and dark themes at
# 1280×900, light at 320×800, and embed mode, as PNGs in target/screenshots/.
#   scripts/screenshots.sh [DIST_DIR] [OUT_DIR]
# dist/ is served over HTTP on 127.0.0.1 (module scripts do not load from file://)
# by Python's http.server, stopped when the script ends; Playwright drives
# Debian's Chromium (/usr/bin/chromium, or $CHROMIUM_PATH).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dist="${1:-dist}"
dist="${dist%/index.html}"
out="${2:-target/screenshots}"
port="${SCREENSHOTS_PORT:-18373}"

[[ -f "$dist/index.html" ]] || { echo "screenshots: $dist/index.html is missing; run 'make dist'" >&2; exit 1; }
[[ -d node_modules/@playwright/test ]] || { echo "screenshots: Playwright is missing; run 'make setup'" >&2; exit 1; }
mkdir -p "$out"

python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dist" >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  python3 - "$port" <<'PY' && break
import socket, sys
s = socket.socket()
s.settimeout(0.2)
sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)
PY
  sleep 0.1
done
sleep 0.3  # a server that could not bind the port has exited by now
kill -0 "$server" 2>/dev/null || { echo "screenshots: the server on port $port did not start" >&2; exit 1; }

node tests/e2e/screenshots.mjs "http://127.0.0.1:$port/" "$out"
