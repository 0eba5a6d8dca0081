"""Đánh giá mức độ hài lòng in the chat, asked as the kiosk asks it: the level, the officer's attitude
(skippable), and at the unit's lowest level the reason(s) — which the app requires there.

The unit's own scale (``GET /api/v1/units/<code>/rating-scale``) is read once when the rating starts and
kept in the ``rating_scale`` slot, so the questions and their checks in ``rating_form`` need no further
call. The rating goes to the same ``POST /api/v1/ratings`` as the kiosk's, with source "zalo" on the Zalo
OA channel, "chat" anywhere else. It names a dossier only after the phone check, with the verification's
``rating_token`` (the app refuses a dossier named without it), or with the token of the receipt's rating
link photographed on Zalo (``rating_link``); otherwise it rates the centre.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from components.folding import fold
from components.shorthand import fold_expanded
from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.api_client import ApiAction, ApiError, ApiUnavailable, default_unit_code
from actions.dossier import verified_dossier
from actions.english import reply_language
from actions.replies import failure, rating_source

# The scale's own "question" is about the officers' attitude; this one is about the level.
LEVEL_QUESTION = "Anh/chị hài lòng thế nào với việc giải quyết thủ tục?"
REASON_QUESTION = (
    "Anh/chị chưa hài lòng vì điều gì ạ? Anh/chị chọn lý do bên dưới, hoặc nhắn vài dòng để trung tâm biết rõ hơn."
)
# In English (actions.english.reply_language): the scale's own English labels (``label_en``).
SAY_EN = {
    "level": "How satisfied are you with how your procedure was handled?",
    "reason": "Why were you not satisfied? Choose a reason below, or write a few lines so the centre understands "
    "better.",
    "stop": "Stop rating",
    "skip": "Skip",
    "pick_level": "Please choose one of the levels below.",
    "sorry": "Thank you for your rating. The centre is sorry you were not satisfied. Would you like to send a "
    "detailed complaint for the centre to look into?",
    "complain": "Send a complaint",
    "no": "No",
    "thanks": "Thank you for your rating! Your feedback helps the centre serve you better.",
}
# The attitude question was answered with "skip": the slot is filled, nothing is sent.
SKIPPED = "bo_qua"
SKIP_BUTTON = {"title": "Bỏ qua", "payload": "/deny"}
# Typed answers to the attitude question that mean "skip" (folded, shorthand expanded).
SKIP_WORDS = frozenset({"bo qua", "khong", "thoi", "khong biet", "khong tra loi", "cam on", "khong a"})
# Intents that, at the attitude question, mean "skip".
SKIP_INTENTS = frozenset({"deny", "thank"})
# Metadata key under which a channel hands over a receipt's rating-link token (channels.zalo_photos).
LINK_TOKEN_KEY = "rating_token"
RATING_SLOTS = ("rating_scale", "rating_level", "rating_attitude", "rating_reasons", "rating_comment")
MAX_COMMENT = 1000


class ActionStartRating(ApiAction):
    """Read the unit's scale and start over; a level chosen on a button or typed ("rất hài lòng") is kept.
    Started from a photo of the receipt's rating link (Zalo), the dossier and the link's token come along."""

    def name(self) -> str:
        return "action_start_rating"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        cleared = [SlotSet(slot, None) for slot in RATING_SLOTS]
        try:
            scale = compact_scale(self.api.rating_scale(default_unit_code()))
        except (ApiUnavailable, ApiError) as error:
            dispatcher.utter_message(text=failure(error))
            return cleared
        picked = next(tracker.get_latest_entity_values("rating_level"), None)
        typed = tracker.latest_message.get("text") or ""
        level = match_level(picked, scale) or (None if typed.startswith("/") else match_level(typed, scale))
        return [*cleared, SlotSet("rating_scale", scale), SlotSet("rating_level", level), *rating_link(tracker)]


class ActionAskRatingLevel(Action):
    def name(self) -> str:
        return "action_ask_rating_level"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        levels = (tracker.get_slot("rating_scale") or {}).get("levels") or []
        en = reply_language(tracker) == "en"
        dispatcher.utter_message(
            text=SAY_EN["level"] if en else LEVEL_QUESTION,
            buttons=[_button("rating_level", item, en) for item in levels],
        )
        return []


class ActionAskRatingAttitude(Action):
    def name(self) -> str:
        return "action_ask_rating_attitude"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        scale = tracker.get_slot("rating_scale") or {}
        en = reply_language(tracker) == "en"
        buttons = [_button("rating_attitude", item, en) for item in scale.get("attitudes") or []]
        skip = {**SKIP_BUTTON, "title": SAY_EN["skip"]} if en else SKIP_BUTTON
        question = (scale.get("question_en") if en else None) or scale.get("question") or ""
        dispatcher.utter_message(text=question, buttons=[*buttons, skip])
        return []


class ActionAskRatingReasons(Action):
    def name(self) -> str:
        return "action_ask_rating_reasons"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        reasons = (tracker.get_slot("rating_scale") or {}).get("reasons") or []
        en = reply_language(tracker) == "en"
        buttons = [_button("rating_reason", item, en) for item in reasons]
        stop = {"title": SAY_EN["stop"] if en else "Thôi, không đánh giá", "payload": "/deny"}
        dispatcher.utter_message(text=SAY_EN["reason"] if en else REASON_QUESTION, buttons=[*buttons, stop])
        return []


class ValidateRatingForm(FormValidationAction):
    """Turn buttons and typed answers into the scale's keys; ask why only at the unit's lowest level."""

    def name(self) -> str:
        return "validate_rating_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[str]:
        scale = tracker.get_slot("rating_scale")
        if not scale:  # the scale could not be read: the citizen was told, nothing to ask
            return []
        slots = ["rating_level"]
        if scale.get("attitudes"):
            slots.append("rating_attitude")
        if tracker.get_slot("rating_level") == scale.get("lowest"):
            slots.append("rating_reasons")
        return slots

    def validate_rating_level(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        scale = tracker.get_slot("rating_scale") or {}
        level = match_level(value, scale)
        if level is None and value:
            en = reply_language(tracker) == "en"
            dispatcher.utter_message(
                text=SAY_EN["pick_level"]
                if en
                else 'Anh/chị chọn giúp tôi một mức bên dưới (hoặc nhắn "thôi" để dừng).'
            )
        return {"rating_level": level}

    def validate_rating_attitude(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """A key or a label; "bỏ qua", "không" or thanks skip it; other words are kept as the comment."""
        if value is None:  # cleared when the rating started: nothing answered yet
            return {"rating_attitude": None}
        scale = tracker.get_slot("rating_scale") or {}
        text = str(value)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        # Before the labels: "ko" would otherwise be read as the start of "Không thân thiện".
        if fold_expanded(text) in SKIP_WORDS or (intent in SKIP_INTENTS and text.startswith("/")):
            return {"rating_attitude": SKIPPED}
        attitude = match_choice(value, scale.get("attitudes") or [])
        if attitude is not None:
            return {"rating_attitude": attitude}
        if intent in SKIP_INTENTS or text.startswith("/"):
            return {"rating_attitude": SKIPPED}
        return {"rating_attitude": SKIPPED, "rating_comment": text.strip()[:MAX_COMMENT]}

    def validate_rating_reasons(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """A reason's button, or words: the reasons they name, and the words themselves as the comment."""
        reasons = (tracker.get_slot("rating_scale") or {}).get("reasons") or []
        text = str(value or "").strip()
        picked = match_choice(text, reasons)
        if picked is not None:
            return {"rating_reasons": [picked]}
        if not text or text.startswith("/"):
            return {"rating_reasons": None}
        comment = " ".join(part for part in (tracker.get_slot("rating_comment"), text) if part)
        return {"rating_reasons": reasons_named(text, reasons), "rating_comment": comment[:MAX_COMMENT]}


