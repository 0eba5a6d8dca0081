"""Tin nhắn gửi đi: turns the assistant's text and buttons into OA API v3 message objects.

Zalo limits a text message to 2,000 characters and a message to 5 buttons (title ≤ 100 characters,
``oa.query.show`` payload ≤ 1,000). Long answers (document lists of a procedure) are split on sentence or
line boundaries so no sentence is cut in half; extra buttons go in follow-up messages so no choice is lost.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

logger = logging.getLogger(__name__)

TEXT_LIMIT = 2000
MAX_BUTTONS = 5
TITLE_LIMIT = 100
PAYLOAD_LIMIT = 1000
CHOOSE_PROMPT = "Mời anh/chị chọn:"
MORE_CHOICES = "Các lựa chọn khác:"

_SENTENCE_END = re.compile(r"(\S*)[.!?…](?=\s)")
# Full stops that do not end a sentence: list numbers ("12. Tờ khai"), "a.", abbreviations ("TP. Huế", "Q. 1").
_NOT_A_SENTENCE_END = re.compile(r"\d{1,3}|[a-zđ]|[A-ZĐ]{1,2}")


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Pieces of at most ``limit`` characters, cut at the last line break or sentence end that fits,
    else at the last space, else (one unbroken run) at the limit."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = _cut_position(rest[: limit + 1], limit)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def zalo_button(button: dict[str, Any]) -> dict[str, Any] | None:
    """A Rasa button as a Zalo one: a link (``url``, ``type: web_url`` or an http(s) payload) opens with
    ``oa.open.url``; anything else is ``oa.query.show``, which sends the payload back as the user's message,
    so Rasa receives ``/intent{...}`` payloads exactly as on the web chat."""
    title = str(button.get("title") or "").strip()[:TITLE_LIMIT]
    payload = button.get("payload")
    url = button.get("url") or (payload if _is_link(payload) else None)
    if url:
        return {"title": title or str(url)[:TITLE_LIMIT], "type": "oa.open.url", "payload": {"url": str(url)}}
    query = str(payload or title)
    if not query or len(query) > PAYLOAD_LIMIT:
        logger.warning("Zalo button %r dropped: payload empty or longer than %d characters", title, PAYLOAD_LIMIT)
        return None
    return {"title": title or query[:TITLE_LIMIT], "type": "oa.query.show", "payload": query}


def outgoing_messages(text: str, buttons: Iterable[dict[str, Any]] = ()) -> list[dict[str, Any]]:
    """The messages to post for one assistant answer, in order; buttons ride on the last text piece."""
    pieces = split_text(text or "")
    mapped = [b for b in (zalo_button(button) for button in buttons) if b is not None]
    groups = [mapped[i : i + MAX_BUTTONS] for i in range(0, len(mapped), MAX_BUTTONS)]
    if not groups:
        return [{"text": piece} for piece in pieces]
    last = pieces.pop() if pieces else CHOOSE_PROMPT
    messages: list[dict[str, Any]] = [{"text": piece} for piece in pieces]
    messages.append(_with_buttons(last, groups[0]))
    messages.extend(_with_buttons(MORE_CHOICES, group) for group in groups[1:])
    return messages


def _with_buttons(text: str, buttons: list[dict[str, Any]]) -> dict[str, Any]:
    return {"text": text, "attachment": {"type": "template", "payload": {"buttons": buttons}}}


def _cut_position(window: str, limit: int) -> int:
    """Length of the next piece, given ``window`` = the next ``limit`` + 1 characters: the latest line break
    or sentence end (punctuation followed by white space) that keeps the piece within ``limit``."""
    line = window.rfind("\n", 0, limit + 1)
    sentence = max(
        (m.end() for m in _SENTENCE_END.finditer(window) if not _NOT_A_SENTENCE_END.fullmatch(m.group(1))),
        default=-1,
    )
    best = max(line, sentence)
    if best > 0:
        return best
    space = window.rfind(" ", 0, limit + 1)
    return space if space > 0 else limit


def _is_link(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))
