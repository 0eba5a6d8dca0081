"""The app's client of Rasa's tracker API (kiosk/core/rasa_admin.py) against a fake of it: pause,
resume, bot utterances with their marker, the events; every failure — wrong token, Rasa down, nothing
listening, no token configured — is one AssistantUnavailable without personal data in its reason."""

from __future__ import annotations

import socket

import pytest

from kiosk.core.rasa_admin import RasaAdmin
from motcua.handoff.relay import AssistantUnavailable
from tests.kiosk.fake_rasa_admin import TOKEN

SENDER = "zalo:84912345678/x"


def test_pause_append_and_resume_reach_the_conversations_tracker(rasa_admin):
    client = RasaAdmin(rasa_admin.url, TOKEN)
    rasa_admin.say(SENDER, "gặp cán bộ")
    client.pause(SENDER)
    assert client.paused(SENDER) is True
    client.append_bot(SENDER, "Chào anh/chị", {"handoff_message": 7})
    events = client.events(SENDER)
    assert [e["event"] for e in events] == ["user", "pause", "bot"]
    assert events[-1]["text"] == "Chào anh/chị" and events[-1]["metadata"] == {"handoff_message": 7}
    client.resume(SENDER)
    assert client.paused(SENDER) is False
    assert rasa_admin.calls[0] == ("POST", SENDER, [{"event": "pause"}])


@pytest.mark.parametrize("case", ["wrong token", "rasa down", "nothing listening", "no token"])
def test_every_failure_is_assistant_unavailable(rasa_admin, case):
    url, token = rasa_admin.url, TOKEN
    if case == "wrong token":
        token = "wrong"
    elif case == "rasa down":
        rasa_admin.down = True
    elif case == "nothing listening":
        with socket.socket() as spare:
            spare.bind(("127.0.0.1", 0))
            url = f"http://127.0.0.1:{spare.getsockname()[1]}"
    else:
        token = ""
    client = RasaAdmin(url, token, timeout=2)
    for call in (lambda: client.pause(SENDER), lambda: client.events(SENDER)):
        with pytest.raises(AssistantUnavailable) as caught:
            call()
        assert "0912" not in str(caught.value) and "84912345678" not in str(caught.value)
    if case == "no token":
        assert rasa_admin.calls == []
