"""Rate limits of dossier lookups (per client and per dossier code), shared by every worker: the
limiter lives in the database or Redis (``REDIS_URL``), this module only picks it, the limits, and
who "one client" is (``client_key``)."""

from __future__ import annotations

import hashlib
import ipaddress
import re

from flask import current_app, g, request

from kiosk.config import DOSSIER_LIMITS
from kiosk.core.db import get_session
from kiosk.core.errors import ApiError
from motcua.apikeys import ApiKey, check_api_key
from motcua.dossiers.ratelimit import RateLimiter, make_rate_limiter

# (hits, window in seconds); overridable in the app config under the same names (kiosk/config.py).
DEFAULT_LIMITS = DOSSIER_LIMITS
TOO_MANY = "Bạn đã tra cứu quá nhiều lần. Vui lòng đợi vài phút rồi thử lại."
CONVERSATION_HEADER = "X-Motcua-Conversation"
_PLAIN_CONVERSATION = re.compile(r"[A-Za-z0-9._:@+-]{1,100}")


def limiter() -> RateLimiter:
    app = current_app
    if "motcua.rate_limiter" not in app.extensions:
        app.extensions["motcua.rate_limiter"] = make_rate_limiter(
            app.extensions["motcua.engine"], app.config.get("REDIS_URL", "")
        )
    return app.extensions["motcua.rate_limiter"]


def enforce(limit_name: str, key: str) -> None:
    """Count a hit for ``key`` under the named limit; 429 with a Vietnamese message when over it."""
    hits, window = current_app.config.get(limit_name) or DEFAULT_LIMITS[limit_name]
    if not limiter().hit(f"{limit_name}:{key}", hits, window):
        raise ApiError(429, "too_many_requests", TOO_MANY, retry_after=window)


def client_key() -> str:
    """Who one budget belongs to.

    - The assistant (an API key with scope ``assistant``) serves every citizen from one address, so
      its requests count per conversation, named in ``X-Motcua-Conversation``; from anyone else that
      header is ignored, or a client could mint itself a new budget per request.
    - Otherwise the client's address: the real one behind ``TRUSTED_PROXIES`` proxies (ProxyFix in
      ``server.py``), and for IPv6 its /64, since one household or phone is handed a whole /64.
    """
    conversation = request.headers.get(CONVERSATION_HEADER, "").strip()
    if conversation and assistant_key() is not None:
        if not _PLAIN_CONVERSATION.fullmatch(conversation):
            conversation = "sha256-" + hashlib.sha256(conversation.encode()).hexdigest()[:32]
        return f"conversation:{conversation}"
    return address_key(request.remote_addr or "")


def address_key(address: str) -> str:
    """An IPv4 address as it is, an IPv6 one as its /64 network (IPv4-mapped ones as IPv4)."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return address[:64] or "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{ip}/64", strict=False))
    return str(ip)


def assistant_key() -> ApiKey | None:
    """The request's valid API key with scope ``assistant``, checked once per request."""
    if "assistant_key" not in g:
        key = g.get("api_key")
        header = request.headers.get("Authorization", "")
        if key is None and header.startswith("Bearer "):
            key = check_api_key(get_session(), header.removeprefix("Bearer ").strip())
        g.assistant_key = key if key is not None and key.allows("assistant") else None
    return g.assistant_key
