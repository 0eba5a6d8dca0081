"""A faithful copy of ``motcua.text.fold`` for the bot environment (Python 3.10, no app package).

The bot cannot import the app, so this module repeats the algorithm; ``tests/bot/test_fold_parity.py``
(app side) checks both give identical output, so the NLU sees text exactly as catalogue search does.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def nfc(text: str) -> str:
    """Unicode NFC: the form Vietnamese text is stored and displayed in."""
    return unicodedata.normalize("NFC", text)


def strip_diacritics(text: str) -> str:
    """Remove tone and vowel marks and fold đ/Đ to d/D ("Đăng ký" → "Dang ky")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def fold(text: str) -> str:
    """Lower-case, diacritic-free, punctuation-free form with single spaces ("Sổ  Đỏ!" → "so do")."""
    return _NON_WORD.sub(" ", strip_diacritics(nfc(text)).lower()).strip()
