"""The notice and the public page's rows come from the inventory, in Vietnamese."""

from __future__ import annotations

import unicodedata

from motcua.privacy.inventory import database_inventory
from motcua.privacy.notice import PAGE_PATH, TABLE_LABELS, notice, public_rows


def test_the_notice_links_to_the_public_page_in_both_languages():
    assert notice("vi", "https://motcua.example.vn/").endswith("https://motcua.example.vn/du-lieu-ca-nhan")
    assert "số định danh" in notice("vi") and "ID numbers" in notice("en")
    assert notice("xx") == notice("vi")
    assert PAGE_PATH == "/du-lieu-ca-nhan"


def test_the_public_page_lists_every_personal_line_and_nothing_else():
    personal = [line for line in database_inventory() if line.personal]
    rows = public_rows()
    assert len(rows) == len(personal)
    assert any(row.fields == "applicant_identifier" and "mã hóa" in row.purpose for row in rows)
    assert all(line.table in TABLE_LABELS for line in personal), "a table without its Vietnamese label"
    for row in rows:
        for text in (row.source, row.purpose, row.legal_basis, row.retention):
            assert text and unicodedata.normalize("NFC", text) == text
