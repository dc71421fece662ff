#!/usr/bin/env python3
"""Writes the Teams app icons with the standard library only (zlib + struct):
color.png   192x192, full colour: a blue tile with two white arrows swapping places (each
            environment's manager moves into the other);
outline.png  32x32, the same arrows in white on a transparent background.
Run from anywhere: python3 manifests/teams/make-icons.py"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def png(path, width, height, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def arrows(u, v):
    """True where the two arrows are, in unit coordinates (0..1): one pointing right above, one left below."""
    def arrow(u, v, y0, right):
        shaft = 0.22 <= u <= 0.78 and abs(v - y0) <= 0.045
        tip_u = 0.78 if right else 0.22
        du = (u - tip_u) if right else (tip_u - u)
        head = -0.16 <= du <= 0.06 and abs(v - y0) <= (0.06 - du) * 0.9
        return shaft or head
    return arrow(u, v, 0.36, True) or arrow(u, v, 0.64, False)


def color(x, y, size=192):
    u, v = (x + 0.5) / size, (y + 0.5) / size
    if arrows(u, v):
        return (255, 255, 255, 255)
    return (0x44, 0x64, 0xEE, 255)  # the manifest's accentColor


def outline(x, y, size=32):
    u, v = (x + 0.5) / size, (y + 0.5) / size
    return (255, 255, 255, 255) if arrows(u, v) else (0, 0, 0, 0)


png(os.path.join(HERE, "color.png"), 192, 192, color)
png(os.path.join(HERE, "outline.png"), 32, 32, outline)
print("wrote color.png (192x192) and outline.png (32x32, transparent)")
