"""Requests the schemathesis run (test_api_fuzz.py) once answered wrongly, kept as plain tests: the
bounded run in ``make test`` may not draw them again, and each says what the client should have got."""

import pytest

from motcua.apikeys import SCOPES
from tests.factories import CODE, add_dossier, seed_catalogue


@pytest.fixture
def intake(db, key_headers) -> dict:
    seed_catalogue(db)
    add_dossier(db)
    return key_headers("000.00.00.H62", ",".join(SCOPES))


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


NUL_REQUESTS = [
    ("GET", "/api/v1/units/a%00b", None),
    ("GET", "/api/v1/units/000.00.12.H62/counters/Q%001", None),
    ("GET", "/api/v1/procedures/1%00", None),
    ("POST", "/api/v1/dossiers/a%00b/verify", {"phone_last4": "1234"}),
    ("PUT", f"/api/v1/dossiers/{CODE}", {"applicant_name": "Nguyễn\x00An"}),
    ("POST", f"/api/v1/dossiers/{CODE}/events", {"state": 4, "note": "a\x00b"}),
    ("GET", "/api/v1/reports/summary?unit=a%00b&from=2026-01-01&to=2026-01-31", None),
]


@pytest.mark.parametrize(("method", "url", "body"), NUL_REQUESTS)
def test_a_nul_character_anywhere_in_an_api_request_is_a_400(client, intake, method, url, body):
    """Found on PostgreSQL: its text cannot hold NUL (0x00), so a code or a field carrying one reached
    the database and came back as a 500 (``GET /api/v1/reports/summary?unit=%3B~%C2%A6%00%C3%81%27``)."""
    response = client.open(url, method=method, json=body, headers=intake)

    assert response.status_code == 400
    assert response.get_json()["error"] == "invalid_characters"
    assert "ký tự không hợp lệ" in response.get_json()["message"]


@pytest.mark.parametrize(
    ("url", "form"), [("/thu-tuc/1%00", None), ("/auth/login", {"username": "admin\x00", "password": "x"})]
)
def test_a_nul_character_in_a_page_request_is_a_400_page_in_vietnamese(client, intake, url, form):
    response = client.post(url, data=form) if form else client.get(url)

    assert response.status_code == 400
    assert "ký tự không hợp lệ" in response.get_data(as_text=True)


def test_a_sign_in_link_with_nul_in_next_is_refused_and_sends_nobody_anywhere(client, intake):
    """``/auth/login?next=/%00/evil.example``: refused like every request carrying NUL, with no redirect."""
    response = client.post("/auth/login?next=/%00/evil.example", data={"username": "quanly", "password": "x"})

    assert response.status_code == 400
    assert "Location" not in response.headers
