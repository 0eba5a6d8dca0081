"""GET /healthz: can this instance serve? Used by make run, nginx-side checks, load balancers and the bot.

503 when the database, or Redis when ``REDIS_URL`` is configured (rate limits live there, so an instance
without it cannot serve), does not answer. It also reports the schema's migration revision and whether it
is the newest the code knows: after an upgrade an instance on an old schema is visible at once, though it
still answers 200 (the operator runs ``flask --app server init-db``; docs/operations.md).
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from kiosk.core.db import get_session

bp = Blueprint("health", __name__)
MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


@bp.get("/healthz")
def healthz():
    started = time.perf_counter()
    session = get_session()
    try:
        session.execute(text("SELECT 1"))
    except Exception as exc:
        current_app.logger.warning("health check: database unreachable: %s", exc.__class__.__name__)
        return jsonify(status="error", database="unreachable", message="Không kết nối được cơ sở dữ liệu."), 503
    body = {
        "status": "ok",
        "database": "ok",
        "dialect": current_app.extensions["motcua.engine"].dialect.name,
        "migration": _migration(session),
    }
    redis_url = current_app.config.get("REDIS_URL") or ""
    if redis_url:
        try:
            _redis(redis_url).ping()
            body["redis"] = "ok"
        except Exception as exc:
            current_app.logger.warning("health check: Redis unreachable: %s", exc.__class__.__name__)
            body.update(status="error", redis="unreachable", message="Không kết nối được Redis.")
            return jsonify(body), 503
    body["latency_ms"] = round((time.perf_counter() - started) * 1000, 2)
    return jsonify(body)


def _migration(session) -> dict:
    """The schema's revision (None: not made by ``init-db``), the newest one, and whether they match."""
    try:
        revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:
        session.rollback()
        revision = None
    head = _head()
    return {"revision": revision, "head": head, "current": revision is not None and revision == head}


@cache
def _head() -> str | None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


@cache
def _redis(url: str):
    import redis

    return redis.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)
