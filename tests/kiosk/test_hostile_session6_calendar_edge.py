"""A state change or a record dated at the calendar's edge with an offset ('0001-01-01T00:00+14:00',
'9999-12-31T23:59-12:00'): converting it to Vietnam time leaves the calendar. The intake API (whose
changes feed the followers' notifications) answers a Vietnamese 422, not a 500, and stores nothing."""

from __future__ import annotations

import pytest

from motcua.dossiers.models import Dossier
from tests.factories import CODE, COMMUNE, add_dossier, seed_catalogue

EDGES = ["0001-01-01T00:00+14:00", "9999-12-31T23:59-12:00", "0001-01-01T00:00:00+23:59"]


@pytest.fixture
def intake(db, key_headers):
    seed_catalogue(db)
    add_dossier(db)
    return key_headers(COMMUNE)


@pytest.mark.parametrize("at", EDGES)
def test_an_event_at_the_calendars_edge_is_a_vietnamese_422(client, db, intake, at):
    answer = client.post(f"/api/v1/dossiers/{CODE}/events", json={"state": 10, "at": at}, headers=intake)
    assert answer.status_code == 422, answer.get_data(as_text=True)[:200]
    assert "ISO 8601" in answer.json["message"] and "Thời gian" in answer.json["message"]
    db.expire_all()
    assert db.query(Dossier).one().state == 2


@pytest.mark.parametrize("at", EDGES)
def test_a_record_dated_at_the_calendars_edge_is_a_vietnamese_422(client, db, intake, at):
    answer = client.put(f"/api/v1/dossiers/{CODE}", json={"state": 10, "state_at": at}, headers=intake)
    assert answer.status_code == 422, answer.get_data(as_text=True)[:200]
    assert "ISO 8601" in answer.json["message"]
