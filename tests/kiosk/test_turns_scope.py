"""Rasa's tracker store posts each masked turn to the app (bot/stores/turns.py), so Rasa holds an API key.
In production that key has only the scope ``turns``: it can post turns and nothing else — no dossier
lookup, no phone check, no rating, no feedback — so a leaked Rasa environment opens no citizen's dossier.
The action server's key (scope ``assistant``) may post turns too, which lets ``make run`` give one key
to both processes on one machine."""

from __future__ import annotations

from motcua.apikeys import SCOPES, parse_scopes
from tests.factories import CODE, COMMUNE, add_dossier, seed_catalogue

TURN = {"conversation_id": "web-abc", "at": 1772419200.5, "channel": "web", "outcome": "answered"}


def test_a_turns_key_posts_turns_and_opens_nothing_else(client, db, key_headers):
    seed_catalogue(db)
    add_dossier(db)
    db.commit()
    turns = key_headers(COMMUNE, "turns")
    assert client.post("/api/v1/assistant/turns", json=TURN, headers=turns).status_code == 201
    # A dossier's public status and the phone check are everyone's (the citizen's page uses them); the key
    # adds nothing to them, and the assistant's writes stay closed.
    public = client.get(f"/api/v1/dossiers/{CODE}")
    with_key = client.get(f"/api/v1/dossiers/{CODE}", headers=turns)
    assert with_key.status_code in (200, 403)
    if with_key.status_code == 200:
        assert with_key.get_json() == public.get_json()
    for method, path, body in (
        ("post", "/api/v1/assistant/feedback", {"conversation_id": "web-abc", "helpful": True}),
        ("post", "/api/v1/ratings", {"idempotency_key": "k-1", "unit_code": COMMUNE, "level": "hai_long"}),
    ):
        answer = getattr(client, method)(path, json=body, headers=turns)
        assert answer.status_code == 403, (path, answer.status_code)
        assert "quyền" in answer.get_json()["message"]


def test_the_assistant_key_still_posts_turns(client, db, key_headers):
    seed_catalogue(db)
    answer = client.post("/api/v1/assistant/turns", json=TURN, headers=key_headers(COMMUNE, "assistant"))
    assert answer.status_code == 201


def test_other_keys_post_no_turns(client, db, key_headers):
    seed_catalogue(db)
    answer = client.post("/api/v1/assistant/turns", json=TURN, headers=key_headers(COMMUNE, "intake,reports"))
    assert answer.status_code == 403


def test_the_scope_is_known_to_create_api_key():
    assert "turns" in SCOPES and parse_scopes("turns") == "turns"
