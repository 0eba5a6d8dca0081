"""Not recognised by the intent model (nlu_fallback) or out of scope: the catalogue is tried first.

Most such messages are procedure names typed the way people use a search box ("trich luc ket hon",
"doi bang lai"), regional wording or long stories: the catalogue search answers them (a card, the aspect
asked, or "did you mean" choices). Only when nothing close is found does the assistant say so honestly,
with the hotline; the second miss in a row hands off to an officer instead of a third guess. The misses
are counted in the ``unanswered`` slot, so an answered fallback does not bring the hand-off closer.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import catalogue, english
from actions.api_client import ApiAction, ApiError, ApiUnavailable
from actions.contact import hand_off

# Two unanswered messages in a row: offer a person instead of a third guess.
FALLBACKS_BEFORE_HANDOFF = 2
SUGGESTIONS = [
    {"title": "Giấy tờ cần nộp", "payload": "/ask_documents"},
    {"title": "Tra cứu hồ sơ", "payload": "/check_status"},
    {"title": "Giờ làm việc", "payload": "/ask_hours"},
    {"title": "Gặp cán bộ", "payload": "/human_handoff"},
]
NOT_UNDERSTOOD = (
    "Xin lỗi, tôi chưa hiểu ý anh/chị. Anh/chị có thể hỏi về giấy tờ, lệ phí, thời gian giải quyết "
    'thủ tục hoặc tình trạng hồ sơ, ví dụ: "làm căn cước cần giấy tờ gì".'
)
OUT_OF_SCOPE = (
    "Xin lỗi, việc này nằm ngoài phạm vi tôi hỗ trợ. Tôi có thể giúp anh/chị về thủ tục hành chính (giấy tờ, "
    "lệ phí, thời gian, nơi nộp, nộp trực tuyến) và tình trạng hồ sơ."
)


class ActionFallback(ApiAction):
    """Search the catalogue; when nothing is close, say so (or that it is out of scope) and count the miss."""

    def name(self) -> str:
        return "action_fallback"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        lang = english.reply_language(tracker)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        text = tracker.latest_message.get("text") or ""
        try:
            events, answered = catalogue.respond(self.api, dispatcher, tracker, not_understood=True)
        except (ApiUnavailable, ApiError):
            events, answered = [], False
        if answered:
            return [*events, SlotSet("unanswered", 0)]
        misses = int(tracker.get_slot("unanswered") or 0) + (intent != "out_of_scope")
        if misses >= FALLBACKS_BEFORE_HANDOFF:
            dispatcher.utter_message(
                text="Sorry, I still could not find an answer."
                if lang == "en"
                else "Xin lỗi, tôi vẫn chưa tìm được câu trả lời."
            )
            return hand_off(self.api, dispatcher, tracker, "fallback")
        if lang == "en":
            reply = english.OUT_OF_SCOPE if intent == "out_of_scope" else catalogue.not_found_text(self.api, "en")
            dispatcher.utter_message(text=reply, buttons=catalogue.not_found_buttons("en"))
        elif intent == "out_of_scope":
            dispatcher.utter_message(text=OUT_OF_SCOPE, buttons=SUGGESTIONS[1:])
        elif catalogue.is_context_question(text):
            dispatcher.utter_message(text=NOT_UNDERSTOOD, buttons=SUGGESTIONS)
        else:
            dispatcher.utter_message(text=catalogue.not_found_text(self.api), buttons=SUGGESTIONS)
        return [SlotSet("unanswered", misses)]
