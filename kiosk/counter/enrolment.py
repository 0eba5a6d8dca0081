"""Enrolment of a counter's kiosk: a manager enrols (or revokes) the screen beside a counter from the
counters page (``/quan-ly/quay/<counter>/man-hinh``); the kiosk then proves itself to the ratings API
with the credential in its URL's fragment (``motcua.feedback.devices``). The CLI twin is
``flask counters enroll|revoke``."""

from __future__ import annotations

import logging

from flask import current_app, flash, g, make_response, redirect, render_template, request, url_for
from sqlalchemy import select

from kiosk.core.auth import login_required, require_unit
from kiosk.core.db import get_session
from kiosk.core.qr import qr_svg
from kiosk.counter.kiosk import bp
from motcua.clock import now_local
from motcua.feedback.devices import enrol_device, kiosk_url, revoke_devices
from motcua.feedback.errors import RatingError
from motcua.feedback.models import KioskDevice
from motcua.units import get_unit

log = logging.getLogger(__name__)


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
    qr = qr_svg(full)
    page = render_template("rating/kiosk_enrolled.html", unit=unit, counter=counter, here=here, full=full, qr=qr)
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.app_template_global()
def kiosk_enrolled_at(counter):
    """When the counter's kiosk was enrolled (the counters page shows it), or None."""
    return get_session().scalar(
        select(KioskDevice.enrolled_at).where(KioskDevice.counter_id == counter.id, KioskDevice.revoked_at.is_(None))
    )
