"""Thủ tục hành chính: documents, fee, time, where and online, answered from the catalogue API.

The procedure is found in the citizen's whole message by ``GET /api/v1/procedures?q=`` (names are not
NLU entities), with the level of the centre the assistant speaks for as a hint (a commune's counter asks
about commune procedures), and kept in the ``procedure_code`` slot so "còn lệ phí?" or "bao lâu?" stay on
it. Close results are offered as buttons and kept in ``procedure_choices`` until one is picked, so a
follow-up asked meanwhile gets the same buttons again.
"""

from __future__ import annotations

import json
from typing import Any

from components.folding import fold
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.api_client import ApiAction, ApiError, ApiUnavailable, MotCuaAPI, default_unit_code, public_base_url
from actions.replies import CHANNEL_LABELS, LEVEL_LABELS, failure

ASPECTS = {
    "ask_documents": "Giấy tờ",
    "ask_fee": "Lệ phí",
    "ask_duration": "Thời gian",
    "ask_where": "Nơi nộp",
    "ask_online": "Nộp trực tuyến",
}
# "Anh/chị hỏi <aspect> của thủ tục nào dưới đây ạ?" when the buttons are offered again.
ASPECT_WORDS = {
    "ask_documents": "giấy tờ",
    "ask_fee": "lệ phí",
    "ask_duration": "thời gian giải quyết",
    "ask_where": "nơi nộp",
    "ask_online": "việc nộp trực tuyến",
}
# Unit levels the catalogue search ranks by ("huyen" has no procedures of its own in the catalogue).
SEARCH_LEVELS = ("xa", "tinh", "bo")
ASK_WHICH = 'Anh/chị hỏi về thủ tục nào ạ? Anh/chị ghi tên thủ tục giúp tôi, ví dụ "đăng ký khai sinh".'
# Second result scoring at least this share of the first: too close to pick one, ask the citizen.
# 0.93 measured on the catalogue quality set asked as questions (bench/bot.py): without the level hint
# 54/70 answered right directly, 11 asked with the right one among the buttons, 3 answered wrongly; with
# the centre's level as hint 61/70, 7 and 2.
CLOSE_RATIO = 0.93
MAX_CHOICES = 3
MAX_DOCUMENTS = 8
# Words of the question itself. A message with no other word names no procedure ("còn lệ phí thì
# sao?"), so the procedure under discussion is kept; "cccd" alone is enough to search.
_QUESTION_TEXT = """
con thi sao the nao nhu vay a ah nhe nha nhi va voi cho hoi xin toi minh em anh chi ban
le phi tien bao nhieu mat ton het dong gia mien giam khong co duoc
lau may ngay lam viec thoi gian han gio khi nhan ket qua xong lay
o dau nop noi quan cap xa tinh huyen bo di den len
can giay to gi nhung gom ho so chuan bi mang theo thanh phan sao chinh
online truc tuyen qua mang dich vu cong link tren tai nha
thu tuc nay do cai viec ve ha he oi day kia gium giup nua them roi chua la ma hay phai
ko k kg hok dc j bn nhe vs
"""
QUESTION_WORDS = frozenset(_QUESTION_TEXT.split())
# The level of each unit the assistant spoke for, read once per action-server process: it is the unit's
# configuration, and asking the app before every search would double the calls of a question.
_unit_levels: dict[str, str | None] = {}