class ActionSubmitRating(ApiAction):
    """Record the rating; a dissatisfied citizen is offered to send a complaint."""

    def name(self) -> str:
        return "action_submit_rating"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        cleared = [SlotSet(slot, None) for slot in RATING_SLOTS]
        level = tracker.get_slot("rating_level")
        if not tracker.get_slot("rating_scale") or not level:
            return cleared
        try:
            self.api.submit_rating(rating_payload(tracker, default_unit_code(), level), tracker.sender_id)
        except ApiUnavailable as error:
            dispatcher.utter_message(text=failure(error))
            return cleared
        except ApiError as error:
            dispatcher.utter_message(text=failure(error))
            return [*cleared, SlotSet("rating_token", None)]
        en = reply_language(tracker) == "en"
        if level in unsatisfied_levels(tracker.get_slot("rating_scale")):
            # The token stays for the complaint offered here (action_submit_complaint forgets it).
            dispatcher.utter_message(
                text=SAY_EN["sorry"]
                if en
                else "Cảm ơn anh/chị đã đánh giá. Trung tâm rất tiếc vì anh/chị chưa hài lòng. "
                "Anh/chị có muốn gửi phản ánh cụ thể để trung tâm xem xét không?",
                buttons=[
                    {"title": SAY_EN["complain"] if en else "Gửi phản ánh", "payload": "/complain"},
                    {"title": SAY_EN["no"] if en else "Không", "payload": "/deny"},
                ],
            )
        else:
            dispatcher.utter_message(
                text=SAY_EN["thanks"]
                if en
                else "Cảm ơn anh/chị đã đánh giá! Ý kiến của anh/chị giúp trung tâm phục vụ tốt hơn."
            )
            return [*cleared, SlotSet("rating_token", None)]
        return cleared


