import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from motcua.clock import now_local
from motcua.feedback.devices import enrol_device
from motcua.feedback.models import Complaint, Rating
from motcua.feedback.tokens import make_rating_token
from tests.factories import DOSSIER_CODE, UNIT, make_centre, make_dossier


@pytest.fixture
def centre(db):
    make_centre(db)


@pytest.fixture
def kiosk(client, db, centre):
    """The test client as the enrolled kiosk of counter Q1 (its credential on every request)."""
    _device, secret = enrol_device(db, UNIT, "Q1", now_local() - timedelta(days=1))
    db.commit()
    client.environ_base["HTTP_X_KIOSK_DEVICE"] = secret
    return client


def rating(**fields) -> dict:
    body = {"idempotency_key": str(uuid.uuid4()), "unit_code": UNIT, "counter": "Q1", "level": "hai_long"}
    return body | {"attitude": "rat_lich_su", "source": "kiosk"} | fields


def stored(db) -> int:
    return db.scalar(select(func.count()).select_from(Rating))


def test_a_new_rating_is_created_and_a_repeat_returns_the_same_rating(kiosk, db):
    body = rating()
    first = kiosk.post("/api/v1/ratings", json=body)
    again = kiosk.post("/api/v1/ratings", json=body | {"level": "khong_hai_long"})
    assert first.status_code == 201 and again.status_code == 200
    assert again.get_json() == first.get_json()
    assert first.get_json()["officer"] == "CB01" and stored(db) == 1


@pytest.mark.parametrize(
    ("fields", "status", "words"),
    [
        ({"unit_code": "000.00.99.H62"}, 403, "quầy khác"),
        ({"counter": "Q7"}, 403, "quầy khác"),
        ({"level": "tuyet_voi"}, 422, "Mức đánh giá"),
        ({"level": "khong_hai_long", "reasons": []}, 422, "lý do"),
        ({"comment": "ý" * 1001}, 422, "1.000 ký tự"),
        ({"reasons": "cho_lau"}, 422, "danh sách"),
        ({"level": ["hai_long"]}, 422, "chuỗi"),
        ({"token": "abc.def", "source": "qr"}, 403, "không hợp lệ"),
    ],
)
def test_invalid_ratings_get_a_4xx_with_a_vietnamese_message(kiosk, db, fields, status, words):
    response = kiosk.post("/api/v1/ratings", json=rating(**fields))
    assert response.status_code == status
    assert words in response.get_json()["message"]
    assert stored(db) == 0


@pytest.mark.parametrize("payload", [b"not json", b"[1, 2]", b"null"])
def test_a_body_that_is_not_a_json_object_is_a_400(client, centre, payload):
    response = client.post("/api/v1/ratings", data=payload, content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"] == "invalid_json"


def test_a_qr_token_is_used_once_then_refused_as_already_rated(client, app, db, centre):
    make_dossier(db)
    token = make_rating_token(app.config["SECRET_KEY"], DOSSIER_CODE, now_local())
    body = {"idempotency_key": "qr-1", "level": "rat_hai_long", "source": "qr", "token": token}
    assert client.post("/api/v1/ratings", json=body).status_code == 201
    assert client.post("/api/v1/ratings", json=body).status_code == 200
    second = client.post("/api/v1/ratings", json=body | {"idempotency_key": "qr-2"})
    assert second.status_code == 409 and "đã được đánh giá" in second.get_json()["message"]


def test_the_rating_scale_follows_the_unit_configuration(client, db):
    make_centre(db, scale=3)
    body = client.get(f"/api/v1/units/{UNIT}/rating-scale").get_json()
    assert [level["key"] for level in body["levels"]] == ["rat_hai_long", "hai_long", "khong_hai_long"]
    assert body["attitudes"][0] == {
        "key": "rat_lich_su",
        "label": "Rất lịch sự, thân thiện, dễ gần",
        "label_en": "Very polite and friendly",
    }
    assert "Chờ lâu" in [reason["label"] for reason in body["reasons"]] and body["question"]


def test_the_rating_scale_of_an_unknown_unit_is_a_404(client, centre):
    assert client.get("/api/v1/units/NOPE/rating-scale").status_code == 404


def test_the_counter_state_names_the_officer_on_duty(client, centre):
    body = client.get(f"/api/v1/units/{UNIT}/counters/Q1").get_json()
    assert body["officer"] == {"code": "CB01", "name": "Trần Văn Minh"}
    assert client.get(f"/api/v1/units/{UNIT}/counters/Q2").get_json()["officer"] is None


def test_a_complaint_is_stored_and_acknowledged_with_its_reference(client, db, centre):
    response = client.post(
        "/api/v1/complaints", json={"unit_code": UNIT, "text": "Chờ quá lâu ở quầy 2", "source": "web"}
    )
    body = response.get_json()
    assert response.status_code == 201 and body["reference"] in body["message"]
    assert db.scalar(select(Complaint.text)) == "Chờ quá lâu ở quầy 2"


def test_a_complaint_without_text_is_a_422(client, centre):
    response = client.post("/api/v1/complaints", json={"unit_code": UNIT, "text": ""})
    assert response.status_code == 422 and "nội dung" in response.get_json()["message"]


@pytest.mark.parametrize(
    "fields",
    [
        {"idempotency_key": 12345},
        {"idempotency_key": "k" * 500},
        {"reasons": [{"x": 1}, None]},
        {"reasons": {"cho_lau": True}},
        {"created_at": "hôm qua"},
        {"created_at": "2026-13-45T99:99"},
        {"level": None},
        {"level": True},
        {"unit_code": "Đ" * 10000},
        {"counter": {"code": "Q1"}},
        {"token": "." * 300, "source": "qr"},
        {"token": "x" * 5000},
        {"source": "QR", "dossier_code": "không-phải-mã"},
        {"source": "chat", "unit_code": "", "dossier_code": ""},
        {"officer": "'; DROP TABLE ratings; --"},
    ],
)
def test_odd_input_never_gets_a_500(kiosk, fields):
    response = kiosk.post("/api/v1/ratings", json=rating(**fields))
    body = response.get_json()
    assert response.status_code < 500
    assert response.status_code == 201 or body["message"]


def test_a_bad_face_the_kiosk_completed_on_idle_is_stored_without_a_reason(kiosk, client, db):
    """A citizen who touched the lowest face and walked away: the kiosk sends it with ``left_idle``; only
    an enrolled kiosk may, and only ``true`` counts."""
    idle = kiosk.post("/api/v1/ratings", json=rating(level="khong_hai_long", reasons=[], left_idle=True))
    assert idle.status_code == 201 and stored(db) == 1
    not_true = kiosk.post("/api/v1/ratings", json=rating(level="khong_hai_long", reasons=[], left_idle="yes"))
    assert not_true.status_code == 422 and "lý do" in not_true.get_json()["message"]
    del client.environ_base["HTTP_X_KIOSK_DEVICE"]
    anyone = client.post("/api/v1/ratings", json=rating(level="khong_hai_long", reasons=[], left_idle=True))
    assert anyone.status_code in (403, 422) and stored(db) == 1
