"""Thủ tục hành chính: a procedure card or the aspect asked (documents, fee, time, where, online, form),
answered from the catalogue API.

The procedure is found in the citizen's whole message by ``GET /api/v1/procedures?q=`` (names are not
NLU entities), with the level of the centre the assistant speaks for as a hint, and kept in the
``procedure_code`` slot so "còn lệ phí?" or "bao lâu?" stay on it. The search says how sure it is
(``match``: strong / weak / none): a strong match is answered, a weak one offered as "did you mean"
buttons (kept in ``procedure_choices`` until one is picked), and nothing close is said honestly, with the
hotline, instead of a confident wrong answer. The aspect is read from the words of the message first
(``components.aspects``; the search's own ``aspect`` when it gives one), then from the intent: the
classifier may confuse "ở đâu" with "cần gì", the words do not. A message naming a procedure and no
aspect ("trích lục kết hôn") gets a card: name and level, fee, time, online, and a button per aspect.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlencode

from components.aspects import find_aspect, find_aspects
from components.folding import fold
from components.shorthand import fold_expanded, search_text
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import english
from actions.answer_feedback import OUTCOME_KEY, feedback_row
from actions.api_client import ApiAction, ApiError, ApiUnavailable, MotCuaAPI, default_unit_code, public_base_url
from actions.replies import CHANNEL_LABELS, LEVEL_LABELS, failure

ASPECT_OF_INTENT = {
    "ask_documents": "documents",
    "ask_fee": "fee",
    "ask_duration": "time",
    "ask_where": "where",
    "ask_online": "online",
}
INTENT_OF_ASPECT = {aspect: intent for intent, aspect in ASPECT_OF_INTENT.items()}
INTENT_OF_ASPECT["form"] = "ask_documents"
# The buttons under an answer: the other aspects of the same procedure.
ASPECTS = {
    "ask_documents": "Giấy tờ",
    "ask_fee": "Lệ phí",
    "ask_duration": "Thời gian",
    "ask_where": "Nơi nộp",
    "ask_online": "Nộp trực tuyến",
}
# "Anh/chị hỏi <aspect> của thủ tục nào dưới đây ạ?" when the buttons are offered again.
ASPECT_WORDS = {
    "documents": "giấy tờ",
    "form": "mẫu đơn, tờ khai",
    "fee": "lệ phí",
    "time": "thời gian giải quyết",
    "where": "nơi nộp",
    "online": "việc nộp trực tuyến",
}
# Unit levels the catalogue search ranks by ("huyen" has no procedures of its own in the catalogue).
SEARCH_LEVELS = ("xa", "tinh", "bo")
ASK_WHICH = 'Anh/chị hỏi về thủ tục nào ạ? Anh/chị ghi tên thủ tục giúp tôi, ví dụ "đăng ký khai sinh".'
# Until the search says how sure it is (``match``), the second result scoring at least this share of the
# first is too close to pick one: ask the citizen. 0.93 measured on the catalogue quality set.
CLOSE_RATIO = 0.93
MAX_CHOICES = 3
MAX_QUERY = 500
# A weak match of a message of several clauses is checked against its last clauses alone, where the
# question is (two searches more at most). Measured on the evaluation set's dev split: the last two
# clauses give 8 more right answers directly and 1 more wrong; any of the first four, 8 and 2 (a
# circumstance clause, "gia đình tôi thu nhập thấp", names a procedure of its own); the last alone, 6 and 0.
MAX_CLAUSES = 2
_CLAUSES = re.compile(r"[.?!;,\n]+")
# Words of a procedure's name that name no procedure in particular: those in at least 14 % of the
# catalogue's 2,642 names ("cấp", "thủ tục", "đổi"/"đối", "giấy", "chứng nhận", "đăng ký", "lại"/"lái"…),
# and the words of levels and qualifiers ("thực hiện tại cấp tỉnh", "trường hợp"). What is left ("tạm trú",
# "gia hạn", "khai sinh") is what the citizen must say for the name to be the one meant.
_FILLER_TEXT = """cap thu tuc doi giay nhan cua cong dong tai ky chung dang dung voi tu co nuoc phep san lai va cho
trong theo thuoc truong hop thuc hien tinh xa huyen bo cac nguoi viec ve de nghi hoac mot so"""
NAME_FILLER = frozenset(_FILLER_TEXT.split())
# A weak first result is answered when the message says this share of its name's own words, and a share
# larger by NAMED_MARGIN than of any other procedure's name among the results. Measured on the dev splits
# (questions.tsv dev and dev2.tsv: 114 weak matches): 0.8 / 0.1 answers 9 of them right and none wrong;
# 0.7 / any margin, 10 right and 2 wrong; 0.5, 14 and 11; 1.0, 7 and 0. With the phrase and clause
# readings (``confident``), 25 right and 4 wrong, against 14 and 3 for the clause reading alone.
NAMED_SHARE = 0.8
NAMED_MARGIN = 0.1
# Documents listed in the chat; the rest are counted and linked, never silently dropped.
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
ko k kg hok dc j bn nhe vs mau don to khai hong ad admin
"""
QUESTION_WORDS = frozenset(_QUESTION_TEXT.split())
# A message with only these besides the question names no procedure either: "lại" and "sửa" say what is
# done, not to which paper ("cấp lại chỗ nào", "sửa ở đâu"), and chat fillers ("z", "v", "mn", "r").
CONTEXT_WORDS = QUESTION_WORDS | frozenset(["lai", "sua", "z", "v", "mn", "r", "e", "ak", "nhieu"])
# Procedure nouns whose folded syllables are all such words ("sổ đỏ" folds to "so do", as in "hồ sơ" and
# "đó"): a message saying one names a procedure.
_NOUNS_OF_QUESTION_WORDS = re.compile(r"\b(so do|so hong|giam ho|cai chinh)\b")
# The unit each assistant speaks for, read once per action-server process (level as the search hint,
# hotline for the not-found answer): it is the unit's configuration, not per-message data.
_units: dict[str, dict[str, Any]] = {}


