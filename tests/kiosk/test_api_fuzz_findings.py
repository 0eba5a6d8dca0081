"""Requests the schemathesis run (test_api_fuzz.py) once answered wrongly, kept as plain tests: the
bounded run in ``make test`` may not draw them again, and each says what the client should have got."""

import pytest

from motcua.apikeys import SCOPES, create_api_key
from tests.motcua.dossiers.factories import CODE, add_dossier, seed_catalogue


@pytest.fixture
def intake(db) -> dict:
    seed_catalogue(db)
    add_dossier(db)
    key = create_api_key(db, "mot-cua-tinh", "000.00.00.H62", ",".join(SCOPES))
    db.commit()
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.parametrize("field", ["applicant_name", "applicant_address", "note"])
@pytest.mark.parametrize("value", [{"ho": "Nguyễn"}, ["Nguyễn", "An"]])
def test_a_text_field_sent_as_an_object_or_a_list_is_a_422_naming_the_field(client, intake, field, value):
    """Found with FUZZ_EXAMPLES=300: ``PUT /dossiers/<code>`` with ``applicant_name`` an object got
    "Nội dung quá dài" with ``"field": null``, which told the integrator neither what nor where."""
    response = client.put(f"/api/v1/dossiers/{CODE}", json={field: value}, headers=intake)

    assert response.status_code == 422
    body = response.get_json()
    assert body["field"] == field
    assert "chuỗi ký tự" in body["message"]


def test_a_text_field_too_long_names_the_field(client, intake):
    response = client.put(f"/api/v1/dossiers/{CODE}", json={"applicant_name": "A" * 256}, headers=intake)

    assert response.status_code == 422
    assert response.get_json()["field"] == "applicant_name"
