"""Work a worker does before its first request, so that the first citizens after a restart are not the
ones who wait.

The catalogue search builds its index on the first search in each process (the shipped catalogue of
2,642 procedures: about 3 s on one core, longer on a busy machine). Behind the assistant that first
search runs inside the action server's 5-second budget, so after a restart or a deployment the first
questions answered "tra cứu đang tạm thời gián đoạn" (seen in the assistant benchmark's first
questions). gunicorn calls :func:`warm` in each worker before the worker accepts a request
(``gunicorn.conf.py``), so a worker is only reachable once its index is ready.
"""

from __future__ import annotations

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError

from kiosk.core.db import new_session
from motcua.catalogue.search import catalogue_index


def warm(app: Flask) -> None:
    """Build the catalogue index of the app's database. A database that cannot answer yet (no tables
    before ``init-db``) is logged, not raised: the worker starts and ``/healthz`` says what is wrong."""
    with app.app_context():
        try:
            with new_session() as session:
                catalogue_index(session)
        except SQLAlchemyError as exc:
            app.logger.warning("catalogue index not built at worker start: %s", exc.__class__.__name__)
