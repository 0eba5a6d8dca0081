"""Bộ lọc dữ liệu cá nhân — the one scrubber of free text (chat messages, rating comments, complaints,
log lines): phone numbers, identification numbers (12-digit CCCD, 9-digit CMND), e-mail addresses and
dossier codes become placeholders; everything else (dates, fees such as 8.000 đồng, procedure codes
such as 1.000894, times, legal references) is left exactly as it was.

Standard library only and Python 3.10 compatible: the bot keeps a byte-for-byte copy in
``bot/stores/scrub.py`` (it runs without the app package), and a test keeps the two equal.

Shapes recognised (citizens type them on phones, with any separators):

- e-mail: ``name@domain.tld``;
- data request reference (motcua/privacy/requests.py): ``YC-`` and ten letters or digits, any case
  (``YC-K7M2P9Q3RT``): the only proof asked for a request's status;
- dossier code (motcua/dossiers/codes.py): ``000.00.12.H62-260415-0001``, ``G22.99.08-260921-896048``,
  any case, spaces or typographic dashes around the hyphens;
- CCCD: 12 digits, optionally grouped by single spaces, dots or dashes (``079 099 012 345``);
- phone: a Vietnamese mobile or landline number, ``0`` + 9 or 10 digits, or ``+84``/``84`` + 9 or 10
  digits, optionally grouped (``0912.345.678``, ``+84 912 345 678``, ``024 3826 4567``);
- CMND: 9 digits, plain or grouped by three (``273 456 789``).

A number glued to other digits, or following a digit and a dot (a fee, a procedure code), is not
taken: ``1.200.000.000 đồng`` stays.
"""

from __future__ import annotations

import re

EMAIL = "[email]"
CODE = "[mã hồ sơ]"
REQUEST = "[mã yêu cầu]"
IDENTIFIER = "[số định danh]"
PHONE = "[số điện thoại]"

# Optional one-character separator between digits.
_SEP = r"[ .\-]?"
# Not inside a longer number: no digit (or digit and a dot/comma) right before, none right after.
_BEFORE = r"(?<![\d])(?<!\d[.,])"
_AFTER = r"(?![ .\-]?\d)"


def _digits(count: int) -> str:
    return _SEP.join([r"\d"] * count)


_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_DASH = r"\s*[-–—‐‑−_]\s*"
_REQUEST = re.compile(r"(?<![A-Za-z0-9])[Yy][Cc]" + _DASH + r"[A-Za-z0-9]{10}(?![A-Za-z0-9])")
_CODE = re.compile(r"(?<![A-Za-z0-9.])[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)+" + _DASH + r"\d{6}" + _DASH + r"\d{3,8}(?!\d)")
_IDENTIFIER_12 = re.compile(_BEFORE + _digits(12) + _AFTER)
# After the trunk or country code: a landline (2, area digit, 8 digits) or a mobile (3/5/7/8/9 + 8).
_NATIONAL = f"(?:2{_SEP}{_digits(9)}|[35789]{_SEP}{_digits(8)})"
_PHONE = re.compile(
    _BEFORE
    + r"(?:(?:\(\s*\+?84\s*\)|\+\s?84|(?<!\+)84)[ .\-]?|0)"  # +84, (+84), 84 or the trunk 0
    + _NATIONAL
    + _AFTER
)
_IDENTIFIER_9 = re.compile(_BEFORE + r"(?:\d{9}|\d{3}[ .\-]\d{3}[ .\-]\d{3})" + _AFTER)

_RULES = (
    (_EMAIL, EMAIL),
    (_REQUEST, REQUEST),
    (_CODE, CODE),
    (_IDENTIFIER_12, IDENTIFIER),
    (_PHONE, PHONE),
    (_IDENTIFIER_9, IDENTIFIER),
)


def scrub(text: object) -> str:
    """``text`` with every phone number, identification number, e-mail, dossier code and data request
    reference replaced by a placeholder (anything that is not text becomes its string form first; None
    becomes '')."""
    if text is None:
        return ""
    text = text if isinstance(text, str) else str(text)
    for pattern, placeholder in _RULES:
        text = pattern.sub(placeholder, text)
    return text