def rating_link(tracker: Tracker) -> list[dict]:
    """The dossier a rating link photographed on Zalo names, held as the phone check holds it.

    The channel puts the link's token in the message's metadata (an entity would need a retrained model)
    and the code in the payload; both are needed, and the app checks that the token signs that code,
    so a token made up or copied onto another code rates nothing.
    """
    token = (tracker.latest_message.get("metadata") or {}).get(LINK_TOKEN_KEY)
    code = next(tracker.get_latest_entity_values("dossier_code"), None)
    if not (isinstance(token, str) and token and isinstance(code, str) and code):
        return []
    return [SlotSet("dossier_code", code), SlotSet("rating_token", {"code": code, "token": token})]


def compact_scale(scale: dict[str, Any]) -> dict[str, Any]:
    """What the conversation keeps of the API's scale: keys and Vietnamese labels, the attitude question."""
    levels = [_choice(item) for item in scale.get("levels") or []]
    return {
        "levels": levels,
        "lowest": scale.get("lowest") or (levels[-1]["key"] if levels else None),
        # The levels the unit counts as "not satisfied" (the app's, not a guess of the bot's).
        "bad_levels": [str(key) for key in bad] if isinstance(bad := scale.get("bad_levels"), list) else None,
        "question": scale.get("question") or "",
        "question_en": scale.get("question_en") or "",
        "attitudes": [_choice(item) for item in scale.get("attitudes") or []],
        "reasons": [_choice(item) for item in scale.get("reasons") or []],
    }


def unsatisfied_levels(scale: Any) -> set[str]:
    """The levels after which a complaint is offered: the scale's ``bad_levels``; a scale kept before the
    API named them offers it at its lowest level only."""
    scale = scale if isinstance(scale, dict) else {}
    bad = scale.get("bad_levels")
    if isinstance(bad, list):
        return set(bad)
    return {scale["lowest"]} if scale.get("lowest") else set()


def match_level(value: Any, scale: dict[str, Any]) -> str | None:
    """The level key for a key or for words naming a level ("ko hai long"): the longest label found wins,
    so "rất không hài lòng" is not read as "hài lòng"."""
    levels = scale.get("levels") or []
    if value in {item["key"] for item in levels}:
        return value
    text = f" {fold_expanded(str(value or ''))} "
    named = [(item, label) for item in levels for label in _labels(item) if f" {fold(label)} " in text]
    return max(named, key=lambda pair: len(pair[1]))[0]["key"] if named else None


def match_choice(value: Any, choices: list[dict[str, str]]) -> str | None:
    """The key of a choice given by its key, its label, or the start of its label ("rất lịch sự")."""
    if value in {item["key"] for item in choices}:
        return value
    wanted = fold_expanded(str(value or ""))
    if not wanted:
        return None
    exact = [item["key"] for item in choices if any(fold(label) == wanted for label in _labels(item))]
    prefixed = [item["key"] for item in choices if any(fold(label).startswith(wanted + " ") for label in _labels(item))]
    return exact[0] if exact else prefixed[0] if len(prefixed) == 1 else None


def reasons_named(text: str, reasons: list[dict[str, str]]) -> list[str]:
    """The reasons whose label appears in the words ("chờ lâu quá" → cho_lau); "Khác" only when alone."""
    folded = f" {fold_expanded(text)} "
    return [
        item["key"]
        for item in reasons
        if item["key"] != "khac" and any(f" {fold(label)} " in folded for label in _labels(item))
    ]


def rating_payload(tracker: Tracker, unit: str, level: str) -> dict[str, Any]:
    """The rating as the API takes it; the key is stable for one user message, so a retry is a no-op.
    The dossier is named only with the phone check's token."""
    key = uuid.uuid5(uuid.NAMESPACE_URL, f"motcua-chat:{tracker.sender_id}:{_latest_user_time(tracker)}:{level}")
    attitude = tracker.get_slot("rating_attitude")
    code, token = verified_dossier(tracker) or (None, None)
    return {
        "idempotency_key": str(key),
        "unit_code": unit,
        "counter": None,
        "level": level,
        "attitude": None if attitude in (None, SKIPPED) else attitude,
        "reasons": list(tracker.get_slot("rating_reasons") or []),
        "comment": tracker.get_slot("rating_comment") or "",
        "source": rating_source(tracker),
        "token": token,
        "dossier_code": code,
    }


def _choice(item: dict[str, Any]) -> dict[str, str]:
    english = {"label_en": item["label_en"]} if isinstance(item.get("label_en"), str) and item["label_en"] else {}
    return {"key": item["key"], "label": item["label"], **english}


def _labels(item: dict[str, str]) -> list[str]:
    """The Vietnamese label, and the English one when the scale has it ("Very satisfied")."""
    return [item["label"], *([item["label_en"]] if item.get("label_en") else [])]


def _button(entity: str, item: dict[str, str], english: bool = False) -> dict[str, str]:
    title = (item.get("label_en") if english else None) or item["label"]
    return {"title": title, "payload": f"/rate_service{json.dumps({entity: item['key']})}"}


def _latest_user_time(tracker: Tracker) -> Any:
    return next((event.get("timestamp") for event in reversed(tracker.events) if event.get("event") == "user"), "")
