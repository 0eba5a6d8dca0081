"""Người dân đã hỏi thế nào — procedures found by the way citizens asked for them before.

A citizen telling a story rarely says a procedure's name: "bố mẹ em mất, tôi muốn đứng ra chăm sóc và
thay mặt em về pháp lý" asks for a guardianship (giám hộ), "chủ trọ bảo tôi báo để bỏ tên mình" for
deleting a temporary residence. The name index cannot find these from words no name holds, and a
synonym list grows one example at a time. So each procedure also gets a second document: the questions
citizens asked when they meant it (``data/asked.tsv``, written apart from the code, see
``tests/data/eval/README.md``), read through the same pipeline as a query. This is document expansion
with past queries: a new question is matched against how others asked, and the words of stories ("qua
đời", "hậu sự", "chủ trọ", "thay mặt") lead to the procedure that answered them.

Its BM25 score is added to the name score, the more the longer the message (a short query names its
procedure; a story tells it), and it can vouch for the first result (``vouches``) when that result is
also clearly first by how citizens asked. When it moves another procedure first than the one a
message's words clearly named, the search offers it rather than answers it (motcua.catalogue.search).

Rows are (code, question). Only tuning sets feed it: never the test split or a held-out set, which
measure it (``tests/catalogue/test_asked.py`` checks this).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import cache

from motcua.catalogue import bm25
from motcua.catalogue.vocabulary import data_lines
from motcua.text import nfc

# The asked-document score, times WEIGHT, is added to the name score of messages of at least MIN_WORDS
# catalogue words (stories), and a share of it rising from nothing at FROM_WORDS words to all of it at
# MIN_WORDS to shorter messages. Session 8 read it for long messages only: at 865 questions a short message's
# lump of evidence for the most-asked of two siblings ("hộ cận nghèo thường xuyên" / "phát sinh") outweighed
# the qualifier that tells them apart. At 2 461 questions (session 9) the ramp pays: cross-validated top-1
# (bench/catalogue.py --tune, province level, with UNASKED below) dev3 0.887 → 0.896, dev4 0.890 → 0.916,
# dev6 0.604 → 0.665, dev11 (chat, first read 0.850) 0.853 → 0.907, dev13 (second-tier procedures, first read
# 0.807) 0.810 → 0.857, confident wrong answers 131 → 114 over dev–dev7 and dev11–dev13; a ramp from 7 or 10
# words gave less.
WEIGHT = 1.5
MIN_WORDS = 18
FROM_WORDS = 4
# The name score of a procedure nobody asked about is raised by UNASKED × the message's share over WEIGHT
# (at full share: × 2), the gain a procedure that was asked about gets from its questions. Without it the
# ramp cost those procedures (dev8–dev10, questions on 248 procedures no tuning set asks: top-1 0.300 /
# 0.183 / 0.160 → 0.171 / 0.140 / 0.074); with it 0.300 / 0.201 / 0.142, and the common sets keep their
# gain (1.5: rare sets better still, dev13 0.857 → 0.847 and 3 more wrong; 0.5: rare sets 0.247 / 0.171 / 0.099).
UNASKED = 1.0
# The first result of such a message is vouched for (answered as a strong match) when it is also first by
# the asked documents, that score is at least VOUCH_SHARE times the query's own weight (its words, pairs
# aside), and the second by that score is under VOUCH_LEAD of it. On answers not already strong, cross-
# validated as above: 14 more right, 2 more wrong, no not-found question answered (3 / 0.8: 19, 3, 1).
VOUCH_SHARE = 4.0
VOUCH_LEAD = 0.8
# A first result the names give no grounds for ("none": the words name no procedure) is still offered as a
# choice when it leads the asked scores as clearly, with half that score. Session 9, bench/catalogue.py
# --tune: procedure questions answered "not found" dev5 40 → 22, dev6 43 → 26, dev11 13 → 8, dev12 10 → 4;
# 3 of the 27 not-found questions of dev2–dev4 offered choices instead (at 1.0: the same).
SUGGEST_SHARE = 2.0


@cache
def asked_rows() -> tuple[tuple[str, str, str], ...]:
    """(code, source row, question) of ``data/asked.tsv``, whose lines are ``code<TAB>source<TAB>question``;
    the source (``set:id``) lets the benchmark leave out the set it reads."""
    rows = []
    for line in data_lines("asked.tsv"):
        code, source, text = ([*line.split("\t", 2), "", ""])[:3]
        if code and text:
            rows.append((code.strip(), source.strip(), nfc(text.strip())))
    return tuple(rows)


def asked_questions() -> tuple[tuple[str, str], ...]:
    """(code, question) of ``data/asked.tsv``: what the search reads."""
    return tuple((code, text) for code, _source, text in asked_rows())


class AskedIndex:
    """BM25 postings over one document per procedure: the weighted terms of the questions asked for it.

    ``weigh`` turns a question into term weights as the search reads a query (so a story's
    circumstances weigh little here too); ``positions`` maps a code to the catalogue index's positions
    of that procedure: all its versions kept per level ("… (thực hiện tại cấp tỉnh)" / "cấp xã"), which
    a question asked for one asks for all (the centre's level then picks, motcua.catalogue.ranking).
    Codes not in the catalogue are skipped: the catalogue of a centre may be older or newer."""

    def __init__(
        self,
        rows: tuple[tuple[str, str], ...] | list[tuple[str, str]],
        positions: dict[str, tuple[int, ...]],
        weigh: Callable[[str], dict[str, float]],
    ) -> None:
        asked: dict[tuple[int, ...], dict[str, float]] = {}
        for code, text in rows:
            family = positions.get(code)
            if not family:
                continue
            document = asked.setdefault(family, defaultdict(float))
            for term, weight in weigh(text).items():
                document[term] += weight
        postings = bm25.postings(list(asked.values()))
        families = list(asked)
        # The catalogue positions some question was asked for (motcua.catalogue.search raises the others).
        self.covered = frozenset(position for family in families for position in family)
        self._postings = {
            term: [(position, weight) for document, weight in found for position in families[document]]
            for term, found in postings.items()
        }

    def __bool__(self) -> bool:
        return bool(self._postings)

    def scores(self, weights: dict[str, float]) -> dict[int, float]:
        """Catalogue position → BM25 score of its asked document for a query's term weights."""
        scores: dict[int, float] = {}
        for term, share in weights.items():
            for position, weight in self._postings.get(term, ()):
                scores[position] = scores.get(position, 0.0) + weight * share
        return scores


def share(words: int) -> float:
    """How much the asked score counts for a message of ``words`` catalogue words (0: not at all): a bare
    name of a few words is judged by the names alone, a story by how citizens asked as much as by them."""
    if words >= MIN_WORDS:
        return WEIGHT
    return WEIGHT * max(0, words - FROM_WORDS) / (MIN_WORDS - FROM_WORDS)


def vouches(scores: dict[int, float], first: int, weights: dict[str, float], share: float = VOUCH_SHARE) -> bool:
    """Whether how citizens asked clearly points at ``first``: it leads the asked scores, well ahead of
    the next, with a score large for the query's own weight (a few shared words are no evidence)."""
    if not scores:
        return False
    top = _best(scores, 2)
    if top[0][0] != first:
        return False
    mass = sum(weight for term, weight in weights.items() if " " not in term)
    second = top[1][1] if len(top) > 1 else 0.0
    return mass > 0 and top[0][1] >= share * mass and second < VOUCH_LEAD * top[0][1]


def leader(scores: dict[int, float]) -> int:
    """The catalogue position first by how citizens asked (``scores`` not empty)."""
    return _best(scores, 1)[0][0]


def _best(scores: dict[int, float], count: int) -> list[tuple[int, float]]:
    """The ``count`` best (position, score), ties to the lower position."""
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))[:count]


def suggests(scores: dict[int, float], first: int, weights: dict[str, float]) -> bool:
    """Whether how citizens asked points at ``first`` clearly enough to offer it (``vouches`` at a lower bar)."""
    return vouches(scores, first, weights, SUGGEST_SHARE)
