"""The JSON API under /api/v1: one module per resource, each adding routes to ``bp``.

Used by the Rasa action server, the kiosk's JavaScript and the province's one-stop system. CSRF does
not apply here (no cookies-only writes: writes need an API key, a signed token or are public ratings).
"""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# Resource modules register their routes on import.
from kiosk.api import (  # noqa: E402
    assistant,  # noqa: F401
    complaints,  # noqa: F401
    conversations,  # noqa: F401
    data_requests,  # noqa: F401
    dossiers,  # noqa: F401
    follows,  # noqa: F401
    openapi,  # noqa: F401
    photos,  # noqa: F401
    procedures,  # noqa: F401
    ratings,  # noqa: F401
    reports,  # noqa: F401
    units,  # noqa: F401
)
