"""Vietnamese text normalisation: the one normaliser used at index time and at query time.

Citizens type with or without diacritics, in any case, with abbreviations; everything that compares
text (catalogue search, NLU featurizer, CLI look-ups) folds both sides through ``fold``.
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


def tokens(text: str) -> list[str]:
    """Words of ``fold(text)``."""
    return fold(text).split()
