"""Pictures for the receipt-photo tests: a photographed receipt with QR codes, and a PNG header that claims
a huge picture."""

from __future__ import annotations

import io
import struct
import zlib

import qrcode
from PIL import Image, ImageDraw


def receipt_photo(*payloads: str, fmt: str = "JPEG", rotate: float = 0, size: tuple[int, int] = (1240, 1754)) -> bytes:
    """A page like the printed receipt: QR codes in the top corners, lines of text below."""
    page = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(page)
    for i, payload in enumerate(payloads):
        qr = qrcode.make(payload, error_correction=qrcode.ERROR_CORRECT_M).get_image().convert("RGB")
        qr = qr.resize((260, 260), Image.Resampling.NEAREST)
        page.paste(qr, (60 + i * (size[0] - 380), 60))
    for row in range(20):
        draw.rectangle((80, 420 + row * 50, size[0] - 80, 432 + row * 50), fill=(60, 60, 60))
    if rotate:
        page = page.rotate(rotate, expand=True, fillcolor=(200, 190, 170))
    out = io.BytesIO()
    page.save(out, fmt, quality=80) if fmt == "JPEG" else page.save(out, fmt)
    return out.getvalue()


def huge_png(width: int, height: int) -> bytes:
    """A few hundred bytes that claim a huge picture (a decompression bomb's header)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = chunk(b"IDAT", zlib.compress(b"\0" * 1000))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + pixels + chunk(b"IEND", b"")