class ActionProcedureAnswer(ApiAction):
    """Answer a procedure question: the aspect asked, or the procedure's card."""

    def name(self) -> str:
        return "action_procedure_answer"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        try:
            events, _found = respond(self.api, dispatcher, tracker)
            return events
        except (ApiUnavailable, ApiError) as error:
            dispatcher.utter_message(text=failure(error))
        return []


def respond(
    api: MotCuaAPI, dispatcher: CollectingDispatcher, tracker: Tracker, not_understood: bool = False
) -> tuple[list[dict], bool]:
    """Answer the latest message from the catalogue; (events, whether a procedure was answered or offered).

    ``not_understood``: the intent model did not recognise a question (fallback, out of scope): nothing
    found is then left to the caller, which knows what else the message may be."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    text = tracker.latest_message.get("text") or ""
    lang = english.reply_language(tracker)
    aspect = message_aspect(text, intent)
    code = _chosen_code(tracker)
    if code is None and is_context_question(text):
        if not_understood:
            return [], False
        pending = tracker.get_slot("procedure_choices")
        if pending:
            dispatcher.utter_message(
                text=english.which_of(aspect)
                if lang == "en"
                else f"Anh/chị hỏi {ASPECT_WORDS[aspect or 'documents']} của thủ tục nào dưới đây ạ?",
                buttons=choice_buttons(INTENT_OF_ASPECT.get(aspect or "", "ask_procedure"), pending),
            )
        else:
            dispatcher.utter_message(text=english.ASK_WHICH if lang == "en" else ASK_WHICH)
        return [], False
    if code is None:
        query = english.search_query(text) if lang == "en" else search_text(text)
        body = search(api, query)
        aspect = aspect or _search_aspect(body)
        match, items = judge(body)
        if match == "weak" and confident(api, query, body.get("items") or items):
            match, items = "strong", items[:1]
        if match == "none":
            if not_understood:
                return [], False
            dispatcher.utter_message(
                text=not_found_text(api, lang), buttons=not_found_buttons(lang), **{OUTCOME_KEY: "not_found"}
            )
            return [], False
        if match == "weak":
            dispatcher.utter_message(
                text=english.did_you_mean(hotline_sentence(api, "en")) if lang == "en" else did_you_mean(api),
                buttons=choice_buttons(INTENT_OF_ASPECT.get(aspect or "", "ask_procedure"), items),
                **{OUTCOME_KEY: "choices"},
            )
            choices = [
                {"code": item["code"], "name": item["name"], "levels": item.get("levels") or []} for item in items
            ]
            return [
                SlotSet("procedure_choices", choices),
                SlotSet("procedure_code", None),
                SlotSet("procedure_name", None),
            ], True
        code = items[0]["code"]
    record = api.procedure(code)
    asked = find_aspects(text) if aspect and lang != "en" and not text.startswith("/") else []
    if aspect and len(asked) > 1:
        reply = answer_texts(asked, record)
        aspect = asked[0]
        buttons = other_aspects(INTENT_OF_ASPECT[aspect], record["code"], lang)
    elif aspect:
        reply = english.answer_text(aspect, record) if lang == "en" else answer_text(aspect, record)
        buttons = other_aspects(INTENT_OF_ASPECT[aspect], record["code"], lang)
    else:
        reply = english.card_text(record) if lang == "en" else card_text(record)
        buttons = other_aspects(None, record["code"], lang)
    dispatcher.utter_message(text=reply, buttons=buttons, **{OUTCOME_KEY: "answered", "procedure": record["code"]})
    dispatcher.utter_message(**feedback_row(record["code"], lang))
    return [
        SlotSet("procedure_code", record["code"]),
        SlotSet("procedure_name", record["name"]),
        SlotSet("procedure_choices", None),
    ], True


def message_aspect(text: str, intent: str | None) -> str | None:
    """The aspect the message asks: its own words first, then the intent (a button's payload is the
    intent alone). None: no aspect asked, the card is shown."""
    if text.startswith("/"):
        return ASPECT_OF_INTENT.get(intent or "")
    return find_aspect(text) or ASPECT_OF_INTENT.get(intent or "")


def search(api: MotCuaAPI, text: str) -> dict[str, Any]:
    """The whole search answer (items, and when given match / aspect / phrase). ``api.search_procedures``
    returns the items alone; how sure the search is lives beside them."""
    level = unit_level(api)
    # The search takes 500 characters; a longer story keeps its end, where the question is.
    query = urlencode({"q": text[-MAX_QUERY:], "limit": 5, **({"level": level} if level else {})})
    return api._request("GET", f"/api/v1/procedures?{query}")  # the whole answer, see the docstring


def judge(body: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    """("strong", [best]) | ("weak", choices) | ("none", []) from the search answer.

    The search's own ``match`` decides when it gives one; otherwise close scores mean a choice."""
    items = body.get("items") or []
    if not items:
        return "none", []
    match = body.get("match") or items[0].get("match")
    if match == "none":
        return "none", []
    if match == "weak":
        return "weak", items[:MAX_CHOICES]
    if match == "strong":
        return "strong", items[:1]
    close = close_results(items)
    return ("weak", close) if len(close) > 1 else ("strong", close)


