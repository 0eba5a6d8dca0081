from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from motcua.feedback import ratings
from motcua.feedback.errors import RatingError
from motcua.feedback.models import Rating
from motcua.feedback.ratings import RatingInput, Sender, submit_rating
from motcua.feedback.tokens import make_rating_token
from motcua.staff import Counter
from motcua.units import get_unit
from tests.factories import DOSSIER_CODE, UNIT, enrol_kiosk, make_centre, make_dossier

NOW = datetime(2026, 4, 20, 10, 0)
SECRET = "test-secret"


@pytest.fixture
def centre(db):
    make_centre(db)


@pytest.fixture
def device(db, centre) -> Sender:
    return enrol_kiosk(db, at=NOW - timedelta(days=30))


def kiosk(key="k1", **fields) -> RatingInput:
    values = {"idempotency_key": key, "unit_code": UNIT, "counter": "Q1", "level": "rat_hai_long"}
    return RatingInput(**(values | {"attitude": "rat_lich_su"} | fields))


def assistant(db, *units: str) -> Sender:
    """The assistant's action server, with a key reaching ``units``."""
    return Sender(assistant=True, unit_ids=frozenset(get_unit(db, code).id for code in units or (UNIT,)))


def count(db) -> int:
    return db.scalar(select(func.count()).select_from(Rating))


def test_a_kiosk_rating_is_credited_to_the_officer_on_duty(db, device):
    rating, created = submit_rating(db, kiosk(), SECRET, NOW, device)
    assert created and rating["officer"] == "CB01" and rating["counter"] == "Q1"
    assert rating["source"] == "kiosk" and rating["created_at"] == NOW.isoformat()


def test_the_same_key_twice_stores_one_rating_and_returns_it(db, device):
    first, _ = submit_rating(db, kiosk(), SECRET, NOW, device)
    again, created = submit_rating(db, kiosk(level="hai_long"), SECRET, NOW + timedelta(minutes=5), device)
    assert not created and again == first and again["level"] == "rat_hai_long"
    assert count(db) == 1


def test_a_key_stored_by_another_process_is_answered_from_the_unique_constraint(db, device, app):
    """Another worker stored the key a moment ago: our insert fails and we return its rating."""
    other = app.extensions["motcua.sessions"]()
    first, _ = submit_rating(other, kiosk(), SECRET, NOW, device)
    other.close()
    rating, created = submit_rating(db, kiosk(level="hai_long"), SECRET, NOW, device)
    assert not created and rating == first and count(db) == 1


def test_a_repeat_that_no_longer_passes_the_checks_still_gets_its_stored_rating(db):
    make_centre(db, scale=5)
    device = enrol_kiosk(db, at=NOW - timedelta(days=1))
    first, _ = submit_rating(db, kiosk(level="rat_khong_hai_long", reasons=["cho_lau"]), SECRET, NOW, device)
    get_unit(db, UNIT).rating_scale = 4
    db.commit()
    again, created = submit_rating(db, kiosk(level="rat_khong_hai_long", reasons=["cho_lau"]), SECRET, NOW, device)
    assert not created and again == first
    with pytest.raises(RatingError, match="không có trong thang"):
        submit_rating(db, kiosk("new-key", level="rat_khong_hai_long", reasons=["cho_lau"]), SECRET, NOW, device)


def test_a_closed_counter_still_takes_the_ratings_its_kiosk_queued(db, device):
    db.scalar(select(Counter).where(Counter.code == "Q1")).active = False
    db.commit()
    rating, created = submit_rating(db, kiosk(), SECRET, NOW, device)
    assert created and rating["counter"] == "Q1"


def test_a_queued_kiosk_rating_keeps_the_time_it_was_made(db, device):
    made = NOW - timedelta(hours=3)
    rating, _ = submit_rating(db, kiosk(created_at=made.isoformat() + "+07:00"), SECRET, NOW, device)
    assert rating["created_at"] == made.isoformat()


def test_a_kiosk_clock_ahead_of_the_servers_is_replaced_by_the_servers(db, device):
    rating, _ = submit_rating(db, kiosk(created_at=(NOW + timedelta(minutes=5)).isoformat()), SECRET, NOW, device)
    assert rating["created_at"] == NOW.isoformat()
    later, _ = submit_rating(db, kiosk("k2", created_at="2099-01-01T00:00:00"), SECRET, NOW, device)
    assert later["created_at"] == NOW.isoformat()


