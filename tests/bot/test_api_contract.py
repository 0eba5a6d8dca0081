"""The answers the assistant's tests fake (``bot/bot_tests/api_answers/*.json``) are the app's own.

The bot's tests cannot import the app (Python 3.10, no Flask), so they read recorded answers; this test
asks the real routes the same questions, through the app's own serializers, and fails when a field the
recording has is gone or changed type (``supplement`` renamed, a date turned into a number): the fake
can then no longer drift from the app unnoticed. After a deliberate change of the API, re-record with
``MOTCUA_RECORD_API_ANSWERS=1 .venv/bin/python -m pytest tests/bot/test_api_contract.py`` and run the
bot's tests (``scripts/test_bot.sh``), which then check the assistant against the new answers.
"""

from __future__ import annotations

import json
import os
from datetime import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from motcua.assistant.masking import group_key
from motcua.assistant.missed import teach
from motcua.clock import now_local
from motcua.dossiers import states
from motcua.dossiers.intake import upsert_dossier
from motcua.handoff.hours import set_unit_hours
from motcua.notifications.providers import WebWidgetProvider
from motcua.notifications.worker import Policy, run_once
from motcua.units import get_unit, save_unit
from tests.factories import CODE, COMMUNE, add_dossier, seed_catalogue

ANSWERS = Path(__file__).resolve().parents[2] / "bot" / "bot_tests" / "api_answers"
RECORD = os.environ.get("MOTCUA_RECORD_API_ANSWERS") == "1"
RESOLVED_CODE = "000.00.12.H62-260302-0002"
UNKNOWN_CODE = "000.00.12.H62-260302-0999"
CONVERSATION = {"X-Motcua-Conversation": "contract-test"}
# The web widget's session id as the assistant's REST channel receives it (widget.js senderId()).
WIDGET_SESSION = "web-mabc123-k3j4h5g6"
ZALO_USER = "2512523625412515"
# A question the catalogue search misses, taught by a manager (/quan-ly/tro-ly) to the birth registration.
TAUGHT_QUESTION = "làm giấy tờ cho em bé mới đẻ thì làm sao"
TAUGHT_CODE = "1.001193"
# Values that differ on every run: recorded as a fixed stand-in of the same type.
VOLATILE = {
    "rating_token": "<rating_token>",
    "reference": "PA-000000-AAAAA",
    "id": 1,
    "dossier_id": 1,
    "created_at": "2026-03-10T10:00:00+07:00",
    "sent_at": "2026-03-05T09:00:05+07:00",
    "back_at": "2026-12-01T07:30:00+07:00",
}