def confident(api: MotCuaAPI, query: str, items: list[dict[str, Any]]) -> bool:
    """Whether a weak first result is still the one meant, read another way than by the scores: the message
    says its name's own words and not the others' (``names_first``); or the procedure's words alone,
    searched without the question around them, name it strongly (``phrase_agrees``); or so does the
    clause that asks (``clause_agrees``). Cheapest first: the last two cost a search or two."""
    code = items[0]["code"]
    return names_first(query, items) or phrase_agrees(api, query, code) or clause_agrees(api, query, code)


def name_words(name: str) -> list[str]:
    """A procedure name's own words: folded, the words common to many names left out."""
    return [word for word in dict.fromkeys(fold(name).split()) if word not in NAME_FILLER]


def named_share(name: str, said: set[str]) -> float:
    words = name_words(name)
    return sum(word in said for word in words) / len(words) if words else 0.0


def names_first(query: str, items: list[dict[str, Any]]) -> bool:
    """True when the message says most of the first result's own name words (``NAMED_SHARE``) and clearly
    more of them than of any other procedure's name among the results (the same name at another level is
    no rival)."""
    said = set(fold_expanded(query).split())
    first = items[0]["name"]
    share = named_share(first, said)
    rivals = [named_share(item["name"], said) for item in items[1:] if fold(item["name"]) != fold(first)]
    return share >= NAMED_SHARE and share - max(rivals, default=0.0) >= NAMED_MARGIN


