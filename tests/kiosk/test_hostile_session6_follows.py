"""Hostile probes of following a dossier (/api/v1/follows, /follows/stop, /follows/inbox): nobody follows
a dossier they did not prove, reads another follower's inbox or stops another follower, and a Zalo
recipient is named only by the assistant's key; hostile JSON gets a Vietnamese 4xx, never a 500."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from sqlalchemy import select

from motcua.clock import now_local
from motcua.feedback.tokens import make_rating_token
from motcua.notifications.models import Follow
from motcua.notifications.providers import WebWidgetProvider
from motcua.notifications.worker import Policy, run_once
from tests.factories import CODE, COMMUNE, add_dossier, seed_catalogue

VICTIM = "victim-widget-session-0123456789"
ATTACKER = "attacker-widget-session-987654"
OTHER_CODE = "000.00.12.H62-260302-0002"
ZALO_USER = "2512523625412515"


@pytest.fixture
def dossiers(app, db):
    app.config["DOSSIER_VERIFY_SECONDS"] = 0
    seed_catalogue(db)
    add_dossier(db)
    add_dossier(db, OTHER_CODE, applicant_phone="0977001122")
    db.commit()


def verified_token(client, code: str = CODE, last4: str = "5678") -> str:
    answer = client.post(f"/api/v1/dossiers/{code}/verify", json={"phone_last4": last4})
    assert answer.status_code == 200, answer.json
    return answer.json["rating_token"]


def follows(db) -> list[tuple[str, str, str]]:
    db.expire_all()
    return sorted((f.dossier.code, f.channel, f.recipient) for f in db.scalars(select(Follow)))


def change_state(client, key_headers, code: str = CODE, state: int = 10) -> None:
    change = {"state": state, "at": (now_local() + timedelta(seconds=1)).isoformat()}
    assert client.post(f"/api/v1/dossiers/{code}/events", json=change, headers=key_headers(COMMUNE)).status_code == 201


def deliver(db) -> None:
    run_once(db, {"web": WebWidgetProvider()}, now_local(), Policy(quiet_from=time(0), quiet_until=time(0)))


@pytest.mark.parametrize(
    "token",
    [
        None,
        "",
        "forged.token",
        "a.b.c",
        ["x"],
        {"code": CODE},
        12345,
        "x" * 100_000,
    ],
)
def test_nobody_follows_without_a_proof_of_the_dossier(client, db, dossiers, token):
    answer = client.post("/api/v1/follows", json={"token": token, "recipient": ATTACKER, "code": CODE})
    assert answer.status_code in (400, 403, 422), answer.json
    assert "xác minh" in answer.json["message"] or "hợp lệ" in answer.json["message"]
    assert follows(db) == []


def test_an_expired_token_or_one_signed_with_another_secret_follows_nothing(app, client, db, dossiers):
    expired = make_rating_token(app.config["SECRET_KEY"], CODE, now_local() - timedelta(days=31))
    foreign = make_rating_token("another-secret", CODE, now_local())
    for token in (expired, foreign):
        answer = client.post("/api/v1/follows", json={"token": token, "recipient": ATTACKER})
        assert answer.status_code == 403 and "xác minh" in answer.json["message"]
    assert follows(db) == []


def test_a_token_of_one_dossier_follows_that_dossier_only_whatever_code_the_body_names(client, db, dossiers):
    token = verified_token(client)  # the attacker proved their own dossier (CODE) ...
    answer = client.post("/api/v1/follows", json={"token": token, "recipient": ATTACKER, "code": OTHER_CODE})
    assert answer.status_code == 201 and answer.json["code"] == CODE  # ... and cannot switch to another
    assert follows(db) == [(CODE, "web", ATTACKER)]


def test_a_wrong_phone_check_gives_no_token_to_follow_with(client, db, dossiers):
    answer = client.post(f"/api/v1/dossiers/{OTHER_CODE}/verify", json={"phone_last4": "5678"})
    assert answer.status_code == 404 and "rating_token" not in (answer.json or {})


def test_another_session_reads_nothing_of_a_followers_inbox_and_leaves_it_unread(client, db, dossiers, key_headers):
    followed = client.post("/api/v1/follows", json={"token": verified_token(client), "recipient": VICTIM})
    assert followed.status_code == 201
    change_state(client, key_headers)
    deliver(db)
    stranger = client.post("/api/v1/follows/inbox", json={"recipient": ATTACKER})
    assert stranger.status_code == 200 and stranger.json == {"dossiers": [], "notifications": []}
    # The same session id on the Zalo channel's name, without the key: refused, not read.
    as_zalo = client.post("/api/v1/follows/inbox", json={"channel": "zalo", "recipient": VICTIM})
    assert as_zalo.status_code == 401
    victim = client.post("/api/v1/follows/inbox", json={"recipient": VICTIM}).json
    assert [d["code"] for d in victim["dossiers"]] == [CODE] and len(victim["notifications"]) == 1


def test_another_session_cannot_stop_a_followers_follow(client, db, dossiers, key_headers):
    client.post("/api/v1/follows", json={"token": verified_token(client), "recipient": VICTIM})
    stop = client.post("/api/v1/follows/stop", json={"code": CODE, "recipient": ATTACKER})
    assert stop.status_code == 200 and stop.json["stopped"] is False
    as_zalo = client.post("/api/v1/follows/stop", json={"code": CODE, "channel": "zalo", "recipient": VICTIM})
    assert as_zalo.status_code == 401
    db.expire_all()
    assert [f.stopped_at for f in db.scalars(select(Follow))] == [None]


def test_a_zalo_user_id_is_accepted_only_from_the_assistants_key(client, db, dossiers, key_headers):
    token = verified_token(client)
    intake_only = key_headers(COMMUNE, "intake,reports")
    for headers in ({}, intake_only, {"Authorization": "Bearer not-a-key"}, {"X-Motcua-Conversation": ZALO_USER}):
        for path, body in (
            ("/api/v1/follows", {"token": token, "channel": "zalo", "recipient": ZALO_USER}),
            ("/api/v1/follows/stop", {"code": CODE, "channel": "zalo", "recipient": ZALO_USER}),
            ("/api/v1/follows/inbox", {"channel": "zalo", "recipient": ZALO_USER}),
        ):
            answer = client.post(path, json=body, headers=headers)
            assert answer.status_code in (401, 403), (path, headers, answer.json)
            assert any(ord(ch) > 127 for ch in answer.json["message"])
    assert follows(db) == []


def test_a_zalo_user_followed_by_the_assistant_is_not_read_as_a_web_session(client, db, dossiers, key_headers):
    headers = {**key_headers(COMMUNE, "assistant"), "X-Motcua-Conversation": ZALO_USER}
    client.post("/api/v1/follows", json={"token": verified_token(client), "channel": "zalo"}, headers=headers)
    # A guessed or leaked Zalo user id (16 digits: a valid-looking web session id) on the web channel.
    web = client.post("/api/v1/follows/inbox", json={"recipient": ZALO_USER})
    assert web.status_code == 200 and web.json["dossiers"] == []
    stop = client.post("/api/v1/follows/stop", json={"code": CODE, "recipient": ZALO_USER})
    assert stop.json["stopped"] is False
    assert follows(db) == [(CODE, "zalo", ZALO_USER)]


def test_guessing_session_ids_on_the_inbox_is_rate_limited(app, client, db, dossiers):
    app.config["DOSSIER_LOOKUP_LIMIT"] = (5, 60)
    codes = [
        client.post("/api/v1/follows/inbox", json={"recipient": f"guess-{n:012d}-session"}).status_code
        for n in range(8)
    ]
    assert codes[:5] == [200] * 5 and codes[5:] == [429] * 3


@pytest.mark.parametrize(
    "body",
    [
        [],
        ["recipient", VICTIM],
        "recipient",
        12,
        {"recipient": [VICTIM]},
        {"recipient": {"id": VICTIM}},
        {"recipient": 10**40},
        {"recipient": 1e308},
        {"recipient": VICTIM, "channel": ["web"]},
        {"recipient": VICTIM, "channel": None, "code": ["x"]},
        {"recipient": VICTIM + "\x00"},
        {"recipient": VICTIM + "<script>"},
        {"recipient": "x" * 129},
        {"recipient": VICTIM, "code": "x" * 100_000},
        {"recipient": VICTIM, "code": {"a": 1}},
        {"recipient": VICTIM, "code": 1e308},
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/follows", "/api/v1/follows/stop", "/api/v1/follows/inbox"])
def test_hostile_json_gets_a_vietnamese_4xx(client, db, dossiers, path, body):
    answer = client.post(path, json=body)
    if answer.status_code == 200:  # the inbox of a well-formed but unknown session: empty
        assert path.endswith("inbox") and answer.json == {"dossiers": [], "notifications": []}
        return
    assert 400 <= answer.status_code < 500, answer.get_data(as_text=True)[:300]
    assert any(ord(ch) > 127 for ch in answer.json["message"]), answer.json


def test_a_deeply_nested_or_huge_number_body_is_a_4xx(client, db, dossiers):
    nested = "[" * 100_000 + "]" * 100_000
    big = '{"recipient": ' + "9" * 5000 + "}"
    for raw in (nested, big, '{"recipient": 1e999}', '{"recipient": NaN}'):
        answer = client.post("/api/v1/follows/inbox", data=raw, content_type="application/json")
        assert 400 <= answer.status_code < 500, raw[:30]
