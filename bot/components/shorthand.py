"""Chat shorthand citizens type ("ko", "dk", "hs"…), keyed by its folded form.

Shared by the NLU (``components.tokenizer``) and the actions that read typed answers (a rating typed
"ko hai long"), so both understand the same abbreviations. Only words that carry intent: procedure names
are found by the catalogue search, which has its own synonyms.
"""

from __future__ import annotations

from typing import Dict

from components.folding import fold

SHORTHAND: Dict[str, str] = {
    "ko": "khong",
    "k": "khong",
    "kg": "khong",
    "khg": "khong",
    "hok": "khong",
    "hong": "khong",
    "dk": "dang ky",
    "dky": "dang ky",
    "hs": "ho so",
    "tt": "thu tuc",
    "tthc": "thu tuc hanh chinh",
    "bn": "bao nhieu",
    "bnhieu": "bao nhieu",
    "j": "gi",
    "ji": "gi",
    "ntn": "nhu the nao",
    "dc": "duoc",
    "sdt": "so dien thoai",
    "dt": "dien thoai",
    "lp": "le phi",
    "cm": "cam on",
    "tks": "cam on",
    "thanks": "cam on",
    "thank": "cam on",
    "ok": "dong y",
    "oke": "dong y",
    "okie": "dong y",
    "uh": "u",
    "uhm": "u",
    "ng": "nguoi",
    "bh": "bao gio",
    "mk": "minh",
    "vs": "voi",
    "ad": "admin",
}


def fold_expanded(text: str) -> str:
    """The folded text with every shorthand word replaced by the words it stands for."""
    return " ".join(SHORTHAND.get(word, word) for word in fold(text).split())
