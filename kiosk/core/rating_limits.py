"""Rate limits of ratings and complaints: per enrolled kiosk, per assistant key (and per conversation
the assistant names), else per client address.

The counters are the shared windows of ``kiosk.core.dossier_limits`` (database or Redis, every worker). A
kiosk counts on its own so that the kiosks of a centre, often behind one address, do not share a budget;
its limit still covers a queue resent after an outage (the kiosk retries a 429 a few seconds later).
The assistant serves every citizen from one action server: its key has a large budget, and each
conversation (``X-Motcua-Conversation``, sent by the authenticated action server) a small one, so one
citizen cannot spend everyone's.
"""

from __future__ import annotations

import hashlib

from flask import current_app, request

from kiosk.config import RATING_LIMITS
from kiosk.core.dossier_limits import client_key, limiter
from kiosk.core.errors import ApiError

# (hits, window in seconds); overridable in the app config under the same names (kiosk/config.py).
DEFAULT_LIMITS = RATING_LIMITS
CONVERSATION_HEADER = "X-Motcua-Conversation"
TOO_MANY = {
    "RATING": "Đã gửi quá nhiều phiếu đánh giá trong thời gian ngắn. Vui lòng đợi vài phút rồi thử lại.",
    "COMPLAINT": "Đã gửi quá nhiều phản ánh trong thời gian ngắn. Vui lòng đợi vài phút rồi thử lại.",
}


class TooMany(ApiError):
    """429 with the Vietnamese message and the wait in seconds (the QR page shows it as a page)."""


def enforce(kind: str, device_id: int | None = None, assistant_key_id: int | None = None) -> None:
    """Count one ``kind`` ("RATING" or "COMPLAINT") request for whoever sends it; 429 when over."""
    if device_id is not None:
        _hit(kind, f"{kind}_DEVICE_LIMIT", f"device:{device_id}")
    elif assistant_key_id is not None:
        conversation = request.headers.get(CONVERSATION_HEADER, "").strip()
        if conversation:
            # Hashed: the header is the client's text, the limiter's key has a bounded length.
            digest = hashlib.sha256(conversation.encode("utf-8", "surrogatepass")).hexdigest()[:32]
            _hit(kind, f"{kind}_CONVERSATION_LIMIT", f"key:{assistant_key_id}:{digest}")
        _hit(kind, f"{kind}_ASSISTANT_LIMIT", f"key:{assistant_key_id}")
    else:
        _hit(kind, f"{kind}_CLIENT_LIMIT", f"client:{client_key()}")


def _hit(kind: str, name: str, key: str) -> None:
    hits, window = current_app.config.get(name) or DEFAULT_LIMITS[name]
    if not limiter().hit(f"{name}:{key}", hits, window):
        raise TooMany(429, "too_many_requests", TOO_MANY[kind], retry_after=window)
