#!/usr/bin/env python3
"""Draws the app's own icons (no font, no image library): a red ledger card with ruled rows and
a column line, as PNG at the sizes the web manifest names, plus the same design as SVG.

The icons are committed (public/icons/); run this only to change them:

    python3 scripts/make-icons.py

Design: a rounded square in the app's accent red (#c23531); on it a white sheet with a header
band and ruled lines, like a page of a 台账 (ledger). "maskable" versions keep the drawing in
the central safe zone (80 %) on a full red background.
"""

import os
import struct
import zlib

RED = (0xC2, 0x35, 0x31)
WHITE = (0xFF, 0xFF, 0xFF)
SOFT = (0xFB, 0xEA, 0xEA)
OUT = os.path.join(os.path.dirname(__file__), "..", "public", "icons")


def inside_rounded(x, y, x0, y0, x1, y1, r):
    """Whether pixel centre (x, y) lies inside the rounded rectangle."""
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r and x0 <= x <= x1 and y0 <= y <= y1


def draw(size, maskable):
    pixels = []
    s = size
    # The card: the whole square for maskable icons, else a rounded square with a margin.
    margin = 0 if maskable else s * 0.06
    radius = 0 if maskable else s * 0.18
    # The sheet, inside the safe zone.
    zone = 0.8 if maskable else 1.0
    pad = s * (1 - zone) / 2
    sx0, sy0 = pad + s * 0.22 * zone, pad + s * 0.18 * zone
    sx1, sy1 = pad + s * 0.78 * zone, pad + s * 0.84 * zone
    header = sy0 + (sy1 - sy0) * 0.22
    rule = max(1.0, s * 0.022)
    rows = [header + (sy1 - header) * k / 5 for k in range(1, 5)]
    column = sx0 + (sx1 - sx0) * 0.36
    for j in range(s):
        row = []
        for i in range(s):
            x, y = i + 0.5, j + 0.5
            colour = None
            if maskable or inside_rounded(x, y, margin, margin, s - margin, s - margin, radius):
                colour = RED
                if sx0 <= x <= sx1 and sy0 <= y <= sy1:
                    colour = WHITE
                    if y <= header:
                        colour = SOFT
                    elif any(abs(y - r) <= rule / 2 for r in rows) or abs(x - column) <= rule / 2:
                        colour = RED
            if colour is None:
                row.append((0, 0, 0, 0))
            else:
                row.append(colour + (255,))
        pixels.append(row)
    return pixels


def png(pixels):
    height, width = len(pixels), len(pixels[0])
    raw = b"".join(b"\x00" + b"".join(struct.pack("BBBB", *p) for p in row) for row in pixels)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
  <rect x="6" y="6" width="88" height="88" rx="18" fill="#c23531"/>
  <rect x="22" y="18" width="56" height="66" fill="#ffffff"/>
  <rect x="22" y="18" width="56" height="14.5" fill="#fbeaea"/>
  <g stroke="#c23531" stroke-width="2.2">
    <line x1="22" y1="42.8" x2="78" y2="42.8"/>
    <line x1="22" y1="53.1" x2="78" y2="53.1"/>
    <line x1="22" y1="63.4" x2="78" y2="63.4"/>
    <line x1="22" y1="73.7" x2="78" y2="73.7"/>
    <line x1="42.2" y1="32.5" x2="42.2" y2="84"/>
  </g>
</svg>
"""


def main():
    os.makedirs(OUT, exist_ok=True)
    for size in (192, 512):
        with open(os.path.join(OUT, f"icon-{size}.png"), "wb") as f:
            f.write(png(draw(size, maskable=False)))
        with open(os.path.join(OUT, f"maskable-{size}.png"), "wb") as f:
            f.write(png(draw(size, maskable=True)))
    with open(os.path.join(OUT, "icon.svg"), "w", encoding="utf-8") as f:
        f.write(SVG)
    print("icons written to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
