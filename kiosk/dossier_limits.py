"""Rate limits of dossier lookups (per client and per dossier code), shared by every worker: the
limiter lives in the database or Redis (``REDIS_URL``), this module only picks it and the limits."""

from __future__ import annotations

from flask import current_app, request

from kiosk.errors import ApiError
from motcua.dossiers.ratelimit import RateLimiter, make_rate_limiter

# (hits, window in seconds); overridable in the app config under the same names.
DEFAULT_LIMITS = {
    "DOSSIER_LOOKUP_LIMIT": (60, 60),
    "DOSSIER_VERIFY_CLIENT_LIMIT": (10, 600),
    "DOSSIER_VERIFY_CODE_LIMIT": (5, 900),
}
TOO_MANY = "Bạn đã tra cứu quá nhiều lần. Vui lòng đợi vài phút rồi thử lại."


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
    """The client address (behind a proxy, configure ProxyFix so this is the real one)."""
    return request.remote_addr or "unknown"
