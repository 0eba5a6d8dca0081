"""Đánh giá và phản ánh: satisfaction ratings and complaints typed in the chat.

Ratings use the unit's own scale (``GET /api/v1/units/<code>/rating-scale``, the kiosk's scale) and the
same ``POST /api/v1/ratings``; the source is "zalo" on the Zalo OA channel, "chat" anywhere else.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from components.folding import fold
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.api_client import ApiAction, ApiError, ApiUnavailable, default_unit_code
from actions.replies import UNAVAILABLE, rating_source, refusal

# The scale's own "question" is about the officers' attitude; this one is about the level.
LEVEL_QUESTION = "Anh/chị hài lòng thế nào với việc giải quyết thủ tục?"
UNSATISFIED = {"khong_hai_long", "rat_khong_hai_long"}
# Words that only say "I want to complain": a message with more than these carries the complaint.
_TRIGGER_TEXT = "toi minh em muon can gui phan anh khieu nai kien nghi to cao gop y ve viec a nhe cho hoi"
COMPLAINT_TRIGGER_WORDS = frozenset(_TRIGGER_TEXT.split())
MIN_COMPLAINT_WORDS = 4


class ActionRateService(ApiAction):
    """Record a level chosen on a button or typed ("rất hài lòng"); otherwise show the scale."""

    def name(self) -> str:
        return "action_rate_service"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        unit = default_unit_code()
        try:
            scale = self.api.rating_scale(unit)
            level = chosen_level(tracker, scale.get("levels") or [])
            if level is None:
                dispatcher.utter_message(
                    text=LEVEL_QUESTION,
                    buttons=[_level_button(item) for item in scale.get("levels") or []],
                )
                return []
            self.api.submit_rating(rating_payload(tracker, unit, level))
        except ApiUnavailable:
            dispatcher.utter_message(text=UNAVAILABLE)
            return []
        except ApiError as error:
            dispatcher.utter_message(text=refusal(error))
            return []
        if level in UNSATISFIED:
            dispatcher.utter_message(
                text="Cảm ơn anh/chị đã đánh giá. Trung tâm rất tiếc vì anh/chị chưa hài lòng. "
                "Anh/chị có muốn gửi phản ánh cụ thể để trung tâm xem xét không?",
                buttons=[{"title": "Gửi phản ánh", "payload": "/complain"}, {"title": "Không", "payload": "/deny"}],
            )
        else:
            dispatcher.utter_message(
                text="Cảm ơn anh/chị đã đánh giá! Ý kiến của anh/chị giúp trung tâm phục vụ tốt hơn."
            )
        return []


class ActionPrefillComplaint(Action):
    """If the complaint is already in the message ("cán bộ quầy 3 hách dịch"), don't ask for it again."""

    def name(self) -> str:
        return "action_prefill_complaint"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        text = (tracker.latest_message.get("text") or "").strip()
        if text.startswith("/") or not carries_complaint(text):
            return [SlotSet("complaint_text", None)]
        return [SlotSet("complaint_text", text)]


class ActionAskComplaintText(Action):
    def name(self) -> str:
        return "action_ask_complaint_text"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        dispatcher.utter_message(
            text="Anh/chị vui lòng mô tả nội dung phản ánh, kiến nghị (sự việc, thời gian, quầy hoặc cán bộ "
            "liên quan nếu có).",
            buttons=[{"title": "Thôi, không gửi", "payload": "/deny"}],
        )
        return []


class ActionSubmitComplaint(ApiAction):
    """Record the complaint and tell the citizen its reference and how it will be handled."""

    def name(self) -> str:
        return "action_submit_complaint"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        complaint = {
            "unit_code": default_unit_code(),
            "text": tracker.get_slot("complaint_text") or "",
            "source": rating_source(tracker),
        }
        if tracker.get_slot("dossier_code"):
            complaint["dossier_code"] = tracker.get_slot("dossier_code")
        try:
            answer = self.api.submit_complaint(complaint)
        except ApiUnavailable:
            dispatcher.utter_message(text=UNAVAILABLE)
            return []
        except ApiError as error:
            dispatcher.utter_message(text=refusal(error))
            return []
        reference = answer.get("reference")
        lines = [f"Trung tâm đã ghi nhận phản ánh của anh/chị{f' (số {reference})' if reference else ''}."]
        if answer.get("message"):
            lines.append(answer["message"])
        dispatcher.utter_message(text="\n".join(lines))
        return [SlotSet("complaint_text", None)]


def chosen_level(tracker: Tracker, levels: list[dict[str, str]]) -> str | None:
    """The level key from a button payload, or the longest level label found in the typed text."""
    keys = {item["key"] for item in levels}
    picked = next(tracker.get_latest_entity_values("rating_level"), None)
    if picked in keys:
        return picked
    text = f" {fold(tracker.latest_message.get('text') or '')} "
    matches = [item for item in levels if f" {fold(item['label'])} " in text]
    return max(matches, key=lambda item: len(item["label"]))["key"] if matches else None


def rating_payload(tracker: Tracker, unit: str, level: str) -> dict[str, Any]:
    """The rating as the API takes it; the key is stable for one user message, so a retry is a no-op."""
    key = uuid.uuid5(uuid.NAMESPACE_URL, f"motcua-chat:{tracker.sender_id}:{_latest_user_time(tracker)}:{level}")
    return {
        "idempotency_key": str(key),
        "unit_code": unit,
        "counter": None,
        "level": level,
        "attitude": None,
        "reasons": [],
        "comment": "",
        "source": rating_source(tracker),
        "token": None,
        "dossier_code": tracker.get_slot("dossier_code"),
    }


def carries_complaint(text: str) -> bool:
    """True when the message says more than "I want to complain"."""
    return len([word for word in fold(text).split() if word not in COMPLAINT_TRIGGER_WORDS]) >= MIN_COMPLAINT_WORDS


def _level_button(item: dict[str, str]) -> dict[str, str]:
    return {"title": item["label"], "payload": f"/rate_service{json.dumps({'rating_level': item['key']})}"}


def _latest_user_time(tracker: Tracker) -> Any:
    return next((event.get("timestamp") for event in reversed(tracker.events) if event.get("event") == "user"), "")
