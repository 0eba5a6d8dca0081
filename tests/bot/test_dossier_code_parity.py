"""The assistant's dossier-code extractor (bot/components/dossier_code.py, Python 3.10 without the app
package) and the app's parser (motcua.dossiers.codes) accept the same shapes: both read one table of
typed codes, tests/data/dossier_codes.tsv (the bot's own test reads it too)."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

from motcua.dossiers.codes import CodeError, canonical_code

ROOT = Path(__file__).resolve().parents[2]
BOT_CODES = ROOT / "bot" / "components" / "dossier_code.py"
CASES = ROOT / "tests" / "data" / "dossier_codes.tsv"


def _cases() -> list[tuple[str, str, str]]:
    lines = [line for line in CASES.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    rows = list(csv.reader(lines[1:], delimiter="\t"))
    return [(typed, canonical, who) for typed, canonical, who in rows]


def _bot_codes():
    spec = importlib.util.spec_from_file_location("bot_dossier_code", BOT_CODES)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _app(text: str) -> str:
    try:
        return canonical_code(text)
    except CodeError:
        return ""


@pytest.mark.parametrize(("typed", "canonical", "who"), _cases())
def test_the_app_and_the_assistant_read_the_same_codes(typed, canonical, who):
    assert (_bot_codes().canonical_dossier_code(typed) or "") == canonical
    if who == "both":
        assert _app(typed) == canonical
    else:
        assert _app(canonical) == canonical
