"""Values read from a page's query string, checked once: a number or a day that cannot be used is a
400 with a Vietnamese message (``ApiError``, shown as a page or as JSON), never a 500 further down.

``float("nan")`` and ``float("inf")`` parse without error and then break arithmetic far from the
request; ``date.fromisoformat("9999-12-31")`` parses and then overflows at the next ``+ 1 day``.
"""

from __future__ import annotations

import math
from datetime import date

from flask import request

from kiosk.errors import ApiError
from motcua.reports.period import FIRST_DAY, LAST_DAY


def seconds_arg(name: str, low: float, high: float, default: float) -> float:
    """``?name=`` as a number of seconds in [low, high]; ``default`` when absent or empty."""
    text = request.args.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and low <= value <= high):
        raise ApiError(
            400, "invalid_value", f"Thời gian làm mới ({name}) phải là số giây từ {low:g} đến {high:g}."
        )
    return value


def day_arg(name: str, default: date) -> date:
    """``?name=YYYY-MM-DD`` within the years reports cover; ``default`` when absent or empty."""
    text = request.args.get(name, "").strip()
    if not text:
        return default
    try:
        day = date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None or not FIRST_DAY <= day <= LAST_DAY:
        raise ApiError(
            400,
            "invalid_date",
            f"Ngày '{text[:40]}' ({name}) không hợp lệ: dùng dạng YYYY-MM-DD, "
            f"trong các năm {FIRST_DAY.year}–{LAST_DAY.year}.",
        )
    return day
