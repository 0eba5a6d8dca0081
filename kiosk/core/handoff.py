"""The hand-off to an officer as the web layer runs it, for the JSON API (``kiosk/api/conversations.py``)
and the staff page (``kiosk/staff/conversations.py``) alike: find a conversation within the units the
actor may see, take, reply, close — each change committed first, then relayed to Rasa (pause, resume,
the officer's message in its tracker), so a Rasa that does not answer delays the relay, never the
change — and the JSON both answer with.

Who acts: a signed-in officer is recorded by account and name; an API key (a tool, a test) is not a
person, so its name is recorded as the officer's.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app

from kiosk.core.auth import current_actor, require_unit
from kiosk.core.db import get_session
from kiosk.core.errors import ApiError
from kiosk.core.rasa_admin import rasa_admin
from motcua.apikeys import ApiKey
from motcua.clock import VN_TZ, now_local
from motcua.handoff import queue, relay
from motcua.handoff.hours import Schedule, unit_schedule
from motcua.handoff.messages import add_officer, delivery_state, state_label
from motcua.handoff.models import OFFICER, SYSTEM, HandoffConversation, HandoffMessage
from motcua.units import Unit

NOT_FOUND = "Không tìm thấy cuộc trò chuyện."
_MAX_ID = 2**31 - 1


def find_conversation(conversation_id: str) -> HandoffConversation:
    """The conversation with this id when the actor may see its unit; one 404 for a bad id, an unknown
    one and another unit's alike (its existence is nobody else's business)."""
    text = (conversation_id or "").strip()
    if not (text.isascii() and text.isdigit() and 0 < int(text) <= _MAX_ID):
        raise ApiError(404, "conversation_not_found", NOT_FOUND)
    conversation = get_session().get(HandoffConversation, int(text))
    if conversation is None:
        raise ApiError(404, "conversation_not_found", NOT_FOUND)
    require_unit(conversation.unit, hidden=NOT_FOUND)
    return conversation


def schedule_for(unit: Unit) -> Schedule:
    """The unit's hand-off hours (its own, else ``HANDOFF_HOURS``, else the standard ones)."""
    return unit_schedule(get_session(), unit, current_app.config.get("HANDOFF_HOURS", ""))


def take(conversation: HandoffConversation) -> None:
    officer_id, name = _officer()
    queue.take(get_session(), conversation, officer_id, name, now_local())
    get_session().commit()
    relay_to_assistant(conversation)


def reply(conversation: HandoffConversation, text: str) -> HandoffMessage:
    officer_id, name = _officer()
    message = add_officer(get_session(), conversation, text, officer_id, name, now_local())
    get_session().commit()
    relay_to_assistant(conversation)
    return message


def close(conversation: HandoffConversation) -> None:
    queue.close(get_session(), conversation, now_local())
    get_session().commit()
    relay_to_assistant(conversation)


def relay_to_assistant(conversation: HandoffConversation) -> bool:
    """Send Rasa what it has not confirmed for this conversation; False (recorded) when it did not answer."""
    return relay.push(get_session(), conversation, rasa_admin())


def refresh(conversation: HandoffConversation) -> bool:
    """Retry what Rasa has not confirmed, then copy the citizen's new messages; False when Rasa did not answer."""
    session = get_session()
    relayed = relay.push(session, conversation, rasa_admin())
    try:
        relay.collect(session, conversation, rasa_admin(), now_local())
    except relay.AssistantUnavailable:
        session.rollback()
        return False
    return relayed


def retry_pending(unit_ids: list[int]) -> None:
    """One retry pass over these units' conversations with something Rasa has not confirmed; stops at
    the first that fails (Rasa is down: the next poll tries again)."""
    for conversation in relay.pending_work(get_session(), unit_ids):
        if not relay_to_assistant(conversation):
            return


def conversation_json(conversation: HandoffConversation, messages: bool = False) -> dict:
    """A conversation as the staff page and the API show it (never its sender id: that is the widget's
    key to its messages)."""
    session = get_session()
    body = {
        "id": conversation.id,
        "unit": conversation.unit.code,
        "unit_name": conversation.unit.name,
        "channel": conversation.channel,
        "status": conversation.status,
        "reason": conversation.reason,
        "position": queue.position(session, conversation),
        "question": conversation.question,
        "contact": conversation.contact or None,
        "officer": conversation.officer_name or None,
        "created_at": iso(conversation.created_at),
        "taken_at": iso(conversation.taken_at),
        "closed_at": iso(conversation.closed_at),
        "assistant_in_step": conversation.rasa_pending == "",
    }
    if messages:
        body["messages"] = [message_json(message) for message in conversation.messages]
    return body


def message_json(message: HandoffMessage) -> dict:
    outgoing = message.author in (OFFICER, SYSTEM)
    return {
        "id": message.id,
        "from": message.author,
        "officer": (message.officer_name or None) if outgoing else None,
        "text": message.text,
        "at": iso(message.created_at),
        "state": delivery_state(message) if outgoing else None,
        "state_label": state_label(message) or None,
    }


def iso(moment: datetime | None) -> str | None:
    """A stored (naive Vietnam) time as ISO 8601 with its offset."""
    return moment.replace(tzinfo=VN_TZ).isoformat() if moment else None


def _officer() -> tuple[int | None, str]:
    actor = current_actor()
    if isinstance(actor, ApiKey):
        return None, actor.name
    if actor is None:
        raise ApiError(401, "unauthorized", "Cần đăng nhập hoặc khóa API hợp lệ.")
    return actor.id, f"Cán bộ {actor.full_name or actor.username}"
