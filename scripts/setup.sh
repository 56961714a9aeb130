#!/usr/bin/env bash
# Installs what building and testing Taizhang needs, and only what is missing. Idempotent: a
# second run prints "have X" for everything and changes nothing.
#
# Everything comes from package registries (crates.io, npm, Debian apt), never from a download
# at build time: trunk's own auto-download of wasm-bindgen/wasm-opt and `npx playwright install`
# do not work on a registry-only network, so
#   - wasm-bindgen-cli is built from crates.io at exactly the wasm-bindgen version in Cargo.lock,
#   - wasm-opt is the npm package `binaryen` (node_modules/.bin/wasm-opt),
#   - the browser is Debian's chromium (Playwright drives it through executablePath),
#   - ECharts is bundled from the npm package (only what the app draws with) into
#     public/vendor/echarts/ (committed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

have() { echo "have $*"; }
installing() { echo "installing $*"; }

# --- Rust: wasm32 target -------------------------------------------------------------------
if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
  have "rust target wasm32-unknown-unknown"
else
  installing "rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# --- trunk 0.21.x ----------------------------------------------------------------------------
TRUNK_VERSION=0.21.14
if command -v trunk >/dev/null 2>&1 && trunk --version 2>/dev/null | grep -Eq '^trunk 0\.21\.'; then
  have "$(trunk --version)"
else
  installing "trunk $TRUNK_VERSION"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# --- wasm-bindgen-cli == the wasm-bindgen crate in Cargo.lock ---------------------------------
WASM_BINDGEN_VERSION=""
if [[ -f Cargo.lock ]]; then
  WASM_BINDGEN_VERSION="$(awk '
    /^\[\[package\]\]/ { in_wb = 0 }
    /^name = "wasm-bindgen"$/ { in_wb = 1; next }
    in_wb && /^version = / { gsub(/"/, "", $3); print $3; exit }
  ' Cargo.lock)"
fi
WASM_BINDGEN_VERSION="${WASM_BINDGEN_VERSION:-0.2.130}"
if command -v wasm-bindgen >/dev/null 2>&1 &&
  [[ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" == "$WASM_BINDGEN_VERSION" ]]; then
  have "wasm-bindgen-cli $WASM_BINDGEN_VERSION"
else
  installing "wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: the CLI's own lock file pins dependency versions that may not build on the
  # current stable toolchain; a fresh resolution does.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if ! grep -q "wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml; then
  echo "warning: Trunk.toml [tools] wasm_bindgen differs from Cargo.lock's wasm-bindgen $WASM_BINDGEN_VERSION" >&2
fi

# --- Debian packages: browser for the end-to-end tests, CJK font ------------------------------
APT_PACKAGES=(chromium chromium-driver fonts-wqy-microhei)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed'; then
    have "$p (apt)"
  else
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  installing "${missing[*]} (apt)"
  SUDO=()
  if [[ "$(id -u)" != 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      SUDO=(sudo)
    else
      echo "error: not root and no sudo; install ${missing[*]} with apt-get" >&2
      exit 1
    fi
  fi
  "${SUDO[@]}" apt-get update
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

# --- npm packages: Playwright, binaryen (wasm-opt), ECharts --------------------------------------
if [[ -L node_modules ]]; then
  # A symlinked node_modules (a scratch copy sharing the repo's) is left alone: `npm ci` would
  # empty the directory it points to.
  have "npm packages (node_modules is a symlink to $(readlink node_modules); not touching it)"
elif [[ ! -d node_modules ]] || [[ ! -f node_modules/.package-lock.json ]] ||
  { [[ -f package-lock.json ]] && [[ package-lock.json -nt node_modules/.package-lock.json ]]; }; then
  if [[ -f package-lock.json ]]; then
    installing "npm packages (npm ci)"
    npm ci --no-audit --no-fund
  else
    installing "npm packages (npm install)"
    npm install --no-audit --no-fund
  fi
else
  have "npm packages (node_modules up to date with package-lock.json)"
fi
if wasm-opt --version 2>/dev/null | grep -q 'version 132'; then
  have "wasm-opt $(wasm-opt --version | awk '{print $3}') (npm binaryen)"
else
  echo "error: node_modules/.bin/wasm-opt is not binaryen 132; check package.json" >&2
  exit 1
fi

# --- Vendored ECharts (committed; rebuilt only when missing or the npm version differs) --------
# Not the whole library: scripts/echarts-bundle.mjs bundles (esbuild, from npm) only the chart
# types and components the app uses; CONTENTS lists them.
ECHARTS_VERSION="$(node -p "require('./node_modules/echarts/package.json').version")"
VENDOR=public/vendor/echarts
if [[ -f "$VENDOR/VERSION" && "$(cat "$VENDOR/VERSION")" == "$ECHARTS_VERSION" &&
  -f "$VENDOR/echarts.custom.min.js" && -f "$VENDOR/CONTENTS" && -f "$VENDOR/LICENSE" && -f "$VENDOR/NOTICE" ]]; then
  have "vendored echarts $ECHARTS_VERSION ($(sed -n 2p "$VENDOR/CONTENTS"))"
else
  installing "vendored echarts $ECHARTS_VERSION bundle into $VENDOR"
  mkdir -p "$VENDOR/licenses"
  cp node_modules/echarts/LICENSE node_modules/echarts/NOTICE "$VENDOR/"
  # ECharts' LICENSE points at licenses/LICENSE-d3 for the d3 code it embeds.
  if [[ -f node_modules/echarts/licenses/LICENSE-d3 ]]; then
    cp node_modules/echarts/licenses/LICENSE-d3 "$VENDOR/licenses/"
  fi
  node scripts/echarts-bundle.mjs
fi
