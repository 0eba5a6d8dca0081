"""The worker against the fake Zalo API: one message per change, none for replays, quiet hours and
the daily limit merge, stopping ends messages, Zalo's error codes, retries with backoff."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from bot.bot_tests.fake_zalo import MESSAGE_PATH, TRANSACTION_PATH, running_fake_zalo
from motcua.dossiers.intake import record_event
from motcua.notifications.follows import follow, unfollow
from motcua.notifications.models import Delivery, Follow
from motcua.notifications.providers import ZaloProvider
from motcua.notifications.worker import Policy, recover_interrupted, run_once
from tests.motcua.notifications.conftest import CODE

USER = "2512523625412515"
MORNING = datetime(2026, 3, 3, 9, 0)


@pytest.fixture
def zalo():
    with running_fake_zalo() as fake:
        yield fake


def providers(fake, template_id: str = "tpl-1") -> dict:
    return {"zalo": ZaloProvider(fake.url, "at-0", template_id, timedelta(hours=48), timeout=2)}


def texts(fake) -> list[str]:
    return [
        body["message"].get("text") or body["message"]["attachment"]["payload"]["elements"][1]["content"]
        for body in fake.sent
    ]


def test_a_change_sends_exactly_one_message_with_the_new_state_and_what_to_do(db, dossier, zalo):
    follow(db, dossier, "zalo", USER, MORNING)
    record_event(db, dossier, 9, MORNING)
    db.commit()
    run_once(db, providers(zalo), MORNING)
    run_once(db, providers(zalo), MORNING + timedelta(minutes=1))
    assert len(zalo.sent) == 1
    text = texts(zalo)[0]
    assert f"Hồ sơ {CODE} đã chuyển sang: Đã xử lý xong" in text
    assert "nhận kết quả" in text and "Hủy theo dõi" in text
    delivery = db.scalar(select(Delivery))
    assert (delivery.status, delivery.provider_message_id) == ("sent", "m1")


def test_the_same_change_replayed_sends_nothing_more(db, dossier, zalo):
    follow(db, dossier, "zalo", USER, MORNING)
    record_event(db, dossier, 9, MORNING)
    db.commit()
    run_once(db, providers(zalo), MORNING)
    record_event(db, dossier, 9, MORNING)
    record_event(db, dossier, 4, MORNING - timedelta(hours=2))
    db.commit()
    run_once(db, providers(zalo), MORNING + timedelta(minutes=5))
    assert len(zalo.sent) == 1


def test_three_changes_at_22h_are_one_merged_message_at_7h(db, dossier, zalo):
    night = datetime(2026, 3, 3, 22, 0)
    follow(db, dossier, "zalo", USER, night)
    for minutes, state in ((0, 4), (10, 5), (20, 9)):
        record_event(db, dossier, state, night + timedelta(minutes=minutes))
        db.commit()
        run_once(db, providers(zalo), night + timedelta(minutes=minutes))
    assert zalo.sent == []
    run_once(db, providers(zalo), datetime(2026, 3, 4, 6, 59))
    assert zalo.sent == []
    run_once(db, providers(zalo), datetime(2026, 3, 4, 7, 0))
    assert len(zalo.sent) == 1
    assert "đã chuyển sang: Đã xử lý xong" in texts(zalo)[0] and "Đang xử lý" not in texts(zalo)[0]


def test_no_more_than_three_a_day_the_rest_merged_into_the_next_morning(db, dossier, zalo):
    follow(db, dossier, "zalo", USER, MORNING)
    for hour, state in ((9, 4), (10, 5), (11, 6), (12, 9), (13, 10)):
        record_event(db, dossier, state, MORNING.replace(hour=hour))
        db.commit()
        run_once(db, providers(zalo), MORNING.replace(hour=hour))
    assert len(zalo.sent) == 3
    run_once(db, providers(zalo), datetime(2026, 3, 4, 7, 0))
    assert len(zalo.sent) == 4 and "Đã trả kết quả" in texts(zalo)[3] and "Đã xử lý xong" not in texts(zalo)[3]



def test_an_officers_chat_replies_do_not_use_up_the_days_dossier_messages(db, dossier, zalo):
    """A conversation with an officer on Zalo (the hand-off's deliveries, keyed ``handoff:``) is not dossier
    news: five replies in a morning must not hold the dossier's change until tomorrow."""
    follow(db, dossier, "zalo", USER, MORNING)
    for number in range(5):
        db.add(Delivery(key=f"handoff:{number}", channel="zalo", recipient=USER, text=f"Cán bộ trả lời {number}",
                        status="retry", attempts=0, created_at=MORNING, next_attempt_at=MORNING, error=""))
    db.commit()
    run_once(db, providers(zalo), MORNING)
    record_event(db, dossier, 9, MORNING + timedelta(hours=1))
    db.commit()
    for minutes in range(0, 10):
        run_once(db, providers(zalo), MORNING + timedelta(hours=1, minutes=minutes))
    assert len(zalo.sent) == 6
    assert "đã chuyển sang: Đã xử lý xong" in texts(zalo)[5]

def test_after_stopping_no_more_messages(db, dossier, zalo):
    follow(db, dossier, "zalo", USER, MORNING)
    record_event(db, dossier, 4, MORNING)
    unfollow(db, dossier, "zalo", USER, MORNING)
    record_event(db, dossier, 9, MORNING + timedelta(minutes=1))
    db.commit()
    run_once(db, providers(zalo), MORNING + timedelta(minutes=2))
    assert zalo.sent == []


def test_outside_the_consultation_window_a_template_message_is_sent(db, dossier, zalo):
    follow(db, dossier, "zalo", USER, MORNING - timedelta(days=3))
    record_event(db, dossier, 5, MORNING)
    db.commit()
    run_once(db, providers(zalo), MORNING)
    assert [call["path"] for call in zalo.requests] == [TRANSACTION_PATH]
    assert zalo.sent[0]["message"]["attachment"]["payload"]["template_id"] == "tpl-1"
    assert "bổ sung" in texts(zalo)[0]


def test_zalo_saying_outside_the_window_falls_back_to_the_template(db, dossier, zalo):
    zalo.answer_next(MESSAGE_PATH, {"error": -230, "message": "User has not interacted with OA in 7 days"})
    follow(db, dossier, "zalo", USER, MORNING)
    record_event(db, dossier, 6, MORNING)
    db.commit()
    run_once(db, providers(zalo), MORNING)
    assert [call["path"] for call in zalo.requests] == [MESSAGE_PATH, TRANSACTION_PATH] and len(zalo.sent) == 1


def test_a_network_failure_is_retried_with_growing_delays_then_sent_once(db, dossier, zalo):
    zalo.drop_next(MESSAGE_PATH, 2)
    follow(db, dossier, "zalo", USER, MORNING)
    record_event(db, dossier, 9, MORNING)
    db.commit()
    run_once(db, providers(zalo), MORNING)
    first_retry = db.scalar(select(Delivery)).next_attempt_at
    run_once(db, providers(zalo), first_retry - timedelta(seconds=1))
    run_once(db, providers(zalo), first_retry)
    second_retry = db.scalar(select(Delivery)).next_attempt_at
    assert (first_retry - MORNING, second_retry - first_retry) == (timedelta(seconds=30), timedelta(minutes=1))
    run_once(db, providers(zalo), second_retry)
    assert len(zalo.sent) == 1 and db.scalar(select(Delivery)).attempts == 3


def test_an_expired_token_is_retried_and_a_blocked_oa_stops_the_follow(db, dossier, zalo):
    zalo.answer_next(MESSAGE_PATH, {"error": -216, "message": "Access token is invalid"})
    zalo.answer_next(MESSAGE_PATH, {"error": -213, "message": "User has not followed OA"})
    follow(db, dossier, "zalo", USER, MORNING)
    record_event(db, dossier, 9, MORNING)
    db.commit()
    run_once(db, providers(zalo), MORNING)
    delivery = db.scalar(select(Delivery))
    assert delivery.status == "retry" and "token" in delivery.error
    run_once(db, providers(zalo), delivery.next_attempt_at)
    db.refresh(delivery)
    assert delivery.status == "failed" and "chặn" in delivery.error
    assert db.scalar(select(Follow)).stopped_at is not None


def test_a_delivery_left_sending_by_a_crash_is_not_sent_again_on_zalo(db, dossier, zalo):
    follow(db, dossier, "zalo", USER, MORNING)
    record_event(db, dossier, 9, MORNING)
    db.commit()
    run_once(db, providers(zalo), MORNING)
    delivery = db.scalar(select(Delivery))
    delivery.status = "sending"  # as a worker killed after Zalo accepted, before marking, leaves it
    db.commit()
    assert recover_interrupted(db, providers(zalo), MORNING)["unconfirmed"] == 1
    run_once(db, providers(zalo), MORNING + timedelta(minutes=1), Policy())
    assert len(zalo.sent) == 1
