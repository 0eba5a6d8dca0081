"""Stored chat transcripts keep no phone number, identification number, e-mail or dossier code the
citizen typed (stores/scrub.py, the copy of motcua/privacy/scrub.py), while the running conversation
and the message's intent are untouched."""

from __future__ import annotations

from stores.redaction import redact_events
from stores.scrub import CODE, EMAIL, IDENTIFIER, PHONE


def test_a_stored_user_message_is_scrubbed_and_the_running_one_is_not():
    text = "em là An, CCCD 001099012345, sđt 0912 345 678, mail an@gmail.com, hồ sơ 000.00.12.H62-260302-0001"
    events = [
        {
            "event": "user",
            "text": text,
            "parse_data": {"text": text, "intent": {"name": "ask_status"}, "entities": []},
        }
    ]

    stored = redact_events(events)

    expected = f"em là An, CCCD {IDENTIFIER}, sđt {PHONE}, mail {EMAIL}, hồ sơ {CODE}"
    assert stored[0]["text"] == expected
    assert stored[0]["parse_data"]["text"] == expected
    assert stored[0]["parse_data"]["intent"] == {"name": "ask_status"}
    assert events[0]["text"] == text


def test_a_message_without_personal_data_is_stored_as_typed():
    text = "lệ phí thủ tục 1.000894 là 8.000 đồng, nộp ngày 15/04/2026 lúc 8:30"
    stored = redact_events([{"event": "user", "text": text, "parse_data": {"text": text, "entities": []}}])
    assert stored[0]["text"] == text
