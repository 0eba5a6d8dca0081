"""Mã hồ sơ — the one parser, formatter and generator of dossier codes.

Shapes (docs/domain.md): ``000.00.12.H62-260415-0001``, ``38.98.H29-260415-0012`` (unit code, date
received as YYMMDD, the unit's running number of that day) and the interconnected national
``G22.99.08-260921-896048`` (longer counter). Citizens read codes off paper: any case, stray spaces
and typographic dashes are accepted.

The generator keeps one counter row per (unit, day) and increments it with ``UPDATE … RETURNING``
inside the caller's transaction: the row lock serialises concurrent intakes of one unit, and a
rolled-back intake rolls its number back too, so numbers have neither gaps nor duplicates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from motcua.dossiers.models import DossierCounter
from motcua.errors import Invalid

NUMBER_DIGITS = 4
_SHAPE = re.compile(r"^(?P<unit>[A-Z0-9]+(?:\.[A-Z0-9]+)+)-(?P<day>\d{6})-(?P<number>\d{3,8})$")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "_": "-"})
_SPACES = re.compile(r"\s+")


class CodeError(Invalid):
    """Text that is not a dossier code; Vietnamese message."""


@dataclass(frozen=True)
class DossierCode:
    """A parsed code: receiving unit, day received, running number (and how many digits it had)."""

    unit_code: str
    received_on: date
    number: int
    digits: int = NUMBER_DIGITS

    def __str__(self) -> str:
        return format_code(self.unit_code, self.received_on, self.number, self.digits)


def parse_code(text: str) -> DossierCode:
    """Parse any of the three shapes, ignoring case, spaces and dash variants."""
    match, day = _validate(text)
    return DossierCode(match["unit"], day, int(match["number"]), len(match["number"]))


def normalize_code(text: str) -> str:
    """The canonical spelling: upper case, no spaces, plain hyphens (no validation)."""
    upper = (text or "").upper()
    if _SHAPE.fullmatch(upper):  # the usual case (an export, a scanned QR): nothing to clean
        return upper
    return _SPACES.sub("", (text or "").translate(_DASHES)).upper()


def canonical_code(text: str) -> str:
    """Validate and return the canonical spelling of a code typed by a person or another system."""
    match, _ = _validate(text)
    # The normalised text of a valid code is its canonical form (the number keeps its width).
    return match.string


def _validate(text: str) -> tuple[re.Match, date]:
    """The shape matched on the normalised text, and the day it names; ``CodeError`` otherwise."""
    match = _SHAPE.fullmatch(normalize_code(text))
    if match is None:
        raise CodeError(f"'{(text or '').strip()[:60]}' không phải mã hồ sơ hợp lệ (dạng 000.00.12.H62-260415-0001).")
    day = _day(match["day"])
    if day is None:
        raise CodeError(f"Ngày trong mã hồ sơ '{match.string}' không hợp lệ.")
    return match, day


@lru_cache(maxsize=4096)
def _day(digits: str) -> date | None:
    """YYMMDD as a date, None when there is no such day (remembered: an import repeats its days)."""
    try:
        return date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
    except ValueError:
        return None


def format_code(unit_code: str, received_on: date, number: int, digits: int = NUMBER_DIGITS) -> str:
    """``{unit}-{YYMMDD}-{NNNN}``; the number keeps growing past 9999 rather than wrapping."""
    return f"{unit_code.strip().upper()}-{received_on:%y%m%d}-{number:0{digits}d}"


def next_code(session: Session, unit_id: int, unit_code: str, day: date) -> str:
    """Issue the unit's next code for ``day`` (in the caller's transaction: commit with the dossier)."""
    return format_code(unit_code, day, _next_number(session, unit_id, day))


def _next_number(session: Session, unit_id: int, day: date) -> int:
    table = DossierCounter.__table__
    bump = (
        update(table)
        .where(table.c.unit_id == unit_id, table.c.day == day)
        .values(last=table.c.last + 1)
        .returning(table.c.last)
    )
    number = session.execute(bump).scalar_one_or_none()
    if number is not None:
        return number
    try:
        # First code of the day: two intakes may race to create the row; the loser bumps it.
        with session.begin_nested():
            session.execute(insert(table).values(unit_id=unit_id, day=day, last=1))
        return 1
    except IntegrityError:
        return session.execute(bump).scalar_one()
