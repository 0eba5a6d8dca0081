"""Hành động — what a citizen asks to have done, and what each procedure does.

"hủy giấy phép kd" asks to END a business licence ("Chấm dứt hoạt động hộ kinh doanh"), not to be issued
one; "sửa sai giấy khai sinh" asks for a CORRECTION ("cải chính hộ tịch"), not a birth registration;
"cccd bị mất" asks for a RE-ISSUE. The words naming the document are the same in each: the verb is what
tells the procedures apart. Both sides are read with one lexicon (``data/actions.tsv``): the action
phrases of a question (and the circumstances that imply one: "bị mất", "hết hạn", "dẹp quán") and those
of a procedure's name (its head, before the first qualifier; a name with no action phrase does the plain
"new" thing: "Đăng ký khai sinh"). The search then prefers procedures doing what was asked
(``motcua.catalogue.ranking.prior``).

A word typed WITH diacritics must match the lexicon's ("đời" is not "đổi"); a word typed without any
matches every accented form ("doi bang lai" is "đổi").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from motcua.catalogue.vocabulary import DATA, data_lines
from motcua.text import fold, nfc

NEW = "new"
ACTIONS = frozenset(
    (
        NEW,
        "reissue",
        "lost",
        "exchange",
        "change",
        "correct",
        "repair",
        "terminate",
        "suspend",
        "resume",
        "extend",
        "transfer",
        "copy",
        "certify",
        "confirm",
        "reregister",
        "restore",
        "withdraw",
        "lock",
        "unlock",
    )
)
# Where a procedure name turns from what is done to whom or which cases it is for (as
# motcua.catalogue.vocabulary._QUALIFIER, with "trong trường hợp" kept apart: it may name the action).
_QUALIFIER = re.compile(
    r"[(;:]|\s(?:đối với|trường hợp|do|theo|tại|thuộc|áp dụng|cho người|của người"
    r"|bằng dịch vụ công|trực tuyến toàn trình)\s",
    re.IGNORECASE,
)
_CASE = re.compile(r"(?<!trừ )trong (?:các )?trường hợp\s(.*)", re.IGNORECASE)
_ITEM_SPLIT = re.compile(r",|\s(?:và|hoặc)\s", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")
_LOSS_WORDS = frozenset(("bi", "mat", "lam", "danh", "roi", "that", "lac", "trom", "cuop"))
# Of "a|b" in the lexicon, how much the alternatives after the first count ("đổi lại": exchange first,
# re-issue too).
SECONDARY = 0.5


@dataclass(frozen=True)
class _Entry:
    words: tuple[str, ...]
    actions: tuple[str, ...]  # the usual meaning first; empty: holds an action word without meaning it
    query_only: bool


# The civil-status register itself is gone ("sổ ở xã cũng không còn", "ủy ban không còn lưu sổ", "cháy hết
# sổ gốc"): a lost certificate can then be neither re-issued nor copied, the event is registered again
# (đăng ký lại khai sinh / kết hôn / khai tử). Read on the folded message, words of aspect phrases cut.
_REGISTER = (
    r"so (goc|ho tich|luu|dang ky|khai sinh|ket hon|khai tu|o xa|o phuong|cua xa|cua phuong|tai xa|nam do|hoi do)"
)
_GONE = (
    r"(khong|ko|k|hong|cha|chang) (con|con luu|con giu)|bi mat|mat|mat het|bi chay|chay|chay het|that lac"
    r"|bi huy|huy|moi an"
)
_REGISTER_GONE = re.compile(
    rf"\b{_REGISTER}\b[^|]{{0,30}}?\b({_GONE})\b|\b(khong|ko|k|hong) con (luu|giu) (lai )?(so|ban luu|du lieu)\b"
    rf"|\b(mat|chay|that lac|huy) (het )?(ca )?{_REGISTER}\b"
)


def asked_actions(words: Sequence[str | None]) -> dict[str, float]:
    """The actions a citizen's words ask, each with how surely (1.0, or ``SECONDARY`` for a less usual
    meaning); words lower-case, as typed or respelled; ``None`` breaks a phrase: a word of an aspect
    phrase such as "mất bao lâu". A message saying the register itself is gone asks a re-registration."""
    folded = " ".join(_fold_word(word) if word is not None else "|" for word in words)
    if _REGISTER_GONE.search(folded):
        return {"reregister": 1.0}
    return _read(words, query=True)


def question_actions(text: str) -> dict[str, float]:
    """``asked_actions`` of a raw message."""
    return asked_actions([word.lower() for word in _WORD.findall(nfc(text or ""))])


def name_actions(name: str) -> frozenset[str]:
    """What a procedure does, from its name: the actions of its head's items ("Cấp lại, đổi, điều chỉnh
    thông tin trên sổ BHXH" → re-issue, change); a first item without one covers the plain case too
    ("Cấp, cấp lại Phù hiệu" → new, re-issue). A head with no action phrase takes those of a "trong
    trường hợp …" clause ("Cấp chứng nhận đăng ký xe … trong trường hợp thay đổi chủ xe" → transfer), else
    it does the plain thing (new)."""
    name = nfc(name or "")
    cut = _QUALIFIER.search(name)
    head = name[: cut.start()] if cut else name
    items = [item for item in _ITEM_SPLIT.split(head) if item.strip()]
    actions: set[str] = set()
    for position, item in enumerate(items):
        found = set(_read(_words(item), query=False))
        if found:
            actions |= found
        elif position == 0:
            actions.add(NEW)
    if actions - {NEW}:
        return frozenset(actions)
    case = _CASE.search(name)
    if case:
        found = _read(_words(case.group(1)), query=False)
        if found:
            return frozenset(found)
    return frozenset((NEW,))


def agreement(asked: dict[str, float], offered: frozenset[str]) -> float | None:
    """How far a procedure doing ``offered`` does what was ``asked`` (0 — something else, 1 — the usual
    meaning of the words); None when nothing was asked."""
    if not asked:
        return None
    return max((asked.get(action, 0.0) for action in offered), default=0.0)


def _words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


def action_phrases(words: Sequence[str | None]) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, length, actions) of each action phrase a citizen's words say ("làm lại", "hủy")."""
    return _matches(words, query=True)


