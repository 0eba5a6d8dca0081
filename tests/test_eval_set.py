"""Shape of the independent evaluation set (tests/data/eval/questions.tsv).

Why: the set is the yardstick for tuning the catalogue search and the assistant, so a
silent slip in it (a duplicated id, a code the catalogue no longer has, a row moved from
test to dev, a text in decomposed Unicode that no citizen keyboard produces) would make
every figure measured on it wrong. These checks fail on such slips; they say nothing about
how well the search does.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT / "tests" / "data" / "eval"
CATALOGUE = ROOT / "motcua" / "catalogue" / "data" / "procedures.jsonl.gz"

TOPICS = {
    "civil",
    "residence",
    "identity",
    "land",
    "business",
    "construction",
    "certification",
    "insurance",
    "driving",
    "passport",
    "criminal",
    "social",
    "vehicle",
    "tax",
    "other",
    "notfound",
}
MAIN_TOPICS = TOPICS - {"vehicle", "tax", "other", "notfound"}
STYLES = {"full", "none", "casual", "story", "bare", "english"}
ASPECTS = {"documents", "fee", "time", "where", "online", "form", "general"}


def _load_split_module():
    spec = importlib.util.spec_from_file_location("eval_split", EVAL_DIR / "split.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


split = _load_split_module()


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return split.read_rows()


@pytest.fixture(scope="module")
def procedure_rows(rows) -> list[dict[str, str]]:
    return [r for r in rows if r["topic"] != "notfound" and r["style"] != "english"]


def test_header_and_every_row_have_the_eight_columns():
    lines = (EVAL_DIR / "questions.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == split.COLUMNS
    bad = [n for n, line in enumerate(lines[1:], start=2) if line.count("\t") != len(split.COLUMNS) - 1]
    assert not bad, f"lines with a wrong number of columns: {bad[:10]}"


def test_ids_are_unique_and_well_formed(rows):
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"ev\d{3}", i) for i in ids)


def test_labels_come_from_the_documented_sets(rows):
    assert {r["topic"] for r in rows} <= TOPICS
    assert {r["style"] for r in rows} <= STYLES
    assert {r["aspect"] for r in rows} <= ASPECTS


def test_every_code_exists_in_the_shipped_catalogue(rows):
    with gzip.open(CATALOGUE, "rt", encoding="utf-8") as handle:
        known = {json.loads(line)["code"] for line in handle if line.strip()}
    missing = {(r["id"], code) for r in rows for code in filter(None, r["codes"].split(",")) if code not in known}
    assert not missing


def test_codes_are_listed_once_per_row(rows):
    repeated = [r["id"] for r in rows if len(r["codes"].split(",")) != len(set(r["codes"].split(",")))]
    assert not repeated


def test_notfound_rows_have_no_codes_and_all_others_have_some(rows):
    assert all(r["codes"] == "" for r in rows if r["topic"] == "notfound")
    assert all(r["codes"] for r in rows if r["topic"] != "notfound")


def test_texts_are_nfc_and_distinct(rows):
    assert all(unicodedata.normalize("NFC", r["text"]) == r["text"] for r in rows)
    assert all(r["text"].strip() == r["text"] and r["text"] for r in rows)
    texts = Counter(r["text"].casefold() for r in rows)
    assert [t for t, n in texts.items() if n > 1] == []


def test_splits_are_the_fixed_ones(rows):
    expected = split.assign_splits(rows)
    moved = [r["id"] for r in rows if r["split"] != expected[r["id"]]]
    assert not moved, f"rows not in their seeded split: {moved[:10]}"


def test_sizes_required_by_issue_13(rows, procedure_rows):
    assert len(rows) >= 300
    assert len(procedure_rows) >= 330
    assert sum(r["topic"] == "notfound" for r in rows) >= 12
    assert sum(r["style"] == "english" for r in rows) >= 10
    assert sum(r["split"] == "test" for r in procedure_rows) >= 160
    topics = Counter(r["topic"] for r in procedure_rows)
    assert all(topics[t] >= 20 for t in MAIN_TOPICS), topics
    styles = Counter(r["style"] for r in procedure_rows)
    assert all(styles[s] >= 60 for s in STYLES - {"english"}), styles
    aspects = Counter(r["aspect"] for r in procedure_rows)
    assert all(aspects[a] >= 25 for a in ASPECTS), aspects
    assert sum(r["note"].startswith("hijack") for r in procedure_rows) >= 30


def test_story_and_bare_rows_have_their_documented_length(rows):
    stories = [r for r in rows if r["style"] == "story"]
    assert all(25 <= len(r["text"].split()) <= 60 for r in stories)
    bare = [r for r in rows if r["style"] == "bare"]
    # Vietnamese words are written as syllables: a 1-4 word name like "tạm ngừng kinh doanh hộ cá thể"
    # is at most 7 syllables, never a sentence.
    assert all(1 <= len(r["text"].split()) <= 7 and "?" not in r["text"] for r in bare)


@pytest.mark.parametrize(
    ("name", "prefix"),
    [
        *((f"dev{n}", f"d{n}-") for n in range(2, 14)),
        ("holdout5", "h5-"),
        ("holdout6", "h6-"),
        ("holdout7", "h7-"),
    ],
)
def test_the_sets_written_apart_are_well_formed_against_today_s_catalogue(name, prefix):
    """The tuning sets and the held-out set: eight columns, unique ids, NFC text, every code still in the
    shipped catalogue (a catalogue update that drops a code must be seen, not silently count as a miss)."""
    lines = (EVAL_DIR / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == split.COLUMNS
    table = [dict(zip(split.COLUMNS, line.split("\t"), strict=True)) for line in lines[1:]]
    assert len({r["id"] for r in table}) == len(table) and all(r["id"].startswith(prefix) for r in table)
    assert all(unicodedata.normalize("NFC", r["text"]) == r["text"] and r["text"] for r in table)
    with gzip.open(CATALOGUE, "rt", encoding="utf-8") as handle:
        known = {json.loads(line)["code"] for line in handle if line.strip()}
    assert not [(r["id"], c) for r in table for c in filter(None, r["codes"].split(",")) if c not in known]
