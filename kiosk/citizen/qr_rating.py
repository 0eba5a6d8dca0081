"""Phiếu đánh giá qua mã QR — ``/r/<token>``: the phone page behind the QR code on a receipt. A plain
HTML form, so it works on any phone, with or without JavaScript; the signed token names the dossier
and lets it be rated once."""

from __future__ import annotations

import uuid

from flask import current_app, render_template, request

from kiosk.core import rating_limits
from kiosk.core.db import get_session
from kiosk.counter.kiosk import bp
from motcua.clock import now_local
from motcua.feedback import scales
from motcua.feedback.errors import RatingError
from motcua.feedback.places import find_dossier
from motcua.feedback.ratings import RatingInput, is_rated, submit_rating
from motcua.feedback.tokens import TokenError, read_rating_token


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
