"""Writing the access log from a view (motcua/privacy/access.py): one call after a route has shown an
applicant's personal data — ``log_personal_view(dossier)`` — names the request's API key, signed-in
account or (neither) the citizen who passed the phone check, the dossier, the time and the endpoint."""

from __future__ import annotations

from flask import request

from kiosk.core.auth import current_actor
from kiosk.core.db import get_session
from motcua.clock import now_local
from motcua.privacy.access import Actor, record_access


def log_personal_view(dossier, detail: str = "") -> None:
    """Record and commit one entry (the data is being shown: the entry must not wait for a later commit)."""
    session = get_session()
    route = request.endpoint or request.path
    record_access(session, Actor.of(current_actor()), route, now_local(), dossier_id=dossier.id, detail=detail)
    session.commit()
