#!/usr/bin/env bash
# The whole check, as CI runs it (.ci/run): setup, format, lints (native and wasm32), native
# tests, release build, then the Playwright end-to-end tests against the built dist/ (served by
# the static server that playwright.config.ts starts). The last line is
#   e2e: N passed, M failed
# and the exit status is non-zero if any step or any test failed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n=== %s\n' "$*"; }

step "setup"
bash scripts/setup.sh

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy --all-targets (native)"
cargo clippy --all-targets -- -D warnings

step "cargo clippy --target wasm32-unknown-unknown"
cargo clippy --target wasm32-unknown-unknown -- -D warnings

step "cargo clippy: the spreadsheet module (native reader and writer; its wasm build)"
cargo clippy -p taizhang-sheets --features read,write --all-targets -- -D warnings
cargo clippy -p taizhang-sheets --features wasm --target wasm32-unknown-unknown -- -D warnings

step "cargo test"
cargo test
# The spreadsheet module's own unit tests (its zip parts); its reading and writing are tested
# through the app's tests above.
cargo test -p taizhang-sheets --features read,write

step "build (trunk, release)"
bash scripts/build.sh

step "end-to-end tests (Playwright, headless Debian chromium)"
# playwright.config.ts serves dist/ on $E2E_PORT: 4173 unless taken, else any free port.
E2E_PORT="${E2E_PORT:-$(python3 -c '
import socket
for port in (4173, 0):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
        print(s.getsockname()[1])
        break
    except OSError:
        pass
    finally:
        s.close()
')}"
export E2E_PORT
report=test-results/e2e.json
rm -f "$report"
set +e
npx --no-install playwright test
pw_status=$?
set -e

if [[ ! -s "$report" ]]; then
  echo "e2e: Playwright wrote no report ($report); exit status $pw_status" >&2
  exit 1
fi
# stats.expected = passed, stats.unexpected = failed, stats.flaky = passed only on a retry
# (counted as failed: retries are 0 anyway), stats.skipped = skipped. Errors outside tests
# (config, webServer, global setup) are listed in .errors and each counts as one failure.
read -r passed failed skipped errors < <(node -e '
  const r = require(process.argv[1]);
  const s = r.stats || {};
  console.log((s.expected || 0), (s.unexpected || 0) + (s.flaky || 0), (s.skipped || 0), (r.errors || []).length);
' "$PWD/$report")

failed=$((failed + errors))
status=0
if ((pw_status != 0 || failed > 0)); then status=1; fi
if ((passed + failed == 0)); then
  echo "e2e: no test ran" >&2
  status=1
fi
if ((errors > 0)); then echo "e2e: $errors error(s) outside tests, see the output above" >&2; fi
line="e2e: $passed passed, $failed failed"
if ((skipped > 0)); then line+=", $skipped skipped"; fi
echo "$line"
exit "$status"