def procedure_phrase(query: str) -> str:
    """The message without the words of the question itself ("cho hỏi", "thì cần những gì ạ")."""
    return " ".join(word for word in query.split() if fold(word) and fold(word) not in QUESTION_WORDS)


def phrase_agrees(api: MotCuaAPI, query: str, code: str) -> bool:
    """True when the procedure phrase, searched alone, strongly names ``code`` (one search more)."""
    phrase = procedure_phrase(query)
    if not phrase or fold(phrase) == fold(query):
        return False
    body = search(api, phrase)
    items = body.get("items") or []
    return body.get("match") == "strong" and bool(items) and items[0]["code"] == code


def clause_agrees(api: MotCuaAPI, text: str, code: str) -> bool:
    """True when one of the last clauses of a longer message, searched alone, strongly names ``code``, the
    whole message's first result. Circumstances around the question ("Tôi đi công tác…, giờ muốn…") blur the
    whole message's match; the clause that names the procedure does not, and the two readings agree."""
    clauses = [part.strip() for part in _CLAUSES.split(text) if len(part.split()) >= 2]
    if len(clauses) < 2:
        return False
    for clause in clauses[-MAX_CLAUSES:]:
        body = search(api, clause)
        items = body.get("items") or []
        if body.get("match") == "strong" and items and items[0]["code"] == code:
            return True
    return False


def _search_aspect(body: dict[str, Any]) -> str | None:
    aspect = body.get("aspect")
    return aspect if aspect in ASPECT_WORDS else None


def unit_info(api: MotCuaAPI) -> dict[str, Any]:
    """The centre this assistant speaks for (level, hotline), read once; an unreachable app raises and
    is not remembered, an unknown unit is remembered as empty."""
    code = default_unit_code()
    if code not in _units:
        try:
            _units[code] = api.unit(code)
        except ApiError:
            _units[code] = {}
    return _units[code]


def unit_level(api: MotCuaAPI) -> str | None:
    """The level of the centre as a search hint; None when unknown or a level the search does not rank by."""
    level = unit_info(api).get("level")
    return level if level in SEARCH_LEVELS else None


