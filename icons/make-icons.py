#!/usr/bin/env python3
"""Draws 书香's application icon (an open book on a red tile) at every size
the bundles need, from this one source, with the standard library only.
Run: python3 icons/make-icons.py"""
import os, struct, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
RED, RED_DARK, PAGE, PAGE_SHADE, INK = (166, 38, 38), (120, 24, 24), (253, 246, 232), (232, 218, 196), (120, 24, 24)

def inside_rounded(x, y, r):
    cx, cy = min(max(x, r), 1 - r), min(max(y, r), 1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r

def in_poly(x, y, pts):
    c = False
    for i in range(len(pts)):
        (x1, y1), (x2, y2) = pts[i], pts[i - 1]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            c = not c
    return c

LEFT = [(0.50, 0.30), (0.16, 0.24), (0.16, 0.74), (0.50, 0.80)]
RIGHT = [(0.50, 0.30), (0.84, 0.24), (0.84, 0.74), (0.50, 0.80)]
COVER = [(0.50, 0.84), (0.12, 0.77), (0.12, 0.27), (0.16, 0.26), (0.16, 0.74), (0.50, 0.80), (0.84, 0.74), (0.84, 0.26), (0.88, 0.27), (0.88, 0.77)]

DETAIL = True  # text lines on the pages; off at 16 px, where they would blur

def colour(x, y):
    if not inside_rounded(x, y, 0.2):
        return None
    if in_poly(x, y, COVER):
        return RED_DARK
    for page, lines_from in ((LEFT, 0.21), (RIGHT, 0.55)):
        if in_poly(x, y, page):
            if abs(x - 0.5) < 0.012:
                return PAGE_SHADE
            for k in range(4 if DETAIL else 0):  # text lines on the page, legible down to 32 px
                ly = 0.40 + k * 0.09 + (x - 0.5) * (-0.17 if x < 0.5 else 0.17) * 0.9
                if lines_from <= x <= lines_from + 0.24 and abs(y - ly) < 0.018:
                    return INK
            return PAGE
    return RED

def render(size, ss=4):
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            acc, n = [0, 0, 0, 0], ss * ss
            for sy in range(ss):
                for sx in range(ss):
                    c = colour((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size)
                    if c:
                        acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255
            a = acc[3] // n
            if a:
                k = acc[3] / 255
                row += bytes([round(acc[0] / k), round(acc[1] / k), round(acc[2] / k), a])
            else:
                row += bytes(4)
        rows.append(bytes(row))
    return b"".join(rows)

def png(size):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(render(size), 9)) + chunk(b"IEND", b"")

def ico(sizes):
    """A Windows .ico holding PNG images (Windows Vista and later read them)."""
    images = []
    for size in sizes:
        global DETAIL
        DETAIL = size >= 32
        images.append((size, png(size)))
    DETAIL = True
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for size, data in images:
        dim = 0 if size >= 256 else size
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(data for _, data in images)

for name, size in (("16x16.png", 16), ("32x32.png", 32), ("64x64.png", 64), ("128x128.png", 128), ("128x128@2x.png", 256), ("icon.png", 512)):
    DETAIL = size >= 32
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(png(size))
    print(name)
with open(os.path.join(HERE, "icon.ico"), "wb") as f:
    f.write(ico((16, 24, 32, 48, 64, 128, 256)))
print("icon.ico")
