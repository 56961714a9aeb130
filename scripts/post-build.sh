#!/usr/bin/env bash
# trunk's one post_build hook (Trunk.toml). trunk 0.21 starts the hooks of a stage side by side,
# so the steps that depend on each other run here, one after another, in the staging dir
# ($TRUNK_STAGING_DIR, before it replaces dist/):
#   1. csp-inline-hash.py — the sha256 of trunk's inline start-up script into the CSP;
#   2. build-sheets.sh    — the spreadsheet module (a second wasm module) into sheets/;
#   3. precache.py        — the build's file list and version into sw.js; it must see every
#                           file, the final index.html and sheets/ included;
#   4. compress.mjs       — .gz and .br copies beside the files, for hosts that serve them
#                           (after the list: the worker caches the originals only).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 scripts/csp-inline-hash.py
bash scripts/build-sheets.sh
python3 scripts/precache.py
node scripts/compress.mjs
