"""A data request's reference (``YC-`` and ten letters or digits, motcua/privacy/requests.py) is the
only proof for its status: the scrubber (JSON logs, stored chat) replaces it like a dossier code, in
any case, in a URL path or in a sentence, and leaves words that merely start with 'yc' alone."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from motcua.privacy.requests import file_request
from motcua.privacy.scrub import REQUEST, scrub

BOT_SCRUB = Path(__file__).resolve().parents[3] / "bot" / "stores" / "scrub.py"


@pytest.mark.parametrize(
    "text, reference",
    [
        ("GET /api/v1/data-requests/YC-ABCDEFGH23 200", "YC-ABCDEFGH23"),
        ("/quan-ly/yeu-cau-du-lieu/YC-ZZ23456789/xu-ly", "YC-ZZ23456789"),
        ("mã yêu cầu của tôi là yc-abcdefgh23 nhé", "yc-abcdefgh23"),
        ("Đã tiếp nhận yêu cầu YC-K7M2P9Q3RT. Hạn trả lời: 10:00 ngày 02/03/2026.", "YC-K7M2P9Q3RT"),
    ],
)
def test_a_reference_is_replaced(text, reference):
    scrubbed = scrub(text)

    assert reference not in scrubbed and reference.upper() not in scrubbed.upper()
    assert REQUEST in scrubbed


def test_a_reference_the_code_makes_is_replaced(db):
    from motcua.clock import now_local
    from tests.factories import add_dossier, seed_catalogue

    seed_catalogue(db)
    request = file_request(db, add_dossier(db), "xem", now_local())

    assert scrub(f"path=/api/v1/data-requests/{request.reference}") == f"path=/api/v1/data-requests/{REQUEST}"


@pytest.mark.parametrize(
    "text",
    ["BICYC-ABCDEFGH23", "yc-abc", "Hạn trả lời 72 giờ (YC là mã yêu cầu)", "YC-ABCDEFGH2345678"],
)
def test_other_text_is_left_alone(text):
    assert scrub(text) == text


def test_the_bot_copy_replaces_references_too():
    spec = importlib.util.spec_from_file_location("bot_scrub_copy", BOT_SCRUB)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    assert module.scrub("YC-ABCDEFGH23") == module.REQUEST
