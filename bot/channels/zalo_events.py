"""Sự kiện webhook Zalo: what an incoming event is, who sent it and the key it is de-duplicated on."""

from __future__ import annotations

import hashlib
from enum import Enum
from typing import Any


class EventKind(Enum):
    """How the channel answers an event."""

    TEXT = "text"  # to the assistant
    FOLLOW = "follow"  # greet the new follower
    IMAGE = "image"  # a photo: perhaps of the receipt (``zalo_photos``)
    NON_TEXT = "non_text"  # sticker, file, audio…: ask politely for text
    IGNORED = "ignored"  # delivery receipts, unfollow, OA-side events


def event_kind(event: dict[str, Any]) -> EventKind:
    """Classify by ``event_name``; every other ``user_send_*`` is a message the assistant cannot read."""
    name = str(event.get("event_name") or "")
    if name == "user_send_text":
        return EventKind.TEXT
    if name == "follow":
        return EventKind.FOLLOW
    if name == "user_send_image":
        return EventKind.IMAGE
    if name.startswith("user_send_"):
        return EventKind.NON_TEXT
    return EventKind.IGNORED


def sender_id(event: dict[str, Any]) -> str:
    """The Zalo user id to answer: ``sender.id`` for messages, ``follower.id`` for a follow."""
    for field in ("sender", "follower"):
        value = event.get(field)
        if isinstance(value, dict) and value.get("id"):
            return str(value["id"])
    return str(event.get("user_id_by_app") or "")


def message_id(event: dict[str, Any]) -> str | None:
    """``message.msg_id`` when the event carries a message."""
    message = event.get("message")
    if isinstance(message, dict) and message.get("msg_id"):
        return str(message["msg_id"])
    return None


def message_text(event: dict[str, Any]) -> str:
    message = event.get("message")
    return str(message.get("text") or "").strip() if isinstance(message, dict) else ""


def image_url(event: dict[str, Any]) -> str:
    """The URL of the first image attachment (``message.attachments[].payload.url``), "" when none."""
    message = event.get("message")
    attachments = message.get("attachments") if isinstance(message, dict) else None
    for attachment in attachments if isinstance(attachments, list) else []:
        payload = attachment.get("payload") if isinstance(attachment, dict) else None
        if isinstance(payload, dict) and attachment.get("type") == "image" and isinstance(payload.get("url"), str):
            return payload["url"].strip()
    return ""


def dedup_key(event: dict[str, Any]) -> str:
    """``msg_id`` for messages; events without one (follow) are keyed on name, user and timestamp, which
    Zalo keeps identical when it re-delivers the same event."""
    msg_id = message_id(event)
    if msg_id:
        return f"msg:{msg_id}"
    identity = f"{event.get('event_name')}|{sender_id(event)}|{event.get('timestamp')}"
    return "evt:" + hashlib.sha256(identity.encode()).hexdigest()[:32]


def event_time_ms(event: dict[str, Any]) -> int | None:
    """Zalo's ``timestamp`` (milliseconds since the epoch, sent as a string); None when absent or malformed."""
    try:
        return int(str(event.get("timestamp")))
    except ValueError:
        return None


def mask_user(user_id: str) -> str:
    """A user id fit for logs: enough to correlate lines, not enough to message the citizen."""
    return f"…{user_id[-4:]}" if len(user_id) > 4 else "…"
