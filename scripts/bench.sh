#!/usr/bin/env bash
# Benchmark: builds the app, generates a large ledger with the CLI, serves dist/ and measures it
# (a snapshot of dist/) in headless Chromium beside same-run baselines (bench/run.mjs). Prints a Markdown table and
# writes bench-out/results.md and bench-out/results.json. See docs/benchmarks.md.
#
#   bash scripts/bench.sh
#
# BENCH_CITY=1 measures the city-scale ledger instead (500 indicators × 20 years and 5,000 projects
# with 180,000 monthly reports; results in bench-out/city/).
# BENCH_SKIP_BUILD=1 skips setup, the web build and the CLI build (reuses dist/ and
# target/release/taizhang-cli as they are), for iterating on the benchmark itself.
# Timings are reported, never asserted: this script fails only when it cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

OUT="$ROOT/bench-out"
LEDGER="$OUT/ledger-500x20.json"
BASELINE_NAME="bench-baseline-chart.html"

if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  bash scripts/setup.sh
  bash scripts/build.sh
  cargo build --release --quiet --bin taizhang-cli
fi
[[ -f dist/index.html ]] || { echo "bench: dist/ is not built (run scripts/build.sh)" >&2; exit 1; }

mkdir -p "$OUT"
RESULTS="$OUT"
if [[ "${BENCH_CITY:-}" == 1 ]]; then
  # The city-scale ledger: the same indicators, and 5,000 projects with 36 months of reports.
  LEDGER="$OUT/ledger-city.json"
  RESULTS="$OUT/city"
  mkdir -p "$RESULTS"
  ./target/release/taizhang-cli generate --indicators 500 --years 20 --projects 5000 --seed 1 -o "$LEDGER"
else
  ./target/release/taizhang-cli generate --indicators 500 --years 20 --seed 1 -o "$LEDGER"
fi
echo "bench: $LEDGER is $(stat -c %s "$LEDGER") bytes"
PROJECTS="$OUT/ledger-projects-5000.json"
./target/release/taizhang-cli generate --indicators 0 --years 1 --projects 5000 --approvals 8 --seed 1 -o "$PROJECTS"

# What is measured is a snapshot of dist/ taken now, so a rebuild of dist/ by someone else during
# the run cannot change it under the benchmark. The baseline page goes into the snapshot: it
# must be same-origin with the app (same server, same vendored ECharts bundle).
SITE="$OUT/site"
rm -rf "$SITE"
cp -r dist "$SITE"
cp bench/baseline-chart.html "$SITE/$BASELINE_NAME"

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$SITE" >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
cleanup() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

for _ in $(seq 1 100); do
  if python3 -c "import urllib.request, sys; urllib.request.urlopen('http://127.0.0.1:$PORT/index.html', timeout=1)" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "bench: the static server did not start (see $OUT/server.log)" >&2
    exit 1
  fi
  sleep 0.1
done

BENCH_ORIGIN="http://127.0.0.1:$PORT" \
  BENCH_BASELINE="$BASELINE_NAME" \
  BENCH_LEDGER="$LEDGER" \
  BENCH_PROJECTS="$PROJECTS" \
  BENCH_DIST="$SITE" \
  BENCH_OUT="$RESULTS" \
  node bench/run.mjs

# Keyboard entry on the sample (cells per minute with the keyboard alone; every cell read back).
echo
BENCH_ORIGIN="http://127.0.0.1:$PORT" node bench/keyboard-entry.mjs | tee "$RESULTS/keyboard-entry.md"
