#!/usr/bin/env bash
# Builds the web app into dist/ (release, wasm-opt -Oz). Assumes scripts/setup.sh has run.
#
#   trunk build --release --offline
#     --offline: trunk never downloads tools (it uses wasm-bindgen and wasm-opt from PATH, which
#       must match Trunk.toml [tools] exactly) and skips its update check. It also passes
#       --offline to cargo, so the crates are fetched first with `cargo fetch` (crates.io is
#       reachable; this is quick when they are cached).
#   Trunk.toml's post_build hook (scripts/post-build.sh: csp-inline-hash.py, build-sheets.sh,
#   precache.py, compress.mjs in that order) adds the hash of trunk's inline
#   start-up script to the CSP in index.html; this script then checks dist/index.html has it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

cargo fetch --quiet
trunk build --release --offline

grep -q "script-src 'self' 'wasm-unsafe-eval' 'sha256-" dist/index.html || {
  echo "build: dist/index.html lacks the start-up script's CSP hash (post_build hook did not run?)" >&2
  exit 1
}
if grep -q "__TAIZHANG_VERSION__\|__TAIZHANG_ASSETS__" dist/sw.js; then
  echo "build: dist/sw.js still has its placeholders (the precache hook did not run?)" >&2
  exit 1
fi
if ! grep -q '"sheets/taizhang_sheets_bg.wasm"' dist/sw.js; then
  echo "build: dist/sw.js does not precache the spreadsheet module (sheets/ built after the list?)" >&2
  exit 1
fi
wasm="$(ls dist/*_bg.wasm)"
echo "build: dist/ ready ($(basename "$wasm") $(stat -c %s "$wasm") bytes, $(gzip -9c "$wasm" | wc -c) bytes gzip)"
