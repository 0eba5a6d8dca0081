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
    "bnhiu": "bao nhieu",
    "nhiu": "nhieu",
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


# Abbreviations of procedure words citizens type ("lm gks", "sang tên sdd", "dki hộ kd"), written out
# before the message is sent to the catalogue search, which reads words, not chat. Keyed by the folded
# abbreviation; "hk" is "hộ khẩu" except where it ends a question ("được hk", "có tốn tiền hk"), where it
# is "không" (see ``search_text``).
PROCEDURE_SHORTHAND: Dict[str, str] = {
    "gks": "giấy khai sinh",
    "sdd": "sổ đỏ",
    "hk": "hộ khẩu",
    "dki": "đăng ký",
    "dky": "đăng ký",
    "dk": "đăng ký",
    "lm": "làm",
    "kd": "kinh doanh",
    "hkd": "hộ kinh doanh",
    "xd": "xây dựng",
    "gp": "giấy phép",
    "xn": "xác nhận",
    "gcn": "giấy chứng nhận",
    "lltp": "lý lịch tư pháp",
    "xkld": "xuất khẩu lao động",
    "cty": "công ty",
    "mun": "muốn",
    "nhiu": "nhiêu",
    "ad": "",
    "admin": "",
}
# Words after which "hk" / "hông" is the question's "không", not "hộ khẩu".
_BEFORE_TEXT = "duoc dc ko tien phi khong co ton mat gi j lau roi chua nhanh"
_AFTER_TEXT = "a ad ah ak z v vay dzay nhi nhe nha ta"
_BEFORE_NOT = frozenset(_BEFORE_TEXT.split())
_AFTER_NOT = frozenset(_AFTER_TEXT.split())


def search_text(text: str) -> str:
    """The message with procedure abbreviations written out and the bot's form of address ("ad") dropped,
    other words as typed (diacritics help the search)."""
    words = text.split()
    out = []
    for index, word in enumerate(words):
        key = fold(word)
        if key not in PROCEDURE_SHORTHAND:
            out.append(word)
            continue
        if key == "hk":
            before = fold(words[index - 1]) if index else ""
            after = fold(words[index + 1]) if index + 1 < len(words) else ""
            if before in _BEFORE_NOT or after in _AFTER_NOT or index + 1 == len(words):
                out.append("không")
                continue
        if PROCEDURE_SHORTHAND[key]:
            out.append(PROCEDURE_SHORTHAND[key])
    return " ".join(out) or text
