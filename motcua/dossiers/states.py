"""Trạng thái hồ sơ — the ten state codes of the national portal, with their Vietnamese labels.

"Quá hạn" is not a state: it is derived from the due date (see ``timeliness``).
"""

from __future__ import annotations

from motcua.errors import Invalid

NEW = 1  # mới đăng ký
RECEIVED = 2  # được tiếp nhận
REJECTED = 3  # không được tiếp nhận
PROCESSING = 4  # đang xử lý
SUPPLEMENT = 5  # yêu cầu bổ sung giấy tờ
FINANCIAL = 6  # yêu cầu thực hiện nghĩa vụ tài chính
WITHDRAWN = 7  # công dân yêu cầu rút hồ sơ
STOPPED = 8  # dừng xử lý
RESOLVED = 9  # đã xử lý xong
RETURNED = 10  # đã trả kết quả

STATE_LABELS: dict[int, str] = {
    NEW: "Mới đăng ký",
    RECEIVED: "Được tiếp nhận",
    REJECTED: "Không được tiếp nhận",
    PROCESSING: "Đang xử lý",
    SUPPLEMENT: "Yêu cầu bổ sung giấy tờ",
    FINANCIAL: "Yêu cầu thực hiện nghĩa vụ tài chính",
    WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    STOPPED: "Dừng xử lý",
    RESOLVED: "Đã xử lý xong",
    RETURNED: "Đã trả kết quả",
}

STATE_LABELS_EN: dict[int, str] = {
    NEW: "Registered",
    RECEIVED: "Received",
    REJECTED: "Not accepted",
    PROCESSING: "Being processed",
    SUPPLEMENT: "Documents to supplement",
    FINANCIAL: "Fees or taxes to pay",
    WITHDRAWN: "Withdrawn by the applicant",
    STOPPED: "Processing stopped",
    RESOLVED: "Resolved",
    RETURNED: "Result returned",
}

# Still in the administration's hands: these count as pending (and can become overdue).
PENDING_STATES = frozenset({NEW, RECEIVED, PROCESSING, SUPPLEMENT, FINANCIAL})
# Processing finished with a result (resolved_at is set; timeliness is measured).
FINISHED_STATES = frozenset({RESOLVED, RETURNED})
# The dossier left the process without a result.
CLOSED_STATES = frozenset({REJECTED, WITHDRAWN, STOPPED})

# How far along the process a state is; used only to order two changes stamped at the same moment,
# so that a duplicate or replayed update never moves a dossier backwards.
_PROGRESS = {
    NEW: 0,
    RECEIVED: 1,
    PROCESSING: 2,
    SUPPLEMENT: 3,
    FINANCIAL: 3,
    RESOLVED: 4,
    RETURNED: 5,
    REJECTED: 5,
    WITHDRAWN: 5,
    STOPPED: 5,
}


class StateError(Invalid):
    """A state code outside 1–10; Vietnamese message."""


def parse_state(value: object) -> int:
    """A state code from an int or a numeric string ("4", " 10 ")."""
    try:
        state = int(str(value).strip())
    except (TypeError, ValueError):
        raise StateError(f"Trạng thái '{value}' không hợp lệ; dùng số từ 1 đến 10.") from None
    if state not in STATE_LABELS:
        raise StateError(f"Trạng thái '{value}' không hợp lệ; dùng số từ 1 đến 10.")
    return state


def progress(state: int) -> int:
    """Rank of ``state`` along the process (higher is later)."""
    return _PROGRESS[state]


def label(state: int, lang: str = "vi") -> str:
    """The state's label in Vietnamese (default) or English."""
    return (STATE_LABELS_EN if lang == "en" else STATE_LABELS)[state]
