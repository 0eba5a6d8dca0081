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
from dataclasses import dataclass
from typing import Literal

from motcua.formatting import format_count

TABLE_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
CHANNELS = {"Trực tiếp": "truc_tiep", "Trực tuyến": "truc_tuyen", "Dịch vụ bưu chính": "buu_chinh"}

_TIME_START = r"(?=\d|Không)"
_ROW = re.compile(r"(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)" + _TIME_START)
_FEE = re.compile(
    r"Miễn phí|Không có thông tin|(?<![\d,.])\d{1,3}(?:[.,]\d{3})*(?:[.,]\d+)?\s*(?:Việt Nam Đồng|VNĐ|Đồng|đồng|USD)"
)
_DONG = re.compile(r"(\d{1,3}(?:[.,]\d{3})*|\d+)\s*(?:Việt Nam Đồng|VNĐ|Đồng|đồng)")
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


TimeUnit = Literal["working", "calendar", "months", "hours"]
_UNIT_LABELS = {"working": "ngày làm việc", "calendar": "ngày", "months": "tháng", "hours": "giờ"}
# Rough length of one unit in calendar days: only to pick the longest of several published times.
_CALENDAR_LENGTH = {"working": 7 / 5, "calendar": 1, "months": 30, "hours": 1 / 24}


@dataclass(frozen=True)
class ProcessingTime:
    """A legal processing time as the law states it: an amount and what it counts.

    "15 Ngày làm việc" counts working days; "30 Ngày" counts calendar days (a calendar-day time is
    not a shorter working-day time: it runs over weekends and holidays, and only its last day moves
    when it is a day off); "2 Tháng" counts months; "24 Giờ" counts hours. ``workdays.due_date`` turns
    one into a due date."""

    amount: int
    unit: TimeUnit

    @property
    def label(self) -> str:
        """As printed on a receipt: "15 ngày làm việc", "30 ngày", "2 tháng", "24 giờ"."""
        return f"{self.amount} {_UNIT_LABELS[self.unit]}"

    @property
    def calendar_length(self) -> float:
        """Approximate length in calendar days, to compare times given in different units."""
        return self.amount * _CALENDAR_LENGTH[self.unit]

    @property
    def approximate_working_days(self) -> int:
        """The time as a whole number of working days, for callers that can only show that number
        (calendar days at 5 working days a week, hours rounded up to days). Due dates must not use it."""
        if self.unit == "working" or self.amount == 0:
            return self.amount
        if self.unit == "calendar":
            days = math.floor(self.amount * 5 / 7)
        elif self.unit == "hours":
            days = math.ceil(self.amount / 24)
        else:
            days = self.amount * 22
        return max(1, days)


def parse_processing_time(time_text: str) -> ProcessingTime | None:
    """The processing time of a channel row, None when the text is not a duration ("Không quy định").

    A bare number is working days (the portal drops the unit on hộ tịch records); weeks are 7 calendar
    days and years 12 months; a fraction rounds up ("0,5 Ngày làm việc" → 1), except fractional months
    which become calendar days at 30 a month."""
    match = _TIME.match(time_text.strip())
    if not match:
        return None
    value = float(match.group(1).replace(",", "."))
    unit = (match.group(2) or "").lower()
    if unit in ("", "ngày làm việc"):
        return ProcessingTime(math.ceil(value), "working")
    if unit == "ngày":
        return ProcessingTime(math.ceil(value), "calendar")
    if unit == "tuần":
        return ProcessingTime(math.ceil(value * 7), "calendar")
    if unit == "giờ":
        return ProcessingTime(math.ceil(value), "hours")
    months = value * 12 if unit == "năm" else value
    if months != int(months):
        return ProcessingTime(math.ceil(months * 30), "calendar")
    return ProcessingTime(int(months), "months")


def vietnamese_fee(fee: str) -> str:
    """An amount in đồng written the Vietnamese way ("70,000 Việt Nam Đồng" → "70.000 đồng"); the portal
    mixes comma and dot thousands separators and three names of the currency. Other text is kept."""
    match = _DONG.fullmatch(fee.strip())
    if match is None:
        return fee
    return f"{format_count(int(re.sub(r'[.,]', '', match.group(1))))} đồng"


def working_days(time_text: str) -> int | None:
    """The time as a whole number of working days (``ProcessingTime.approximate_working_days``): what
    the catalogue stores as ``processing_days`` for display. None when not a duration."""
    time = parse_processing_time(time_text)
    return None if time is None else time.approximate_working_days


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
        "fee": vietnamese_fee(fee) if fee != "Không có thông tin" else "",
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
