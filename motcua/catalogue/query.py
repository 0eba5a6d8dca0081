"""Câu hỏi của người dân — what a citizen's message asks: the aspect (giấy tờ, lệ phí, thời gian, nơi
nộp, trực tuyến, tờ khai) and the words that name the procedure.

Citizens write "làm lại cccd mất bao nhiêu tiền", "khai sanh cho con nộp ở mô", "doi bang lai qua mang dc
ko": the aspect phrases (``data/aspects.tsv``) are found on the folded text, so diacritics, case and
punctuation do not matter, and are cut out of the procedure phrase, so "mất" in "mất bao nhiêu tiền"
(costs) never reaches the search as "mất" (lost). The phrase keeps the citizen's own words (with their
diacritics) for the assistant to echo back, and its folded form is what the catalogue search reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from motcua.catalogue.vocabulary import DATA, data_lines, phrase_pattern, stop_pattern, synonym_pattern
from motcua.text import fold, nfc

ASPECTS = ("documents", "fee", "time", "where", "online", "form")
# When a message asks several things, the most specific one is answered first: "tờ khai lấy ở đâu"
# asks for the form, "nộp online ở đâu" for the online channel, "ở đâu, mất bao lâu" for the time.
ASPECT_ORDER = ("form", "online", "fee", "time", "where", "documents")
_WORD = re.compile(r"[^\W_]+")
# Words left over at the ends of a phrase once the aspect is cut out ("tờ khai kết hôn lấy ở đâu",
# "đổi bằng lái qua mạng được không"); inside a phrase they may belong to a name ("lấy chồng").
_EDGE_FILLERS = frozenset(
    ("lay", "nop", "lam", "dc", "duoc", "hong", "hem", "hok", "ko", "khong", "k", "kg", "ha", "he", "nhi")
    + ("day", "dzay", "zay", "vay", "ta")
)


@dataclass(frozen=True)
class Question:
    """A citizen's message understood: the aspect asked (None when none is) and the procedure phrase."""

    aspect: str | None
    # The citizen's words naming the procedure, fillers at the ends cut off, for the assistant to echo.
    phrase: str
    # The folded message without its aspect phrases: what the search reads.
    folded: str


def understand(text: str) -> Question:
    """The aspect asked and the procedure phrase of a message (either may be empty)."""
    words = _WORD.findall(nfc(text or ""))
    tokens: list[tuple[str, int]] = [(part, index) for index, word in enumerate(words) for part in fold(word).split()]
    joined, starts = _join(tokens)
    asked: set[str] = set()
    dropped: set[int] = set()
    # Tried at every word, not left to right only: in "nộp ở mô" both "nộp ở" and "ở mô" are asked.
    for start in starts:
        match = _aspect_pattern().match(joined, start)
        if match:
            asked.add(aspect_phrases()[match.group(1)])
            dropped.update(_covered(starts, match.start(1), match.end(1)))
    kept = [position for position in range(len(tokens)) if position not in dropped]
    folded = " ".join(tokens[position][0] for position in kept)
    indexes = sorted({tokens[position][1] for position in _trim_fillers(kept, tokens)})
    aspect = next((aspect for aspect in ASPECT_ORDER if aspect in asked), None)
    return Question(aspect, " ".join(words[index] for index in indexes), folded)


@cache
def aspect_phrases() -> dict[str, str]:
    """Folded phrase → aspect it asks, from ``data/aspects.tsv``."""
    rules = {}
    for line in data_lines("aspects.tsv"):
        aspect, _, phrase = line.partition("\t")
        if aspect not in ASPECTS:
            raise ValueError(f"{DATA / 'aspects.tsv'}: unknown aspect {aspect!r}")
        if fold(phrase):
            rules.setdefault(fold(phrase), aspect)
    return rules


@cache
def _aspect_pattern() -> re.Pattern:
    return phrase_pattern(aspect_phrases())


def _join(tokens: list[tuple[str, int]]) -> tuple[str, list[int]]:
    """The folded words joined by spaces, and where each word starts in that string."""
    starts, offset = [], 0
    for word, _ in tokens:
        starts.append(offset)
        offset += len(word) + 1
    return " ".join(word for word, _ in tokens), starts


def _covered(starts: list[int], begin: int, end: int) -> range:
    first = starts.index(begin)
    last = first
    while last + 1 < len(starts) and starts[last + 1] < end:
        last += 1
    return range(first, last + 1)


def _trim_fillers(kept: list[int], tokens: list[tuple[str, int]]) -> list[int]:
    """Drop fillers ("cho mình hỏi", "ạ", "vậy", ``data/stopwords.txt``) at both ends, so the phrase
    reads as a procedure name; inside it they stay (the search ignores them)."""
    joined, starts = _join([tokens[position] for position in kept])
    filler: set[int] = set()
    for match in stop_pattern().finditer(joined):
        filler.update(_covered(starts, match.start(1), match.end(1)))
    for match in synonym_pattern().finditer(joined):
        filler.difference_update(_covered(starts, match.start(1), match.end(1)))  # "bản sao", "giấy tờ nhà"
    filler.update(position for position, index in enumerate(kept) if tokens[index][0] in _EDGE_FILLERS)
    first, last = 0, len(kept)
    while first < last and first in filler:
        first += 1
    while last > first and last - 1 in filler:
        last -= 1
    return kept[first:last]
