#!/usr/bin/env bash
# Post-build step (Trunk.toml hook, before the precache list is written): builds the spreadsheet
# module — the taizhang-sheets crate with its reader (calamine, encoding_rs) and writer
# (rust_xlsxwriter) — as a second wasm module in <dist>/sheets/, which the app imports the first
# time a spreadsheet is opened or written (src/ui/sheets.rs). Its weight is therefore not on the
# first load; the service worker still precaches it with the build, so it works offline.
#
# Usage: build-sheets.sh [dist-dir]   (default: $TRUNK_STAGING_DIR when run by trunk, else dist)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
out="${1:-${TRUNK_STAGING_DIR:-dist}}/sheets"

cargo build --offline --quiet --release --target wasm32-unknown-unknown \
  -p taizhang-sheets --features wasm
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/taizhang_sheets.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/taizhang_sheets_bg.wasm" -o "$out/taizhang_sheets_bg.wasm"
echo "build-sheets: $(stat -c %s "$out/taizhang_sheets_bg.wasm") bytes, $(gzip -9c "$out/taizhang_sheets_bg.wasm" | wc -c) gzip"