@pytest.mark.parametrize(
    ("created_at", "code"),
    [
        ("2020-01-01T00:00:00", "rating_too_old"),
        ((NOW - timedelta(days=7, minutes=1)).isoformat(), "rating_too_old"),
        ((NOW - timedelta(days=2)).isoformat(), "before_enrolment"),
        ("hôm qua", "invalid_created_at"),
    ],
)
def test_a_kiosk_rating_older_than_the_queue_or_the_enrolment_is_refused(db, centre, created_at, code):
    device = enrol_kiosk(db, at=NOW - timedelta(days=1))
    with pytest.raises(RatingError) as caught:
        submit_rating(db, kiosk(created_at=created_at), SECRET, NOW, device)
    assert caught.value.code == code and count(db) == 0


@pytest.mark.parametrize(
    ("fields", "status", "code", "words"),
    [
        ({"unit_code": "NOPE"}, 403, "device_other_counter", "quầy khác"),
        ({"counter": "Q9"}, 403, "device_other_counter", "quầy khác"),
        ({"level": "rat_khong_hai_long"}, 422, "invalid_level", "không có trong thang"),
        ({"level": "khong_hai_long"}, 422, "reason_required", "lý do"),
        ({"attitude": "tuyet voi"}, 422, "invalid_attitude", "thái độ"),
        ({"reasons": ["khong ro"]}, 422, "invalid_reason", "Lý do"),
        ({"comment": "x" * 1001}, 422, "comment_too_long", "1.000"),
        ({"source": "fax"}, 422, "invalid_source", "Nguồn"),
        ({"dossier_code": DOSSIER_CODE}, 403, "token_required", "mã đánh giá"),
        ({"comment": "Chờ\x00 lâu"}, 422, "invalid_characters", "ký tự"),
        ({"idempotency_key": ""}, 422, "invalid_idempotency_key", "idempotency_key"),
    ],
)
def test_invalid_ratings_are_refused_with_a_vietnamese_message(db, device, fields, status, code, words):
    with pytest.raises(RatingError) as caught:
        submit_rating(db, kiosk(**fields), SECRET, NOW, device)
    assert (caught.value.status, caught.value.code) == (status, code)
    assert words in caught.value.message
    assert count(db) == 0


def test_the_lowest_level_is_accepted_with_a_reason_or_a_comment(db, device):
    submit_rating(db, kiosk("a", level="khong_hai_long", reasons=["Chờ lâu", "cho_lau"]), SECRET, NOW, device)
    submit_rating(db, kiosk("b", level="khong_hai_long", comment="Phải đi lại ba lần"), SECRET, NOW, device)
    assert db.scalar(select(Rating.reasons).where(Rating.idempotency_key == "a")) == ["cho_lau"]


def test_a_bad_face_left_on_the_kiosk_without_a_reason_is_kept(db, device):
    """The citizen tapped "Không hài lòng" and walked away: the signal matters most, the reason is unknown."""
    rating, created = submit_rating(db, kiosk(level="khong_hai_long", left_idle=True), SECRET, NOW, device)
    assert created and rating["level"] == "khong_hai_long" and rating["reasons"] == []


def test_only_an_enrolled_kiosk_may_leave_the_reason_out(db, centre):
    """Elsewhere the citizen is still there to be asked: "left idle" from the assistant is refused."""
    data = kiosk(level="khong_hai_long", left_idle=True, source="chat", counter="")
    with pytest.raises(RatingError) as caught:
        submit_rating(db, data, SECRET, NOW, assistant(db))
    assert caught.value.code == "reason_required" and count(db) == 0


def test_a_five_level_unit_accepts_very_dissatisfied(db):
    make_centre(db, scale=5)
    device = enrol_kiosk(db, at=NOW - timedelta(days=1))
    rating, _ = submit_rating(db, kiosk(level="rat_khong_hai_long", reasons=["nhung_nhieu"]), SECRET, NOW, device)
    assert rating["level"] == "rat_khong_hai_long"


def test_a_qr_rating_is_linked_to_the_dossier_and_its_receiving_officer(db, centre):
    dossier = make_dossier(db)
    token = make_rating_token(SECRET, DOSSIER_CODE, NOW)
    rating, _ = submit_rating(db, RatingInput("q1", level="hai_long", token=token, source="qr"), SECRET, NOW)
    assert rating["dossier_id"] == dossier.id and rating["officer"] == "CB02"
    assert rating["unit_code"] == UNIT and rating["counter"] is None and rating["source"] == "qr"


def test_a_qr_token_rates_its_dossier_once(db, centre):
    make_dossier(db)
    token = make_rating_token(SECRET, DOSSIER_CODE, NOW)
    submit_rating(db, RatingInput("q1", level="hai_long", token=token), SECRET, NOW)
    with pytest.raises(RatingError) as caught:
        submit_rating(db, RatingInput("q2", level="rat_hai_long", token=token), SECRET, NOW)
    assert caught.value.status == 409 and "đã được đánh giá" in caught.value.message
    assert count(db) == 1


