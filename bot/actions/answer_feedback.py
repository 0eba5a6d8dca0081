"""👍 / 👎 under every catalogue answer: the citizen says whether the answer helped, or asks for a person.

The row is its own message right after the answer (``feedback_row``), so the answer's own buttons (the
other aspects) stay as they are and every channel shows the row the same way (Zalo allows 5 buttons on a
message). A click is stored by the app as a rating of the assistant — never of an officer — with the
question it was about, masked (``POST /api/v1/assistant/feedback``, docs/assistant-insights.md); a 👎 is one
of the "missed questions" a manager can teach from.

The answer's bot message also carries ``assistant_outcome`` and ``procedure`` in its metadata (not shown to
anyone): the tracker store's turn forwarder (``stores/turns.py``) reads them to tell an answered question
from a "not found" one without guessing from the wording.
"""

from __future__ import annotations

import contextlib
import json
import time
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from stores.scrub import scrub

from actions import english
from actions.api_client import ApiAction, ApiError, ApiUnavailable

GOOD, BAD = "answer_good", "answer_bad"
# Agreed with the hand-off's bot side (NOTES.md): the button's reason rides in the payload.
HANDOFF_PAYLOAD = '/human_handoff{"handoff_reason": "button"}'
OUTCOME_KEY = "assistant_outcome"
QUESTION_LIMIT = 500
ROW = {
    "vi": ("Câu trả lời có giúp ích cho anh/chị không?", "👍 Có ích", "👎 Chưa đúng", "Gặp cán bộ"),
    "en": ("Did this answer help?", "👍 Helpful", "👎 Not right", "Talk to an officer"),
}
THANKS = {
    "vi": "Cảm ơn anh/chị đã cho biết.",
    "en": "Thank you for telling us.",
}
SORRY = {
    "vi": (
        "Xin lỗi anh/chị vì câu trả lời chưa đúng. Câu hỏi đã được ghi lại để cán bộ bổ sung. Anh/chị có thể "
        'ghi rõ tên thủ tục (ví dụ "cấp đổi giấy phép lái xe") hoặc bấm "Gặp cán bộ".'
    ),
    "en": (
        "Sorry the answer was not right. The question is noted so the centre can improve the answers. You can "
        'write the procedure\'s name or press "Talk to an officer".'
    ),
}


def feedback_row(code: str, lang: str = "vi") -> dict[str, Any]:
    """The message after a catalogue answer: 👍, 👎 and "Gặp cán bộ" on one row (``utter_message(**row)``)."""
    text, good, bad, person = ROW["en" if lang == "en" else "vi"]
    entity = json.dumps({"procedure_code": code})
    return {
        "text": text,
        "buttons": [
            {"title": good, "payload": f"/{GOOD}{entity}"},
            {"title": bad, "payload": f"/{BAD}{entity}"},
            {"title": person, "payload": HANDOFF_PAYLOAD},
        ],
        OUTCOME_KEY: "feedback_row",
    }


def asked_question(events: list[dict[str, Any]]) -> str:
    """The last message the citizen typed before the click (buttons, ``/intent`` payloads, are not
    questions), masked; "" when there is none."""
    for event in reversed(events):
        if event.get("event") != "user":
            continue
        text = (event.get("text") or "").strip()
        if text and not text.startswith("/"):
            return scrub(text)[:QUESTION_LIMIT]
    return ""


class ActionAnswerFeedback(ApiAction):
    """Store the citizen's 👍 / 👎 on the answer just given and thank them (or say what to do on 👎)."""

    def name(self) -> str:
        return "action_answer_feedback"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        lang = "en" if english.reply_language(tracker) == "en" else "vi"
        helpful = (tracker.latest_message.get("intent") or {}).get("name") == GOOD
        code = next(tracker.get_latest_entity_values("procedure_code"), None) or tracker.get_slot("procedure_code")
        body = {
            "conversation_id": tracker.sender_id,
            "at": _clicked_at(tracker.events),
            "helpful": helpful,
            "procedure": code,
            "question": asked_question(tracker.events),
        }
        # A lost 👍 is not worth an error message to the citizen.
        with contextlib.suppress(ApiUnavailable, ApiError):
            self.api._request(
                "POST", "/api/v1/assistant/feedback", json=body, conversation=tracker.sender_id, retry=True
            )
        if helpful:
            dispatcher.utter_message(text=THANKS[lang])
        else:
            dispatcher.utter_message(text=SORRY[lang], buttons=[feedback_row(code or "", lang)["buttons"][2]])
        return []


def _clicked_at(events: list[dict[str, Any]]) -> float:
    """When the click arrived, in seconds since the epoch (the last user event's time, as Rasa keeps it):
    with the conversation, it makes a retried or twice-delivered click count once."""
    stamp = next((event.get("timestamp") for event in reversed(events) if event.get("event") == "user"), None)
    return float(stamp) if isinstance(stamp, (int, float)) else time.time()