def close_results(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The results scoring close to the first (at most three); one item when the first clearly wins."""
    top = items[0].get("score")
    if not isinstance(top, (int, float)) or top <= 0:
        return items[:1]
    return [item for item in items[:MAX_CHOICES] if (item.get("score") or 0) >= CLOSE_RATIO * top]


def heading(record: dict[str, Any]) -> str:
    levels = ", ".join(LEVEL_LABELS.get(level, level) for level in record.get("levels") or [])
    return f"Thủ tục: {record['name'].strip()} (mã {record['code']}{', ' + levels if levels else ''})."


def page_url(record: dict[str, Any]) -> str:
    """The procedure's page on the site: the full document list, printable."""
    return public_base_url() + (record.get("page_path") or f"/thu-tuc/{record['code']}")


def answer_text(aspect: str, record: dict[str, Any]) -> str:
    """The answer to one aspect, from the structured record, headed by the procedure's name."""
    body = {
        "documents": _documents,
        "form": _forms,
        "fee": _fees,
        "time": _durations,
        "where": _where,
        "online": _online,
    }[aspect](record)
    return "\n".join([heading(record), body, f"Chi tiết và danh sách in được: {page_url(record)}"])


def answer_texts(aspects: list[str], record: dict[str, Any]) -> str:
    """The answers to several aspects asked together, in the order asked, under one heading."""
    bodies = [answer_text(aspect, record).split("\n")[1:-1] for aspect in aspects]
    lines = [line for body in bodies for line in body]
    return "\n".join([heading(record), *lines, f"Chi tiết và danh sách in được: {page_url(record)}"])


def card_text(record: dict[str, Any]) -> str:
    """What most citizens ask first, in four lines; the buttons below open each aspect."""
    documents = [doc for doc in record.get("documents") or [] if doc.get("kind") == "nop"]
    lines = [
        heading(record),
        f"• Lệ phí: {headline_fee(record)}",
        f"• Thời hạn giải quyết: {_processing_time(_main_channel(record))}",
        "• Nộp trực tuyến: " + ("có" if record.get("online") else "chưa"),
    ]
    if documents:
        lines.append(f'• Hồ sơ: {len(documents)} giấy tờ (bấm "Giấy tờ" để xem)')
    lines.append(f"Chi tiết: {page_url(record)}")
    return "\n".join(lines)


def is_context_question(text: str) -> bool:
    """True when the message names no procedure, only the question ("còn lệ phí?", "bao lâu?")."""
    if text.startswith("/"):
        return True
    folded = fold(text)
    return not [word for word in folded.split() if word not in CONTEXT_WORDS] and not (
        _NOUNS_OF_QUESTION_WORDS.search(folded)
    )


def _chosen_code(tracker: Tracker) -> str | None:
    """A procedure picked on a button, or the one under discussion when the message names none."""
    picked = next(tracker.get_latest_entity_values("procedure_code"), None)
    if picked:
        return picked
    current = tracker.get_slot("procedure_code")
    if current and is_context_question(tracker.latest_message.get("text") or ""):
        return current
    return None


# What most citizens need first: the application form, then what everyone submits, then particular cases.
NEED_ORDER = {"form": 0, "required": 1, "conditional": 2}


def submitted_documents(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Documents to submit: the form, then the required ones, then those of particular cases ("Trường hợp
    …"), each group in the order the API gives."""
    submit = [doc for doc in record.get("documents") or [] if doc.get("kind") == "nop"]
    return sorted(submit, key=lambda doc: NEED_ORDER.get(doc.get("need") or "", 1))


def _documents(record: dict[str, Any]) -> str:
    submit = submitted_documents(record)
    show = [doc for doc in record.get("documents") or [] if doc.get("kind") == "xuat_trinh"]
    if not submit and not show:
        return "Danh mục giấy tờ chưa có trong cơ sở dữ liệu; anh/chị vui lòng hỏi cán bộ tiếp nhận."
    lines = [f"Giấy tờ cần nộp ({len(submit)}):"] if submit else []
    headed = False
    for doc in submit[:MAX_DOCUMENTS]:
        # The API lists the form and what everyone needs first, then the documents of particular cases.
        if doc.get("need") == "conditional" and not headed:
            lines.append("Tùy trường hợp:")
            headed = True
        lines.append(f"• {document_line(doc)}")
    if len(submit) > MAX_DOCUMENTS:
        lines.append(
            f"… còn {len(submit) - MAX_DOCUMENTS} giấy tờ khác{left_out(submit[MAX_DOCUMENTS:])}, "
            f"xem đủ danh sách tại {page_url(record)}"
        )
    if show:
        lines.append("Mang theo để xuất trình: " + "; ".join(document_line(doc, False) for doc in show) + ".")
    return "\n".join(lines)


def left_out(documents: list[dict[str, Any]]) -> str:
    """What the documents not listed are, " (…)" or nothing: required ones are said to be required, never
    passed off as particular cases; documents the API does not class are not described."""
    cases = sum(1 for doc in documents if doc.get("need") == "conditional")
    required = sum(1 for doc in documents if doc.get("need") in ("form", "required"))
    if cases == len(documents):
        return " (cho các trường hợp riêng)"
    parts = [f"{required} giấy tờ bắt buộc"] if required else []
    parts += [f"{cases} giấy tờ cho các trường hợp riêng"] if cases else []
    return f" ({', '.join(parts)})" if parts else ""


def document_line(doc: dict[str, Any], detail: bool = True) -> str:
    # The portal starts some names with its own "- " or "+ " marks; the chat adds its bullet.
    name = doc["name"].strip().lstrip("-+•* ")
    if not detail:
        return name
    parts = " ".join(str(part) for part in (doc.get("quantity"), doc.get("copy_type")) if part)
    return f"{name} ({parts})" if parts else name


def form_documents(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Application forms: documents that name a form (mẫu) or are a tờ khai / đơn."""
    return [
        doc
        for doc in record.get("documents") or []
        if doc.get("forms") or any(word in fold(doc.get("name") or "") for word in ("to khai", "mau ", "don de nghi"))
    ]


def _forms(record: dict[str, Any]) -> str:
    forms = form_documents(record)
    if not forms:
        return (
            "Danh mục chưa ghi mẫu đơn, tờ khai riêng cho thủ tục này; anh/chị xem trang thủ tục bên dưới "
            "hoặc hỏi cán bộ tiếp nhận (mẫu được phát miễn phí tại bộ phận Một cửa)."
        )
    lines = ["Mẫu đơn, tờ khai:"]
    for doc in forms:
        names = ", ".join(str(form) for form in doc.get("forms") or [])
        lines.append(f"• {document_line(doc, False)}" + (f" — mẫu: {names}" if names else ""))
    lines.append("Mẫu tải về và điền sẵn trên Cổng Dịch vụ công, hoặc nhận tại bộ phận Một cửa.")
    return "\n".join(lines)


def _main_channel(record: dict[str, Any]) -> dict[str, Any]:
    """The counter channel (what most citizens use), else the first published."""
    channels = record.get("channels") or []
    return next((ch for ch in channels if ch.get("channel") == "truc_tiep"), channels[0] if channels else {})


def _channel_fee(channel: dict[str, Any]) -> str:
    fee = (channel.get("fee") or "").strip()
    if not fee:
        fee = _AMOUNT.sub(_vietnamese_amount, (channel.get("description") or "").strip())
        fee = fee if len(fee) <= 240 else fee[:237] + "…"
    return fee or "chưa có thông tin"


# An amount in đồng in the portal's free text ("8,000 VNĐ", "1.200.000 Việt Nam Đồng"): the app writes the
# published fee fields the Vietnamese way (motcua.catalogue.channels.vietnamese_fee); descriptions are raw.
_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:Việt Nam Đồng|VNĐ|Đồng|đồng)")


def _vietnamese_amount(match: re.Match[str]) -> str:
    return f"{int(re.sub(r'[.,]', '', match.group(1))):,} đồng".replace(",", ".")


def headline_fee(record: dict[str, Any]) -> str:
    """The headline fee, with the note that applies today (a reduction until a date) right beside it.
    The API gives both (``fee``, ``fee_note``: only the notes valid today); older answers had them per
    channel only. When the API has applied a running reduction itself (``fee_until`` set), ``fee`` already
    states it with its end date."""
    channel = _main_channel(record)
    fee = record.get("fee") or (_channel_fee(channel) if channel else "chưa có thông tin")
    if record.get("fee_until"):
        return fee  # the app applied today's reduction and wrote its end date into ``fee``: the note says it again
    if "fee_note" in record:
        note = (record.get("fee_note") or "").strip()
    else:
        note = ((channel.get("fee_note") if channel else "") or "").strip()
    return f"{fee} ({note})" if note and fold(note) not in ("khong", "khong co") else fee


def _fees(record: dict[str, Any]) -> str:
    channels = record.get("channels") or []
    if not channels:
        return "Chưa có thông tin lệ phí của thủ tục này."
    lines = [f"Lệ phí: {headline_fee(record)}"]
    if len(channels) > 1:
        lines += [f"• {CHANNEL_LABELS.get(ch['channel'], ch['channel'])}: {_channel_fee(ch)}" for ch in channels]
    return "\n".join(lines)


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


PLACES = {
    "xa": "Bộ phận Một cửa của Ủy ban nhân dân cấp xã",
    "tinh": "Trung tâm Phục vụ hành chính công tỉnh",
    "bo": "bộ, ngành có thẩm quyền",
}


def _where(record: dict[str, Any]) -> str:
    levels = record.get("levels") or []
    where = "; ".join(PLACES[level] for level in levels if level in PLACES) or "cơ quan có thẩm quyền"
    lines = [f"Nơi nộp hồ sơ: {where}."]
    if record.get("agency"):
        lines.append(f"Cơ quan giải quyết: {record['agency']}.")
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


def hotline_sentence(api: MotCuaAPI, lang: str = "vi") -> str:
    try:
        hotline = unit_info(api).get("hotline")
    except ApiUnavailable:
        hotline = None
    if lang == "en":
        return f"call the centre's hotline {hotline}" if hotline else "ask an officer at the centre"
    return f"gọi đường dây nóng {hotline}" if hotline else "hỏi cán bộ tại bộ phận Một cửa"


def not_found_text(api: MotCuaAPI, lang: str = "vi") -> str:
    """Honest: nothing close was found. How to ask again, where to look, whom to call."""
    if lang == "en":
        return english.not_found(public_base_url(), hotline_sentence(api, "en"))
    return (
        "Xin lỗi, tôi không tìm thấy thủ tục nào khớp với câu hỏi của anh/chị. Anh/chị thử ghi đúng tên thủ tục, "
        f'ví dụ "đăng ký khai sinh", "cấp đổi giấy phép lái xe"; tra cứu danh mục tại {public_base_url()}/thu-tuc; '
        f"hoặc {hotline_sentence(api)} để được hướng dẫn."
    )


def did_you_mean(api: MotCuaAPI) -> str:
    """A weak match: the closest procedures offered, saying that none fits for sure, and whom to call."""
    return (
        "Tôi chưa tìm thấy thủ tục khớp hẳn với câu hỏi. Có phải anh/chị hỏi về một trong các thủ tục dưới đây? "
        f"Nếu không phải, anh/chị {hotline_sentence(api)}."
    )


def not_found_buttons(lang: str = "vi") -> list[dict[str, str]]:
    if lang == "en":
        return [{"title": "Talk to an officer", "payload": "/human_handoff"}]
    return [
        {"title": "Gặp cán bộ", "payload": "/human_handoff"},
        {"title": "Tra cứu hồ sơ", "payload": "/check_status"},
    ]


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


def other_aspects(intent: str | None, code: str, lang: str = "vi") -> list[dict[str, str]]:
    """A button per other aspect of this procedure (the code rides along, so a later topic cannot steal it)."""
    titles = english.ASPECT_TITLES if lang == "en" else ASPECTS
    return [
        {"title": title, "payload": f"/{other}{json.dumps({'procedure_code': code})}"}
        for other, title in titles.items()
        if other != intent
    ]
