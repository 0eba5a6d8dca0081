"""Security headers on every response: a Content-Security-Policy without 'unsafe-inline', no framing,
no MIME sniffing, no referrer to other sites (a QR link's token is in its path), HSTS behind https.

Pages carry no inline script, ``style=`` or ``on…=`` attribute: behaviour lives in ``static/``. The one
exception is a page that must stay a single self-contained file (the receipt, printed to PDF from
disk), whose ``<style>`` carries the request's nonce: ``<style nonce="{{ csp_nonce() }}">``. The chat
widget talks to Rasa, so the policy lets the page connect to ``RASA_URL`` (and its websocket) too.

The headers are set in one ``after_request`` rather than through an extension (Flask-Talisman): the
policy depends on two settings of this app, and what else such an extension does (forced https
redirects, cookie flags) is the TLS proxy's and ``kiosk.core.auth``'s job here.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from flask import Flask, current_app, g
from werkzeug.wrappers import Response

HSTS_SECONDS = 365 * 24 * 3600


def init_app(app: Flask) -> None:
    app.after_request(add_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce


def csp_nonce() -> str:
    """This response's nonce (made on first use, so pages without inline blocks never need one)."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    return g.csp_nonce


def add_headers(response: Response) -> Response:
    config = current_app.config
    response.headers["Content-Security-Policy"] = content_security_policy(config.get("RASA_URL", ""), csp_nonce())
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"  # frame-ancestors for browsers that predate it
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "geolocation=(), microphone=(), payment=(), usb=()"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if str(config.get("PUBLIC_BASE_URL", "")).lower().startswith("https://"):
        response.headers["Strict-Transport-Security"] = f"max-age={HSTS_SECONDS}"
    return response


def content_security_policy(rasa_url: str, nonce: str) -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", f"'nonce-{nonce}'"],
        "style-src": ["'self'", f"'nonce-{nonce}'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'", *_origins(rasa_url)],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(" ".join([name, *values]) for name, values in directives.items())


def _origins(url: str) -> list[str]:
    """The origin of ``url`` and its websocket twin (Rasa's socket channel shares its port)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return []
    socket_scheme = "wss" if parts.scheme == "https" else "ws"
    return [f"{parts.scheme}://{parts.netloc}", f"{socket_scheme}://{parts.netloc}"]
