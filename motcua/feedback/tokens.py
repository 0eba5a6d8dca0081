"""Mã đánh giá qua QR — the signed link printed on the receipt (``/r/<token>``).

A token says "the holder may rate dossier X until day Y". It is signed with the app's secret (HMAC
SHA-256, stdlib only), so it cannot be forged or moved to another dossier; it carries its own expiry so
nothing needs storing when a receipt is printed. Single use is not the token's job: the ratings table
accepts one QR rating per dossier (``Rating.single_use_dossier_id``), which holds across processes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from datetime import datetime, timedelta

from motcua.clock import to_local
from motcua.errors import Invalid

_EPOCH = datetime(1970, 1, 1)
# A separate key per purpose: a session cookie signature can never pass as a rating token.
_PURPOSE = b"motcua/rating-token/v1"
_SIGNATURE_BYTES = 16


class TokenError(Invalid):
    """A token that cannot be used; the message is Vietnamese and shown to the citizen."""


def make_rating_token(secret: str, dossier_code: str, issued_at: datetime, days: int = 30) -> str:
    """A URL-safe token for rating ``dossier_code``, valid ``days`` days from ``issued_at``."""
    expires = to_local(issued_at) + timedelta(days=days)
    payload = f"{dossier_code.strip()}|{int((expires - _EPOCH).total_seconds())}".encode()
    return f"{_b64(payload)}.{_b64(_sign(secret, payload))}"


def read_rating_token(secret: str, token: str, now: datetime) -> str:
    """The dossier code the token was made for; ``TokenError`` when forged, damaged or expired."""
    try:
        encoded_payload, encoded_signature = token.strip().split(".")
        payload, signature = _unb64(encoded_payload), _unb64(encoded_signature)
    except (ValueError, binascii.Error) as exc:
        raise TokenError("Mã đánh giá không hợp lệ. Vui lòng quét lại mã QR trên giấy biên nhận.") from exc
    if not hmac.compare_digest(signature, _sign(secret, payload)):
        raise TokenError("Mã đánh giá không hợp lệ. Vui lòng quét lại mã QR trên giấy biên nhận.")
    dossier_code, _, expires = payload.decode().rpartition("|")
    if to_local(now) > _EPOCH + timedelta(seconds=int(expires)):
        raise TokenError(
            "Mã đánh giá đã hết hạn. Ông/bà vẫn có thể góp ý qua đường dây nóng hoặc hộp thư góp ý của trung tâm."
        )
    return dossier_code


def _sign(secret: str, payload: bytes) -> bytes:
    key = hmac.new(secret.encode(), _PURPOSE, hashlib.sha256).digest()
    return hmac.new(key, payload, hashlib.sha256).digest()[:_SIGNATURE_BYTES]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    if not text:
        raise ValueError("empty part")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