def test_two_processes_using_one_qr_token_store_one_rating(db, centre, monkeypatch):
    """Both pass the "already rated?" check; the unique column lets only one commit."""
    make_dossier(db)
    token = make_rating_token(SECRET, DOSSIER_CODE, NOW)
    monkeypatch.setattr(ratings, "_already_rated", lambda session, dossier_id: False)
    submit_rating(db, RatingInput("q1", level="hai_long", token=token), SECRET, NOW)
    with pytest.raises(RatingError) as caught:
        submit_rating(db, RatingInput("q2", level="hai_long", token=token), SECRET, NOW)
    assert caught.value.code == "already_rated" and count(db) == 1


def test_a_forged_or_expired_token_is_refused(db, centre):
    make_dossier(db)
    forged = make_rating_token("not-the-secret", DOSSIER_CODE, NOW)
    expired = make_rating_token(SECRET, DOSSIER_CODE, NOW - timedelta(days=31))
    for key, token in (("f", forged), ("e", expired)):
        with pytest.raises(RatingError) as caught:
            submit_rating(db, RatingInput(key, level="hai_long", token=token), SECRET, NOW)
        assert caught.value.status == 403
    assert count(db) == 0


def test_a_chat_rating_of_a_dossier_is_single_use_too(db, centre):
    make_dossier(db)
    token = make_rating_token(SECRET, DOSSIER_CODE, NOW)
    chat = RatingInput("c1", level="hai_long", source="chat", token=token, dossier_code=" 000.00.12.h62-260415-0001 ")
    rating, _ = submit_rating(db, chat, SECRET, NOW, assistant(db))
    assert rating["dossier_id"] is not None and rating["officer"] == "CB02" and rating["source"] == "chat"
    again = RatingInput("c2", level="hai_long", source="zalo", token=token)
    with pytest.raises(RatingError, match="đã được đánh giá"):
        submit_rating(db, again, SECRET, NOW, assistant(db))


def test_a_chat_rating_of_a_dossier_needs_the_token_from_the_phone_check(db, centre):
    make_dossier(db)
    chat = RatingInput("c1", level="khong_hai_long", reasons=["cho_lau"], source="chat", dossier_code=DOSSIER_CODE)
    with pytest.raises(RatingError) as caught:
        submit_rating(db, chat, SECRET, NOW, assistant(db))
    assert (caught.value.status, caught.value.code) == (403, "token_required") and count(db) == 0


def test_a_chat_rating_without_a_dossier_needs_a_unit(db, centre):
    chat = RatingInput("c1", level="hai_long", source="chat", unit_code=UNIT)
    rating, _ = submit_rating(db, chat, SECRET, NOW, assistant(db))
    assert rating["dossier_id"] is None and rating["officer"] is None


def test_the_chat_channels_are_the_assistants_alone(db, centre):
    for source in ("chat", "zalo"):
        with pytest.raises(RatingError) as caught:
            submit_rating(db, RatingInput("c1", level="hai_long", source=source, unit_code=UNIT), SECRET, NOW)
        assert caught.value.code == "assistant_only"


def test_the_assistants_key_rates_only_its_own_units(db, centre):
    from motcua.units import save_unit

    save_unit(db, "000.00.13.H62", "UBND xã khác", "xa")
    db.commit()
    chat = RatingInput("c1", level="hai_long", source="chat", unit_code=UNIT)
    with pytest.raises(RatingError) as caught:
        submit_rating(db, chat, SECRET, NOW, assistant(db, "000.00.13.H62"))
    assert caught.value.code == "unit_forbidden" and count(db) == 0


def test_a_centres_assistant_rates_a_communes_dossier_for_the_commune(db, centre):
    from motcua.units import get_unit, save_unit

    save_unit(db, "000.00.00.H62", "Trung tâm tỉnh", "tinh")
    get_unit(db, UNIT).parent = get_unit(db, "000.00.00.H62")
    save_unit(db, "000.00.13.H62", "UBND xã khác", "xa")
    db.commit()
    make_dossier(db)
    token = make_rating_token(SECRET, DOSSIER_CODE, NOW)
    chat = RatingInput("c1", level="hai_long", source="chat", unit_code="000.00.00.H62", token=token)
    centres_key = assistant(db, "000.00.00.H62", UNIT, "000.00.13.H62")
    rating, _ = submit_rating(db, chat, SECRET, NOW, centres_key)
    assert rating["unit_code"] == UNIT
    other = RatingInput("c2", level="hai_long", source="zalo", unit_code="000.00.13.H62", token=token)
    with pytest.raises(RatingError, match="không thuộc đơn vị"):
        submit_rating(db, other, SECRET, NOW, centres_key)