class ActionProcedureAnswer(ApiAction):
    """Answer one aspect of a procedure (the aspect is the latest intent)."""

    def name(self) -> str:
        return "action_procedure_answer"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent not in ASPECTS:
            intent = "ask_documents"
        try:
            return self._answer(dispatcher, tracker, intent)
        except (ApiUnavailable, ApiError) as error:
            dispatcher.utter_message(text=failure(error))
        return []

    def _answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, intent: str) -> list[dict]:
        code = _chosen_code(tracker)
        text = tracker.latest_message.get("text") or ""
        if code is None and is_context_question(text):
            pending = tracker.get_slot("procedure_choices")
            if pending:
                dispatcher.utter_message(
                    text=f"Anh/chị hỏi {ASPECT_WORDS[intent]} của thủ tục nào dưới đây ạ?",
                    buttons=choice_buttons(intent, pending),
                )
            else:
                dispatcher.utter_message(text=ASK_WHICH)
            return []
        if code is None:
            items = self.api.search_procedures(text, limit=5, level=unit_level(self.api))
            if not items:
                dispatcher.utter_message(text=_not_found_text())
                return []
            close = close_results(items)
            if len(close) > 1:
                dispatcher.utter_message(
                    text="Anh/chị hỏi về thủ tục nào dưới đây ạ?",
                    buttons=choice_buttons(intent, close),
                )
                choices = [
                    {"code": item["code"], "name": item["name"], "levels": item.get("levels") or []} for item in close
                ]
                return [
                    SlotSet("procedure_choices", choices),
                    SlotSet("procedure_code", None),
                    SlotSet("procedure_name", None),
                ]
            code = items[0]["code"]
        record = self.api.procedure(code)
        dispatcher.utter_message(text=answer_text(intent, record), buttons=_other_aspects(intent))
        return [
            SlotSet("procedure_code", record["code"]),
            SlotSet("procedure_name", record["name"]),
            SlotSet("procedure_choices", None),
        ]


def unit_level(api: MotCuaAPI) -> str | None:
    """The level of the centre this assistant speaks for, as a search hint; None when the unit is unknown
    or of a level the catalogue does not rank by. An unreachable app is not remembered (it raises)."""
    code = default_unit_code()
    if code not in _unit_levels:
        try:
            level = api.unit(code).get("level")
        except ApiError:
            level = None
        _unit_levels[code] = level if level in SEARCH_LEVELS else None
    return _unit_levels[code]


