#!/usr/bin/env python3
"""Post-build step: allow trunk's inline start-up script under the page's strict CSP.

trunk 0.21 replaces <link data-trunk rel="rust"> with an inline <script type="module"> that
imports the (content-hashed) wasm-bindgen JS and starts the wasm. A strict CSP blocks inline
scripts unless their hash is listed, and the script's text changes whenever the hashed file
names change. So after each build this script:

  1. finds the inline scripts in dist/index.html and insists there is exactly one, trunk's
     start-up script (any other inline script is an error: put it in a file);
  2. computes its CSP hash: base64(sha256(the exact text between <script ...> and </script>));
  3. rewrites the script-src directive of the CSP <meta> tag to carry that hash (dropping any
     stale 'sha256-…' from an earlier run), and checks the meta tag comes before every script.

It runs as trunk's post_build hook (Trunk.toml), on $TRUNK_STAGING_DIR/index.html, so every
`trunk build` writes a correct CSP; it can also be run by hand on a built file.

Usage: csp-inline-hash.py [path/to/index.html]
  default: $TRUNK_STAGING_DIR/index.html when run by trunk, else dist/index.html
"""

import base64
import hashlib
import os
import re
import sys

if len(sys.argv) > 1:
    path = sys.argv[1]
elif os.environ.get("TRUNK_STAGING_DIR"):
    path = os.path.join(os.environ["TRUNK_STAGING_DIR"], "index.html")
else:
    path = "dist/index.html"
with open(path, encoding="utf-8", newline="") as f:
    html = f.read()


def fail(msg: str) -> None:
    print(f"csp-inline-hash: {path}: {msg}", file=sys.stderr)
    sys.exit(1)


# Blank out comments (keeping offsets) so that markup quoted in a comment is not mistaken for tags.
scan = re.sub(r"<!--.*?-->", lambda m: " " * len(m.group(0)), html, flags=re.S)
scripts = list(re.finditer(r"<script\b([^>]*)>(.*?)</script\s*>", scan, re.S | re.I))
inline = [m for m in scripts if not re.search(r"\bsrc\s*=", m.group(1), re.I)]
if not inline:
    fail("no inline script found (expected trunk's start-up <script type=\"module\">)")
if len(inline) > 1:
    fail(f"{len(inline)} inline scripts; only trunk's start-up script may be inline, move the others to files")
start = inline[0]
body = html[start.start(2) : start.end(2)]  # the exact text the browser hashes
if "import init" not in body or "TrunkApplicationStarted" not in body:
    fail("the inline script does not look like trunk's start-up script")

digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
token = f"'sha256-{digest}'"

metas = list(
    re.finditer(
        r'<meta\s+http-equiv\s*=\s*"Content-Security-Policy"\s+content\s*=\s*"([^"]*)"\s*/?>',
        scan,
        re.I,
    )
)
if len(metas) != 1:
    fail(f"expected exactly one CSP <meta http-equiv=\"Content-Security-Policy\" content=\"…\">, found {len(metas)}")
meta = metas[0]
first_script = min(m.start() for m in scripts)
if meta.start() > first_script:
    fail("the CSP <meta> must come before every <script>")

directives = [d.strip() for d in meta.group(1).split(";") if d.strip()]
found = False
for i, d in enumerate(directives):
    parts = d.split()
    if parts[0].lower() == "script-src":
        kept = [p for p in parts[1:] if not p.startswith("'sha256-")]
        directives[i] = " ".join(["script-src", *kept, token])
        found = True
if not found:
    fail("the CSP has no script-src directive")
policy = "; ".join(directives)

new_meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
html = html[: meta.start()] + new_meta + html[meta.end() :]
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write(html)
print(f"csp-inline-hash: script-src now allows trunk's start-up script {token}")
