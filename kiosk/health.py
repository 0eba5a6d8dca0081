"""GET /healthz: is the app up and can it reach its database (used by make run, load balancers and the bot)."""

import time

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from kiosk.db import get_session

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    started = time.perf_counter()
    try:
        get_session().execute(text("SELECT 1"))
    except Exception as exc:
        current_app.logger.warning("health check: database unreachable: %s", exc.__class__.__name__)
        return jsonify(status="error", database="unreachable", message="Không kết nối được cơ sở dữ liệu."), 503
    engine = current_app.extensions["motcua.engine"]
    return jsonify(
        status="ok",
        database="ok",
        dialect=engine.dialect.name,
        latency_ms=round((time.perf_counter() - started) * 1000, 2),
    )
