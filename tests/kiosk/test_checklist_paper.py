"""The printable checklist of the busiest procedure on paper: birth registration (1.001193, 33 documents in
the shipped catalogue) printed to A4 by Chromium, pages counted with PDFium."""

from __future__ import annotations

import gzip
import json

import pytest

from motcua.catalogue.importer import SHIPPED_CATALOGUE, import_catalogue, read_records

pdfium = pytest.importorskip("pypdfium2")

pytestmark = pytest.mark.browser


def _load(db, tmp_path, code: str) -> None:
    record = next(r for _n, r, _e in read_records(SHIPPED_CATALOGUE) if r and r.get("code") == code)
    path = tmp_path / "one.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    import_catalogue(db, path)
    db.commit()


def test_birth_registration_checklist_prints_on_two_a4_pages_form_first_cases_apart(live_server, page, db, tmp_path):
    _load(db, tmp_path, "1.001193")
    page.goto(f"{live_server}/thu-tuc/1.001193/in")
    submitted = page.locator("section.documents-nop")
    names = submitted.locator(".doc-name").all_inner_texts()
    assert "Tờ khai đăng ký khai sinh" in names[0]  # the form first, not the abandoned-child case
    everyone = submitted.locator("h2 + ul.checklist .doc-name").all_inner_texts()
    cases = submitted.locator("h3.cases + ul.checklist .doc-name").all_inner_texts()
    assert any("bỏ rơi" in name for name in cases) and not any("bỏ rơi" in name for name in everyone)
    assert "Trường hợp riêng" in submitted.locator("h3.cases").inner_text()

    pdf = pdfium.PdfDocument(page.pdf(format="A4"))

    assert len(pdf) <= 2  # it was four
