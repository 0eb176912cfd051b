# The four commands of DESIGN.md §4.4. Each one first runs scripts/setup.sh,
# which installs what is missing at pinned versions and skips the rest.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# binaryen 132's wasm-opt (npm) must come before any other wasm-opt on PATH.
export PATH := $(CURDIR)/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)

PORT ?= 18080
E2E_PORT ?= 18181
# The end-to-end tests serve dist/ from a sub-folder, as a course site would.
E2E_SITE := target/e2e-site
E2E_SUBDIR := course/explorer

.PHONY: help setup setup-browser serve dist test lint test-native test-browser pgx e2e gamma-timing bench fuzz fuzz-ui screenshot screenshots clean

help:
	@echo "make serve   build and serve the app on http://127.0.0.1:$(PORT)/"
	@echo "make test    every test layer: fmt, native, browser (wasm-bindgen-test), end-to-end (Playwright)"
	@echo "make dist    the static site in dist/ (relative URLs, no other origin)"
	@echo "make bench   every benchmark of DESIGN §6: one table, and target/bench/results.json"
	@echo "make gamma-timing  the γ slider's input-to-readout time with 10⁴–10⁶ episodes (a benchmark)"
	@echo "make fuzz    random interactions in the browser for FUZZ_UI_SECONDS, then cargo-fuzz on the MDP file and URL parsers, FUZZ_SECONDS each (needs nightly)"
	@echo "make screenshots  PNGs of every step (light, dark, 320 px) and embed mode in target/screenshots/"

setup:
	@scripts/setup.sh

setup-browser:
	@scripts/setup.sh --browser

serve: setup
	@echo "Serving the app on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	trunk serve --address 127.0.0.1 --port $(PORT)

dist: setup
	trunk build --release --public-url ./
	@echo "Built dist/: open it from any folder of a static web server."

test: setup-browser
	cargo fmt --all --check
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-native
	$(MAKE) --no-print-directory test-browser
	$(MAKE) --no-print-directory dist
	$(MAKE) --no-print-directory e2e

# Clippy on the app as it ships (wasm32) and on the whole workspace natively, tests
# included; the API docs build without a broken link.
lint: setup
	cargo clippy -p pg-explorer --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy --workspace --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --workspace --quiet

test-native: setup
	cargo test --workspace

test-browser: setup-browser
	cargo test --target wasm32-unknown-unknown -p pg-explorer

# The native `pgx` report (DESIGN §4.3): the end-to-end tests compare the page with it.
pgx: setup
	cargo build -p pg-core --bin pgx --release

# End-to-end tests against the built dist/ (run `make dist` first; `make test` does).
e2e: setup-browser pgx
	@test -f dist/index.html || { echo "dist/ is missing: run 'make dist' first" >&2; exit 1; }
	rm -rf $(E2E_SITE)
	mkdir -p $(E2E_SITE)/$(dir $(E2E_SUBDIR))
	cp -r dist $(E2E_SITE)/$(E2E_SUBDIR)
	cargo run --quiet -p pg-explorer --bin export-math -- registry > target/registry.json
	E2E_PORT=$(E2E_PORT) E2E_SITE=$(E2E_SITE) E2E_PATH=$(E2E_SUBDIR)/ PGX=$(CURDIR)/target/release/pgx \
	  REGISTRY=$(CURDIR)/target/registry.json \
	  RANDOM_SECONDS=$(RANDOM_SECONDS) RANDOM_SEED=$(RANDOM_SEED) \
	  npx --no-install playwright test --config tests/e2e/playwright.config.mjs $(E2E_ARGS)

# The randomised interaction test (tests/e2e/robustness.spec.mjs) for FUZZ_UI_SECONDS
# instead of its 500 actions in `make test`; RANDOM_SEED picks another sequence.
FUZZ_UI_SECONDS ?= 600
fuzz-ui: setup-browser
	@test -f dist/index.html || $(MAKE) --no-print-directory dist
	$(MAKE) --no-print-directory e2e E2E_ARGS="robustness.spec.mjs -g randomised" RANDOM_SECONDS=$(FUZZ_UI_SECONDS)

