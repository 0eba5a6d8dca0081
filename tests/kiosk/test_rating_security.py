"""Ratings and complaints cannot be forged: a dossier is rated only with its signed token,
a kiosk rating comes only from a kiosk a manager enrolled, and both routes are rate-limited."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from motcua.clock import now_local
from motcua.dossiers.models import Dossier
from motcua.feedback.models import Complaint, KioskDevice, Rating
from motcua.feedback.tokens import make_rating_token
from tests.factories import DOSSIER_CODE, UNIT, make_centre, make_dossier

DEVICE_HEADER = "X-Kiosk-Device"
FAKE_CODE = "000.00.12.H62-260415-0999"


@pytest.fixture
def centre(db):
    make_centre(db)
    make_dossier(db)


def enrol(runner, counter: str = "Q1") -> str:
    """The device secret from the kiosk URL that ``counters enroll`` prints."""
    result = runner.invoke(args=["counters", "enroll", UNIT, counter])
    assert result.exit_code == 0, result.output
    url = re.search(r"https?://\S+", result.output).group()
    assert f"/kiosk/{UNIT}/{counter}#thiet-bi=" in url
    return url.partition("#thiet-bi=")[2]


def kiosk_rating(**fields) -> dict:
    body = {"idempotency_key": str(uuid.uuid4()), "unit_code": UNIT, "counter": "Q1", "level": "hai_long"}
    return body | {"attitude": "rat_lich_su", "source": "kiosk"} | fields


def stored(db) -> int:
    return db.scalar(select(func.count()).select_from(Rating))


def qr_url(app) -> str:
    return "/r/" + make_rating_token(app.config["SECRET_KEY"], DOSSIER_CODE, now_local())


# ---- a dossier is rated only with its signed token ------------------------------------------------


def test_a_forged_chat_rating_of_a_dossier_is_refused_and_the_qr_link_still_works(client, app, db, centre):
    forged = {
        "idempotency_key": "forged-1",
        "source": "chat",
        "dossier_code": DOSSIER_CODE,
        "level": "khong_hai_long",
        "reasons": ["cho_lau"],
    }
    response = client.post("/api/v1/ratings", json=forged)
    assert response.status_code == 403 and "hồ sơ" not in response.get_json()["message"]
    assert stored(db) == 0
    page = client.get(qr_url(app)).get_data(as_text=True)
    assert "đã được đánh giá" not in page and 'name="level"' in page
    form = {"idempotency_key": "qr-key", "level": "rat_hai_long", "attitude": "rat_lich_su"}
    assert "Cảm ơn" in client.post(qr_url(app), data=form).get_data(as_text=True)
    assert db.scalar(select(Rating.source)) == "qr"


@pytest.mark.parametrize(
    "fields",
    [
        {"source": "chat"},
        {"source": "zalo"},
        {"source": "qr"},
        {"source": "kiosk"},
        {"source": "chat", "token": "eHh4.eHh4"},
    ],
)
def test_real_and_made_up_dossier_codes_get_the_same_answer(client, db, centre, fields):
    answers = []
    for code in (DOSSIER_CODE, FAKE_CODE, DOSSIER_CODE.lower()):
        body = {"idempotency_key": str(uuid.uuid4()), "unit_code": UNIT, "level": "hai_long", "dossier_code": code}
        response = client.post("/api/v1/ratings", json=body | fields)
        answers.append((response.status_code, response.get_json()))
    assert answers[0] == answers[1] == answers[2] and answers[0][0] in (401, 403)
    assert stored(db) == 0


def test_a_token_for_one_dossier_cannot_rate_another(client, app, db, centre):
    token = make_rating_token(app.config["SECRET_KEY"], DOSSIER_CODE, now_local())
    body = {"idempotency_key": "q1", "level": "hai_long", "source": "qr", "token": token, "dossier_code": FAKE_CODE}
    assert client.post("/api/v1/ratings", json=body).status_code == 403
    assert client.post("/api/v1/ratings", json=body | {"dossier_code": DOSSIER_CODE}).status_code == 201


def test_a_complaint_naming_a_dossier_needs_its_token_and_real_and_fake_codes_look_alike(client, app, db, centre):
    answers = []
    for code in (DOSSIER_CODE, FAKE_CODE):
        body = {"unit_code": UNIT, "text": "Trễ hẹn ba ngày", "source": "web", "dossier_code": code}
        response = client.post("/api/v1/complaints", json=body)
        answers.append((response.status_code, response.get_json()))
    assert answers[0] == answers[1] and answers[0][0] == 403
    token = make_rating_token(app.config["SECRET_KEY"], DOSSIER_CODE, now_local())
    response = client.post("/api/v1/complaints", json={"text": "Trễ hẹn ba ngày", "source": "qr", "token": token})
    assert response.status_code == 201
    complaint = db.scalar(select(Complaint))
    assert complaint.dossier_id is not None and complaint.unit.code == UNIT


@pytest.mark.parametrize("source", ["chat", "zalo"])
def test_only_the_assistant_may_post_as_the_chat(client, db, centre, source):
    body = {"idempotency_key": "c1", "unit_code": UNIT, "level": "rat_hai_long", "source": source}
    assert client.post("/api/v1/ratings", json=body).status_code in (401, 403)
    complaint = {"unit_code": UNIT, "text": "Cán bộ hướng dẫn chưa rõ", "source": source}
    assert client.post("/api/v1/complaints", json=complaint).status_code in (401, 403)
    assert stored(db) == 0


# ---- a kiosk rating comes from an enrolled kiosk --------------------------------------------------


def test_a_kiosk_rating_without_a_device_credential_is_refused(client, db, centre):
    response = client.post("/api/v1/ratings", json=kiosk_rating())
    assert response.status_code == 403 and "chưa được đăng ký" in response.get_json()["message"]
    made_up = client.post("/api/v1/ratings", json=kiosk_rating(), headers={DEVICE_HEADER: "kd_" + "x" * 43})
    assert made_up.status_code == 403 and stored(db) == 0


def test_an_enrolled_kiosk_rates_its_own_counter_and_a_revoked_one_no_longer_can(client, runner, db, centre):
    secret = enrol(runner)
    response = client.post("/api/v1/ratings", json=kiosk_rating(), headers={DEVICE_HEADER: secret})
    assert response.status_code == 201, response.get_json()
    rating = db.scalar(select(Rating))
    assert (rating.counter.code, rating.officer.code, rating.device_id) == (
        "Q1",
        "CB01",
        db.scalar(select(KioskDevice.id)),
    )
    assert runner.invoke(args=["counters", "revoke", UNIT, "Q1"]).exit_code == 0
    refused = client.post("/api/v1/ratings", json=kiosk_rating(), headers={DEVICE_HEADER: secret})
    assert refused.status_code == 403 and stored(db) == 1


def test_enrolling_a_counter_again_replaces_its_previous_kiosk(client, runner, db, centre):
    old, new = enrol(runner), enrol(runner)
    assert client.post("/api/v1/ratings", json=kiosk_rating(), headers={DEVICE_HEADER: old}).status_code == 403
    assert client.post("/api/v1/ratings", json=kiosk_rating(), headers={DEVICE_HEADER: new}).status_code == 201


def test_a_kiosk_cannot_rate_another_counter(client, runner, db, centre):
    secret = enrol(runner, "Q2")
    response = client.post("/api/v1/ratings", json=kiosk_rating(counter="Q1"), headers={DEVICE_HEADER: secret})
    assert response.status_code == 403 and stored(db) == 0


def test_the_officer_named_by_the_client_is_ignored_for_the_one_on_duty(client, runner, db, centre):
    secret = enrol(runner)
    body = kiosk_rating(officer="CB02", level="rat_hai_long")
    response = client.post("/api/v1/ratings", json=body, headers={DEVICE_HEADER: secret})
    assert response.status_code == 201 and response.get_json()["officer"] == "CB01"
    chat = {"idempotency_key": "c1", "unit_code": UNIT, "level": "hai_long", "source": "qr", "officer": "CB01"}
    token = make_rating_token("test-secret", DOSSIER_CODE, now_local())
    assert client.post("/api/v1/ratings", json=chat | {"token": token}).get_json()["officer"] == "CB02"


def test_a_queued_rating_keeps_its_time_but_not_from_before_enrolment_or_the_queues_age(client, runner, db, centre):
    secret = enrol(runner)
    headers = {DEVICE_HEADER: secret}
    enrolled = db.scalar(select(KioskDevice.enrolled_at))
    before = (enrolled - timedelta(minutes=5)).isoformat() + "+07:00"
    response = client.post("/api/v1/ratings", json=kiosk_rating(created_at=before), headers=headers)
    assert response.status_code == 422 and "đăng ký" in response.get_json()["message"]
    db.execute(update(KioskDevice).values(enrolled_at=now_local() - timedelta(days=30)))
    db.commit()
    old = (now_local() - timedelta(days=8)).isoformat() + "+07:00"
    response = client.post("/api/v1/ratings", json=kiosk_rating(created_at=old), headers=headers)
    assert response.status_code == 422 and "quá cũ" in response.get_json()["message"]
    made = now_local() - timedelta(hours=3)
    response = client.post(
        "/api/v1/ratings", json=kiosk_rating(created_at=made.isoformat() + "+07:00"), headers=headers
    )
    assert response.status_code == 201 and response.get_json()["created_at"] == made.isoformat()
    assert stored(db) == 1


# ---- rate limits ----------------------------------------------------------------------------------


def test_too_many_ratings_from_one_client_get_a_429_with_a_vietnamese_message(client, app, db, centre):
    app.config["RATING_CLIENT_LIMIT"] = (3, 600)
    statuses = [client.post("/api/v1/ratings", json=kiosk_rating()).status_code for _ in range(4)]
    assert statuses == [403, 403, 403, 429]
    response = client.post("/api/v1/ratings", json=kiosk_rating())
    assert response.status_code == 429 and "quá nhiều" in response.get_json()["message"]


def test_an_enrolled_kiosk_has_its_own_limit(client, runner, app, db, centre):
    app.config["RATING_DEVICE_LIMIT"] = (2, 600)
    app.config["RATING_CLIENT_LIMIT"] = (1, 600)
    headers = {DEVICE_HEADER: enrol(runner)}
    statuses = [client.post("/api/v1/ratings", json=kiosk_rating(), headers=headers).status_code for _ in range(3)]
    assert statuses == [201, 201, 429] and stored(db) == 2


def test_too_many_complaints_from_one_client_get_a_429(client, app, centre):
    app.config["COMPLAINT_CLIENT_LIMIT"] = (2, 600)
    body = {"unit_code": UNIT, "text": "Chờ quá lâu ở quầy 2", "source": "web"}
    statuses = [client.post("/api/v1/complaints", json=body).status_code for _ in range(3)]
    assert statuses == [201, 201, 429]


def test_the_qr_page_is_rate_limited_too(client, app, centre):
    app.config["RATING_CLIENT_LIMIT"] = (2, 600)
    form = {"idempotency_key": "qr-key", "level": "rat_hai_long", "attitude": "rat_lich_su"}
    statuses = [client.post(qr_url(app), data=form).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


# ---- hostile input --------------------------------------------------------------------------------


@pytest.mark.parametrize("route", ["/api/v1/ratings", "/api/v1/complaints"])
@pytest.mark.parametrize(
    ("payload", "status"),
    [
        (b'{"comment": "' + b"x" * (6 * 1024 * 1024) + b'"}', 413),
        (b"[" * 50000 + b"]" * 50000, 400),
        (b'{"level": "hai_long"', 400),
        (b"\xff\xfe\x00", 400),
    ],
)
def test_huge_deep_or_broken_bodies_get_a_4xx(client, centre, route, payload, status):
    response = client.post(route, data=payload, content_type="application/json")
    assert response.status_code == status and response.get_json()["message"]


@pytest.mark.parametrize(
    "fields",
    [
        {"idempotency_key": "k\x00ey"},
        {"unit_code": "000.00.12\x00.H62"},
        {"comment": "Chờ lâu\x00\x1b[31m"},
        {"level": "hai_long\x07"},
        {"counter": ["Q1"]},
        {"created_at": 10**30},
        {"reasons": ["cho_lau"] * 1000},
        {"reasons": [["cho_lau"]]},
        {"attitude": {"$ne": None}},
        {"dossier_code": "\u202e" + DOSSIER_CODE},
    ],
)
def test_control_characters_and_wrong_types_get_a_4xx_never_a_500(client, runner, db, centre, fields):
    headers = {DEVICE_HEADER: enrol(runner)}
    response = client.post("/api/v1/ratings", json=kiosk_rating(**fields), headers=headers)
    assert 400 <= response.status_code < 500 and response.get_json()["message"]
    assert stored(db) == 0


@pytest.mark.parametrize(
    "fields",
    [{"text": "Trễ\x00 hẹn"}, {"contact": "09\x0012"}, {"unit_code": 12}, {"text": ["x"]}, {"token": {"a": 1}}],
)
def test_odd_complaints_get_a_4xx_never_a_500(client, centre, fields):
    body = {"unit_code": UNIT, "text": "Chờ quá lâu", "source": "web"} | fields
    response = client.post("/api/v1/complaints", json=body)
    assert 400 <= response.status_code < 500 and response.get_json()["message"]


# ---- the assistant rates after the phone check ----------------------------------------------------


def test_the_assistant_rates_the_dossier_it_verified_with_its_key_and_the_token_from_verify(
    client, app, db, centre, key_headers
):
    dossier = db.scalar(select(Dossier))
    dossier.applicant_phone = "0912345678"
    db.commit()
    headers = key_headers(UNIT, "assistant")
    verified = client.post(f"/api/v1/dossiers/{DOSSIER_CODE}/verify", json={"phone_last4": "5678"}, headers=headers)
    token = verified.get_json()["rating_token"]
    body = {"idempotency_key": "chat-1", "unit_code": UNIT, "level": "hai_long", "source": "chat"}
    assert (
        client.post("/api/v1/ratings", json=body | {"dossier_code": DOSSIER_CODE}, headers=headers).status_code == 403
    )
    response = client.post("/api/v1/ratings", json=body | {"token": token}, headers=headers)
    assert response.status_code == 201 and response.get_json()["source"] == "chat"
    assert response.get_json()["dossier_id"] == dossier.id
    complaint = {"text": "Trễ hẹn ba ngày", "source": "chat", "token": token}
    assert client.post("/api/v1/complaints", json=complaint, headers=headers).status_code == 201
    assert db.scalar(select(Complaint.dossier_id)) == dossier.id


def test_a_key_without_the_assistant_scope_or_for_another_unit_cannot_post_as_the_chat(client, db, centre, key_headers):
    from motcua.units import save_unit

    save_unit(db, "000.00.13.H62", "UBND xã Bình Dương", "xa")
    db.commit()
    body = {"idempotency_key": "chat-1", "unit_code": UNIT, "level": "hai_long", "source": "chat"}
    intake = key_headers(UNIT, "intake")
    assert client.post("/api/v1/ratings", json=body, headers=intake).status_code == 403
    other = key_headers("000.00.13.H62", "assistant")
    response = client.post("/api/v1/ratings", json=body, headers=other)
    assert response.status_code == 403 and response.get_json()["error"] == "unit_forbidden"
    unknown = {"Authorization": "Bearer mc_not-a-key"}
    assert client.post("/api/v1/ratings", json=body, headers=unknown).status_code == 401
    assert stored(db) == 0


def test_one_conversation_cannot_spend_the_assistants_budget(client, app, db, centre, key_headers):
    app.config["RATING_CONVERSATION_LIMIT"] = (2, 600)
    headers = key_headers(UNIT, "assistant")
    body = {"unit_code": UNIT, "level": "hai_long", "source": "chat"}

    def post(conversation: str, key: str) -> int:
        headers_now = headers | {"X-Motcua-Conversation": conversation}
        return client.post("/api/v1/ratings", json=body | {"idempotency_key": key}, headers=headers_now).status_code

    assert [post("zalo:123", f"a{n}") for n in range(3)] == [201, 201, 429]
    assert post("web:456", "b1") == 201


def test_the_counter_state_tells_a_kiosk_whether_its_credential_still_holds(client, runner, db, centre):
    url = f"/api/v1/units/{UNIT}/counters/Q1"
    assert client.get(url).get_json()["enrolled"] is False
    secret = enrol(runner)
    assert client.get(url, headers={DEVICE_HEADER: secret}).get_json()["enrolled"] is True
    other = f"/api/v1/units/{UNIT}/counters/Q2"
    assert client.get(other, headers={DEVICE_HEADER: secret}).get_json()["enrolled"] is False
    runner.invoke(args=["counters", "revoke", UNIT, "Q1"])
    assert client.get(url, headers={DEVICE_HEADER: secret}).get_json()["enrolled"] is False


def test_a_forged_rating_is_logged_with_the_client_and_never_the_secret(client, db, centre, caplog):
    forged = kiosk_rating()
    with caplog.at_level("WARNING", logger="kiosk.api.ratings"):
        client.post("/api/v1/ratings", json=forged, headers={DEVICE_HEADER: "kd_guessed-secret"})
    assert "rating refused (device_required) client=127.0.0.1" in caplog.text
    assert "kd_guessed-secret" not in caplog.text
