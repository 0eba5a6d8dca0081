"""Tình trạng hồ sơ: the public lookup by dossier code, and full detail after the phone check.

Personal data (applicant name, events, documents to supplement) is shown only from
``POST /api/v1/dossiers/<code>/verify`` with the last four digits of the applicant's phone, which are
forgotten (slot cleared) as soon as they were used; the message that showed it and the citizen's digits
are redacted when the conversation is stored (``stores/redaction.py``). The verification's
``rating_token`` is what lets the citizen rate or complain about this dossier from the chat.
"""

from __future__ import annotations

from typing import Any

from components.dossier_code import canonical_dossier_code
from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.api_client import ApiAction, ApiError, ApiUnavailable
from actions.english import reply_language
from actions.follow import start_following
from actions.replies import failure, vn_date, vn_datetime

CODE_EXAMPLE = "000.00.12.H62-260921-0001"
RESOLVED_STATES = {9, 10}
TIMELINESS = {"truoc_han": "trước hạn", "dung_han": "đúng hạn", "qua_han": "quá hạn"}
MAX_EVENTS = 3
ASK_DIGITS = (
    "Để xem chi tiết (người nộp, các bước xử lý, giấy tờ cần bổ sung), anh/chị nhập 4 số cuối số điện thoại đã "
    "đăng ký khi nộp hồ sơ."
)
# What the dossier flow says, in the language of the citizen's question (actions.english.reply_language);
# in English the app's labels come in English too (``?lang=en``), the procedure's name as published.
SAY = {
    "vi": {
        "ask_code": f"Anh/chị vui lòng nhập mã hồ sơ in trên giấy tiếp nhận (ví dụ {CODE_EXAMPLE}).",
        "never_mind": "Thôi, không tra cứu",
        "no_code": f"Tôi chưa nhận ra mã hồ sơ trong tin nhắn. Mã có dạng {CODE_EXAMPLE} "
        "(chữ hoa hay thường đều được).",
        "code_please": f"Anh/chị cho tôi xin mã hồ sơ (ví dụ {CODE_EXAMPLE}).",
        "ask_digits": ASK_DIGITS,
        "resolved_ask_digits": "Hồ sơ đã giải quyết xong. Để xem chi tiết hoặc đánh giá mức độ hài lòng về hồ sơ này, "
        "anh/chị nhập 4 số cuối số điện thoại đã đăng ký khi nộp hồ sơ.",
        "not_found": "Không tìm thấy hồ sơ mã {code}. Anh/chị kiểm tra lại mã trên giấy tiếp nhận giúp tôi.",
        "digits_wrong": "4 số cuối điện thoại anh/chị nhập chưa khớp với số đã đăng ký cho hồ sơ {code}. Anh/chị kiểm "
        "tra lại và nhập lại 4 số cuối của số điện thoại đã ghi trên giấy tiếp nhận.",
        "already_rated": "Hồ sơ này đã được đánh giá. Cảm ơn anh/chị đã góp ý cho trung tâm!",
        "offer_rating": "Anh/chị có muốn đánh giá mức độ hài lòng về việc giải quyết hồ sơ này không?",
        "rate": "Đánh giá",
        "no_thanks": "Không, cảm ơn",
        "offer_follow": "Anh/chị có muốn nhận tin mỗi khi hồ sơ này chuyển bước không?",
        "follow": "Theo dõi hồ sơ",
        "dossier": "Hồ sơ {code}: {procedure}.",
        "procedure": "thủ tục hành chính",
        "state": "Tình trạng: {label}.",
        "unknown": "chưa rõ",
        "received": "Tiếp nhận lúc {at}.",
        "due": "Hẹn trả kết quả: {date}.",
        "timeliness": "Kết quả giải quyết {label}.",
        "late": "Hồ sơ đã quá hạn hẹn trả; trung tâm sẽ liên hệ và gửi văn bản xin lỗi, hẹn lại ngày trả.",
        "applicant": "Người nộp: {name} (điện thoại {phone}).",
        "steps": "Các bước gần nhất:",
        "supplement": "Giấy tờ cần bổ sung: {documents}.",
    },
    "en": {
        "ask_code": f"Please type the dossier code printed on your receipt (e.g. {CODE_EXAMPLE}).",
        "never_mind": "Never mind",
        "no_code": f"I could not find a dossier code in your message. Codes look like {CODE_EXAMPLE} "
        "(upper or lower case).",
        "code_please": f"Please give me the dossier code (e.g. {CODE_EXAMPLE}).",
        "ask_digits": "To see the details (applicant, processing steps, documents to supplement), please type the "
        "last 4 digits of the phone number given when the dossier was submitted.",
        "resolved_ask_digits": "The dossier has been resolved. To see the details or rate how it was handled, please "
        "type the last 4 digits of the phone number given when the dossier was submitted.",
        "not_found": "No dossier with code {code} was found. Please check the code on your receipt.",
        "digits_wrong": "The last 4 digits do not match the phone number registered for dossier {code}. Please check "
        "them and type the last 4 digits of the phone number on your receipt again.",
        "already_rated": "This dossier has already been rated. Thank you for your feedback!",
        "offer_rating": "Would you like to rate how this dossier was handled?",
        "rate": "Rate",
        "no_thanks": "No, thanks",
        "offer_follow": "Would you like to be told each time this dossier moves to a new step?",
        "follow": "Follow this dossier",
        "dossier": "Dossier {code}: {procedure} (procedure name as published, in Vietnamese).",
        "procedure": "administrative procedure",
        "state": "Status: {label}.",
        "unknown": "unknown",
        "received": "Received at {at}.",
        "due": "Due date: {date}.",
        "timeliness": "Resolved: {label}.",
        "late": "The due date has passed; the centre will contact you with a written apology and a new date.",
        "applicant": "Applicant: {name} (phone {phone}).",
        "steps": "Latest steps:",
        "supplement": "Documents to supplement: {documents}.",
    },
}


