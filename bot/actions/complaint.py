"""Phản ánh, kiến nghị typed in the chat: the text (asked for when the message carries none), then an
optional contact (phone or e-mail) for the answer, recorded by ``POST /api/v1/complaints`` with source
"zalo" on the Zalo OA channel, "chat" anywhere else; the citizen gets its reference and how it will be handled.
It names a dossier only after the phone check, with the verification's ``rating_token``, used once.
"""

from __future__ import annotations

import re
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

# Words that only say "I want to complain": a message with more than these carries the complaint.
_TRIGGER_TEXT = "toi minh em muon can gui phan anh khieu nai kien nghi to cao gop y ve viec a nhe cho hoi"
COMPLAINT_TRIGGER_WORDS = frozenset(_TRIGGER_TEXT.split())
MIN_COMPLAINT_WORDS = 4
# The contact question was answered with "skip": the slot is filled, nothing is sent.
NO_CONTACT = ""
SKIP_WORDS = frozenset({"bo qua", "khong", "thoi", "khong can", "khong a", "khong de lai", "no", "skip", "no thanks"})
# In English (actions.english.reply_language); the app's own message about the handling stays as it sends it.
SAY_EN = {
    "text": "Please describe your complaint or suggestion (what happened, when, the counter or officer concerned "
    "if any).",
    "cancel": "Never mind",
    "contact": "Would you like to leave a phone number or e-mail so the centre can answer you? (optional)",
    "skip": "Skip",
    "no_contact": "I could not find a phone number or e-mail in your message (e.g. 0912 345 678 or name@gmail.com).",
    "recorded": "The centre has recorded your complaint{reference}.",
    "reference": " (no. {reference})",
}
# A Vietnamese phone number as typed: 0 or +84 then 8 to 10 digits, spaces, dots or dashes between them.
_PHONE = re.compile(r"(?<![\d+])(?:\+84|0)(?:[\s.\-]?\d){8,10}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MAX_CONTACT = 255
COMPLAINT_SLOTS = ("complaint_text", "complaint_contact")


class ActionPrefillComplaint(Action):
    """If the complaint is already in the message ("cán bộ quầy 3 hách dịch"), don't ask for it again."""

    def name(self) -> str:
        return "action_prefill_complaint"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        text = (tracker.latest_message.get("text") or "").strip()
        prefilled = None if text.startswith("/") or not carries_complaint(text) else text
        return [SlotSet("complaint_text", prefilled), SlotSet("complaint_contact", None)]


class ActionAskComplaintText(Action):
    def name(self) -> str:
        return "action_ask_complaint_text"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        if reply_language(tracker) == "en":
            dispatcher.utter_message(text=SAY_EN["text"], buttons=[{"title": SAY_EN["cancel"], "payload": "/deny"}])
            return []
        dispatcher.utter_message(
            text="Anh/chị vui lòng mô tả nội dung phản ánh, kiến nghị (sự việc, thời gian, quầy hoặc cán bộ "
            "liên quan nếu có).",
            buttons=[{"title": "Thôi, không gửi", "payload": "/deny"}],
        )
        return []


class ActionAskComplaintContact(Action):
    def name(self) -> str:
        return "action_ask_complaint_contact"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        if reply_language(tracker) == "en":
            dispatcher.utter_message(text=SAY_EN["contact"], buttons=[{"title": SAY_EN["skip"], "payload": "/deny"}])
            return []
        dispatcher.utter_message(
            text="Anh/chị có muốn để lại số điện thoại hoặc email để trung tâm trả lời không? (không bắt buộc)",
            buttons=[{"title": "Bỏ qua", "payload": "/deny"}],
        )
        return []


class ValidateComplaintForm(FormValidationAction):
    """The contact is optional: a phone number or an e-mail found in the answer, or nothing when skipped."""

    def name(self) -> str:
        return "validate_complaint_form"

    def validate_complaint_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        if value is None:  # cleared when the complaint started: nothing answered yet
            return {"complaint_contact": None}
        text = str(value)
        contact = contact_in(text)
        if contact:
            return {"complaint_contact": contact}
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "deny" or text.startswith("/") or fold_expanded(text) in SKIP_WORDS:
            return {"complaint_contact": NO_CONTACT}
        dispatcher.utter_message(
            text=SAY_EN["no_contact"]
            if reply_language(tracker) == "en"
            else "Tôi chưa nhận ra số điện thoại hoặc email trong tin nhắn (ví dụ 0912 345 678 hoặc ten@gmail.com)."
        )
        return {"complaint_contact": None}


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
        if tracker.get_slot("complaint_contact"):
            complaint["contact"] = tracker.get_slot("complaint_contact")
        verified = verified_dossier(tracker)
        if verified:
            complaint.update(dossier_code=verified[0], token=verified[1])
        try:
            answer = self.api.submit_complaint(complaint, tracker.sender_id)
        except (ApiUnavailable, ApiError) as error:
            dispatcher.utter_message(text=failure(error))
            return []
        reference = answer.get("reference")
        if reply_language(tracker) == "en":
            numbered = SAY_EN["reference"].format(reference=reference) if reference else ""
            lines = [SAY_EN["recorded"].format(reference=numbered)]
        else:
            lines = [f"Trung tâm đã ghi nhận phản ánh của anh/chị{f' (số {reference})' if reference else ''}."]
        if answer.get("message"):
            lines.append(answer["message"])
        dispatcher.utter_message(text="\n".join(lines))
        return [SlotSet(slot, None) for slot in (*COMPLAINT_SLOTS, "rating_token")]


def carries_complaint(text: str) -> bool:
    """True when the message says more than "I want to complain"."""
    return len([word for word in fold(text).split() if word not in COMPLAINT_TRIGGER_WORDS]) >= MIN_COMPLAINT_WORDS


def contact_in(text: str) -> str | None:
    """The phone numbers (digits only, "+84" kept) and e-mails in the text, joined; None when there is none."""
    phones = [re.sub(r"[^\d+]", "", match) for match in _PHONE.findall(text)]
    found = [*phones, *_EMAIL.findall(text)]
    return ", ".join(found)[:MAX_CONTACT] if found else None
