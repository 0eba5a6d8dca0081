"""Mistyped words — one letter doubled, dropped, added, swapped or wrong ("thuongg", "dunh", "khia").

A citizen typing fast on a phone mistypes words the catalogue knows; a word the search does not know
counts for nothing, so "xin giay phep xay dunh" lost its most telling word. A folded word that no
vocabulary of the catalogue holds is read as the known word one edit away (the most common one when
several are), the way a search box suggests a spelling — but only for words of four letters or more
(a shorter one is usually another real syllable: "gia", "lai") and never for a capitalised word inside
a sentence (a place or a person: "Hà Giang", "anh Minh"). Repeated letters ("nhieuuu", "tee") are
squeezed first, at any length.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

_MIN_LENGTH = 4
_REPEATS = re.compile(r"(.)\1+")


class TypoFixer:
    """Known folded words and how common each is; ``fix`` answers the known word a typed one stands for.
    Read-only once built but for a cache of candidates per word, so threads can share it."""

    def __init__(self, known: Iterable[str], frequency: dict[str, int]) -> None:
        """``frequency``: how many procedures use each term, words and adjacent pairs ("xay dung")."""
        self._known = frozenset(word for word in known if word)
        self._frequency = frequency
        self._by_deletion: dict[str, set[str]] = defaultdict(set)
        for word in self._known:
            if len(word) >= _MIN_LENGTH - 1:
                for variant in _deletions(word):
                    self._by_deletion[variant].add(word)
        self._cache: dict[str, str] = {}

    def knows(self, word: str) -> bool:
        """Whether a folded word is one of the known words."""
        return word in self._known

    def fix(self, word: str, before: str = "", after: str = "") -> str:
        """``word`` itself when known, a number or unlike any known word; else the known word meant: of
        several, the one the catalogue pairs with a neighbour ("xay dunh" → "xay dung", not "dinh"),
        then the most common."""
        if word in self._known or not word.isalpha():
            return word
        candidates = self._cache.get(word)
        if candidates is None:
            candidates = self._cache[word] = self._candidates(word)
        if not candidates:
            return word
        frequency = self._frequency
        return max(
            candidates,
            key=lambda known: (
                frequency.get(f"{before} {known}", 0) + frequency.get(f"{known} {after}", 0),
                frequency.get(known, 0),
            ),
        )

    def _candidates(self, word: str) -> tuple[str, ...]:
        squeezed = _REPEATS.sub(r"\1", word)
        if squeezed in self._known:
            return (squeezed,)
        if len(word) < _MIN_LENGTH:
            return ()
        candidates = {variant for variant in _deletions(word) if variant in self._known}  # a letter added
        candidates |= self._by_deletion.get(word, set())  # a letter dropped
        for variant in _deletions(word):  # a letter wrong, or two swapped
            candidates |= {known for known in self._by_deletion.get(variant, ()) if _one_edit(word, known)}
        return tuple(sorted(candidates))


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(word: str, known: str) -> bool:
    """Same length and one letter wrong, or two neighbouring letters swapped."""
    if len(word) != len(known):
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, known, strict=True)) if a != b]
    if len(diff) == 1:
        return True
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and word[diff[0]] == known[diff[1]]
        and word[diff[1]] == known[diff[0]]
    )
