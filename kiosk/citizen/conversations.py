"""``GET /tro-chuyen/phien/<sender id>/tin-nhan?sau=<id>``: what the chat widget polls while its
conversation is handed off to an officer — the hand-off's status, the position in the queue and the
officer's and system's messages after the last one it showed (docs/handoff.md).

No sign-in: the widget's session id (128 random bits) is the only key, as for its notification inbox; so only
conversations of the widget (channel ``web``) are served — a Zalo or REST sender id is no secret.
Rate-limited per client address (generously: a centre's Wi-Fi is one address) and per session (no
faster than once a second); an unknown id gets a 404 after the same single indexed query as a known one.
The answer carries ``Access-Control-Allow-Origin: *`` because the widget may be embedded on another
site (a province portal) while it polls this app: the answer holds nothing but what that session's own
citizen was sent, and no cookie is read or needed.
"""

from __future__ import annotations

import hashlib
import re

from flask import jsonify, request

from kiosk.core import handoff
from kiosk.core.db import get_session
from kiosk.core.dossier_limits import address_key, enforce
from kiosk.core.errors import ApiError
from kiosk.staff.conversations import bp
from motcua.handoff import queue
from motcua.handoff.messages import for_widget

_SENDER = re.compile(r"^[A-Za-z0-9_.:\-]{1,128}$")
_MAX_ID = 2**31 - 1


@bp.get("/tro-chuyen/phien/<sender_id>/tin-nhan")
def widget_messages(sender_id: str):
    try:
        enforce("HANDOFF_POLL_LIMIT", address_key(request.remote_addr or ""))
        enforce("HANDOFF_POLL_SESSION_LIMIT", hashlib.sha256(sender_id.encode()).hexdigest()[:32])
        after = _after(request.args.get("sau", ""))
    except ApiError as exc:
        return _cors(jsonify({"error": exc.error, "message": exc.message}), exc.status)
    session = get_session()
    conversation = queue.latest_for_sender(session, sender_id) if _SENDER.match(sender_id) else None
    # Only the widget's own sessions: a Zalo sender id is the citizen's Zalo user id and a REST caller picks
    # its own, neither a secret, so their conversations answer as unknown ones do.
    if conversation is not None and conversation.channel != "web":
        conversation = None
    if conversation is None:
        body = {"status": "none", "position": None, "messages": [], "message": handoff.NOT_FOUND}
        return _cors(jsonify(body), 404)
    shown = for_widget(session, conversation, after)
    session.commit()
    body = {
        "status": conversation.status,
        "position": queue.position(session, conversation),
        "officer": conversation.officer_name or None,
        "messages": [
            {
                "id": m.id,
                "from": m.author,
                "officer": m.officer_name or None,
                "text": m.text,
                "at": handoff.iso(m.created_at),
            }
            for m in shown
        ],
    }
    return _cors(jsonify(body), 200)


def _after(text: str) -> int:
    text = text.strip()
    if not text:
        return 0
    if not (text.isascii() and text.isdigit()) or int(text) > _MAX_ID:
        raise ApiError(400, "invalid_after", "Tham số 'sau' phải là số thứ tự tin nhắn (số nguyên không âm).")
    return int(text)


def _cors(response, status: int):
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cache-Control"] = "no-store"
    return response, status
