"""Ảnh chụp giấy tiếp nhận → mã hồ sơ: reads the receipt's QR codes from a phone photo.

Citizens send pictures far more readily than they type a 24-character code, and not every browser can
scan (Safari and desktop browsers lack BarcodeDetector), so the server decodes (zxing-cpp, no model).

What it gives back is deliberately small: the dossier code, and whether it came from the Thông tư 01/2023
QR or from the signed rating link. The 01/2023 QR also carries the applicant's identifier; that never
leaves this function. The photo itself is only held in memory for the call: nothing here stores or logs it.

Limits, checked before any pixel is decoded (Pillow reads the header lazily): at most ``MAX_BYTES``, at
most ``MAX_SIDE`` pixels per side (EXIF rotation swaps the sides, so the longest side is what counts), and
decoding works on a copy no longer than ``WORK_SIDE`` pixels, which bounds its time.
"""

from __future__ import annotations

import io
import json
import re
import struct
import warnings
from dataclasses import dataclass
from datetime import datetime

import zxingcpp
from PIL import Image, ImageOps, UnidentifiedImageError

from motcua.dossiers.codes import CodeError, canonical_code
from motcua.errors import Invalid
from motcua.feedback.tokens import TokenError, read_rating_token

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 4000
# The receipt's QR is ~1/8 of an A4 page's width: at 1600 px its modules are still several pixels wide.
WORK_SIDE = 1600
FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "BMP")

TOO_LARGE = "Ảnh quá lớn (tối đa 5 MB). Anh/chị vui lòng chụp lại hoặc gửi ảnh nhỏ hơn."
TOO_MANY_PIXELS = "Ảnh có kích thước quá lớn (tối đa 4.000 điểm ảnh mỗi chiều). Anh/chị vui lòng gửi ảnh nhỏ hơn."
NOT_AN_IMAGE = "Tệp gửi lên không phải là ảnh (JPEG, PNG, WebP). Anh/chị vui lòng chụp ảnh giấy tiếp nhận."
NO_CODE = (
    "Chưa đọc được mã QR trong ảnh. Anh/chị vui lòng chụp rõ mã QR ở góc trên bên trái giấy tiếp nhận hồ sơ "
    "(chụp thẳng, đủ sáng, không che mã), hoặc nhập mã hồ sơ in trên giấy."
)

_RATING_PATH = re.compile(r"/r/(?P<token>[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/?$")


class PhotoError(Invalid):
    """A photo that cannot be read; ``reason`` is one of too_large, too_many_pixels, not_an_image, no_code;
    the message is Vietnamese and says what to do."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message, code=reason)
        self.reason = reason


@dataclass(frozen=True)
class ReceiptScan:
    """What a receipt photo says: the dossier code and which QR it came from (``receipt`` or ``rating_link``);
    ``rating_token`` only for a rating link whose signature holds."""

    code: str
    source: str
    rating_token: str | None = None


def read_receipt_photo(data: bytes, secret: str, now: datetime) -> ReceiptScan:
    """The dossier named by the receipt's QR in the photo ``data``; ``PhotoError`` when there is none.

    The 01/2023 QR wins when both are in the picture (its code needs no signature); a rating link counts
    only with a valid, unexpired signature, so a made-up link never names a dossier.
    """
    texts = decode_qr_texts(data)
    for text in texts:
        code = _code_from_receipt_qr(text)
        if code is not None:
            return ReceiptScan(code, "receipt")
    for text in texts:
        token = _rating_token(text)
        if token is None:
            continue
        try:
            code = read_rating_token(secret, token, now)
        except TokenError:
            continue
        return ReceiptScan(code, "rating_link", token)
    raise PhotoError("no_code", NO_CODE)


def decode_qr_texts(data: bytes) -> list[str]:
    """The texts of the QR codes in the photo, after the size checks and EXIF rotation."""
    image = open_photo(data)
    try:
        found = _read(image)
        if not found:
            # Dim or low-contrast photos: stretch the histogram and try once more.
            found = _read(ImageOps.autocontrast(image, cutoff=1))
    finally:
        image.close()
    return found


def open_photo(data: bytes) -> Image.Image:
    """A grayscale image no longer than ``WORK_SIDE``, upright as the phone saw it; ``PhotoError`` else."""
    if len(data) > MAX_BYTES:
        raise PhotoError("too_large", TOO_LARGE)
    if not data:
        raise PhotoError("not_an_image", NOT_AN_IMAGE)
    try:
        with warnings.catch_warnings():
            # Pillow warns about damaged EXIF and reads on; only a bomb's warning stops the photo.
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=FORMATS)
            if max(image.size) > MAX_SIDE or min(image.size) < 1:
                raise PhotoError("too_many_pixels", TOO_MANY_PIXELS)
            image.draft("L", (WORK_SIDE, WORK_SIDE))  # JPEG: decode at 1/2, 1/4… when that is enough
            image = ImageOps.exif_transpose(image)
            image = image.convert("L")
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError("too_many_pixels", TOO_MANY_PIXELS) from None
    except UnidentifiedImageError:
        raise PhotoError("not_an_image", NOT_AN_IMAGE) from None
    except (OSError, ValueError, SyntaxError, EOFError, struct.error, KeyError, IndexError, TypeError):
        # Truncated or damaged files (pixels or EXIF) surface as any of these from Pillow's parsers.
        raise PhotoError("not_an_image", NOT_AN_IMAGE) from None
    if max(image.size) > WORK_SIDE:
        image.thumbnail((WORK_SIDE, WORK_SIDE), Image.Resampling.BILINEAR)
    return image


def _read(image: Image.Image) -> list[str]:
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode, try_downscale=True)
    return [result.text for result in results if result.valid and result.text]


def _code_from_receipt_qr(text: str) -> str | None:
    """``ma_ho_so`` of the 01/2023 JSON (nothing else of it is read), or a QR holding just a code."""
    candidate: object = text.strip()
    if text.lstrip().startswith("{"):
        try:
            candidate = json.loads(text).get("ma_ho_so")
        except (ValueError, AttributeError):
            return None
    if not isinstance(candidate, str):
        return None
    try:
        return canonical_code(candidate)
    except CodeError:
        return None


def _rating_token(text: str) -> str | None:
    match = _RATING_PATH.search(text.strip().split("?")[0].split("#")[0])
    return match["token"] if match else None
