"""Đánh giá hài lòng: the touch kiosk beside each counter (``/kiosk/<unit>/<counter>``), its service
worker and its enrolment by a manager (``/quan-ly/quay/<counter>/man-hinh``), and the phone page behind
the receipt's QR code (``/r/<token>``).

The kiosk page is a shell plus JavaScript that queues each rating in the browser until the API
acknowledges it; the QR page is a plain HTML form, so it works on any phone, with or without JS.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

import qrcode
import qrcode.image.svg
from flask import Blueprint, Response, current_app, flash, g, make_response, redirect, render_template, request, url_for
from markupsafe import Markup
from sqlalchemy import select

from kiosk import rating_limits
from kiosk.auth import login_required, require_unit
from kiosk.db import get_session
from motcua.clock import now_local
from motcua.feedback import scales
from motcua.feedback.devices import enrol_device, kiosk_url, revoke_devices
from motcua.feedback.errors import RatingError
from motcua.feedback.models import KioskDevice
from motcua.feedback.places import find_dossier
from motcua.feedback.ratings import RatingInput, is_rated, submit_rating
from motcua.feedback.tokens import TokenError, read_rating_token
from motcua.staff import get_counter
from motcua.units import get_unit

bp = Blueprint("rating", __name__)
log = logging.getLogger(__name__)

# Kiosk timings in seconds; a kiosk URL may override them (``?idle=30&guard=5``) for one screen.
KIOSK_DEFAULTS = {"idle": 15.0, "thanks": 4.0, "guard": 5.0, "retry": 5.0}
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


@bp.post("/quan-ly/quay/<counter_code>/man-hinh")
@login_required("manager")
def enrol_kiosk(counter_code: str):
    """Enrol (``action=enrol``) or revoke a counter's kiosk. The enrolment URL is shown once, with a
    link to open it on this very device (a manager signed in on the kiosk) and a QR code for its camera."""
    session = get_session()
    unit = require_unit(get_unit(session, request.form.get("unit", "")))
    back = redirect(url_for("rating_manager.counters", unit=unit.code))
    try:
        if request.form.get("action") == "revoke":
            revoke_devices(session, unit.code, counter_code, now_local())
            session.commit()
            log.info("kiosk of counter %s/%s revoked by %s", unit.code, counter_code[:40], g.user.username)
            flash(f"Đã thu hồi màn hình đánh giá của quầy {counter_code}.", "info")
            return back
        device, secret = enrol_device(session, unit.code, counter_code, now_local())
        session.commit()
        log.info("kiosk of counter %s/%s enrolled by %s", unit.code, counter_code[:40], g.user.username)
    except RatingError as exc:
        session.rollback()
        flash(exc.message, "error")
        return back
    counter = device.counter
    fragment = f"#thiet-bi={secret}"
    here = url_for("rating.kiosk", unit_code=unit.code, counter_code=counter.code) + fragment
    full = kiosk_url(current_app.config["PUBLIC_BASE_URL"], unit.code, counter.code, secret)
    page = render_template("rating/kiosk_enrolled.html", unit=unit, counter=counter, here=here, full=full, qr=_qr(full))
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.app_template_global()
def kiosk_enrolled_at(counter):
    """When the counter's kiosk was enrolled (the counters page shows it), or None."""
    return get_session().scalar(
        select(KioskDevice.enrolled_at).where(KioskDevice.counter_id == counter.id, KioskDevice.revoked_at.is_(None))
    )


@bp.route("/r/<token>", methods=("GET", "POST"))
def qr_rating(token: str):
    session = get_session()
    try:
        dossier_code = read_rating_token(current_app.config["SECRET_KEY"], token, now_local())
    except TokenError as exc:
        return render_template("rating/qr_closed.html", title="Không mở được phiếu đánh giá", message=str(exc)), 403
    dossier = find_dossier(session, dossier_code)
    if dossier is None:
        message = f"Không tìm thấy hồ sơ {dossier_code}."
        return render_template("rating/qr_closed.html", title="Không tìm thấy hồ sơ", message=message), 404
    unit = dossier.unit
    if request.method == "POST":
        return _submit_qr(token, dossier, unit)
    if is_rated(session, dossier.id):
        return _already_rated(dossier)
    return _qr_form(dossier, unit, key=str(uuid.uuid4()))


def _submit_qr(token: str, dossier, unit):
    form = request.form
    try:
        rating_limits.enforce("RATING")
    except rating_limits.TooMany as exc:
        return _qr_form(dossier, unit, key=form.get("idempotency_key", ""), error=exc.message), 429
    data = RatingInput(
        idempotency_key=form.get("idempotency_key", ""),
        source="qr",
        token=token,
        level=form.get("level", ""),
        attitude=form.get("attitude", ""),
        reasons=form.getlist("reasons"),
        comment=form.get("comment", ""),
    )
    try:
        submit_rating(get_session(), data, current_app.config["SECRET_KEY"], now_local())
    except RatingError as exc:
        if exc.code == "already_rated":
            return _already_rated(dossier)
        return _qr_form(dossier, unit, key=data.idempotency_key or str(uuid.uuid4()), error=exc.message), exc.status
    return render_template("rating/qr_thanks.html", dossier=dossier, unit=unit)


def _qr_form(dossier, unit, key: str, error: str | None = None):
    return render_template(
        "rating/qr.html",
        dossier=dossier,
        unit=unit,
        scale=scales.describe(unit),
        key=key,
        error=error,
        chosen=request.form if request.method == "POST" else {},
    )


def _already_rated(dossier):
    message = f"Hồ sơ {dossier.code} đã được đánh giá. Cảm ơn ông/bà đã góp ý!"
    return render_template("rating/qr_closed.html", title="Đã đánh giá", message=message, done=True)


def _qr(data: str) -> Markup:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, error_correction=qrcode.ERROR_CORRECT_M)
    svg = image.to_string(encoding="unicode")
    return Markup(svg[svg.index("<svg") :])


def _timing(name: str) -> float:
    """Seconds for one kiosk timing: the URL's value if sane (0–600 s), else config, else default."""
    default = current_app.config.get(f"KIOSK_{name.upper()}_SECONDS", KIOSK_DEFAULTS[name])
    try:
        value = float(request.args.get(name, default))
    except ValueError:
        return float(default)
    return value if 0 <= value <= 600 else float(default)
