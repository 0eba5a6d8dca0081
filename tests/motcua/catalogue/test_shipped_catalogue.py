"""The shipped catalogue file carries what the parser gives today (rebuild it with ``build-catalogue``)."""

import re

import pytest

from motcua.catalogue.importer import SHIPPED_CATALOGUE, read_records

pytestmark = pytest.mark.skipif(not SHIPPED_CATALOGUE.exists(), reason="shipped catalogue not built")

_FORM_FILE_AT_END = re.compile(r"\.(?:docx?|pdf|xlsx?|odt|rar|zip)$", re.IGNORECASE)


def _shipped() -> dict[str, dict]:
    return {record["code"]: record for _, record, _ in read_records(SHIPPED_CATALOGUE)}


def test_the_identity_card_request_form_is_listed_apart_from_its_document():
    documents = _shipped()["1.014064"]["documents"]
    request = next(d for d in documents if d["name"].startswith("Phiếu đề nghị giải quyết thủ tục về căn cước"))
    assert request["name"] == (
        "Phiếu đề nghị giải quyết thủ tục về căn cước (Mẫu DC02 ban hành kèm theo Thông tư số 17/2024/TT-BCA của "
        "Bộ Công an)"
    )
    assert request["forms"] == ["Mẫu DC02 Phiếu đề nghị giải quyết thủ tục về căn cước.doc"]


def test_no_shipped_document_name_ends_with_a_form_file_unless_the_record_reports_it():
    unreported = [
        (record["code"], document["name"][-60:])
        for record in _shipped().values()
        for document in record["documents"]
        if _FORM_FILE_AT_END.search(document["name"])
        and not any(document["name"][-40:] in issue for issue in record["parse_issues"])
    ]
    assert unreported == []
