"""Che dữ liệu cá nhân — what of a citizen's message the insights may keep, and how similar questions
are grouped.

``mask`` runs the one scrubber (``motcua.privacy.scrub``: phone numbers, identification numbers, e-mails,
dossier codes, request references) and then hides names, which the scrubber leaves: a name is a run of
two to five capitalised words ("Nguyễn Văn An") anywhere but at the start of a sentence, or any capitalised
words right after "tên (tôi/em/mình) là", "tôi là", "họ tên". A place or a title-cased procedure name
is hidden too: a missed question loses a word, never a citizen's name. Control characters are dropped and
the text is cut at ``TEXT_LIMIT``.

``group_key``: the folded masked text (``motcua.text.fold``), the words of politeness around the question
left out, so "Cho hỏi làm sổ đỏ ạ" and "lam so do" fall in one group.
"""

from __future__ import annotations

import re

from motcua.assistant.models import KEY_LIMIT, TEXT_LIMIT
from motcua.privacy.scrub import scrub
from motcua.text import fold, nfc

NAME = "[tên]"
_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_WORD = rf"[{_UPPER}][^\s{_UPPER}\d.,;:!?()\[\]\"']*"
# Two to five capitalised words in a row, not at the start of the text or of a sentence.
_NAME_RUN = re.compile(rf"(?<=[^\s.!?\n])(\s+)({_WORD}(?:\s+{_WORD}){{1,4}})")
# "tên tôi là an", "họ tên: Lê Hoa": the next words up to a punctuation mark (four at most), in any case;
# "tôi là Nguyễn Văn An": the capitalised words that follow.
_CALLED = re.compile(
    r"(?i:\b(?:tên\s+(?:tôi|em|mình|con|của\s+tôi)\s+là|họ\s+(?:và\s+)?tên\s*:?))"
    r"(\s+)([^\s.,;:!?()]+(?:\s+[^\s.,;:!?()]+){0,3})"
)
_NAMED = re.compile(rf"(?i:\b(?:tôi|em|mình|con)\s+là)(\s+)({_WORD}(?:\s+{_WORD}){{0,4}})")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Words around a question that say nothing of what is asked.
_POLITE = "a ah ad admin oi cho hoi toi em minh nhe nhi ak giup gium"
POLITE = frozenset(_POLITE.split())


def mask(text: str) -> str:
    """The message as the insights store it: personal data replaced by placeholders (module docstring)."""
    text = _CONTROL.sub(" ", nfc(text or "")).strip()
    text = scrub(text)
    for pattern in (_CALLED, _NAMED, _NAME_RUN):
        text = pattern.sub(_hide_name, text)
    return text[:TEXT_LIMIT]


def _hide_name(match: re.Match[str]) -> str:
    """The match with its last group (the name) replaced, what came before kept."""
    return match.string[match.start() : match.start(2)] + NAME


def group_key(text: str) -> str:
    """Similar questions' shared key: the masked text folded, words of politeness left out."""
    words = [word for word in fold(mask(text)).split() if word not in POLITE]
    return " ".join(words)[:KEY_LIMIT].strip()
