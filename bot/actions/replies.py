"""Sentences every topic module shares: what to say when the app is unreachable, channel labels,
dates in Vietnamese order, and which input channel the citizen wrote from."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from rasa_sdk import Tracker

from actions.api_client import ApiError, ApiUnavailable

UNAVAILABLE = (
    "Xin lỗi anh/chị, hệ thống tra cứu đang tạm thời gián đoạn. Anh/chị vui lòng thử lại sau ít phút "
    "hoặc gọi đường dây nóng của trung tâm."
)

CHANNEL_LABELS = {"truc_tiep": "Nộp trực tiếp", "truc_tuyen": "Nộp trực tuyến", "buu_chinh": "Qua bưu chính"}
LEVEL_LABELS = {"xa": "cấp xã", "tinh": "cấp tỉnh", "bo": "cấp bộ", "khac": "cơ quan khác"}


def refusal(error: ApiError) -> str:
    """The app's own Vietnamese message for a refused request, or a polite generic one."""
    return error.message or "Xin lỗi, yêu cầu chưa thực hiện được. Anh/chị vui lòng kiểm tra lại thông tin."


def failure(error: ApiUnavailable | ApiError) -> str:
    """What to tell the citizen when the app did not answer (unreachable) or refused the request."""
    return UNAVAILABLE if isinstance(error, ApiUnavailable) else refusal(error)


def vn_date(value: Any) -> str:
    """ "2026-09-21" or "2026-09-21T08:30:00" → "21/09/2026"; other values as they are."""
    parsed = _parse(value)
    return parsed.strftime("%d/%m/%Y") if parsed else str(value or "")


def vn_datetime(value: Any) -> str:
    """ "2026-09-21T08:30:00" → "08:30 ngày 21/09/2026" (a plain date stays a date)."""
    parsed = _parse(value)
    if isinstance(parsed, datetime):
        return parsed.strftime("%H:%M ngày %d/%m/%Y")
    return vn_date(value)


def rating_source(tracker: Tracker) -> str:
    """Source of a rating or complaint: "zalo" from the Zalo OA channel, "chat" from anywhere else."""
    return "zalo" if tracker.get_latest_input_channel() == "zalo" else "chat"


def _parse(value: Any) -> date | datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
