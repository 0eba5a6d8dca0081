"""Chống dò mật khẩu — sign-in attempts counted before the password is checked.

Three fixed-window counters, shared by every worker through ``motcua.dossiers.ratelimit`` (database
``UPDATE … RETURNING`` or Redis ``INCR``, both atomic):

- per (account, client): 5 per 15 minutes. A guesser from one address is stopped after 5 tries, but
  the account's owner, signing in from their own computer, is not locked out by it.
- per client: 30 per 15 minutes across user names (a centre's officers may share one address).
- per account, across all clients: 30 per hour. Reached only by guessing from many addresses, since
  each client adds at most its own 5 to it; then the account waits, whoever asks.

``begin_attempt`` counts the attempt in that order and stops at the first counter that is full, so
the password is checked for at most the limit's worth of parallel requests (counting after the check
let 14 of 20 parallel guesses through), and a client that keeps hammering past its own limit never
touches the account's shared budget. ``attempt_succeeded`` gives the counts back after the right
password, so an owner who signs in often never waits.
"""

from __future__ import annotations

import time

from flask import current_app, g

from kiosk.config import LOGIN_LIMITS
from kiosk.core.dossier_limits import client_key, limiter
from motcua.accounts import normalise_username

# (attempts, window in seconds); overridable in the app config under the same names (kiosk/config.py).
DEFAULT_LIMITS = LOGIN_LIMITS
TOO_MANY = "Đăng nhập sai quá nhiều lần. Vui lòng đợi {minutes} phút rồi thử lại."


def begin_attempt(username: str) -> int:
    """Count one sign-in attempt for ``username`` from this client; the seconds to wait when a limit
    is full (the password must then not be checked), 0 to go ahead."""
    counted = []
    for key, limit, window in _counters(username):
        if not limiter().hit(key, limit, window):
            return window - int(time.time()) % window
        counted.append((key, window))
    g.login_attempt = (normalise_username(username), counted)
    return 0


def attempt_succeeded(username: str) -> None:
    """The password was right: give back what ``begin_attempt`` counted for it."""
    name, counted = g.pop("login_attempt", (None, []))
    if name == normalise_username(username):
        for key, window in counted:
            limiter().release(key, window)


def blocked_for(username: str) -> int:
    """Seconds to wait before a password of ``username`` may be checked again, without counting an
    attempt (0: go ahead). For a form that checks a password only after other checks pass."""
    now = int(time.time())
    full = [window for key, limit, window in _counters(username) if limiter().hits(key, window) >= limit]
    return max((window - now % window for window in full), default=0)


def record_failure(username: str) -> None:
    """Count a wrong password checked without ``begin_attempt`` (see ``blocked_for``)."""
    for key, limit, window in _counters(username):
        limiter().hit(key, limit, window)


def message(wait_seconds: int) -> str:
    return TOO_MANY.format(minutes=max(1, -(-wait_seconds // 60)))


def _counters(username: str) -> list[tuple[str, int, int]]:
    """(key, attempts allowed, window), in the order ``begin_attempt`` counts them. The user name is
    taken as stored, so "CanBo" and "canbo" share one count."""
    config = current_app.config
    account, client = normalise_username(username)[:80], client_key()
    counters = []
    for name, subject in (
        ("LOGIN_ACCOUNT_CLIENT_LIMIT", f"{account}|{client}"),
        ("LOGIN_CLIENT_LIMIT", client),
        ("LOGIN_ACCOUNT_LIMIT", account),
    ):
        limit, window = config.get(name) or DEFAULT_LIMITS[name]
        counters.append((f"{name}:{subject}", limit, window))
    return counters
