"""Every field the assistant reads from the app's answers is one the app sends (the action once read
``documents_to_supplement``, the app sends ``supplement``, and the documents were never shown).

The recordings (bot_tests/api_answers) are the app's own answers, kept true by tests/bot/test_api_contract.py;
READS lists what each action module reads of them. A field renamed in the app fails the contract test;
a field read here but absent from the recording fails this one; and a test cannot fake an answer with a
field the app lacks (``FakeApp.answer``)."""

from __future__ import annotations

from typing import Any

import pytest

from bot_tests.conftest import fields_the_app_lacks, recorded

# recording -> the paths the assistant reads ("events[].at": field ``at`` of each item of ``events``).
READS: dict[str, list[str]] = {
    # actions/dossier.py: public_text, looked_up
    "dossier_public": ["procedure_name", "state", "state_label", "received_at", "due_at", "is_late", "timeliness"],
    "dossier_resolved_public": ["state", "timeliness"],
    # actions/dossier.py: verified, verified_text
    "dossier_supplement_verified": [
        "applicant_name",
        "applicant_phone",
        "events[].at",
        "events[].state_label",
        "events[].note",
        "supplement",
        "rating_token",
        "state",
    ],
    "dossier_resolved_verified": ["rated", "rating_token", "state"],
    # in English (?lang=en): the app's own English labels
    "dossier_resolved_public_en": ["state_label", "timeliness_label"],
    "dossier_resolved_verified_en": ["state_label", "events[].state_label"],
    # actions/rating.py: compact_scale
    "rating_scale": [
        "levels[].key",
        "levels[].label",
        "lowest",
        "bad_levels",
        "question",
        "attitudes[].key",
        "attitudes[].label",
        "reasons[].key",
        "reasons[].label",
        # in English
        "question_en",
        "levels[].label_en",
        "attitudes[].label_en",
        "reasons[].label_en",
    ],
    # actions/complaint.py
    "complaint_created": ["reference", "message"],
    # actions/contact.py, actions/greeting.py
    "unit": ["code", "name", "address", "hotline", "email", "zalo_oa", "opening_hours"],
    # actions/follow.py
    "follow_stopped": ["stopped"],
    "follow_inbox": ["dossiers[].code", "dossiers[].state_label", "dossiers[].state_at", "notifications[].text"],
    # replies.failure: every refusal
    "dossier_verify_failed": ["error", "message"],
    "dossier_not_found": ["error", "message"],
    "follow_invalid_token": ["error", "message"],
    "follow_invalid_recipient": ["error", "message"],
    "rating_already_rated": ["error", "message"],
}
# The refusals the assistant tells apart by their code.
ERROR_CODES = {
    "dossier_verify_failed": "verification_failed",
    "follow_invalid_token": "invalid_token",
    "follow_invalid_recipient": "invalid_recipient",
}


def _values(body: Any, path: str) -> list[Any]:
    """The values at ``path`` in ``body`` (a missing field gives none)."""
    head, _, rest = path.partition(".")
    key, many = (head[:-2], True) if head.endswith("[]") else (head, False)
    if not isinstance(body, dict) or key not in body:
        return []
    values = list(body[key]) if many and isinstance(body[key], list) else [body[key]]
    return [found for value in values for found in (_values(value, rest) if rest else [value])]


@pytest.mark.parametrize(("name", "path"), [(name, path) for name, paths in READS.items() for path in paths])
def test_the_app_sends_every_field_the_assistant_reads(name, path):
    assert _values(recorded(name)[1], path), f"{name}: the app's answer has no {path} (or only empty lists)"


@pytest.mark.parametrize(("name", "code"), ERROR_CODES.items())
def test_the_refusals_the_assistant_tells_apart_carry_their_codes(name, code):
    assert recorded(name)[1]["error"] == code


def test_a_faked_answer_with_a_field_the_app_does_not_send_is_refused():
    """The fake that once hid a bug: documents under a name the app never used."""
    verified = {"state": 5, "documents_to_supplement": ["Giấy chứng sinh"]}
    assert fields_the_app_lacks("POST", "/api/v1/dossiers/X/verify", 200, verified) == [".documents_to_supplement"]
    inbox = {"dossiers": [{"code": "X", "status": "done"}], "notifications": []}
    assert fields_the_app_lacks("POST", "/api/v1/follows/inbox", 200, inbox) == [".dossiers[].status"]
    assert fields_the_app_lacks("GET", "/api/v1/units/U", 200, {"name": "Trung tâm", "phone": "1"}) == [".phone"]
    assert fields_the_app_lacks("POST", "/api/v1/follows", 403, {"error": "x", "detail": "y"}) == ["detail"]
    assert fields_the_app_lacks("POST", "/api/v1/dossiers/X/verify", 200, {"supplement": ["a"], "state": 5}) == []
