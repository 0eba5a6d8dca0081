"""Ratings, rating scales and complaints: ``POST /ratings``, ``GET /units/<code>/rating-scale``,
``GET /units/<code>/counters/<counter>``, ``POST /complaints``.

Public by design (the kiosk and the QR page have no account): what protects the data is validation,
the idempotency key and the signed, single-use QR token.
"""

from __future__ import annotations

from flask import current_app, jsonify, request

from kiosk.api import bp
from kiosk.db import get_session
from kiosk.errors import ApiError
from motcua.clock import now_local
from motcua.feedback import scales
from motcua.feedback.complaints import acknowledgement, file_complaint
from motcua.feedback.errors import RatingError
from motcua.feedback.ratings import RatingInput, submit_rating
from motcua.staff import get_counter
from motcua.units import get_unit

_TEXT_FIELDS = (
    "idempotency_key",
    "unit_code",
    "counter",
    "officer",
    "level",
    "attitude",
    "comment",
    "source",
    "token",
    "dossier_code",
    "created_at",
)


@bp.post("/ratings")
def create_rating():
    """201 with the stored rating; 200 with the same rating when the key was seen before."""
    body = _json_body()
    fields = {name: _text(body, name) for name in _TEXT_FIELDS}
    reasons = body.get("reasons") or []
    try:
        rating, created = submit_rating(
            get_session(),
            RatingInput(**fields, reasons=reasons),
            current_app.config["SECRET_KEY"],
            now_local(),
        )
    except RatingError as exc:
        raise ApiError(exc.status, exc.code, exc.message) from exc
    return jsonify(rating), 201 if created else 200


@bp.get("/units/<code>/rating-scale")
def rating_scale(code: str):
    return jsonify(scales.describe(_unit(code)))


@bp.get("/units/<code>/counters/<counter_code>")
def counter_state(code: str, counter_code: str):
    """The counter and the officer on duty now (the kiosk refreshes this to credit the right officer)."""
    unit = _unit(code)
    counter = get_counter(get_session(), unit, counter_code)
    if counter is None or not counter.active:
        raise ApiError(404, "counter_not_found", f"Không tìm thấy quầy '{counter_code}' của {unit.name}.")
    officer = counter.current_officer
    return jsonify(
        unit_code=unit.code,
        counter=counter.code,
        name=counter.name,
        officer={"code": officer.code, "name": officer.name} if officer else None,
    )


@bp.post("/complaints")
def create_complaint():
    body = _json_body()
    try:
        complaint = file_complaint(
            get_session(),
            _text(body, "unit_code"),
            _text(body, "text"),
            _text(body, "source") or "web",
            now_local(),
            contact=_text(body, "contact"),
            dossier_code=_text(body, "dossier_code"),
        )
    except RatingError as exc:
        raise ApiError(exc.status, exc.code, exc.message) from exc
    return jsonify(reference=complaint.reference, message=acknowledgement(complaint)), 201


def _json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_json", "Dữ liệu gửi lên phải là một đối tượng JSON.")
    return body


def _text(body: dict, name: str) -> str:
    value = body.get(name)
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        raise ApiError(422, "invalid_field", f"Trường '{name}' phải là chuỗi ký tự.")
    return str(value)


def _unit(code: str):
    unit = get_unit(get_session(), code)
    if unit is None:
        raise ApiError(404, "unit_not_found", f"Không tìm thấy đơn vị '{code}'.")
    return unit