def close_results(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The results scoring close to the first (at most three); one item when the first clearly wins."""
    top = items[0].get("score")
    if not isinstance(top, (int, float)) or top <= 0:
        return items[:1]
    return [item for item in items[:MAX_CHOICES] if (item.get("score") or 0) >= CLOSE_RATIO * top]


def answer_text(intent: str, record: dict[str, Any]) -> str:
    """The answer to one aspect, from the structured record, headed by the procedure's name."""
    levels = ", ".join(LEVEL_LABELS.get(level, level) for level in record.get("levels") or [])
    head = f"Thủ tục: {record['name']} (mã {record['code']}{', ' + levels if levels else ''})."
    body = {
        "ask_documents": _documents,
        "ask_fee": _fees,
        "ask_duration": _durations,
        "ask_where": _where,
        "ask_online": _online,
    }[intent](record)
    more = f"Chi tiết và danh sách in được: {public_base_url()}/thu-tuc/{record['code']}"
    return "\n".join([head, body, more])


def is_context_question(text: str) -> bool:
    """True when the message names no procedure, only the question ("còn lệ phí?", "bao lâu?")."""
    if text.startswith("/"):
        return True
    return not [word for word in fold(text).split() if word not in QUESTION_WORDS]


def _chosen_code(tracker: Tracker) -> str | None:
    """A procedure picked on a button, or the one under discussion when the message names none."""
    picked = next(tracker.get_latest_entity_values("procedure_code"), None)
    if picked:
        return picked
    current = tracker.get_slot("procedure_code")
    if current and is_context_question(tracker.latest_message.get("text") or ""):
        return current
    return None


def _documents(record: dict[str, Any]) -> str:
    documents = record.get("documents") or []
    submit = [doc for doc in documents if doc.get("kind") == "nop"]
    show = [doc for doc in documents if doc.get("kind") == "xuat_trinh"]
    if not submit and not show:
        return "Danh mục giấy tờ chưa có trong cơ sở dữ liệu; anh/chị vui lòng hỏi cán bộ tiếp nhận."
    lines = ["Giấy tờ cần nộp:"] if submit else []
    lines += [f"• {_document_line(doc)}" for doc in submit[:MAX_DOCUMENTS]]
    if len(submit) > MAX_DOCUMENTS:
        lines.append(f"• … và {len(submit) - MAX_DOCUMENTS} giấy tờ khác (xem đường dẫn bên dưới).")
    if show:
        lines.append("Mang theo để xuất trình: " + "; ".join(doc["name"] for doc in show) + ".")
    return "\n".join(lines)


def _document_line(doc: dict[str, Any]) -> str:
    # The portal starts some names with its own "- " or "+ " marks; the chat adds its bullet.
    name = doc["name"].lstrip("-+•* ")
    detail = " ".join(str(part) for part in (doc.get("quantity"), doc.get("copy_type")) if part)
    return f"{name} ({detail})" if detail else name


def _fees(record: dict[str, Any]) -> str:
    lines = [
        f"• {CHANNEL_LABELS.get(ch['channel'], ch['channel'])}: {ch.get('fee') or 'chưa có thông tin'}"
        for ch in record.get("channels") or []
    ]
    return "Lệ phí:\n" + "\n".join(lines) if lines else "Chưa có thông tin lệ phí của thủ tục này."


def _durations(record: dict[str, Any]) -> str:
    lines = [
        f"• {CHANNEL_LABELS.get(ch['channel'], ch['channel'])}: {_processing_time(ch)}"
        for ch in record.get("channels") or []
    ]
    if not lines:
        return "Chưa có thông tin thời hạn giải quyết của thủ tục này."
    note = " (ngày làm việc không tính thứ Bảy, Chủ nhật, ngày lễ)" if any("làm việc" in line for line in lines) else ""
    return f"Thời hạn giải quyết{note}:\n" + "\n".join(lines)


def _processing_time(channel: dict[str, Any]) -> str:
    """The time in the unit the law uses: "30 ngày" is calendar days, never "21 ngày làm việc"."""
    if channel.get("processing_label"):
        return channel["processing_label"]
    if channel.get("processing_days") and not channel.get("processing_time"):
        return f"{channel['processing_days']} ngày làm việc"
    return channel.get("processing_time") or "chưa có thông tin"


def _where(record: dict[str, Any]) -> str:
    levels = record.get("levels") or []
    places = {
        "xa": "Bộ phận Một cửa của Ủy ban nhân dân cấp xã",
        "tinh": "Trung tâm Phục vụ hành chính công tỉnh",
        "bo": "bộ, ngành có thẩm quyền",
    }
    where = "; ".join(places[level] for level in levels if level in places) or "cơ quan có thẩm quyền"
    lines = [f"Nơi nộp hồ sơ: {where}."]
    channels = {ch.get("channel") for ch in record.get("channels") or []}
    if "buu_chinh" in channels:
        lines.append("Có thể gửi hồ sơ qua dịch vụ bưu chính.")
    if record.get("online"):
        lines.append(f"Có thể nộp trực tuyến: {record.get('portal_url') or 'https://dichvucong.gov.vn'}")
    return "\n".join(lines)


def _online(record: dict[str, Any]) -> str:
    if not record.get("online"):
        return "Thủ tục này chưa nộp trực tuyến được; anh/chị nộp trực tiếp" + (
            " hoặc qua bưu chính."
            if any(ch.get("channel") == "buu_chinh" for ch in record.get("channels") or [])
            else "."
        )
    portal = record.get("portal_url") or "https://dichvucong.gov.vn"
    return f"Có, thủ tục này nộp trực tuyến được tại Cổng Dịch vụ công: {portal}"


def _not_found_text() -> str:
    return (
        'Tôi chưa tìm thấy thủ tục phù hợp. Anh/chị thử ghi rõ tên thủ tục, ví dụ "đăng ký khai sinh", '
        f'"cấp đổi giấy phép lái xe", hoặc tra cứu tại {public_base_url()}/thu-tuc'
    )


def choice_buttons(intent: str, items: list[dict[str, Any]]) -> list[dict[str, str]]:
    """One button per procedure, keeping the question; same-named procedures get their level."""
    names = [item["name"].strip() for item in items]
    buttons = []
    for item, name in zip(items, names, strict=True):
        if names.count(name) > 1:
            name += " (" + ", ".join(LEVEL_LABELS.get(level, level) for level in item.get("levels") or []) + ")"
        title = name if len(name) <= 80 else name[:77] + "…"
        buttons.append({"title": title, "payload": f"/{intent}{json.dumps({'procedure_code': item['code']})}"})
    return buttons


def _other_aspects(intent: str) -> list[dict[str, str]]:
    return [{"title": title, "payload": f"/{other}"} for other, title in ASPECTS.items() if other != intent]
