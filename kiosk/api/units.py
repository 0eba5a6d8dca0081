"""GET /api/v1/units/<code>: a unit's public contact details (hours, hotline, address) for the bot."""

from flask import jsonify

from kiosk.api import bp
from kiosk.core.db import get_session
from kiosk.core.errors import ApiError
from motcua.units import get_unit


@bp.get("/units/<code>")
def unit_detail(code: str):
    unit = get_unit(get_session(), code)
    if unit is None:
        raise ApiError(404, "unit_not_found", f"Không tìm thấy đơn vị '{code}'.")
    return jsonify(unit.to_dict())
