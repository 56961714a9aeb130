#!/usr/bin/env python3
"""Post-build step: write the build's file list and version into the service worker.

The service worker (public/sw.js, copied into the build) caches every file of the build when it
installs. Which files those are — trunk's content-hashed JS, wasm and CSS, the vendored
ECharts, the sample, the icons — is only known after the build, so this script, run as trunk's
post_build hook after the CSP hash (Trunk.toml), lists every file in the staging dir (the
service worker itself left out, `./` added for the app's address), computes a version from
their names and contents, and writes both into sw.js in place of its placeholders. A new build
therefore always makes a byte-different worker, which browsers install as an update; an old
worker never serves a stale mix.

Usage: precache.py [dist-dir]
  default: $TRUNK_STAGING_DIR when run by trunk, else dist
"""

import hashlib
import json
import os
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TRUNK_STAGING_DIR", "dist")
worker = os.path.join(root, "sw.js")


def fail(message: str) -> None:
    print(f"precache: {message}", file=sys.stderr)
    sys.exit(1)


if not os.path.isfile(worker):
    fail(f"{worker} is missing (index.html must copy public/sw.js into the build)")

assets = []
digest = hashlib.sha256()
for directory, subdirectories, files in os.walk(root):
    subdirectories.sort()
    for name in sorted(files):
        path = os.path.join(directory, name)
        relative = os.path.relpath(path, root).replace(os.sep, "/")
        if relative == "sw.js" or relative.endswith((".gz", ".br")):
            # The worker itself, and precompressed copies (for hosts that serve them; the
            # worker caches the originals).
            continue
        assets.append(relative)
        digest.update(relative.encode("utf-8") + b"\0")
        with open(path, "rb") as f:
            digest.update(f.read())
if "index.html" not in assets:
    fail(f"no index.html in {root}")
version = digest.hexdigest()[:16]

with open(worker, encoding="utf-8") as f:
    text = f.read()
placeholders = ("'__TAIZHANG_VERSION__'", "/* __TAIZHANG_ASSETS__ */ []")
for placeholder in placeholders:
    if placeholder not in text:
        fail(f"{worker} lacks the placeholder {placeholder} (already filled, or not our worker)")
text = text.replace("'__TAIZHANG_VERSION__'", json.dumps(version))
text = text.replace("/* __TAIZHANG_ASSETS__ */ []", json.dumps(["./"] + assets, ensure_ascii=False))
with open(worker, "w", encoding="utf-8") as f:
    f.write(text)
print(f"precache: sw.js caches {len(assets) + 1} entries, version {version}")
