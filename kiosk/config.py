"""Every setting of the web app in one place: its default, where it comes from and what it means.

``create_app`` reads, later winning: ``DEFAULTS``, then the environment (``from_environment``; the
variables are in the README's configuration table), then ``instance/config.py`` — or, in tests, the
mapping passed to ``create_app``. Any key below may be set in ``instance/config.py``.

The notification worker's settings (``ZALO_ACCESS_TOKEN``, ``MOTCUA_NOTIFY_*``) are read by the
worker itself (``kiosk/cli/follows.py``): the app config first, then the environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from motcua.db import database_url

# Rate limits: (hits, window in seconds), counted in the database or Redis, shared by every worker.
DOSSIER_LIMITS = {
    "DOSSIER_LOOKUP_LIMIT": (60, 60),  # dossier lookups per client
    "DOSSIER_VERIFY_CLIENT_LIMIT": (10, 600),  # phone checks per client
    "DOSSIER_VERIFY_CODE_LIMIT": (5, 900),  # phone checks per dossier code
}
RATING_LIMITS = {
    "RATING_DEVICE_LIMIT": (120, 60),  # per enrolled kiosk (covers a queue resent after an outage)
    "RATING_ASSISTANT_LIMIT": (600, 60),  # per assistant key (every conversation together)
    "RATING_CLIENT_LIMIT": (30, 300),  # per client address
    "RATING_CONVERSATION_LIMIT": (10, 600),  # per conversation the assistant names
    "COMPLAINT_ASSISTANT_LIMIT": (120, 60),
    "COMPLAINT_CONVERSATION_LIMIT": (5, 600),
    "COMPLAINT_CLIENT_LIMIT": (10, 600),
}
# The chat widget polls for an officer's messages every 2 seconds while its conversation is handed off:
# a centre's public Wi-Fi puts many citizens behind one address, so the address gets room for dozens of
# them, and one session polling faster than once a second is what is refused.
HANDOFF_LIMITS = {
    "HANDOFF_POLL_LIMIT": (1200, 60),  # per client address
    "HANDOFF_POLL_SESSION_LIMIT": (60, 60),  # per widget session (sender id)
}
LOGIN_LIMITS = {
    "LOGIN_ACCOUNT_CLIENT_LIMIT": (5, 900),  # wrong passwords per account and client
    "LOGIN_CLIENT_LIMIT": (30, 900),  # per client across accounts
    "LOGIN_ACCOUNT_LIMIT": (30, 3600),  # per account across clients
}
# The touch kiosk's timings in seconds (``KIOSK_<NAME>_SECONDS``); a kiosk URL may override them for
# one screen (``?idle=30``): back to the faces after ``idle``, the thanks shown ``thanks``, a second
# touch ignored for ``guard``, a failed send retried after ``retry``.
KIOSK_TIMINGS = {"idle": 15.0, "thanks": 4.0, "guard": 5.0, "retry": 5.0}

DEFAULTS = {
    **DOSSIER_LIMITS,
    **RATING_LIMITS,
    **LOGIN_LIMITS,
    **HANDOFF_LIMITS,
    **{f"KIOSK_{name.upper()}_SECONDS": seconds for name, seconds in KIOSK_TIMINGS.items()},
    # Every phone check answers no sooner than this, so a wrong factor and an unknown code look alike.
    "DOSSIER_VERIFY_SECONDS": 0.2,
    # How often the manager's live ratings page refreshes (``?refresh=`` overrides, 1–600).
    "LIVE_REFRESH_SECONDS": 10,
    # A staff session lasts at most this long, and ends after this long without a request.
    "STAFF_SESSION_HOURS": 8,
    "STAFF_SESSION_IDLE_MINUTES": 30,
    # Chromium for the receipt PDF; empty: Debian's ``chromium`` found on PATH.
    "CHROMIUM_PATH": "",
    "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_HTTPONLY": True,
    "JSON_AS_ASCII": False,
}


def from_environment(environ: Mapping[str, str] | None = None) -> dict:
    """The settings taken from environment variables, with their defaults."""
    env = os.environ if environ is None else environ
    return {
        # Unset: a random key kept in instance/secret_key (kiosk.core.secret_key).
        "SECRET_KEY": env.get("SECRET_KEY", ""),
        "DATABASE_URL": database_url(),
        "DEFAULT_UNIT": env.get("MOTCUA_DEFAULT_UNIT", "000.00.00.H62"),
        # What ``flask bootstrap`` names the centre's unit when it creates it.
        "DEFAULT_UNIT_NAME": env.get("MOTCUA_DEFAULT_UNIT_NAME", "Trung tâm Phục vụ hành chính công"),
        "DEFAULT_UNIT_LEVEL": env.get("MOTCUA_DEFAULT_UNIT_LEVEL", "tinh"),
        "RASA_URL": env.get("RASA_URL", "http://localhost:5005"),
        # Rasa's HTTP API for the hand-off to an officer (pause, resume, read and append tracker events):
        # Rasa itself or one replica, never the public proxy; its token (instance/rasa_token in make run).
        "RASA_ADMIN_URL": env.get("RASA_ADMIN_URL", "http://127.0.0.1:5005"),
        "RASA_AUTH_TOKEN": env.get("RASA_AUTH_TOKEN", ""),
        # When officers take conversations, for every unit without hours of its own (docs/handoff.md);
        # empty: the standard hours T2-T6 07:30-11:30,13:30-17:00.
        "HANDOFF_HOURS": env.get("MOTCUA_HANDOFF_HOURS", ""),
        # Optional: rate limits in Redis instead of the database.
        "REDIS_URL": env.get("REDIS_URL", ""),
        # The address printed in receipt QR codes; https:// also turns on HSTS and Secure cookies.
        "PUBLIC_BASE_URL": env.get("PUBLIC_BASE_URL", "http://localhost:5000"),
        # How many reverse proxies in front of the app add X-Forwarded-For/-Proto/-Host (0: none,
        # and the headers are ignored, so a client cannot pick the address its rate limits count).
        "TRUSTED_PROXIES": env.get("TRUSTED_PROXIES", "0"),
        # "json": one JSON line per log record with nginx's request id (kiosk.core.json_logs).
        "LOG_FORMAT": env.get("LOG_FORMAT", "text"),
    }
