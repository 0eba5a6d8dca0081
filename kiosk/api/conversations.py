"""The hand-off to an officer over JSON (docs/handoff.md):

- for the assistant (key scope ``assistant``): ``POST /conversations`` puts a conversation in its unit's
  queue (or, outside working hours with a contact, leaves it as a callback) and answers the position or
  when officers are back; ``GET /conversations/by-sender/<id>`` says whether a hand-off is active;
- for tools and tests (key scope ``handoff``): the queue, take, messages, close — what the staff page
  does, which uses its own CSRF-protected routes and never the session cookie here.

Every conversation is reached only within the key's units; another unit's is answered as unknown (404).
"""

from __future__ import annotations

from flask import g, jsonify, request

from kiosk.api import bp
from kiosk.core import handoff
from kiosk.core.auth import api_access_required, require_unit
from kiosk.core.db import get_session
from kiosk.core.errors import ApiError
from kiosk.core.request_values import json_body, text_field
from motcua.clock import now_local
from motcua.handoff import queue
from motcua.units import get_unit, subtree_ids

UNKNOWN_UNIT = "Không tìm thấy đơn vị có mã này."


@bp.post("/conversations")
@api_access_required("assistant")
def request_handoff():
    body = json_body()
    unit = _unit(text_field(body, "unit"))
    ask = queue.Request(
        sender_id=text_field(body, "conversation_id").strip(),
        channel=text_field(body, "channel").strip() or "web",
        reason=text_field(body, "reason").strip() or "asked",
        question=text_field(body, "question"),
        contact=text_field(body, "contact"),
    )
    session = get_session()
    outcome = queue.request_handoff(session, unit, ask, handoff.schedule_for(unit), now_local())
    session.commit()
    answer = {"within_hours": outcome.within_hours, "back_at": handoff.iso(outcome.back_at), "message": outcome.message}
    if outcome.conversation is None:
        return jsonify({"status": "closed_hours", **answer})
    conversation = outcome.conversation
    answer.update(id=conversation.id, status=conversation.status, position=queue.position(session, conversation))
    return jsonify(answer), 201 if outcome.created else 200


@bp.get("/conversations/by-sender/<path:sender_id>")
@api_access_required("assistant")
def conversation_by_sender(sender_id: str):
    conversation = queue.latest_for_sender(get_session(), sender_id[:128])
    if conversation is None:
        raise ApiError(404, "conversation_not_found", handoff.NOT_FOUND)
    require_unit(conversation.unit, hidden=handoff.NOT_FOUND)
    session = get_session()
    return jsonify(
        {
            "id": conversation.id,
            "status": conversation.status,
            "position": queue.position(session, conversation),
            "officer": conversation.officer_name or None,
            "message": queue.citizen_message(session, conversation, None),
        }
    )


@bp.get("/conversations")
@api_access_required("handoff")
def list_conversations():
    status = request.args.get("status", "waiting").strip()
    unit_code = request.args.get("unit", "").strip()
    unit = _unit(unit_code)
    unit_ids = subtree_ids(get_session(), unit)
    handoff.retry_pending(unit_ids)
    found = queue.conversations(get_session(), unit_ids, status)
    return jsonify(
        {"status": status, "unit": unit.code, "conversations": [handoff.conversation_json(c) for c in found]}
    )


@bp.post("/conversations/<conversation_id>/take")
@api_access_required("handoff")
def take_conversation(conversation_id: str):
    conversation = handoff.find_conversation(conversation_id)
    handoff.take(conversation)
    return jsonify(handoff.conversation_json(conversation))


@bp.get("/conversations/<conversation_id>/messages")
@api_access_required("handoff")
def conversation_messages(conversation_id: str):
    conversation = handoff.find_conversation(conversation_id)
    reached = handoff.refresh(conversation)
    return jsonify({**handoff.conversation_json(conversation, messages=True), "assistant_reachable": reached})


@bp.post("/conversations/<conversation_id>/messages")
@api_access_required("handoff")
def send_message(conversation_id: str):
    conversation = handoff.find_conversation(conversation_id)
    message = handoff.reply(conversation, text_field(json_body(), "text"))
    return jsonify(handoff.message_json(message)), 201


@bp.post("/conversations/<conversation_id>/close")
@api_access_required("handoff")
def close_conversation(conversation_id: str):
    conversation = handoff.find_conversation(conversation_id)
    handoff.close(conversation)
    return jsonify(handoff.conversation_json(conversation))


def _unit(code: str):
    """The unit named by ``code`` (default: the key's own), within the key's units."""
    if not code:
        return require_unit(g.api_key.unit)
    if len(code) > 40:
        raise ApiError(404, "unit_not_found", UNKNOWN_UNIT)
    unit = get_unit(get_session(), code)
    if unit is None:
        raise ApiError(404, "unit_not_found", UNKNOWN_UNIT)
    return require_unit(unit)
