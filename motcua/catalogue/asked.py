"""Người dân đã hỏi thế nào — procedures found by the way citizens asked for them before.

A citizen telling a story rarely says a procedure's name: "bố mẹ em mất, tôi muốn đứng ra chăm sóc và
thay mặt em về pháp lý" asks for a guardianship (giám hộ), "chủ trọ bảo tôi báo để bỏ tên mình" for
deleting a temporary residence. The name index cannot find these from words no name holds, and a
synonym list grows one example at a time. So each procedure also gets a second document: the questions
citizens asked when they meant it (``data/asked.tsv``, written apart from the code, see
``tests/data/eval/README.md``), read through the same pipeline as a query. This is document expansion
with past queries: a new question is matched against how others asked, and the words of stories ("qua
đời", "hậu sự", "chủ trọ", "thay mặt") lead to the procedure that answered them.

Its BM25 score is added to the name score of long messages (a short query names its procedure; a story
tells it), and it can vouch for the first result (``vouches``) when that result is also clearly first by
how citizens asked. When it moves another procedure first than the one a message's words clearly named,
the search offers it rather than answers it (motcua.catalogue.search).

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
# catalogue words (stories); a shorter message names its procedure, and there a lump of evidence for the
# most-asked of two siblings ("hộ cận nghèo thường xuyên" / "phát sinh") outweighed the qualifier that
# tells them apart. Cross-validated on dev, dev2, dev3 and dev4, each read with the other three's
# questions only (bench/catalogue.py, province level): top-1 0.957 / 0.955 / 0.808 / 0.734 →
# 0.973 / 0.975 / 0.867 / 0.814, strong-and-wrong 2 / 3 / 22 / 11 → 1 / 3 / 17 / 9. Every message
# (a ramp to 15 words) gave as many right answers but moved siblings in short ones; 14 words, 3 more
# wrong.
WEIGHT = 1.5
MIN_WORDS = 18
# The first result of such a message is vouched for (answered as a strong match) when it is also first by
# the asked documents, that score is at least VOUCH_SHARE times the query's own weight (its words, pairs
# aside), and the second by that score is under VOUCH_LEAD of it. On answers not already strong, cross-
# validated as above: 14 more right, 2 more wrong, no not-found question answered (3 / 0.8: 19, 3, 1).
VOUCH_SHARE = 4.0
VOUCH_LEAD = 0.8


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
    """How much the asked score counts for a message of ``words`` catalogue words (0: not at all)."""
    return WEIGHT if words >= MIN_WORDS else 0.0


def vouches(scores: dict[int, float], first: int, weights: dict[str, float]) -> bool:
    """Whether how citizens asked clearly points at ``first``: it leads the asked scores, well ahead of
    the next, with a score large for the query's own weight (a few shared words are no evidence)."""
    if not scores:
        return False
    top = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))[:2]
    if top[0][0] != first:
        return False
    mass = sum(weight for term, weight in weights.items() if " " not in term)
    second = top[1][1] if len(top) > 1 else 0.0
    return mass > 0 and top[0][1] >= VOUCH_SHARE * mass and second < VOUCH_LEAD * top[0][1]
