"""Vietnamese text normalisation: the one normaliser used at index time and at query time.

Citizens type with or without diacritics, in any case, with abbreviations; everything that compares
text (catalogue search, NLU featurizer, CLI look-ups) folds both sides through ``fold``.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
# A folded word shaped like one Vietnamese syllable: onset, vowels, coda.
_SYLLABLE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$")


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


def syllable_shaped(folded_word: str) -> bool:
    """Whether a folded word has the shape of one Vietnamese syllable ("nhua", "nghieng"; not "wifi",
    "gpkd", "dag")."""
    return bool(_SYLLABLE.match(folded_word))


def accented_syllable(word: str) -> bool:
    """A word typed with its Vietnamese marks and shaped like a syllable ("nhựa", "bìa"): a real word as
    typed, whatever a vocabulary knows of it, where "nhua" or "đăg" may be a typo."""
    folded = fold(word)
    return folded != word.lower() and " " not in folded and syllable_shaped(folded)
