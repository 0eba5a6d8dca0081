"""Following through the API: the phone check's token is the proof; a change through the intake API
then reaches the follower once; stopping ends it; the widget's session reads its pending messages."""

from datetime import time, timedelta

import pytest
from sqlalchemy import select

from motcua.clock import now_local
from motcua.dossiers.intake import upsert_dossier
from motcua.notifications.models import Follow, Notification
from motcua.notifications.providers import WebWidgetProvider
from motcua.notifications.worker import Policy, run_once
from tests.factories import CODE, add_dossier, seed_catalogue

SESSION = "widget-session-0123456789"
COMMUNE = "000.00.12.H62"


def verified_token(client) -> str:
    answer = client.post(f"/api/v1/dossiers/{CODE}/verify", json={"phone_last4": "5678"})
    assert answer.status_code == 200, answer.json
    return answer.json["rating_token"]


def setup(db):
    seed_catalogue(db)
    add_dossier(db)
    db.commit()


def deliver(db) -> None:
    run_once(db, {"web": WebWidgetProvider()}, now_local(), Policy(quiet_from=time(0), quiet_until=time(0)))


def test_follow_after_the_phone_check_then_a_change_is_shown_once_in_the_widget(app, client, db, key_headers):
    setup(db)
    answer = client.post("/api/v1/follows", json={"token": verified_token(client), "recipient": SESSION})
    assert answer.status_code == 201 and answer.json["following"] is True
    change = {"state": 10, "at": (now_local() + timedelta(seconds=1)).isoformat()}
    intake = key_headers(COMMUNE)
    assert client.post(f"/api/v1/dossiers/{CODE}/events", json=change, headers=intake).status_code == 201
    assert client.post(f"/api/v1/dossiers/{CODE}/events", json=change, headers=intake).status_code == 200
    deliver(db)
    inbox = client.post("/api/v1/follows/inbox", json={"recipient": SESSION}).json
    assert [d["code"] for d in inbox["dossiers"]] == [CODE]
    assert len(inbox["notifications"]) == 1
    assert f"Hồ sơ {CODE} đã chuyển sang: Đã trả kết quả" in inbox["notifications"][0]["text"]
    assert client.post("/api/v1/follows/inbox", json={"recipient": SESSION}).json["notifications"] == []


def test_without_the_phone_check_token_nobody_follows(app, client, db):
    setup(db)
    answer = client.post("/api/v1/follows", json={"token": "forged.token", "recipient": SESSION})
    assert answer.status_code == 403 and "xác minh" in answer.json["message"]


def test_stop_following_means_no_more_notifications(app, client, db, key_headers):
    setup(db)
    client.post("/api/v1/follows", json={"token": verified_token(client), "recipient": SESSION})
    stop = client.post("/api/v1/follows/stop", json={"code": CODE, "recipient": SESSION})
    assert stop.status_code == 200 and stop.json["stopped"] is True
    change = {"state": 9, "at": (now_local() + timedelta(seconds=1)).isoformat()}
    client.post(f"/api/v1/dossiers/{CODE}/events", json=change, headers=key_headers(COMMUNE))
    assert db.scalars(select(Notification)).all() == []
    assert client.post("/api/v1/follows/inbox", json={"recipient": SESSION}).json["dossiers"] == []


def test_a_zalo_recipient_is_named_only_by_the_assistant(app, client, db, key_headers):
    setup(db)
    token = verified_token(client)
    anonymous = client.post("/api/v1/follows", json={"token": token, "channel": "zalo", "recipient": "u1"})
    assert anonymous.status_code == 401
    headers = {**key_headers(COMMUNE, "assistant"), "X-Motcua-Conversation": "2512523625412515"}
    answer = client.post("/api/v1/follows", json={"token": token, "channel": "zalo"}, headers=headers)
    assert answer.status_code == 201
    inbox = client.post("/api/v1/follows/inbox", json={"channel": "zalo"}, headers=headers).json
    assert [d["code"] for d in inbox["dossiers"]] == [CODE]


def test_bad_input_gets_a_vietnamese_4xx(app, client, db):
    setup(db)
    assert client.post("/api/v1/follows", data="x").status_code == 400
    short = client.post("/api/v1/follows", json={"token": "a", "recipient": "ngan"})
    assert short.status_code == 400 and "phiên" in short.json["message"]
    assert client.post("/api/v1/follows", json={"channel": "sms", "recipient": SESSION}).status_code == 422
    assert client.post("/api/v1/follows/stop", json={"code": "khong-co", "recipient": SESSION}).status_code == 404


@pytest.mark.browser
def test_lookup_page_follows_after_the_phone_check_and_stops(live_server, page, db):
    setup(db)
    page.goto(f"{live_server}/tra-cuu?ma={CODE}")
    page.fill("#last4", "5678")
    page.click("#verify-form button")
    page.click("#follow-button")
    page.wait_for_selector("#unfollow-button:not([hidden])")
    assert "Đang theo dõi" in page.inner_text("#follow-status")
    session = page.evaluate("() => window.localStorage.getItem('motcua-chat-sender')")
    db.expire_all()
    assert [(f.channel, f.recipient, f.stopped_at) for f in db.scalars(select(Follow))] == [("web", session, None)]
    page.click("#unfollow-button")
    page.wait_for_selector("#follow-button:not([hidden])")
    assert "Đã hủy theo dõi" in page.inner_text("#follow-status")


@pytest.mark.browser
def test_the_widget_shows_the_sessions_pending_notification_first_then_the_welcome(live_server, page, db, client):
    setup(db)
    client.post("/api/v1/follows", json={"token": verified_token(client), "recipient": SESSION})
    upsert_dossier(db, CODE, {"state": 10, "state_at": now_local() + timedelta(seconds=1)})
    db.commit()
    deliver(db)
    page.goto(f"{live_server}/tra-cuu")
    page.evaluate("(id) => window.localStorage.setItem('motcua-chat-sender', id)", SESSION)
    page.reload()
    page.click(".mc-chat-launcher")
    page.wait_for_selector(".mc-chat-msg >> nth=1")
    bubbles = page.locator(".mc-chat-msg").all_inner_texts()
    assert f"Hồ sơ {CODE} đã chuyển sang: Đã trả kết quả" in bubbles[0]
    assert "Xin chào" in bubbles[1]


def test_the_followed_dossiers_are_listed_in_the_asked_language(client, db):
    """The assistant asked in English lists what the citizen follows with English state names."""
    setup(db)
    client.post("/api/v1/follows", json={"token": verified_token(client), "recipient": SESSION})
    english = client.post("/api/v1/follows/inbox?lang=en", json={"recipient": SESSION}).json["dossiers"][0]
    vietnamese = client.post("/api/v1/follows/inbox?lang=vi", json={"recipient": SESSION}).json["dossiers"][0]
    assert english["state_label"] != vietnamese["state_label"] and english["state_label"].isascii()
