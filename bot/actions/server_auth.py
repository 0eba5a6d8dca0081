"""The action server answers only Rasa: every call but ``/health`` must carry the shared secret
``ACTION_SERVER_TOKEN`` as ``Authorization: Bearer <secret>``, which Rasa sends from
``endpoints.yml`` (``action_endpoint.headers``). Without the secret anyone who reaches the port could run
``action_dossier_status`` with any tracker, i.e. the app's lookups under the assistant's own API key.

It is a rasa-sdk plugin (the ``attach_sanic_app_extensions`` hook) registered when the ``actions``
package is imported, which rasa-sdk does while it builds its app and before it calls the plugins: the
check holds however the server is started (``rasa run actions``, ``scripts/serve_bot.sh``). An unset
secret refuses every call rather than opening the server.
"""

from __future__ import annotations

import hmac
import logging
import os
import sys

import pluggy
from rasa_sdk.plugin import plugin_manager
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

TOKEN_VARIABLE = "ACTION_SERVER_TOKEN"
OPEN_PATHS = frozenset({"/health"})

hookimpl = pluggy.HookimplMarker("rasa_sdk")
log = logging.getLogger(__name__)


def register() -> None:
    """Add this module's hook to rasa-sdk's plugins (once)."""
    manager = plugin_manager()
    module = sys.modules[__name__]
    if not manager.is_registered(module):
        manager.register(module)


@hookimpl
def attach_sanic_app_extensions(app: Sanic) -> None:
    """Refuse, before any action runs, a call without the shared secret."""
    secret = os.environ.get(TOKEN_VARIABLE, "")
    if not secret:
        log.error(
            "%s is not set: the action server refuses every call (see docs/assistant-security.md)", TOKEN_VARIABLE
        )

    async def only_rasa(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        if secret and is_authorized(request.headers.get("authorization", ""), secret):
            return None
        log.warning("action server call refused: no valid %s from %s", TOKEN_VARIABLE, request.ip)
        return response.json({"error": "unauthorized"}, status=401)

    app.register_middleware(only_rasa, "request")


def is_authorized(header: str, secret: str) -> bool:
    """``Bearer <secret>``, compared in constant time."""
    scheme, _, presented = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(presented.strip().encode(), secret.encode())