def circumstance_words(words: Sequence[str | None]) -> frozenset[str]:
    """Folded words of the citizen-only phrases that tell a loss ("bị mất", "đánh rơi", "mất ví"):
    the action prior reads them; as text they would pull to names that happen to say them ("Cấp lại
    Giấy chứng nhận do bị mất") whatever the document."""
    found = set()
    for start, size, actions, query_only in _matches(words, query=True, with_kind=True):
        # only a loss: "lần đầu", "hết hạn" tell plain names apart, "không kinh doanh nữa" names the object;
        # and only its words of losing ("mất thẻ": the card is the object)
        if query_only and "lost" in actions:
            found.update(fold(word) for word in words[start : start + size] if word and fold(word) in _LOSS_WORDS)
    return frozenset(found)


def _read(words: Sequence[str | None], query: bool) -> dict[str, float]:
    found: dict[str, float] = {}
    for _, _, actions in _matches(words, query):
        for rank, action in enumerate(actions):
            found[action] = max(found.get(action, 0.0), 1.0 if rank == 0 else SECONDARY)
    return found


def _matches(words: Sequence[str | None], query: bool, with_kind: bool = False) -> list[tuple]:
    """(start, length, actions) of each action phrase in ``words``, longest first at each word; a phrase
    that only looks like an action ("qua đời") is skipped over and yields nothing. ``with_kind`` adds
    whether the phrase is a citizen-only one."""
    lexicon, longest, firsts = _lexicon(), _longest(), _first_words()
    folded = [_fold_word(word) if word is not None else None for word in words]
    matches = []
    position = 0
    while position < len(words):
        if folded[position] not in firsts:
            position += 1
            continue
        for size in range(min(longest, len(words) - position), 0, -1):
            span = folded[position : position + size]
            if any(word is None for word in span):
                continue
            entries = [
                entry
                for entry in lexicon.get(tuple(span), ())
                if (query or not entry.query_only) and _typed_as(words[position : position + size], entry.words)
            ]
            if entries:
                if all(entry.actions for entry in entries):
                    actions = tuple(dict.fromkeys(action for entry in entries for action in entry.actions))
                    query_only = all(entry.query_only for entry in entries)
                    matches.append((position, size, actions, query_only) if with_kind else (position, size, actions))
                position += size
                break
        else:
            position += 1
    return matches


def _typed_as(typed: Iterable[str], standard: tuple[str, ...]) -> bool:
    """Each typed word is the lexicon's word, or that word typed without diacritics."""
    return all(word == want or word == _fold_word(word) for word, want in zip(typed, standard, strict=True))


@cache
def _lexicon() -> dict[tuple[str, ...], tuple[_Entry, ...]]:
    """Folded phrase → the lexicon entries that fold to it (``data/actions.tsv``)."""
    table: dict[tuple[str, ...], list[_Entry]] = {}
    for line in data_lines("actions.tsv"):
        action, _, rest = line.partition("\t")
        phrase, _, marker = rest.partition("\t")
        actions = () if action == "-" else tuple(action.split("|"))
        if set(actions) - ACTIONS:
            raise ValueError(f"{DATA / 'actions.tsv'}: unknown action {action!r}")
        words = tuple(nfc(phrase).lower().split())
        if words:
            entry = _Entry(words, actions, marker.strip() == "query")
            table.setdefault(tuple(fold(word) for word in words), []).append(entry)
    return {key: tuple(entries) for key, entries in table.items()}


@lru_cache(maxsize=50_000)
def _fold_word(word: str) -> str:
    """``fold`` of one word, remembered: names repeat their words thousands of times."""
    return fold(word)


@cache
def _first_words() -> frozenset[str]:
    return frozenset(key[0] for key in _lexicon())


@cache
def _longest() -> int:
    return max((len(key) for key in _lexicon()), default=1)
