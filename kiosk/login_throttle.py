"""Chống dò mật khẩu — failed sign-ins counted per user name and per client address.

The counters are the shared rate-limit windows of ``motcua.dossiers.ratelimit`` (database or Redis),
so every worker on every host sees the same count. Only failures are counted; once a user name or an
address has used up its failures in the window, even the right password is refused until the window
ends, so guessing gains nothing.
"""

from __future__ import annotations

import time

from flask import current_app

from kiosk.dossier_limits import client_key, limiter
from motcua.accounts import normalise_username

# (failures, window in seconds); overridable in the app config under the same names. The address
# limit is looser: a centre's officers often sign in through one shared address.
DEFAULT_LIMITS = {
    "LOGIN_USER_LIMIT": (5, 900),
    "LOGIN_CLIENT_LIMIT": (30, 900),
}
TOO_MANY = "Đăng nhập sai quá nhiều lần. Vui lòng đợi {minutes} phút rồi thử lại."


def blocked_for(username: str) -> int:
    """Seconds to wait before signing in may be tried again (0: go ahead)."""
    now = int(time.time())
    waits = [
        window - now % window for key, limit, window in _counters(username) if limiter().hits(key, window) >= limit
    ]
    return max(waits, default=0)


def record_failure(username: str) -> None:
    """Count a failed sign-in against the user name and the client address."""
    for key, limit, window in _counters(username):
        limiter().hit(key, limit, window)


def message(wait_seconds: int) -> str:
    return TOO_MANY.format(minutes=max(1, -(-wait_seconds // 60)))


def _counters(username: str) -> list[tuple[str, int, int]]:
    """(key, failures allowed, window) for the user name (as stored, so "CanBo" and "canbo" share
    one count) and for the client address."""
    config = current_app.config
    counters = []
    for name, subject in (
        ("LOGIN_USER_LIMIT", normalise_username(username)[:80]),
        ("LOGIN_CLIENT_LIMIT", client_key()),
    ):
        limit, window = config.get(name) or DEFAULT_LIMITS[name]
        counters.append((f"{name}:{subject}", limit, window))
    return counters
