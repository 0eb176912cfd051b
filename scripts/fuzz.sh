#!/usr/bin/env bash
# Fuzzes the MDP file parser and the URL parser with cargo-fuzz (libFuzzer), each for
# FUZZ_SECONDS (default 300), starting from the presets' files and sample queries. Prints
# libFuzzer's execution count per target. Needs a nightly toolchain (`rustup toolchain list`)
# and `cargo install cargo-fuzz`; CI runs the parsers' property tests instead.
#   scripts/fuzz.sh [target ...]      targets: mdp_file url_query (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-300}"
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(mdp_file url_query)

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: needs a nightly toolchain (rustup toolchain install nightly)" >&2
  exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: needs cargo-fuzz (cargo install cargo-fuzz)" >&2
  exit 2
fi

# Seeds: every preset as an MDP file, and queries like the ones the app writes.
cargo build --quiet --release -p pg-core --bin pgx
mkdir -p fuzz/corpus/mdp_file fuzz/corpus/url_query
for preset in $(target/release/pgx presets | awk '{print $1}'); do
  target/release/pgx spec "$preset" > "fuzz/corpus/mdp_file/preset-$preset.json"
done
spec=$(base64 -w0 < fuzz/corpus/mdp_file/preset-bandit.json | tr '+/' '-_' | tr -d '=')
printf '%s' "?step=causality&mdp=gridworld&gamma=0.9&theta=0.1,0.2&episodes=5000&seed=7" \
  > fuzz/corpus/url_query/typical
printf '%s' "step=baseline&steps=2..9&embed=1&theme=dark&mdp=discount-trap" > fuzz/corpus/url_query/embed
printf '%s' "?spec=$spec&gamma=1&theta=3,0,0" > fuzz/corpus/url_query/spec

for target in "${targets[@]}"; do
  log="target/fuzz-$target.log"
  echo "fuzz: $target for ${seconds}s (log: $log)"
  cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 > "$log" 2>&1 || {
    echo "fuzz: $target FAILED; see $log and fuzz/artifacts/$target/" >&2
    tail -40 "$log" >&2
    exit 1
  }
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | awk '{print $2}')
  echo "fuzz: $target ran $execs inputs in ${seconds}s without a failure"
done
