"""The assistant's insights over the JSON API (docs/assistant-insights.md):

- ``POST /api/v1/assistant/turns`` (key scope ``turns``, which ``assistant`` includes): one citizen turn, sent
  by the assistant's tracker store (bot/stores/turns.py); idempotent by conversation and time, 201 new / 200 replaced;
- ``POST /api/v1/assistant/feedback`` (scope ``assistant``): a 👍 / 👎 on an answer, idempotent likewise;
- ``GET /api/v1/assistant/summary?unit=&from=&to=`` (scope ``reports``, or a signed-in manager): the
  unit's figures for the period, the same as the page ``/quan-ly/tro-ly``.

A turn is stored for the key's unit, or for ``unit`` when the body names one the key may reach.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import g, jsonify, request
from sqlalchemy.exc import IntegrityError

from kiosk.api import bp
from kiosk.core.auth import api_access_required, require_unit
from kiosk.core.db import get_session
from kiosk.core.errors import ApiError
from kiosk.core.request_values import json_body
from motcua.assistant.summary import assistant_period, build_assistant_summary
from motcua.assistant.turns import record_feedback, record_turn
from motcua.reports import PeriodError
from motcua.reports.period import Period
from motcua.units import Unit, get_unit, subtree_ids


@bp.post("/assistant/turns")
@api_access_required("turns")
def assistant_turn():
    return _record(record_turn)


@bp.post("/assistant/feedback")
@api_access_required("assistant")
def assistant_feedback():
    return _record(record_feedback)


@bp.get("/assistant/summary")
@api_access_required("reports", "manager")
def assistant_summary():
    session = get_session()
    unit = _named_unit(request.args.get("unit", ""))
    period = requested_period(request.args.get("from", ""), request.args.get("to", ""))
    summary = build_assistant_summary(session, subtree_ids(session, unit), period)
    return jsonify({"unit": {"code": unit.code, "name": unit.name}, **summary.to_dict()})


def requested_period(first: str, last: str) -> Period:
    """The period ``from``–``to`` (ISO dates, both required, a year at most); 400 with a Vietnamese message."""
    for value, name, label in ((first, "from", "ngày bắt đầu"), (last, "to", "ngày kết thúc")):
        if not value.strip():
            raise ApiError(400, "missing_date", f"Thiếu {label} ({name}), dạng YYYY-MM-DD.")
    try:
        return assistant_period(first, last)
    except PeriodError as exc:
        raise ApiError(400, "invalid_period", str(exc)) from None


def _record(write: Callable) -> tuple:
    session = get_session()
    body = json_body()
    code = body.get("unit")
    unit = _named_unit(code) if code not in (None, "") else g.api_key.unit
    try:
        _, created = write(session, unit.id, body)
        session.commit()
    except IntegrityError:
        # The other Rasa replica sent the same turn at the same moment: it is stored; store this copy over it.
        session.rollback()
        _, created = write(session, unit.id, body)
        session.commit()
    return jsonify({"stored": True}), 201 if created else 200


def _named_unit(code: object) -> Unit:
    if not isinstance(code, str) or not code.strip():
        raise ApiError(400, "missing_unit", "Thiếu mã đơn vị (unit).")
    unit = get_unit(get_session(), code.strip()[:64])
    if unit is None:
        raise ApiError(404, "unit_not_found", f"Không tìm thấy đơn vị '{code.strip()[:64]}'.")
    return require_unit(unit)
