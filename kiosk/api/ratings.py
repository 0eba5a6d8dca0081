"""Ratings and rating scales: ``POST /ratings``, ``GET /units/<code>/rating-scale``,
``GET /units/<code>/counters/<counter>`` (complaints, sent the same way, are ``kiosk.api.complaints``).

Public routes, each write proved by what the sender holds, never by what the body says: an enrolled
kiosk's credential (``X-Kiosk-Device``), the assistant's API key (scope ``assistant``), a dossier's
signed token. Every write is rate-limited per kiosk, per key or per client address.
"""

from __future__ import annotations

import logging

from flask import current_app, jsonify, request

from kiosk.api import bp
from kiosk.core import rating_limits
from kiosk.core.auth import presented_api_key
from kiosk.core.db import get_session
from kiosk.core.dossier_limits import client_key
from kiosk.core.errors import ApiError
from kiosk.core.request_values import json_body, text_field
from motcua.accounts import visible_unit_ids
from motcua.clock import now_local
from motcua.feedback import scales
from motcua.feedback.devices import check_device
from motcua.feedback.errors import RatingError
from motcua.feedback.ratings import RatingInput, Sender, submit_rating
from motcua.staff import get_counter
from motcua.units import get_unit

DEVICE_HEADER = "X-Kiosk-Device"
# Refusals worth a line in the log: someone posting as a kiosk, the assistant or a dossier's holder.
_LOGGED_REFUSALS = {"device_required", "device_other_counter", "assistant_only", "token_required", "invalid_token"}
log = logging.getLogger(__name__)
# What a client may send; anything else (``officer`` included: the server credits the officer on
# duty) is ignored.
_TEXT_FIELDS = (
    "idempotency_key",
    "unit_code",
    "counter",
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
    sender = request_sender()
    rating_limits.enforce("RATING", sender.device.id if sender.device else None, sender.key_id)
    body = json_body()
    fields = {name: text_field(body, name) for name in _TEXT_FIELDS}
    reasons = body.get("reasons") or []
    try:
        rating, created = submit_rating(
            get_session(),
            # The kiosk completed a rating the citizen walked away from (only ``true`` counts).
            RatingInput(**fields, reasons=reasons, left_idle=body.get("left_idle") is True),
            current_app.config["SECRET_KEY"],
            now_local(),
            sender,
        )
    except RatingError as exc:
        raise refusal(exc, "rating", sender) from exc
    return jsonify(rating), 201 if created else 200


@bp.get("/units/<code>/rating-scale")
def rating_scale(code: str):
    return jsonify(scales.describe(_unit(code)))


@bp.get("/units/<code>/counters/<counter_code>")
def counter_state(code: str, counter_code: str):
    """The counter and the officer on duty now (shown on the kiosk; the server credits them itself), and
    whether the kiosk credential sent with the request is this counter's active one (``enrolled``), so a
    revoked kiosk says so at once rather than at its next rating."""
    session = get_session()
    unit = _unit(code)
    counter = get_counter(session, unit, counter_code)
    if counter is None or not counter.active:
        raise ApiError(404, "counter_not_found", f"Không tìm thấy quầy '{counter_code}' của {unit.name}.")
    officer = counter.current_officer
    device = check_device(session, request.headers.get(DEVICE_HEADER, ""))
    return jsonify(
        unit_code=unit.code,
        counter=counter.code,
        name=counter.name,
        officer={"code": officer.code, "name": officer.name} if officer else None,
        enrolled=device is not None and device.counter_id == counter.id,
    )


def request_sender(kiosk: bool = True) -> Sender:
    """Who is posting: the enrolled kiosk whose credential came with the request, the assistant's
    action server (its key, limited to the key's units), or anyone."""
    session = get_session()
    key = presented_api_key("assistant")
    if key is not None:
        return Sender(assistant=True, unit_ids=frozenset(visible_unit_ids(session, key) or ()), key_id=key.id)
    presented = request.headers.get(DEVICE_HEADER, "")
    if kiosk and presented:
        device = check_device(session, presented)
        if device is not None:
            return Sender(device=device)
    return Sender()


def refusal(exc: RatingError, what: str, sender: Sender) -> ApiError:
    """The error to answer; a refusal of a forged sender is logged (the client, never the body's secrets)."""
    if exc.code in _LOGGED_REFUSALS:
        device = sender.device.id if sender.device else None
        log.warning("%s refused (%s) client=%s device=%s key=%s", what, exc.code, client_key(), device, sender.key_id)
    return ApiError.from_domain(exc)


def _unit(code: str):
    unit = get_unit(get_session(), code)
    if unit is None:
        raise ApiError(404, "unit_not_found", f"Không tìm thấy đơn vị '{code}'.")
    return unit
