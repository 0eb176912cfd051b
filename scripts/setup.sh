#!/usr/bin/env bash
# Installs what the build and the tests need, at pinned versions, and skips
# whatever is already there (a second run takes about a second).
#
#   scripts/setup.sh            build tools: wasm32 target, trunk, wasm-bindgen-cli, npm packages
#   scripts/setup.sh --browser  also Chromium and ChromeDriver (for the test targets)
#
# The Makefile puts node_modules/.bin first on PATH, so trunk finds binaryen 132's
# wasm-opt from npm and never Debian's binaryen 108 (which builds a broken page).
set -euo pipefail

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
WASM_OPT_VERSION=132

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

browser=false
for arg in "$@"; do
  case "$arg" in
    --browser) browser=true ;;
    *) echo "setup.sh: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

say() { printf 'setup: %s\n' "$*"; }
need() { command -v "$1" >/dev/null 2>&1 || { echo "setup: '$1' is required but not installed" >&2; exit 1; }; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

need cargo
need rustup
need node
need npm

# Rust: the WebAssembly target and the components `make test` uses.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "adding rustup component $component"
    rustup component add "$component"
  fi
done

# trunk (0.22 needs a newer rustc than this toolchain has).
if [[ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]]; then
  say "installing trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-cli, equal to the `=0.2.130` crate; it also brings
# wasm-bindgen-test-runner. Not --locked: its lock file names a crate version
# the registry lacks.
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]] ||
   ! command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes on 2 cores)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# npm packages (KaTeX, binaryen, Playwright), exactly as package-lock.json says.
# A hash of the lock file in node_modules tells whether they are current.
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp=node_modules/.setup-lock-sha256
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_hash" ]]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
  echo "$lock_hash" > "$stamp"
fi
if [[ "$(wasm-opt --version 2>/dev/null || true)" != *"version $WASM_OPT_VERSION "* ]]; then
  echo "setup: wasm-opt on PATH is not binaryen $WASM_OPT_VERSION: $(command -v wasm-opt || echo none)" >&2
  exit 1
fi

# Chromium and ChromeDriver from Debian, for the browser and end-to-end tests.
if $browser; then
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    say "installing chromium and chromium-driver (apt)"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
  need python3
fi
