"""An app instance that dies mid-request (a 502 from the proxy), or answers too late, costs the citizen nothing
when another try can answer: reads, the phone check and ratings (idempotent on their key) are sent once more;
a complaint, which has no key, is not (it could be filed twice)."""

from __future__ import annotations

import logging
import time

import pytest
from actions.api_client import ApiUnavailable, MotCuaAPI


def flaky(first_status: int, then: tuple[int, dict]):
    calls = []

    def handler(_body):
        calls.append(1)
        return (first_status, {"error": "bad_gateway", "message": "x"}) if len(calls) == 1 else then

    return handler, calls


@pytest.mark.parametrize("status", [502, 503, 504])
def test_a_lookup_and_a_phone_check_are_sent_again_after_a_gateway_error(fake_app, api, status):
    handler, calls = flaky(status, (200, {"code": "X", "state": 4}))
    fake_app.answer_with("GET", "/api/v1/dossiers/X", handler)
    assert api.dossier("X")["state"] == 4 and len(calls) == 2

    handler, calls = flaky(status, (200, {"rating_token": "t"}))
    fake_app.answer_with("POST", "/api/v1/dossiers/X/verify", handler)
    assert api.verify_dossier("X", "1234")["rating_token"] == "t" and len(calls) == 2


def test_a_rating_is_sent_again_but_a_complaint_is_not(fake_app, api):
    handler, calls = flaky(502, (201, {"id": 1}))
    fake_app.answer_with("POST", "/api/v1/ratings", handler)
    assert api.submit_rating({"idempotency_key": "k"})["id"] == 1 and len(calls) == 2

    handler, calls = flaky(502, (201, {"reference": "KN-1"}))
    fake_app.answer_with("POST", "/api/v1/complaints", handler)
    with pytest.raises(ApiUnavailable):
        api.submit_complaint({"text": "t"})
    assert len(calls) == 1


def test_an_app_that_stays_down_is_still_reported_unreachable(fake_app, api):
    fake_app.answer("GET", "/api/v1/dossiers/X", 502, {"error": "bad_gateway", "message": "x"})
    with pytest.raises(ApiUnavailable):
        api.dossier("X")
    assert len([r for r in fake_app.requests if r["path"] == "/api/v1/dossiers/X"]) == 2


def slow_first(seconds: float, then: tuple[int, dict]):
    calls = []

    def handler(_body):
        calls.append(1)
        if len(calls) == 1:
            time.sleep(seconds)
        return then

    return handler, calls


def test_a_read_or_a_keyed_write_that_timed_out_is_sent_again_but_a_complaint_is_not(fake_app, caplog):
    """The instance left after another died may answer late for a moment; the request went to a queue
    and another try is usually served. A complaint is not sent twice (it has no key), and the operator
    reads why the citizen was told the system is unavailable, without the dossier code."""
    api = MotCuaAPI(base_url=fake_app.url, timeout=0.3)
    handler, calls = slow_first(0.6, (200, {"code": "X", "state": 4}))
    fake_app.answer_with("GET", "/api/v1/dossiers/X-1", handler)
    assert api.dossier("X-1")["state"] == 4 and len(calls) == 2

    handler, calls = slow_first(0.6, (201, {"id": 1}))
    fake_app.answer_with("POST", "/api/v1/ratings", handler)
    assert api.submit_rating({"idempotency_key": "k"})["id"] == 1 and len(calls) == 2

    handler, calls = slow_first(0.6, (201, {"reference": "KN-1"}))
    fake_app.answer_with("POST", "/api/v1/complaints", handler)
    with caplog.at_level(logging.WARNING, logger="actions.api_client"), pytest.raises(ApiUnavailable):
        api.submit_complaint({"text": "t"})
    assert len(calls) == 1
    assert "app unavailable: POST /api/v1/complaints: ReadTimeout" in caplog.text
