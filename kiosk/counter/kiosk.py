"""Màn hình đánh giá — the touch kiosk beside each counter (``/kiosk/<unit>/<counter>``) and its
service worker (``/kiosk/sw.js``).

The kiosk page is a shell plus JavaScript (``static/kiosk/``) that queues each rating in the browser
until the API (``kiosk.api.ratings``) acknowledges it. Its enrolment by a manager is
``kiosk.counter.enrolment``; the blueprint ``rating`` also holds the QR rating page
(``kiosk.citizen.qr_rating``), so the endpoint names stay ``rating.*``.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, request, url_for

from kiosk.config import KIOSK_TIMINGS
from kiosk.core.db import get_session
from motcua.feedback import scales
from motcua.staff import get_counter
from motcua.units import get_unit

bp = Blueprint("rating", __name__)

# Kiosk timings in seconds (kiosk/config.py); a kiosk URL may override them (``?idle=30&guard=5``) for one screen.
KIOSK_DEFAULTS = KIOSK_TIMINGS
SERVICE_WORKER_CACHE = "motcua-kiosk-v1"


@bp.get("/kiosk/<unit_code>/<counter_code>")
def kiosk(unit_code: str, counter_code: str):
    session = get_session()
    unit = get_unit(session, unit_code)
    counter = get_counter(session, unit, counter_code) if unit else None
    if counter is None or not counter.active:
        message = f"Không có quầy '{counter_code}' của đơn vị '{unit_code}'. Kiểm tra lại địa chỉ màn hình đánh giá."
        return render_template("rating/qr_closed.html", title="Không tìm thấy quầy", message=message), 404
    officer = counter.current_officer
    config = {
        "unit": unit.code,
        "unitName": unit.name,
        "counter": counter.code,
        "counterName": counter.name,
        "officer": {"code": officer.code, "name": officer.name} if officer else None,
        "scale": scales.describe(unit),
        "ratingsUrl": url_for("api.create_rating"),
        "counterUrl": url_for("api.counter_state", code=unit.code, counter_code=counter.code),
        "serviceWorker": url_for("rating.service_worker"),
        "cacheName": SERVICE_WORKER_CACHE,
        "assets": [url_for("static", filename=f"kiosk/{name}") for name in ("kiosk.js", "kiosk.css")],
        **{f"{name}Ms": int(_timing(name) * 1000) for name in KIOSK_DEFAULTS},
    }
    return render_template("rating/kiosk.html", unit=unit, counter=counter, config=config, scale=config["scale"])


@bp.get("/kiosk/sw.js")
def service_worker():
    """Served under /kiosk/ (not /static/) so that its scope covers every kiosk page."""
    script = Path(current_app.static_folder, "kiosk", "sw.js").read_text(encoding="utf-8")
    return Response(script, mimetype="text/javascript", headers={"Cache-Control": "no-cache"})


def _timing(name: str) -> float:
    """Seconds for one kiosk timing: the URL's value if sane (0–600 s), else config, else default."""
    default = current_app.config.get(f"KIOSK_{name.upper()}_SECONDS", KIOSK_DEFAULTS[name])
    try:
        value = float(request.args.get(name, default))
    except ValueError:
        return float(default)
    return value if 0 <= value <= 600 else float(default)
