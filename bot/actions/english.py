"""English replies for a message written in English (or typed on the English page of the site).

The catalogue is published in Vietnamese only: the labels, the sentences and the buttons are English,
the procedure's name and its documents stay as the portal writes them, and the reply says so. An English
question is searched through a small glossary of procedure words ("birth registration" → "đăng ký khai
sinh"); when nothing is found the assistant says so in English instead of a Vietnamese apology.
"""

from __future__ import annotations

import re
from typing import Any

from components.aspects import looks_english
from rasa_sdk import Tracker

from actions.api_client import public_base_url

# English words of the dossier, rating and follow flows (the catalogue's are components.aspects'). Not "check"
# nor "code": Vietnamese typed without diacritics uses them too ("check ma ho so").
FLOW_WORDS = frozenset(
    {"status", "my", "application", "dossier", "progress", "track", "follow", "following", "unfollow", "rate"}
    | {"rating", "complaint", "receipt", "ready", "result", "results", "stop", "very", "satisfied", "dissatisfied"}
    | {"neutral", "service", "thank", "officer", "polite", "friendly", "wait", "waited"}
    | {"skip", "thanks", "rude", "counter", "staff"}
)
ASK_WHICH = 'Which procedure do you mean? Please type its name, e.g. "birth registration" or "passport".'
ASPECT_TITLES = {
    "ask_documents": "Documents",
    "ask_fee": "Fee",
    "ask_duration": "Processing time",
    "ask_where": "Where to submit",
    "ask_online": "Apply online",
}
_ASPECT_NAMES = {
    "documents": "the documents",
    "form": "the application form",
    "fee": "the fee",
    "time": "the processing time",
    "where": "where to submit",
    "online": "applying online",
}
LEVELS = {"xa": "commune level", "tinh": "provincial level", "bo": "ministry level", "khac": "other agency"}
CHANNELS = {"truc_tiep": "At the counter", "truc_tuyen": "Online", "buu_chinh": "By post"}
PLACES = {
    "xa": "the one-stop desk of the commune People's Committee",
    "tinh": "the provincial Public Administration Service Centre",
    "bo": "the competent ministry",
}
VIETNAMESE_ONLY = "(The catalogue is published in Vietnamese; names and documents are given as published.)"
# English procedure words → the Vietnamese the catalogue search understands. Longest first.
GLOSSARY = (
    ("birth registration", "đăng ký khai sinh"),
    ("birth certificate", "khai sinh"),
    ("death registration", "đăng ký khai tử"),
    ("marriage registration", "đăng ký kết hôn"),
    ("marital status", "xác nhận tình trạng hôn nhân"),
    ("single status", "xác nhận tình trạng hôn nhân"),
    ("marriage", "kết hôn"),
    ("married", "kết hôn"),
    ("marry", "kết hôn"),
    ("foreigner", "có yếu tố nước ngoài"),
    ("foreign", "có yếu tố nước ngoài"),
    ("criminal record certificate", "phiếu lý lịch tư pháp"),
    ("criminal record", "lý lịch tư pháp"),
    ("international driving permit", "giấy phép lái xe quốc tế"),
    ("international driving licence", "giấy phép lái xe quốc tế"),
    ("driving permit", "giấy phép lái xe"),
    ("driving licence", "giấy phép lái xe"),
    ("driving license", "giấy phép lái xe"),
    ("driver's license", "giấy phép lái xe"),
    ("driver license", "giấy phép lái xe"),
    ("identity card", "căn cước"),
    ("id card", "căn cước"),
    ("passport", "cấp hộ chiếu phổ thông"),
    ("permanent residence", "đăng ký thường trú"),
    ("temporary residence", "đăng ký tạm trú"),
    ("building permit", "giấy phép xây dựng nhà ở riêng lẻ"),
    ("construction permit", "giấy phép xây dựng"),
    ("business household", "đăng ký hộ kinh doanh"),
    ("household business", "đăng ký hộ kinh doanh"),
    ("land use right", "giấy chứng nhận quyền sử dụng đất"),
    ("land certificate", "giấy chứng nhận quyền sử dụng đất"),
    ("health insurance", "thẻ bảo hiểm y tế"),
    ("social insurance", "bảo hiểm xã hội"),
    ("certified copy", "chứng thực bản sao"),
    ("certify a copy", "chứng thực bản sao"),
    ("adoption", "nhận con nuôi"),
    ("divorce", "ly hôn"),
    ("adopt", "nhận con nuôi"),
    ("renew", "cấp đổi"),
    ("replace", "cấp lại"),
    ("lost", "cấp lại"),
    ("birth", "khai sinh"),
    ("death", "khai tử"),
)


def reply_language(tracker: Tracker) -> str:
    """ "en" for a message written in English, or typed on the English page (the web chat sends
    ``metadata.lang``) in English words; a Vietnamese message gets Vietnamese wherever it was typed. A message
    of no words (a dossier code, the phone's last digits, a button) keeps the language of the words before it;
    with none before, the page's."""
    page_of_first = ""
    events = [*tracker.events]
    if not any(event.get("event") == "user" for event in events):
        events.append({"event": "user", "text": tracker.latest_message.get("text"), **tracker.latest_message})
    for event in reversed(events):
        if event.get("event") != "user":
            continue
        text = event.get("text") or ""
        page = ((event.get("metadata") or {}).get("lang") or "").lower()
        page_of_first = page_of_first or page
        if text.startswith("/") or not _has_words(text):
            continue
        return "en" if is_english(text, page_english=page == "en") else "vi"
    return "en" if page_of_first == "en" else "vi"


