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
        dispatcher.utter_message(
            text=f"Anh/chị vui lòng nhập mã hồ sơ in trên giấy tiếp nhận (ví dụ {CODE_EXAMPLE}).",
            buttons=[{"title": "Thôi, không tra cứu", "payload": "/deny"}],
        )
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
            dispatcher.utter_message(
                text=f"Tôi chưa nhận ra mã hồ sơ trong tin nhắn. Mã có dạng {CODE_EXAMPLE} "
                "(chữ hoa hay thường đều được)."
            )
        return {"dossier_code": code}


class ActionDossierStatus(ApiAction):
    """Tell where the dossier stands; with the phone digits, the full detail and the right to rate it."""

    def name(self) -> str:
        return "action_dossier_status"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        code = tracker.get_slot("dossier_code")
        phone_last4 = tracker.get_slot("phone_last4")
        if not code:
            dispatcher.utter_message(text=f"Anh/chị cho tôi xin mã hồ sơ (ví dụ {CODE_EXAMPLE}).")
            return []
        if phone_last4:
            # The digits are forgotten whatever the answer (the tracker store also redacts the message).
            return [SlotSet("phone_last4", None), *self.verified(dispatcher, code, phone_last4, tracker)]
        return self.looked_up(dispatcher, code, tracker.sender_id)

    def looked_up(self, dispatcher: CollectingDispatcher, code: str, conversation: str) -> list[dict]:
        """The public status, and the question for the phone digits."""
        try:
            dossier = self.api.dossier(code, conversation)
        except (ApiUnavailable, ApiError) as error:
            return _not_found(dispatcher, code, error)
        dispatcher.utter_message(text=public_text(code, dossier))
        if dossier.get("state") in RESOLVED_STATES:
            dispatcher.utter_message(
                text="Hồ sơ đã giải quyết xong. Để xem chi tiết hoặc đánh giá mức độ hài lòng về hồ sơ này, anh/chị "
                "nhập 4 số cuối số điện thoại đã đăng ký khi nộp hồ sơ."
            )
        else:
            dispatcher.utter_message(text=ASK_DIGITS)
        return []

    def verified(self, dispatcher: CollectingDispatcher, code: str, digits: str, tracker: Tracker) -> list[dict]:
        """The detail after the phone check; wrong digits keep the code so the citizen can try again
        (the app limits the tries per code and per conversation). Following asked before the check is
        made now; a dossier still in progress is offered it."""
        conversation = tracker.sender_id
        try:
            detail = self.api.verify_dossier(code, digits, conversation)
        except ApiError as error:
            if error.error == "verification_failed" or error.status == 404:
                return self.digits_refused(dispatcher, code, conversation)
            dispatcher.utter_message(text=failure(error))
            return []
        except ApiUnavailable as error:
            dispatcher.utter_message(text=failure(error))
            return []
        # Marked so the tracker store keeps only a placeholder of it (stores/redaction.py).
        dispatcher.utter_message(text=verified_text(code, detail), personal_data=True)
        token = detail.get("rating_token")
        following: list[dict] = []
        if token and tracker.get_slot("follow_requested"):
            following = start_following(self.api, dispatcher, tracker, code, token)
        elif token and detail.get("state") not in RESOLVED_STATES:
            dispatcher.utter_message(
                text="Anh/chị có muốn nhận tin mỗi khi hồ sơ này chuyển bước không?",
                buttons=[
                    {"title": "Theo dõi hồ sơ", "payload": "/follow_dossier"},
                    {"title": "Không, cảm ơn", "payload": "/deny"},
                ],
            )
        if detail.get("state") in RESOLVED_STATES:
            if detail.get("rated"):
                dispatcher.utter_message(text="Hồ sơ này đã được đánh giá. Cảm ơn anh/chị đã góp ý cho trung tâm!")
                return [*following, SlotSet("rating_token", None)]
            if token:
                dispatcher.utter_message(
                    text="Anh/chị có muốn đánh giá mức độ hài lòng về việc giải quyết hồ sơ này không?",
                    buttons=[
                        {"title": "Đánh giá", "payload": "/rate_service"},
                        {"title": "Không, cảm ơn", "payload": "/deny"},
                    ],
                )
        # Kept (never shown) for a rating or complaint about this dossier; cleared once used.
        return [*following, SlotSet("rating_token", {"code": code, "token": token} if token else None)]

    def digits_refused(self, dispatcher: CollectingDispatcher, code: str, conversation: str) -> list[dict]:
        """The app answers wrong digits and unknown codes alike; the public lookup (which anyone with the
        code may make) tells the citizen which of the two to correct."""
        try:
            self.api.dossier(code, conversation)
        except (ApiUnavailable, ApiError) as error:
            return _not_found(dispatcher, code, error)
        dispatcher.utter_message(
            text=f"4 số cuối điện thoại anh/chị nhập chưa khớp với số đã đăng ký cho hồ sơ {code}. Anh/chị kiểm tra "
            "lại và nhập lại 4 số cuối của số điện thoại đã ghi trên giấy tiếp nhận."
        )
        return []


def _not_found(dispatcher: CollectingDispatcher, code: str, error: ApiUnavailable | ApiError) -> list[dict]:
    """An unknown code is forgotten, so the form asks for it again; other failures keep it."""
    if isinstance(error, ApiError) and error.status == 404:
        dispatcher.utter_message(
            text=f"Không tìm thấy hồ sơ mã {code}. Anh/chị kiểm tra lại mã trên giấy tiếp nhận giúp tôi."
        )
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


def public_text(code: str, dossier: dict[str, Any]) -> str:
    """What anyone holding the code may see: procedure, state, dates, lateness."""
    lines = [f"Hồ sơ {code}: {dossier.get('procedure_name') or 'thủ tục hành chính'}."]
    lines.append(f"Tình trạng: {dossier.get('state_label') or 'chưa rõ'}.")
    if dossier.get("received_at"):
        lines.append(f"Tiếp nhận lúc {vn_datetime(dossier['received_at'])}.")
    if dossier.get("due_at"):
        lines.append(f"Hẹn trả kết quả: {vn_date(dossier['due_at'])}.")
    timeliness = TIMELINESS.get(dossier.get("timeliness") or "")
    if timeliness:
        lines.append(f"Kết quả giải quyết {timeliness}.")
    elif dossier.get("is_late"):
        lines.append("Hồ sơ đã quá hạn hẹn trả; trung tâm sẽ liên hệ và gửi văn bản xin lỗi, hẹn lại ngày trả.")
    return "\n".join(lines)


def verified_text(code: str, detail: dict[str, Any]) -> str:
    """The full detail, after the phone check: applicant, last steps, documents to supplement."""
    lines = [public_text(code, detail)]
    if detail.get("applicant_name"):
        lines.append(f"Người nộp: {detail['applicant_name']} (điện thoại {detail.get('applicant_phone', '')}).")
    events = detail.get("events") or []
    if events:
        lines.append("Các bước gần nhất:")
        lines += [
            f"• {vn_datetime(event.get('at'))}: {event.get('state_label') or event.get('note') or ''}".rstrip(": ")
            for event in events[-MAX_EVENTS:]
        ]
    missing = detail.get("supplement") or []
    if missing:
        lines.append("Giấy tờ cần bổ sung: " + "; ".join(_document_name(doc) for doc in missing) + ".")
    return "\n".join(lines)


def _document_name(doc: Any) -> str:
    return doc.get("name", "") if isinstance(doc, dict) else str(doc)
