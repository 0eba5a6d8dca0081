"""QR codes drawn as inline SVG, for the receipt (dossier code, rating link) and a kiosk's enrolment link."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from markupsafe import Markup


def qr_svg(data: str) -> Markup:
    """An inline SVG QR code (medium error correction: survives a crumpled receipt)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, error_correction=qrcode.ERROR_CORRECT_M)
    svg = image.to_string(encoding="unicode")
    return Markup(svg[svg.index("<svg") :])
