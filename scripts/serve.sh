#!/usr/bin/env bash
# Sets up, builds, then serves dist/ at http://127.0.0.1:8080/ (or $PORT) with a plain static
# server. Like a real intranet host, it does not rewrite unknown paths to index.html, and it
# injects nothing (unlike `trunk serve`), so the CSP and offline behaviour are the real ones.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8080}"

bash scripts/setup.sh
bash scripts/build.sh
echo "serving dist/ at http://127.0.0.1:$PORT/  (Ctrl-C to stop)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
