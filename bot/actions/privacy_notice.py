"""Thông báo xử lý dữ liệu cá nhân (issue 21, Law 91/2025/QH15): the short notice the assistant's first message
of every conversation carries (``action_session_start``, web widget and Zalo), with the link to the public page.

The bot's copy of the app's wording (``motcua.privacy.notice``; the action server runs without the app package):
tests/bot/test_notice_parity.py fails when the two differ. No imports, so that test can load this file alone."""

from __future__ import annotations

from typing import Any

PAGE_PATH = "/du-lieu-ca-nhan"

NOTICE = {
    "vi": (
        "Trung tâm chỉ dùng thông tin bạn cung cấp để giải quyết hồ sơ và trả lời bạn; số điện thoại, số định "
        "danh, thư điện tử và mã hồ sơ trong tin nhắn được lọc bỏ trước khi lưu. Xem thêm: "
    ),
    "en": (
        "The centre uses what you provide only to process your dossier and answer you; phone numbers, ID numbers, "
        "e-mails and dossier codes in messages are removed before they are stored. More: "
    ),
}


def notice(lang: str = "vi", base_url: str = "") -> str:
    """The one-sentence notice with the link to the public page (Vietnamese unless ``lang`` is "en")."""
    return NOTICE.get(lang, NOTICE["vi"]) + base_url.rstrip("/") + PAGE_PATH


def message_arriving(tracker: Any) -> bool:
    """Whether this session starts for a citizen's message from a channel — the web widget (its metadata is the
    page's language) and Zalo send metadata, which Rasa sets in ``session_started_metadata`` just before
    ``action_session_start``. A session started by the HTTP API (events appended by an operator, /predict) has
    no metadata and no output channel: a message said there would fail the request (Rasa sends to None)."""
    events = list(tracker.events or [])
    last = events[-1] if events else {}
    return last.get("event") == "slot" and last.get("name") == "session_started_metadata"


def session_language(tracker: Any, earlier: str) -> str:
    """The language of a conversation that is starting, before its first message is read: English when it
    starts on the English page (the widget's ``metadata.lang``, kept by Rasa in ``session_started_metadata``),
    else ``earlier`` — the language of the words before (``actions.english.reply_language``; Vietnamese when
    there are none, e.g. a first Zalo message)."""
    metadata = tracker.get_slot("session_started_metadata")
    page = str(metadata.get("lang") or "").lower() if isinstance(metadata, dict) else ""
    return "en" if page == "en" else earlier