@pytest.fixture
def answers(app, client, db, key_headers) -> dict[str, tuple[int, Any]]:
    """Every answer the assistant's tests use, asked of the real app: name -> (status, body)."""
    app.config.update(DOSSIER_VERIFY_SECONDS=0)
    seed_catalogue(db)
    save_unit(
        db,
        COMMUNE,
        "Bộ phận Một cửa UBND phường Đức Chính",
        "xa",
        "000.00.00.H62",
        address="Số 1, đường Trần Phú",
        hotline="0216 3852 123",
        opening_hours="Thứ Hai đến Thứ Sáu, 7:30–11:30 và 13:30–17:00",
        email="motcua@ducchinh.gov.vn",
        zalo_oa="https://zalo.me/0000000000",
    )
    add_dossier(db)
    upsert_dossier(
        db,
        CODE,
        {
            "state": states.SUPPLEMENT,
            "state_at": "2026-03-03T10:00:00+07:00",
            "supplement": ["Bản sao giấy chứng sinh", "Tờ khai có chữ ký của người yêu cầu"],
        },
    )
    add_dossier(db, RESOLVED_CODE, state=states.RETURNED, state_at="2026-03-04T15:00:00+07:00")
    db.commit()
    headers = {**key_headers(COMMUNE, "assistant"), **CONVERSATION}

    def ask(method: str, path: str, body: dict | None = None) -> tuple[int, Any]:
        response = client.open(path, method=method, json=body, headers=headers)
        return response.status_code, response.get_json()

    verified = ask("POST", f"/api/v1/dossiers/{RESOLVED_CODE}/verify", {"phone_last4": "5678"})
    rating = {
        "idempotency_key": "contract-1",
        "unit_code": COMMUNE,
        "counter": None,
        "level": "hai_long",
        "attitude": None,
        "reasons": [],
        "comment": "",
        "source": "chat",
        "token": verified[1].get("rating_token"),
        "dossier_code": RESOLVED_CODE,
    }
    supplement_verified = ask("POST", f"/api/v1/dossiers/{CODE}/verify", {"phone_last4": "5678"})
    recorded = {
        "dossier_public": ask("GET", f"/api/v1/dossiers/{CODE}"),
        "dossier_supplement_verified": supplement_verified,
        "dossier_resolved_public": ask("GET", f"/api/v1/dossiers/{RESOLVED_CODE}"),
        "dossier_resolved_verified": verified,
        "dossier_not_found": ask("GET", f"/api/v1/dossiers/{UNKNOWN_CODE}"),
        "dossier_verify_failed": ask("POST", f"/api/v1/dossiers/{CODE}/verify", {"phone_last4": "1111"}),
        "rating_scale": ask("GET", f"/api/v1/units/{COMMUNE}/rating-scale"),
        "unit": ask("GET", f"/api/v1/units/{COMMUNE}"),
        "rating_created": ask("POST", "/api/v1/ratings", rating),
        "rating_already_rated": ask("POST", "/api/v1/ratings", {**rating, "idempotency_key": "contract-2"}),
        "complaint_created": ask(
            "POST",
            "/api/v1/complaints",
            {"unit_code": COMMUNE, "text": "Chờ ba tiếng không ai tiếp", "source": "chat"},
        ),
    }
    # Theo dõi hồ sơ (issue 17): follow from the widget and from Zalo, a change delivered to the widget,
    # what the widget session follows and is owed, stopping, and the refusals the assistant explains.
    token = supplement_verified[1]["rating_token"]
    recorded["follow_created"] = ask(
        "POST", "/api/v1/follows", {"token": token, "channel": "web", "recipient": WIDGET_SESSION}
    )
    headers = {**headers, "X-Motcua-Conversation": ZALO_USER}
    recorded["follow_created_zalo"] = ask(
        "POST", "/api/v1/follows", {"token": token, "channel": "zalo", "recipient": ZALO_USER}
    )
    recorded["follow_invalid_token"] = ask(
        "POST", "/api/v1/follows", {"token": "forged.token", "channel": "web", "recipient": WIDGET_SESSION}
    )
    recorded["follow_invalid_recipient"] = ask(
        "POST", "/api/v1/follows", {"token": token, "channel": "web", "recipient": "test-user"}
    )
    upsert_dossier(db, CODE, {"state": states.RETURNED, "state_at": "2026-03-05T09:00:00+07:00"})
    db.commit()
    run_once(db, {"web": WebWidgetProvider()}, now_local(), Policy(quiet_from=time(0), quiet_until=time(0)))
    recorded["follow_inbox"] = ask("POST", "/api/v1/follows/inbox", {"channel": "web", "recipient": WIDGET_SESSION})
    recorded["follow_inbox_zalo"] = ask("POST", "/api/v1/follows/inbox", {"channel": "zalo", "recipient": ZALO_USER})
    recorded["follow_stopped"] = ask(
        "POST", "/api/v1/follows/stop", {"code": CODE, "channel": "web", "recipient": WIDGET_SESSION}
    )
    recorded["follow_inbox_empty"] = ask(
        "POST", "/api/v1/follows/inbox", {"channel": "web", "recipient": WIDGET_SESSION}
    )
    # The assistant's insights (docs/assistant-insights.md): a 👎 stored, then a question taught from the missed
    # list answered by the search the assistant uses, with the procedure's record it then reads.
    recorded["assistant_feedback_stored"] = ask(
        "POST",
        "/api/v1/assistant/feedback",
        {"conversation_id": WIDGET_SESSION, "at": 1772420400.0, "helpful": False, "question": TAUGHT_QUESTION},
    )
    teach(
        db,
        get_unit(db, COMMUNE).id,
        [get_unit(db, COMMUNE).id],
        group_key(TAUGHT_QUESTION),
        TAUGHT_CODE,
        "ql",
        now_local(),
    )
    db.commit()
    recorded["procedure_search_learned"] = ask(
        "GET", f"/api/v1/procedures?{urlencode({'q': TAUGHT_QUESTION, 'limit': 5, 'level': 'xa'})}"
    )
    recorded["procedure_learned"] = ask("GET", f"/api/v1/procedures/{TAUGHT_CODE}")
    # Gặp cán bộ (issue 16): outside the unit's hours (nothing queued, then a callback with a phone number),
    # and within them (the place in the queue).
    hour = (now_local().hour + 12) % 24
    set_unit_hours(db, get_unit(db, COMMUNE), f"T2-CN {hour:02d}:00-{hour:02d}:01")
    db.commit()
    asked = {"conversation_id": ZALO_USER, "channel": "zalo", "reason": "asked", "unit": COMMUNE}
    recorded["conversation_closed_hours"] = ask("POST", "/api/v1/conversations", asked)
    recorded["conversation_callback"] = ask(
        "POST", "/api/v1/conversations", {**asked, "question": "Hồ sơ đất bao giờ xong?", "contact": "0912345678"}
    )
    set_unit_hours(db, get_unit(db, COMMUNE), "T2-CN 00:00-23:59")
    db.commit()
    recorded["conversation_waiting"] = ask(
        "POST", "/api/v1/conversations", {**asked, "conversation_id": WIDGET_SESSION, "channel": "web"}
    )
    # In English (the assistant answers an English question with ?lang=en); last, because the app then
    # remembers the language in a cookie.
    recorded["dossier_resolved_public_en"] = ask("GET", f"/api/v1/dossiers/{RESOLVED_CODE}?lang=en")
    recorded["dossier_resolved_verified_en"] = ask(
        "POST", f"/api/v1/dossiers/{RESOLVED_CODE}/verify?lang=en", {"phone_last4": "5678"}
    )
    return recorded