class ActionStartStatus(Action):
    """A new status question without a code forgets the previous dossier, so the form asks again."""

    def name(self) -> str:
        return "action_start_status"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        if next(tracker.get_latest_entity_values("dossier_code"), None):
            return []
        return [SlotSet("dossier_code", None), SlotSet("phone_last4", None), SlotSet("rating_token", None)]


class ActionAskDossierCode(Action):
    def name(self) -> str:
        return "action_ask_dossier_code"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        say = SAY[reply_language(tracker)]
        dispatcher.utter_message(text=say["ask_code"], buttons=[{"title": say["never_mind"], "payload": "/deny"}])
        return []


class ValidateDossierForm(FormValidationAction):
    """Accept only a real code shape; anything else gets an example and the question again."""

    def name(self) -> str:
        return "validate_dossier_form"

    def validate_dossier_code(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        if not value:  # cleared by action_start_status: nothing typed yet, the form will ask
            return {"dossier_code": None}
        code = canonical_dossier_code(str(value))
        if code is None:
            dispatcher.utter_message(text=SAY[reply_language(tracker) if tracker else "vi"]["no_code"])
        return {"dossier_code": code}


class ActionDossierStatus(ApiAction):
    """Tell where the dossier stands; with the phone digits, the full detail and the right to rate it."""

    def name(self) -> str:
        return "action_dossier_status"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        code = tracker.get_slot("dossier_code")
        phone_last4 = tracker.get_slot("phone_last4")
        lang = reply_language(tracker)
        if not code:
            dispatcher.utter_message(text=SAY[lang]["code_please"])
            return []
        if phone_last4:
            # The digits are forgotten whatever the answer (the tracker store also redacts the message).
            return [SlotSet("phone_last4", None), *self.verified(dispatcher, code, phone_last4, tracker, lang)]
        return self.looked_up(dispatcher, code, tracker.sender_id, lang)

    def looked_up(self, dispatcher: CollectingDispatcher, code: str, conversation: str, lang: str) -> list[dict]:
        """The public status, and the question for the phone digits."""
        try:
            dossier = self.api.dossier(code, conversation, lang=lang)
        except (ApiUnavailable, ApiError) as error:
            return _not_found(dispatcher, code, error, lang)
        dispatcher.utter_message(text=public_text(code, dossier, lang))
        resolved = dossier.get("state") in RESOLVED_STATES
        dispatcher.utter_message(text=SAY[lang]["resolved_ask_digits" if resolved else "ask_digits"])
        return []

    def verified(
        self, dispatcher: CollectingDispatcher, code: str, digits: str, tracker: Tracker, lang: str
    ) -> list[dict]:
        """The detail after the phone check; wrong digits keep the code so the citizen can try again
        (the app limits the tries per code and per conversation). Following asked before the check is
        made now; a dossier still in progress is offered it."""
        say, conversation = SAY[lang], tracker.sender_id
        try:
            detail = self.api.verify_dossier(code, digits, conversation, lang=lang)
        except ApiError as error:
            if error.error == "verification_failed" or error.status == 404:
                return self.digits_refused(dispatcher, code, conversation, lang)
            dispatcher.utter_message(text=failure(error))
            return []
        except ApiUnavailable as error:
            dispatcher.utter_message(text=failure(error))
            return []
        # Marked so the tracker store keeps only a placeholder of it (stores/redaction.py).
        dispatcher.utter_message(text=verified_text(code, detail, lang), personal_data=True)
        token = detail.get("rating_token")
        following: list[dict] = []
        if token and tracker.get_slot("follow_requested"):
            following = start_following(self.api, dispatcher, tracker, code, token)
        elif token and detail.get("state") not in RESOLVED_STATES:
            dispatcher.utter_message(
                text=say["offer_follow"],
                buttons=[
                    {"title": say["follow"], "payload": "/follow_dossier"},
                    {"title": say["no_thanks"], "payload": "/deny"},
                ],
            )
        if detail.get("state") in RESOLVED_STATES:
            if detail.get("rated"):
                dispatcher.utter_message(text=say["already_rated"])
                return [*following, SlotSet("rating_token", None)]
            if token:
                dispatcher.utter_message(
                    text=say["offer_rating"],
                    buttons=[
                        {"title": say["rate"], "payload": "/rate_service"},
                        {"title": say["no_thanks"], "payload": "/deny"},
                    ],
                )
        # Kept (never shown) for a rating or complaint about this dossier; cleared once used.
        return [*following, SlotSet("rating_token", {"code": code, "token": token} if token else None)]

    def digits_refused(self, dispatcher: CollectingDispatcher, code: str, conversation: str, lang: str) -> list[dict]:
        """The app answers wrong digits and unknown codes alike; the public lookup (which anyone with the
        code may make) tells the citizen which of the two to correct."""
        try:
            self.api.dossier(code, conversation, lang=lang)
        except (ApiUnavailable, ApiError) as error:
            return _not_found(dispatcher, code, error, lang)
        dispatcher.utter_message(text=SAY[lang]["digits_wrong"].format(code=code))
        return []


def _not_found(dispatcher: CollectingDispatcher, code: str, error: ApiUnavailable | ApiError, lang: str) -> list[dict]:
    """An unknown code is forgotten, so the form asks for it again; other failures keep it."""
    if isinstance(error, ApiError) and error.status == 404:
        dispatcher.utter_message(text=SAY[lang]["not_found"].format(code=code))
        return [SlotSet("dossier_code", None)]
    dispatcher.utter_message(text=failure(error))
    return []


def verified_dossier(tracker: Tracker) -> tuple[str, str] | None:
    """(code, token) of the dossier this conversation passed the phone check for, when it is still the
    dossier being talked about: a token is never sent with another code typed since."""
    verified = tracker.get_slot("rating_token")
    code = tracker.get_slot("dossier_code")
    if isinstance(verified, dict) and verified.get("token") and code and verified.get("code") == code:
        return code, verified["token"]
    return None


def public_text(code: str, dossier: dict[str, Any], lang: str = "vi") -> str:
    """What anyone holding the code may see: procedure, state, dates, lateness."""
    say = SAY[lang]
    lines = [say["dossier"].format(code=code, procedure=dossier.get("procedure_name") or say["procedure"])]
    lines.append(say["state"].format(label=dossier.get("state_label") or say["unknown"]))
    if dossier.get("received_at"):
        lines.append(say["received"].format(at=_datetime(dossier["received_at"], lang)))
    if dossier.get("due_at"):
        lines.append(say["due"].format(date=vn_date(dossier["due_at"])))
    timeliness = TIMELINESS.get(dossier.get("timeliness") or "")
    if lang == "en":
        timeliness = dossier.get("timeliness_label") if timeliness else None
    if timeliness:
        lines.append(say["timeliness"].format(label=timeliness))
    elif dossier.get("is_late"):
        lines.append(say["late"])
    return "\n".join(lines)


def verified_text(code: str, detail: dict[str, Any], lang: str = "vi") -> str:
    """The full detail, after the phone check: applicant, last steps, documents to supplement."""
    say = SAY[lang]
    lines = [public_text(code, detail, lang)]
    if detail.get("applicant_name"):
        lines.append(say["applicant"].format(name=detail["applicant_name"], phone=detail.get("applicant_phone", "")))
    events = detail.get("events") or []
    if events:
        lines.append(say["steps"])
        lines += [
            f"• {_datetime(event.get('at'), lang)}: {event.get('state_label') or event.get('note') or ''}".rstrip(": ")
            for event in events[-MAX_EVENTS:]
        ]
    missing = detail.get("supplement") or []
    if missing:
        lines.append(say["supplement"].format(documents="; ".join(_document_name(doc) for doc in missing)))
    return "\n".join(lines)


def _datetime(value: Any, lang: str) -> str:
    """ "08:30 ngày 21/09/2026", in English "08:30 on 21/09/2026"."""
    text = vn_datetime(value)
    return text.replace(" ngày ", " on ") if lang == "en" else text


def _document_name(doc: Any) -> str:
    return doc.get("name", "") if isinstance(doc, dict) else str(doc)