# γ slider timing (DESIGN §6), a benchmark, not a test: input to readouts redrawn, with
# 10⁴–10⁶ episodes collected, in headless Chromium against the built dist/.
gamma-timing: setup-browser
	@test -f dist/index.html || { echo "dist/ is missing: run 'make dist' first" >&2; exit 1; }
	node tests/e2e/gamma-timing.mjs dist

# Every benchmark of DESIGN §6 in one run (bench/run.mjs prints one table and writes
# target/bench/results.json): sampling throughput natively (bench/wasm-kernel/examples/native.rs,
# and the criterion bench with short times), as WebAssembly and as plain JavaScript in headless
# Chromium (target/bench-web/); the γ slider (tests/e2e/gamma-timing.mjs); responsiveness and
# memory while sampling 10⁶ episodes; first-load size and time. Builds dist/ first.
BENCH_WEB := target/bench-web
# The level the app itself ships with: the data-wasm-opt of its main module (data-bin="pg-explorer").
WASM_OPT_LEVEL := $(shell sed -n '/data-bin="pg-explorer"/s/.*data-wasm-opt="\([^"]*\)".*/\1/p' index.html)
BENCH_EPISODES ?= 200000
BENCH_REPS ?= 7
bench: setup-browser
	mkdir -p target/bench
	cargo build --release -p wasm-kernel --example native
	cargo build --release -p pg-core --bin pgx
	cargo build --release --target wasm32-unknown-unknown -p wasm-kernel
	rm -rf $(BENCH_WEB)
	wasm-bindgen --target web --no-typescript --out-dir $(BENCH_WEB) --out-name kernel \
	  target/wasm32-unknown-unknown/release/wasm_kernel.wasm
	wasm-opt -O$(WASM_OPT_LEVEL) --enable-simd -o $(BENCH_WEB)/kernel_opt_bg.wasm $(BENCH_WEB)/kernel_bg.wasm
	cp bench/web/* $(BENCH_WEB)/
	$(MAKE) --no-print-directory dist \
	  || { test -f dist/index.html && echo "bench: 'make dist' failed; measuring the dist/ already there" >&2; }
	cargo bench -p pg-core --bench sampling -- --warm-up-time 1 --measurement-time 3 --sample-size 30 \
	  > target/bench/criterion.txt 2> target/bench/criterion.err \
	  || echo "bench: the criterion bench failed (see target/bench/criterion.err)" >&2
	target/release/examples/native $(BENCH_EPISODES) $(BENCH_REPS) > target/bench/native.json
	BENCH_EPISODES=$(BENCH_EPISODES) BENCH_REPS=$(BENCH_REPS) BENCH_WASM_OPT=-O$(WASM_OPT_LEVEL) node bench/run.mjs

# The long randomised interaction run in the browser (fuzz-ui), then coverage-guided fuzzing
# of the MDP file parser and the URL parser (fuzz/), FUZZ_SECONDS (300) each; prints the
# number of actions and inputs run. cargo-fuzz needs a nightly toolchain, so it is not part
# of `make test` (the property tests of the same parsers are, and 500 random actions).
fuzz: fuzz-ui
	scripts/fuzz.sh

# docs/screenshot.png of the built site, with plain headless Chromium.
screenshot: dist setup-browser
	scripts/screenshot.sh dist/index.html docs/screenshot.png 1280x1100 '?step=causality&mdp=chain'

# Full-page PNGs of every step (light, dark, 320 px) and embed mode, in target/screenshots/.
screenshots: dist setup-browser
	scripts/screenshots.sh dist target/screenshots

clean:
	rm -rf dist $(E2E_SITE) target/playwright