def is_english(text: str, page_english: bool = False) -> bool:
    """``looks_english`` (the catalogue's words), or English about a dossier ("check my application status")."""
    if looks_english(text, page_english=page_english):
        return True
    words = re.findall(r"[a-z]+", (text or "").lower())
    if not words or re.search(r"[^\x00-\x7f]", text or ""):
        return False
    hits = [word for word in words if word in FLOW_WORDS or looks_english(word, page_english=True)]
    return len(set(hits)) >= 2 and len(hits) >= 0.25 * len(words)


def _has_words(text: str) -> bool:
    """Whether ``text`` has words besides codes and numbers ("000.00.12.H62-260921-0001", "5678")."""
    return any(re.search(r"[^\W\d_]", token) and not re.search(r"\d", token) for token in text.split())


def search_query(text: str) -> str:
    """The Vietnamese words of the glossary for the English ones found, else the text as written."""
    lowered = text.lower()
    found = []
    for phrase, vietnamese in GLOSSARY:
        if re.search(rf"\b{re.escape(phrase)}\b", lowered):
            found.append(vietnamese)
            lowered = lowered.replace(phrase, " ")
    return " ".join(found) if found else text


def did_you_mean(call: str) -> str:
    return f"I am not sure which procedure you mean. Is it one of these? If not, please {call}."


def which_of(aspect: str | None) -> str:
    return f"Which procedure do you mean for {_ASPECT_NAMES.get(aspect or 'documents')}?"


def heading(record: dict[str, Any]) -> str:
    levels = ", ".join(LEVELS.get(level, level) for level in record.get("levels") or [])
    return f"Procedure: {record['name'].strip()} (code {record['code']}{', ' + levels if levels else ''})."


def _page(record: dict[str, Any]) -> str:
    return f"Details and printable list: {public_base_url()}/thu-tuc/{record['code']}"


def _fee(channel: dict[str, Any]) -> str:
    return (channel.get("fee") or channel.get("description") or "not published").strip()[:240]


def _headline(record: dict[str, Any], channel: dict[str, Any]) -> str:
    """The headline fee with today's note (in Vietnamese, as published)."""
    fee = record.get("fee") or (_fee(channel) if channel else "not published")
    if record.get("fee_until"):
        return fee  # today's reduction is already applied in ``fee``, with its end date
    note = (record.get("fee_note") or "").strip()
    return f"{fee} ({note})" if note else fee


def _time(channel: dict[str, Any]) -> str:
    label = channel.get("processing_label") or channel.get("processing_time") or ""
    if not label and channel.get("processing_days"):
        label = f"{channel['processing_days']} ngày làm việc"
    return label.replace("ngày làm việc", "working days").replace("ngày", "days") or "not published"


def answer_text(aspect: str, record: dict[str, Any]) -> str:
    channels = record.get("channels") or []
    documents = [doc for doc in record.get("documents") or [] if doc.get("kind") == "nop"]
    if aspect in ("documents", "form"):
        lines = [f"Documents to submit ({len(documents)}):"]
        lines += [f"• {doc['name'].strip().lstrip('-+•* ')}" for doc in documents[:8]]
        if len(documents) > 8:
            lines.append(f"… and {len(documents) - 8} more (special cases): see the full list below.")
        body = "\n".join(lines) if documents else "The document list is not published; please ask an officer."
    elif aspect == "fee":
        main = next((ch for ch in channels if ch.get("channel") == "truc_tiep"), channels[0] if channels else {})
        body = f"Fee: {_headline(record, main)}"
        if len(channels) > 1:
            body += "\n" + "\n".join(f"• {CHANNELS.get(ch['channel'], ch['channel'])}: {_fee(ch)}" for ch in channels)
    elif aspect == "time":
        body = "Processing time:\n" + "\n".join(
            f"• {CHANNELS.get(ch['channel'], ch['channel'])}: {_time(ch)}" for ch in channels
        )
    elif aspect == "where":
        places = "; ".join(PLACES[level] for level in record.get("levels") or [] if level in PLACES)
        body = f"Where to submit: {places or 'the competent agency'}."
        if record.get("online"):
            body += f"\nIt can also be submitted online: {record.get('portal_url') or 'https://dichvucong.gov.vn'}"
    else:
        body = (
            f"Yes, it can be submitted online on the National Public Service Portal: "
            f"{record.get('portal_url') or 'https://dichvucong.gov.vn'}"
            if record.get("online")
            else "This procedure cannot be submitted online yet; please apply at the counter or by post."
        )
    return "\n".join([heading(record), body, _page(record), VIETNAMESE_ONLY])


def card_text(record: dict[str, Any]) -> str:
    channels = record.get("channels") or []
    main = next((ch for ch in channels if ch.get("channel") == "truc_tiep"), channels[0] if channels else {})
    lines = [
        heading(record),
        f"• Fee: {_headline(record, main)}",
        f"• Processing time: {_time(main) if main else 'not published'}",
        "• Online: " + ("yes" if record.get("online") else "not yet"),
        _page(record),
        VIETNAMESE_ONLY,
    ]
    return "\n".join(lines)


def not_found(base_url: str, call: str) -> str:
    return (
        "Sorry, I could not find a procedure matching your question. The catalogue is in Vietnamese: you can "
        'type the procedure\'s name in Vietnamese (e.g. "đăng ký khai sinh" for birth registration), search it at '
        f"{base_url}/thu-tuc, or {call}."
    )


OUT_OF_SCOPE = (
    "Sorry, I can only help with administrative procedures (documents, fees, processing times, where to "
    "submit, applying online) and the status of your dossier. The catalogue is in Vietnamese."
)
