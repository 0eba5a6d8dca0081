"""Giờ làm việc, liên hệ, gặp cán bộ: from the unit's configuration (``GET /api/v1/units/<code>``) and
the app's hand-off queue (``POST /api/v1/conversations``).

Gặp cán bộ (asked for, a button, or the fallback's second miss: ``actions.fallback``) puts this same
conversation in the unit's queue: within working hours the citizen is told their place in the queue and an
officer answers here (the app pauses the assistant while the officer has the conversation, and resumes it
on close); outside them, when officers are back, and the offer to leave a question and a phone number
(``callback_form``), which enters the queue as a callback. The custom ``{"handoff": ...}`` message tells
the web widget to poll the app for the officer's messages (Zalo ignores it: the app sends officer replies
through its notification outbox). When the app cannot be reached, the hotline and the address are given,
as before the queue existed.

The phone number left for a callback is sent to the app and never kept: the tracker store stores the
``callback_phone`` slot as null and the message that carried it masked (``stores/redaction.py``).
"""

from __future__ import annotations

import abc
import re
from datetime import datetime
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from stores.scrub import PHONE, scrub

from actions import english
from actions.api_client import ApiAction, ApiError, ApiUnavailable, MotCuaAPI, default_unit_code, public_base_url
from actions.replies import UNAVAILABLE


class ActionUnitInfo(ApiAction):
    """Opening hours (ask_hours) or contacts (ask_contact) of the centre."""

    def name(self) -> str:
        return "action_unit_info"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        try:
            unit = self.api.unit(default_unit_code())
        except (ApiUnavailable, ApiError):
            dispatcher.utter_message(text=UNAVAILABLE)
            return []
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if english.reply_language(tracker) == "en":
            text = english_hours(unit) if intent == "ask_hours" else english_contact(unit)
        else:
            text = hours_text(unit) if intent == "ask_hours" else contact_text(unit)
        dispatcher.utter_message(text=text)
        return []


