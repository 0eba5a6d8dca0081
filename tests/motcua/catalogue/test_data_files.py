"""The search's word lists are read into dictionaries: a citizen phrase written twice with two meanings
keeps only its last line, so the rule a reader finds first is silently replaced further down (a round of
new rules once re-pointed twenty phrases that way). Written twice with one meaning (with and without
diacritics, which fold alike) is harmless."""

from collections import defaultdict

import pytest

from motcua.catalogue.vocabulary import data_lines
from motcua.text import fold


@pytest.mark.parametrize(
    ("name", "key", "value"), [("synonyms.tsv", 0, 1), ("events.tsv", 0, 1), ("aspects.tsv", 1, 0)]
)
def test_no_phrase_has_two_meanings(name, key, value):
    meanings = defaultdict(set)
    for line in data_lines(name):
        columns = line.split("\t")
        meanings[fold(columns[key])].add(fold(columns[value]))
    assert {phrase: sorted(said) for phrase, said in meanings.items() if len(said) > 1} == {}