def test_the_recorded_answers_are_what_the_app_answers(answers):
    if RECORD:
        ANSWERS.mkdir(exist_ok=True)
        for name, (status, body) in answers.items():
            record = {"status": status, "body": _steady(body)}
            (ANSWERS / f"{name}.json").write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    changed = {}
    for name, (status, body) in answers.items():
        recorded = json.loads((ANSWERS / f"{name}.json").read_text())
        differences = ([f"status {recorded['status']} -> {status}"] if status != recorded["status"] else []) + list(
            _missing(recorded["body"], body)
        )
        if differences:
            changed[name] = differences
    assert not changed, (
        "The app no longer answers as the assistant's tests assume (bot/bot_tests/api_answers): "
        f"{changed}. If the change is meant, re-record (see this module's docstring) and fix the bot."
    )


def test_every_recording_is_asked_for(answers):
    """A recording nobody re-asks would drift: every file has its question here."""
    assert {path.stem for path in ANSWERS.glob("*.json")} == set(answers)


def _steady(body: Any) -> Any:
    """``body`` with the values that change on every run replaced by fixed stand-ins (also where a
    message quotes them: the complaint's reference)."""
    text = json.dumps(body, ensure_ascii=False)
    if isinstance(body, dict) and isinstance(body.get("reference"), str):
        text = text.replace(body["reference"], VOLATILE["reference"])
    return _stand_ins(json.loads(text))


def _stand_ins(body: Any) -> Any:
    if isinstance(body, dict):
        return {
            key: VOLATILE[key] if key in VOLATILE and value is not None else _stand_ins(value)
            for key, value in body.items()
        }
    if isinstance(body, list):
        return [_stand_ins(item) for item in body]
    return body


def _missing(recorded: Any, current: Any, path: str = "") -> list[str]:
    """Where ``current`` lacks a field of ``recorded`` or holds another JSON type (new fields are fine:
    the bot's tests cannot rely on them until they are recorded)."""
    if isinstance(recorded, dict):
        if not isinstance(current, dict):
            return [f"{path or 'body'} is no longer an object"]
        return [
            problem
            for key, value in recorded.items()
            for problem in (
                _missing(value, current[key], f"{path}.{key}") if key in current else [f"{path}.{key} is gone"]
            )
        ]
    if isinstance(recorded, list):
        if not isinstance(current, list):
            return [f"{path} is no longer a list"]
        return [problem for a, b in zip(recorded, current, strict=False) for problem in _missing(a, b, f"{path}[]")]
    if recorded is not None and current is not None and _kind(recorded) != _kind(current):
        return [f"{path} was {_kind(recorded)}, is {_kind(current)}"]
    return []


def _kind(value: Any) -> str:
    return "number" if isinstance(value, int | float) and not isinstance(value, bool) else type(value).__name__


def test_the_phone_check_says_whether_the_dossier_was_already_rated(app, client, db, key_headers):
    """The assistant offers a rating only for a dossier not yet rated (issue 13: it asked two questions,
    then the app refused)."""
    app.config.update(DOSSIER_VERIFY_SECONDS=0)
    seed_catalogue(db)
    add_dossier(db, RESOLVED_CODE, state=states.RETURNED, state_at="2026-03-04T15:00:00+07:00")
    headers = {**key_headers(COMMUNE, "assistant"), **CONVERSATION}

    def verified() -> dict:
        response = client.post(
            f"/api/v1/dossiers/{RESOLVED_CODE}/verify", json={"phone_last4": "5678"}, headers=headers
        )
        return response.get_json()

    first = verified()
    assert first["rated"] is False
    rating = {"idempotency_key": "r-1", "unit_code": COMMUNE, "level": "hai_long", "source": "chat"}
    posted = client.post(
        "/api/v1/ratings",
        json={**rating, "token": first["rating_token"], "dossier_code": RESOLVED_CODE},
        headers=headers,
    )
    assert posted.status_code == 201
    assert verified()["rated"] is True
