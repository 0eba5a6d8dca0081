"""Cách thức thực hiện: processing time, fee and description per submission channel.

The portal flattens the table ``Hình thức nộp | Thời gian | Phí, lệ phí | Mô tả`` into
``Trực tiếp15 Ngày làm việcMiễn phí(ghi chú phí)Mô tả…Trực tuyến…``. A row starts where a channel name
is directly followed by a time ("15 Ngày làm việc", "7", "Không có thông tin", "Không quy định", …);
the fee is the first "Miễn phí", "Không có thông tin" or amount with a currency after the time; a
parenthesised note right after the fee belongs to the fee; the rest is the description.
"""

from __future__ import annotations

import math
import re

TABLE_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
CHANNELS = {"Trực tiếp": "truc_tiep", "Trực tuyến": "truc_tuyen", "Dịch vụ bưu chính": "buu_chinh"}

_TIME_START = r"(?=\d|Không)"
_ROW = re.compile(r"(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)" + _TIME_START)
_FEE = re.compile(
    r"Miễn phí|Không có thông tin|(?<![\d,.])\d{1,3}(?:[.,]\d{3})*(?:[.,]\d+)?\s*(?:Việt Nam Đồng|VNĐ|Đồng|đồng|USD)"
)
_TIME = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(Ngày làm việc|Ngày|Giờ|Tháng|Năm|Tuần)?$", re.IGNORECASE)
# A time with no unit glued to an amount: "Trực tuyến1100 VNĐ(Phí công bố … 100.000 đồng)" is 1 day and
# 100 (thousand) đồng; the first digit is taken as the time and the row is reported as a guess.
_GLUED_AMOUNT = re.compile(r"^(\d)(\d+(?:[.,]\d{3})*\s*(?:Việt Nam Đồng|VNĐ|Đồng|USD))")


def parse_channels(text: str) -> tuple[list[dict], list[str]]:
    """One dict per table row (a channel may have several rows for several cases) and the issues."""
    text = (text or "").strip()
    if not text.startswith(TABLE_HEADER):
        return [], ["cach_thuc_thuc_hien: không có bảng hình thức nộp"]
    body = text[len(TABLE_HEADER) :]
    starts = list(_ROW.finditer(body))
    issues: list[str] = []
    if not starts:
        return [], [f"cach_thuc_thuc_hien: không đọc được dòng nào: {body[:80]!r}"]
    if starts[0].start() != 0:
        issues.append(f"cach_thuc_thuc_hien: bỏ qua phần đầu không có hình thức nộp: {body[: starts[0].start()]!r}")
    rows = []
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(body)
        row, problem = _parse_row(match.group(1), body[match.end() : end])
        rows.append(row)
        if problem:
            issues.append(f"cach_thuc_thuc_hien ({match.group(1)}): {problem}")
    return rows, issues


def working_days(time_text: str) -> int | None:
    """Legal processing time in working days: "15 Ngày làm việc" → 15; a bare number is read as working
    days (the portal drops the unit on hộ tịch records); calendar days count 5 working days a week
    (never more than the calendar time); hours round up to whole days; None when not a duration."""
    match = _TIME.match(time_text.strip())
    if not match:
        return None
    value = float(match.group(1).replace(",", "."))
    unit = (match.group(2) or "").lower()
    if unit in ("", "ngày làm việc"):
        days = value
    elif unit == "ngày":
        days = math.floor(value * 5 / 7)
    elif unit == "giờ":
        days = math.ceil(value / 24)
    elif unit == "tuần":
        days = value * 5
    elif unit == "tháng":
        days = value * 22
    else:
        days = value * 250
    return max(1, math.ceil(days)) if value > 0 else 0


def _parse_row(label: str, rest: str) -> tuple[dict, str | None]:
    problem = None
    fee_match = _FEE.search(rest)
    glued = _GLUED_AMOUNT.match(rest)
    if glued:
        time_text, fee, after = glued.group(1), glued.group(2), rest[glued.end() :]
        problem = f"thời gian và phí dính liền, đoán {time_text!r} và {fee!r}: {rest[:40]!r}"
    elif fee_match is None:
        time_text, fee, after = rest.strip(), "", ""
        problem = f"không tìm thấy phí, lệ phí: {rest[:80]!r}"
    else:
        time_text, fee, after = rest[: fee_match.start()].strip(), fee_match.group(0), rest[fee_match.end() :]
    fee_note, description = _leading_parenthesis(after)
    if time_text == "Không có thông tin":
        time_text = ""
    row = {
        "channel": CHANNELS[label],
        "channel_label": label,
        "processing_time": time_text,
        "processing_days": working_days(time_text) if time_text else None,
        "fee": fee if fee != "Không có thông tin" else "",
        "fee_note": fee_note.strip(),
        "description": description.strip(),
    }
    return row, problem


def _leading_parenthesis(text: str) -> tuple[str, str]:
    """Split "(note (nested))rest" into ("note (nested)", "rest"); no leading "(" → ("", text)."""
    if not text.startswith("("):
        return "", text
    depth = 0
    for index, char in enumerate(text):
        depth += char == "("
        depth -= char == ")"
        if depth == 0:
            return text[1:index], text[index + 1 :]
    return text[1:], ""