HANDOFF_PAYLOAD = "/human_handoff"
REASONS = ("asked", "fallback", "button")
# The widget's session ids (widget.js senderId(): "web-" and 32 hex digits today; older widgets kept other
# "web-…" ids in the browser, and their citizens come back with them); other REST senders are "rest".
WIDGET_SENDER = re.compile(r"web-[A-Za-z0-9_-]{8,124}")
# How far back the question the citizen wanted answered is looked for, and how much of it is sent.
QUESTION_LOOKBACK = 3
QUESTION_LENGTH = 500
# A phone number as typed: digits with spaces, dots, dashes or brackets between, optionally after "+".
_PHONE_CANDIDATE = re.compile(r"\+?\(?\+?\d[\d .\-()]{7,16}\d")
WEEKDAYS = {
    "vi": ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
SAY = {
    "vi": {
        "waiting": "Tôi đã chuyển cuộc trò chuyện cho cán bộ của trung tâm. Anh/chị đang ở vị trí số {position} "
        "trong hàng chờ; cán bộ sẽ trả lời anh/chị ngay tại đây.",
        "open": "Cán bộ của trung tâm đang hỗ trợ anh/chị trong cuộc trò chuyện này.",
        "closed_hours": "Hiện đã ngoài giờ làm việc của trung tâm. Cán bộ sẽ làm việc trở lại lúc {back_at}. "
        "Anh/chị có thể để lại câu hỏi và số điện thoại, cán bộ sẽ gọi lại cho anh/chị.",
        "closed_hours_unknown": "Hiện đã ngoài giờ làm việc của trung tâm. Anh/chị có thể để lại câu hỏi và số điện "
        "thoại, cán bộ sẽ gọi lại cho anh/chị khi trung tâm làm việc trở lại.",
        "leave": "Để lại câu hỏi",
        "no_thanks": "Không, cảm ơn",
        "callback": "Tôi đã chuyển câu hỏi của anh/chị cho cán bộ. Cán bộ sẽ gọi lại số điện thoại anh/chị để lại "
        "khi trung tâm làm việc trở lại{from_}.",
        "from": " (từ {back_at})",
        "ask_question": "Anh/chị nhập câu hỏi muốn gửi cán bộ:",
        "ask_phone": "Anh/chị nhập số điện thoại để cán bộ gọi lại (ví dụ 0912 345 678):",
        "question_short": "Anh/chị vui lòng ghi rõ câu hỏi muốn gửi cán bộ.",
        "phone_wrong": "Số điện thoại chưa đúng. Anh/chị nhập số di động hoặc số cố định Việt Nam, ví dụ 0912 345 678.",
        "never_mind": "Thôi",
        "reach": "Anh/chị có thể gặp cán bộ của trung tâm:",
        "hotline": "• Gọi đường dây nóng {hotline}{hours}",
        "hours": " (trong giờ làm việc: {hours})",
        "address": "• Đến quầy tiếp nhận tại {address}",
        "zalo": "• Nhắn tin Zalo OA: {zalo}",
        "noted": "Tôi đã ghi nhận yêu cầu gặp cán bộ của anh/chị.",
        "unavailable": UNAVAILABLE,
    },
    "en": {
        "waiting": "I have passed this conversation to an officer of the centre. You are number {position} in the "
        "queue; an officer will answer you here.",
        "open": "An officer of the centre is helping you in this conversation.",
        "closed_hours": "The centre is closed now. Officers are back at {back_at}. You can leave a question and a "
        "phone number, and an officer will call you back.",
        "closed_hours_unknown": "The centre is closed now. You can leave a question and a phone number, and an "
        "officer will call you back when the centre opens.",
        "leave": "Leave a question",
        "no_thanks": "No, thanks",
        "callback": "I have passed your question to an officer, who will call you back on the number you left when "
        "the centre opens{from_}.",
        "from": " (from {back_at})",
        "ask_question": "Please type the question for the officer:",
        "ask_phone": "Please type a phone number the officer can call (e.g. 0912 345 678):",
        "question_short": "Please write the question you want to ask the officer.",
        "phone_wrong": "That is not a phone number. Please type a Vietnamese mobile or landline number, e.g. "
        "0912 345 678.",
        "never_mind": "Never mind",
        "reach": "You can reach an officer of the centre:",
        "hotline": "• Call the hotline {hotline}{hours}",
        "hours": " (opening hours: {hours})",
        "address": "• Come to the counter at {address}",
        "zalo": "• Zalo OA: {zalo}",
        "noted": "I have noted that you want to talk to an officer.",
        "unavailable": "Sorry, the system is temporarily unavailable. Please try again in a few minutes or call the "
        "centre's hotline.",
    },
}


class ActionHumanHandoff(ApiAction):
    """Gặp cán bộ asked for in words or with a button."""

    def name(self) -> str:
        return "action_human_handoff"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        text = tracker.latest_message.get("text") or ""
        return hand_off(self.api, dispatcher, tracker, "button" if text.startswith(HANDOFF_PAYLOAD) else "asked")


def hand_off(api: MotCuaAPI, dispatcher: CollectingDispatcher, tracker: Tracker, reason: str) -> list[dict]:
    """Queue this conversation for an officer and tell the citizen where it stands (the module's docstring).
    The miss counter starts again: after the officer closes, one miss must not hand off at once."""
    lang = english.reply_language(tracker)
    request = {
        "conversation_id": tracker.sender_id,
        "channel": channel_of(tracker),
        "reason": reason if reason in REASONS else "asked",
        "unit": default_unit_code(),
    }
    question = question_of(tracker, reason)
    if question:
        request["question"] = question
    marks = [SlotSet("handoff", True), SlotSet("unanswered", 0), SlotSet("handoff_reason", request["reason"])]
    try:
        queued = api.open_conversation(request)
    except (ApiUnavailable, ApiError):
        return [*marks, *_reach_by_phone(api, dispatcher, lang)]
    _tell(dispatcher, tracker, queued, lang)
    return marks


def _tell(dispatcher: CollectingDispatcher, tracker: Tracker, queued: dict[str, Any], lang: str) -> None:
    """What the app's answer means for the citizen, and the widget's cue to poll."""
    say, status = SAY[lang], queued.get("status")
    back_at = when(queued.get("back_at"), lang)
    if status == "closed_hours":
        text = say["closed_hours"].format(back_at=back_at) if back_at else say["closed_hours_unknown"]
        buttons = [
            {"title": say["leave"], "payload": "/leave_callback"},
            {"title": say["no_thanks"], "payload": "/deny"},
        ]
        dispatcher.utter_message(text=text, buttons=buttons)
        dispatcher.utter_message(json_message={"handoff": {"status": status, "back_at": queued.get("back_at")}})
        return
    if status == "callback":
        since = say["from"].format(back_at=back_at) if back_at else ""
        dispatcher.utter_message(text=say["callback"].format(from_=since))
    elif status == "open":
        dispatcher.utter_message(text=say["open"])
    else:
        dispatcher.utter_message(text=say["waiting"].format(position=queued.get("position") or 1))
    dispatcher.utter_message(
        json_message={
            "handoff": {
                "status": status,
                "conversation": queued.get("id"),
                "position": queued.get("position"),
                "poll": poll_url(tracker.sender_id),
            }
        }
    )


def _reach_by_phone(api: MotCuaAPI, dispatcher: CollectingDispatcher, lang: str) -> list[dict]:
    """The queue cannot be reached: how to reach an officer by phone or at the counter (the unit's data)."""
    say = SAY[lang]
    try:
        unit = api.unit(default_unit_code())
    except (ApiUnavailable, ApiError):
        unit = {}
    lines = [say["reach"]]
    if unit.get("hotline"):
        hours = say["hours"].format(hours=unit["opening_hours"]) if unit.get("opening_hours") else ""
        lines.append(say["hotline"].format(hotline=unit["hotline"], hours=hours))
    if unit.get("address"):
        lines.append(say["address"].format(address=unit["address"]))
    if unit.get("zalo_oa"):
        lines.append(say["zalo"].format(zalo=unit["zalo_oa"]))
    if len(lines) == 1:
        lines = [say["unavailable"]]
    else:
        lines.append(say["noted"])
    dispatcher.utter_message(text="\n".join(lines))
    dispatcher.utter_message(
        json_message={"handoff": {"status": "unavailable", "unit": unit.get("code"), "hotline": unit.get("hotline")}}
    )
    return []


class _AskCallback(Action, metaclass=abc.ABCMeta):
    """Asks one slot of ``callback_form`` (``SAY[lang][asks]``), with the button that stops the form.
    Abstract, so the SDK's executor does not register it as an action of its own."""

    asks = ""

    @abc.abstractmethod
    def name(self) -> str:
        """The ask action's name (action_ask_<slot>)."""

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        say = SAY[english.reply_language(tracker)]
        dispatcher.utter_message(text=say[self.asks], buttons=[{"title": say["never_mind"], "payload": "/deny"}])
        return []


class ActionAskCallbackQuestion(_AskCallback):
    asks = "ask_question"

    def name(self) -> str:
        return "action_ask_callback_question"


class ActionAskCallbackPhone(_AskCallback):
    asks = "ask_phone"

    def name(self) -> str:
        return "action_ask_callback_phone"


class ValidateCallbackForm(FormValidationAction):
    """The question (masked before it is kept or sent) and a phone number the store will mask."""

    def name(self) -> str:
        return "validate_callback_form"

    def validate_callback_question(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        question = scrub(str(value or "")).strip()[:QUESTION_LENGTH]
        if len(re.findall(r"\w", question)) < 3 or question.startswith("/"):
            dispatcher.utter_message(text=SAY[english.reply_language(tracker)]["question_short"])
            return {"callback_question": None}
        return {"callback_question": question}

    def validate_callback_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        phone = phone_number(str(value or ""))
        if phone is None:
            dispatcher.utter_message(text=SAY[english.reply_language(tracker)]["phone_wrong"])
        return {"callback_phone": phone}


class ActionSubmitCallback(ApiAction):
    """The question and the phone number enter the queue as a callback; both slots are forgotten."""

    def name(self) -> str:
        return "action_submit_callback"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        lang = english.reply_language(tracker)
        forget = [SlotSet("callback_question", None), SlotSet("callback_phone", None)]
        phone, question = tracker.get_slot("callback_phone"), tracker.get_slot("callback_question")
        if not phone or not question:
            return forget
        reason = tracker.get_slot("handoff_reason")
        request = {
            "conversation_id": tracker.sender_id,
            "channel": channel_of(tracker),
            "reason": reason if reason in REASONS else "asked",
            "unit": default_unit_code(),
            "question": scrub(question)[:QUESTION_LENGTH],
            "contact": phone,
        }
        try:
            queued = self.api.open_conversation(request)
        except (ApiUnavailable, ApiError):
            return [*forget, *_reach_by_phone(self.api, dispatcher, lang)]
        if queued.get("status") == "closed_hours":  # the app kept nothing: say how to call instead
            return [*forget, *_reach_by_phone(self.api, dispatcher, lang)]
        _tell(dispatcher, tracker, queued, lang)
        return forget


def channel_of(tracker: Tracker) -> str:
    """ "zalo" (the Zalo OA channel), "web" (the widget's session) or "rest" (any other REST caller)."""
    if tracker.get_latest_input_channel() == "zalo":
        return "zalo"
    return "web" if WIDGET_SENDER.fullmatch(tracker.sender_id or "") else "rest"


def question_of(tracker: Tracker, reason: str) -> str | None:
    """The question the citizen wanted answered, masked: the missed message (fallback), else the last
    message before the request for a person that was not itself a request or a button."""
    texts = [
        (event.get("text") or "", ((event.get("parse_data") or {}).get("intent") or {}).get("name"))
        for event in tracker.events
        if event.get("event") == "user"
    ]
    if not texts:
        texts = [(tracker.latest_message.get("text") or "", None)]
    if reason != "fallback":
        texts = texts[:-1]  # the request itself
    for text, intent in reversed(texts[-QUESTION_LOOKBACK:]):
        if text and not text.startswith("/") and intent != "human_handoff":
            return scrub(text).strip()[:QUESTION_LENGTH] or None
    return None


def phone_number(text: str) -> str | None:
    """The Vietnamese phone number in ``text`` as digits ("0912345678"), only when the scrubber masks it
    (so the message that carried it is stored masked), else None."""
    for match in _PHONE_CANDIDATE.finditer(text):
        candidate = match.group().strip(" .-()")
        if scrub(candidate) != PHONE:
            continue
        digits = re.sub(r"\D", "", candidate)
        return "0" + digits[2:] if digits.startswith("84") else digits
    return None


def poll_url(sender_id: str) -> str:
    """Where the widget reads the officer's messages (the app's public endpoint, the session id as key)."""
    return f"{public_base_url()}/tro-chuyen/phien/{sender_id}/tin-nhan"


def when(value: Any, lang: str) -> str:
    """ "2026-12-01T07:30:00+07:00" → "07:30 thứ Ba, 01/12/2026" ("07:30 on Tuesday 01/12/2026")."""
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return ""
    day = WEEKDAYS[lang][moment.weekday()]
    if lang == "en":
        return f"{moment:%H:%M} on {day} {moment:%d/%m/%Y}"
    return f"{moment:%H:%M} {day}, {moment:%d/%m/%Y}"


def hours_text(unit: dict[str, Any]) -> str:
    hours = unit.get("opening_hours")
    if not hours:
        return f"{unit['name']} chưa công bố giờ làm việc trên hệ thống. " + _call(unit)
    return f"Giờ làm việc của {unit['name']}: {hours}."


def contact_text(unit: dict[str, Any]) -> str:
    lines = [f"{unit['name']}:"]
    labels = (("address", "Địa chỉ"), ("hotline", "Đường dây nóng"), ("email", "Email"), ("zalo_oa", "Zalo OA"))
    lines += [f"• {label}: {unit[key]}" for key, label in labels if unit.get(key)]
    if unit.get("opening_hours"):
        lines.append(f"• Giờ làm việc: {unit['opening_hours']}")
    return "\n".join(lines)


def _call(unit: dict[str, Any]) -> str:
    return f"Anh/chị vui lòng gọi {unit['hotline']}." if unit.get("hotline") else ""


def english_hours(unit: dict[str, Any]) -> str:
    """Opening hours for an English question (the hours as the unit publishes them, in Vietnamese)."""
    hours = unit.get("opening_hours")
    call = f" Please call {unit['hotline']}." if unit.get("hotline") else ""
    return (
        f"Opening hours of {unit['name']}: {hours}." if hours else f"{unit['name']} has not published its hours.{call}"
    )


def english_contact(unit: dict[str, Any]) -> str:
    labels = (("address", "Address"), ("hotline", "Hotline"), ("email", "Email"), ("zalo_oa", "Zalo OA"))
    lines = [f"{unit['name']}:"] + [f"• {label}: {unit[key]}" for key, label in labels if unit.get(key)]
    if unit.get("opening_hours"):
        lines.append(f"• Opening hours: {unit['opening_hours']}")
    return "\n".join(lines)
