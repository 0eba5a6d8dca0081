"""Lệ phí — the fee a citizen pays today: the headline amount and the notes that change it now.

The portal writes temporary reductions inside the fee note ("Kể từ ngày 01/7/2025 đến hết ngày
31/12/2026 mức thu lệ phí … bằng 50% mức thu nêu trên"). A citizen asking "mất bao nhiêu tiền" must
hear the reduction with the amount, and must not hear one that has expired, so the notes are read
against today's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# A sentence ends at ". " before a capital or a dash, at ";" or at " - " (the portal's list marks).
_SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-ZÀ-Ỹ-])|;\s*|\s+-\s+")
_DATE = r"(\d{1,2})/(\d{1,2})/(\d{4})"
_PERIOD = re.compile(rf"từ ngày {_DATE}(?:\s*(?:đến|tới)\s*(?:hết\s*)?ngày {_DATE})?", re.IGNORECASE)
# "bằng 50% mức thu" (pays that share) or "giảm 20 %" (that share off).
_SHARE = re.compile(r"\b(bằng|giảm)\s+(\d{1,3})\s*%", re.IGNORECASE)
_SINGLE_AMOUNT = re.compile(r"^(\d{1,3}(?:\.\d{3})*|\d+) đồng$")
# Channels whose fee is the headline, in order: at the counter first, as most citizens pay it.
_HEADLINE_ORDER = ("truc_tiep", "truc_tuyen", "buu_chinh")


def headline_fee(channels: list[dict]) -> str | None:
    """The published fee of the first channel that has one ("70.000 đồng", "Miễn phí"); None if none."""
    for channel in _HEADLINE_ORDER:
        for row in channels:
            if row.get("channel") == channel and (row.get("fee") or "").strip():
                return row["fee"].strip()
    return None


def current_fee_notes(channels: list[dict], today: date) -> list[str]:
    """The sentences of the fee notes that name a period including ``today`` ("Kể từ ngày 01/7/2025 đến
    hết ngày 31/12/2026 … bằng 50% …"), each once, in the portal's order."""
    notes: list[str] = []
    for row in channels:
        for sentence in _SENTENCE_END.split(row.get("fee_note") or ""):
            sentence = sentence.strip(" -.")
            if sentence and sentence not in notes and _applies(sentence, today):
                notes.append(sentence)
    return notes


def _applies(sentence: str, today: date) -> bool:
    periods = list(_PERIOD.finditer(sentence))
    return bool(periods) and any(_start(period) <= today <= _end(period) for period in periods)


def _start(period: re.Match) -> date:
    return _date(*period.group(1, 2, 3)) or date.max


def _end(period: re.Match) -> date:
    if period.group(4) is None:
        return date.max
    return _date(*period.group(4, 5, 6)) or date.min


def _date(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


@dataclass(frozen=True)
class CurrentFee:
    """The fee a citizen pays on a given day: ``amount`` with a running reduction applied (the published
    text when it is not one amount), ``normal`` the published fee, ``until`` the reduction's last day."""

    amount: str | None
    normal: str | None
    off: int | None = None
    until: date | None = None

    @property
    def statement(self) -> str | None:
        """ "35.000 đồng (giảm 50% so với 70.000 đồng, đến hết ngày 31/12/2026)", or the normal fee."""
        if self.off is None or self.until is None:
            return self.amount
        base = f" so với {self.normal}" if self.amount != self.normal else ""
        return f"{self.amount} (giảm {self.off}%{base}, đến hết ngày {self.until:%d/%m/%Y})"


def current_fee(channels: list[dict], today: date) -> CurrentFee:
    """The headline fee on ``today``, with the first reduction running that day (a share of the fee in a
    note naming a period that includes ``today``) applied to it."""
    normal = headline_fee(channels)
    if normal is None:
        return CurrentFee(None, None)
    for note in current_fee_notes(channels, today):
        share = _SHARE.search(note)
        until = _running_until(note, today)
        if share is None or until is None:
            continue
        percent = int(share.group(2))
        off = 100 - percent if share.group(1).lower() == "bằng" else percent
        if not 0 < off <= 100:
            continue
        single = _SINGLE_AMOUNT.match(normal)
        amount = _dong(int(single.group(1).replace(".", "")) * (100 - off) // 100) if single else normal
        return CurrentFee(amount, normal, off, until)
    return CurrentFee(normal, normal)


def _running_until(sentence: str, today: date) -> date | None:
    """The last day of the period in ``sentence`` that includes ``today`` when it has one."""
    for period in _PERIOD.finditer(sentence):
        if _start(period) <= today <= _end(period) and period.group(4) is not None:
            return _end(period)
    return None


def _dong(amount: int) -> str:
    return f"{amount:,} đồng".replace(",", ".")
