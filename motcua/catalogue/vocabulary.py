"""How citizens' words become catalogue terms: synonyms and abbreviations (``data/synonyms.tsv``) and
words that carry no meaning in a chatty question (``data/stopwords.txt``), both kept as data.

Everything goes through ``motcua.text.fold`` first, so "Sổ đỏ", "so do" and "SỔ ĐỎ" are one phrase.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from motcua.text import fold

DATA = Path(__file__).resolve().parent / "data"


def query_terms(text: str) -> list[str]:
    """Folded words of a citizen's query: synonyms applied, stop phrases removed."""
    return _remove_stop_phrases(_apply_synonyms(fold(text))).split()


def document_terms(text: str) -> list[str]:
    """Folded words of catalogue text (names, fields): stop phrases removed, no synonyms (the catalogue
    already uses the official wording)."""
    return _remove_stop_phrases(fold(text)).split()


def with_bigrams(words: list[str]) -> list[str]:
    """Words followed by adjacent pairs ("cap lai", "lai the"): pairs reward the catalogue's word order."""
    return words + [f"{first} {second}" for first, second in zip(words, words[1:], strict=False)]


@cache
def synonyms() -> dict[str, str]:
    """Folded citizen phrase → folded catalogue terms."""
    rules = {}
    for line in data_lines("synonyms.tsv"):
        phrase, _, terms = line.partition("\t")
        if fold(phrase):
            rules[fold(phrase)] = fold(terms)
    return rules


@cache
def special_cases() -> dict[str, tuple[str, ...]]:
    """Folded name phrase of a special-case procedure → folded query words that ask for it."""
    rules = {}
    for line in data_lines("special_cases.tsv"):
        phrase, _, triggers = line.partition("\t")
        rules[fold(phrase)] = tuple(fold(t) for t in triggers.split(",") if fold(t))
    return rules


@cache
def stop_phrases() -> frozenset[str]:
    return frozenset(fold(line) for line in data_lines("stopwords.txt") if fold(line))


def _apply_synonyms(folded: str) -> str:
    return synonym_pattern().sub(lambda match: f" {synonyms()[match.group(1)]} ", folded)


def _remove_stop_phrases(folded: str) -> str:
    return stop_pattern().sub(" ", folded)


@cache
def synonym_pattern() -> re.Pattern:
    return phrase_pattern(synonyms())


@cache
def stop_pattern() -> re.Pattern:
    return phrase_pattern(stop_phrases())


def phrase_pattern(phrases) -> re.Pattern:
    # Longest first, whole words only: "bang lai xe" wins over "bang lai".
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<!\S)(" + "|".join(re.escape(p) for p in ordered) + r")(?!\S)")


def data_lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]
