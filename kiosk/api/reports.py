"""GET /api/v1/reports/summary: a unit's figures for a period, as JSON or as the published paragraph.

For the province's systems (an API key with ``reports``) and for signed-in managers; both see the
unit they belong to and the units under it only.
"""

from __future__ import annotations

from flask import Response, jsonify, request

from kiosk.api import bp
from kiosk.core.auth import api_access_required, require_unit
from kiosk.core.db import get_session
from kiosk.core.errors import ApiError
from motcua.reports import PeriodError, build_summary, narrative, parse_period
from motcua.units import Unit, get_unit

_TRUE = {"1", "true", "yes", "co", "có"}
_FALSE = {"", "0", "false", "no", "khong", "không"}


@bp.get("/reports/summary")
@api_access_required("reports", "manager")
def report_summary():
    session = get_session()
    unit = _requested_unit(request.args.get("unit", ""))
    for name, label in (("from", "ngày bắt đầu"), ("to", "ngày kết thúc")):
        if not request.args.get(name, "").strip():
            raise ApiError(400, "missing_date", f"Thiếu {label} ({name}), dạng YYYY-MM-DD.")
    try:
        period = parse_period(request.args["from"], request.args["to"])
    except PeriodError as exc:
        raise ApiError(400, "invalid_period", str(exc)) from None
    include_children = _flag("include_children")
    output = request.args.get("format", "json").strip().lower()
    if output not in ("json", "text"):
        raise ApiError(400, "invalid_format", "Định dạng phải là 'json' hoặc 'text'.")
    summary = build_summary(session, unit, period, include_children)
    if output == "text":
        return Response(narrative(summary), mimetype="text/plain", content_type="text/plain; charset=utf-8")
    return jsonify(summary.to_dict())


def _requested_unit(code: str) -> Unit:
    if not code.strip():
        raise ApiError(400, "missing_unit", "Thiếu mã đơn vị (unit).")
    unit = get_unit(get_session(), code)
    if unit is None:
        raise ApiError(404, "unit_not_found", f"Không tìm thấy đơn vị '{code.strip()}'.")
    return require_unit(unit)


def _flag(name: str) -> bool:
    value = request.args.get(name, "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ApiError(400, f"invalid_{name}", f"Giá trị '{value}' của {name} không hợp lệ; dùng 1 hoặc 0.")
