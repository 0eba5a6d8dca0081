"""Mã hồ sơ — find dossier codes in what a citizen typed, in the three shapes of docs/domain.md.

``000.00.12.H62-260921-0001`` (four-part unit code), ``38.98.H29-260921-0001`` (three-part) and
``G22.99.08-260921-896048`` (interconnected national dossier, longer counter); counters of 3 to 8
digits. Citizens type them in lower case, with spaces around the dots and dashes, or with spaces
instead of dashes; the canonical form is upper case without spaces. Plain Python: used by the NLU
extractor and by the actions.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterator, NamedTuple, Optional

_SEP = r"\s*[-–—‐‑−_]\s*|\s+"
# The shapes the app's parser accepts (motcua/dossiers/codes.py): a unit code of two or more dotted
# parts, the day as YYMMDD, a running number of 3 to 8 digits; tests/data/dossier_codes.tsv is the one
# table of typed codes both are tested on.
PATTERN = re.compile(
    r"(?<![A-Z0-9.])"
    r"(?P<unit>[A-Z0-9]{1,6}(?:\s*\.\s*[A-Z0-9]{1,6}){1,4})"
    rf"(?:{_SEP})(?P<date>\d{{6}})(?:{_SEP})(?P<number>\d{{3,8}})"
    r"(?![0-9])",
    re.IGNORECASE,
)


class FoundCode(NamedTuple):
    """A dossier code found in a text: canonical value and where it was typed."""

    value: str
    start: int
    end: int


def find_dossier_codes(text: str) -> Iterator[FoundCode]:
    """Every dossier code in ``text``, canonicalised ("000.00.12.h62 - 260921-1" style typos aside)."""
    for match in PATTERN.finditer(text or ""):
        if not _is_day(match.group("date")):
            continue  # the app refuses a code naming no real day: so does the assistant
        unit = re.sub(r"\s+", "", match.group("unit")).upper()
        yield FoundCode(f"{unit}-{match.group('date')}-{match.group('number')}", match.start(), match.end())


def _is_day(digits: str) -> bool:
    try:
        date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
    except ValueError:
        return False
    return True


def canonical_dossier_code(text: str) -> Optional[str]:
    """The first dossier code in ``text``, canonical, or None."""
    return next((found.value for found in find_dossier_codes(text)), None)


_FOUR_DIGITS = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")
_PHONE_WORDS = (" so cuoi ", " duoi ", " sdt ", " dien thoai ", " dt ")


def find_phone_last4(text: str, folded: str) -> Optional[FoundCode]:
    """The last four digits of a phone number, when the message is about them or is only them.

    ``folded`` is ``fold(text)``. Digits inside a dossier code and four-digit numbers in other
    sentences ("nộp năm 2024") are not phone digits.
    """
    codes = [(c.start, c.end) for c in find_dossier_codes(text)]
    for match in _FOUR_DIGITS.finditer(text or ""):
        if any(start <= match.start() < end for start, end in codes):
            continue
        rest = (folded.replace(match.group(), " ") + " ").split()
        if len(rest) <= 2 or any(word in f" {folded} " for word in _PHONE_WORDS):
            return FoundCode(match.group(), match.start(), match.end())
    return None
