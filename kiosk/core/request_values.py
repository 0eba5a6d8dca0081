"""Values read from a request, checked once: the JSON body of an API call (``json_body``), and from a
page's query string a number or a day that cannot be used is a
400 with a Vietnamese message (``ApiError``, shown as a page or as JSON), never a 500 further down.

``float("nan")`` and ``float("inf")`` parse without error and then break arithmetic far from the
request; ``date.fromisoformat("9999-12-31")`` parses and then overflows at the next ``+ 1 day``.
"""

from __future__ import annotations

import math
from datetime import date

from flask import request

from kiosk.core.errors import ApiError
from motcua.feedback.ratings import CONTROL_CHARACTERS
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


def json_body() -> dict:
    """The request's JSON object; 400 ``invalid_json`` for anything else (no body, a list, bad JSON)."""
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # a deeply nested body: the parser gives up, which is no reason for a 500
        body = None
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_json", "Nội dung gửi lên phải là một đối tượng JSON.")
    return body


def text_field(body: dict, name: str) -> str:
    """``body[name]`` as text ("" when absent; a number is taken as its text); 422 for a list, an object,
    a boolean or control characters."""
    value = body.get(name)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ApiError(422, "invalid_field", f"Trường '{name}' phải là chuỗi ký tự.")
    if CONTROL_CHARACTERS.search(str(value)):
        raise ApiError(422, "invalid_characters", f"Trường '{name}' chứa ký tự không hợp lệ.")
    return str(value)
