"""Trò chuyện với người dân — ``/quan-ly/tro-chuyen``: the officers' inbox of the assistant's
conversations handed off to a person (docs/handoff.md). Officers and managers of a unit (and of the
units above it) see its waiting, open and closed conversations, take one, read its history (masked),
reply and close it, which gives it back to the assistant.

The page works without JavaScript (forms, then a redirect); ``static/conversations/inbox.js`` makes it
live by polling the JSON routes below every few seconds and posting the same forms with ``fetch``.
Every POST carries the page's CSRF token; the JSON API (``/api/v1/conversations``) is for keys, never
for this page's session cookie. Every route checks the conversation's unit (``handoff.find_conversation``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from kiosk.core import handoff
from kiosk.core.auth import login_required
from kiosk.core.db import get_session
from kiosk.core.errors import STATUS, ApiError
from kiosk.staff.unit_picker import chosen_unit, visible_units
from motcua.errors import DomainError
from motcua.handoff import queue
from motcua.handoff.models import CLOSED, OPEN, STATUSES, WAITING
from motcua.units import subtree_ids

bp = Blueprint("conversations", __name__)

STAFF = ("officer", "manager")
POLL_MS = {"list": 5000, "messages": 3000}


def answers_json(view: Callable) -> Callable:
    """For the routes the page's script calls: every refusal as JSON with its Vietnamese message."""

    @functools.wraps(view)
    def wrapped(**kwargs):
        if request.accept_mimetypes.best != "application/json":
            return view(**kwargs)  # a plain form: the site's error page, in Vietnamese
        try:
            return view(**kwargs)
        except ApiError as exc:
            return jsonify({"error": exc.error, "message": exc.message}), exc.status
        except DomainError as exc:
            return jsonify({"error": exc.code, "message": exc.message}), STATUS.get(exc.kind, 422)
        except HTTPException as exc:
            message = "Không tìm thấy cuộc trò chuyện." if exc.code == 404 else "Bạn không có quyền làm việc này."
            return jsonify({"error": "refused", "message": message}), exc.code or 400

    return wrapped


@bp.get("/quan-ly/tro-chuyen")
@login_required(*STAFF)
def inbox():
    unit = chosen_unit()
    lists = _lists(subtree_ids(get_session(), unit))
    chosen = None
    if request.args.get("id"):
        chosen = handoff.find_conversation(request.args["id"])
        handoff.refresh(chosen)
    return render_template(
        "conversations/inbox.html",
        unit=unit,
        units=visible_units(),
        lists=lists,
        chosen=chosen and handoff.conversation_json(chosen, messages=True),
        statuses=STATUSES,
        poll_ms=POLL_MS,
    )


@bp.get("/quan-ly/tro-chuyen/danh-sach")
@login_required(*STAFF)
@answers_json
def inbox_lists():
    """The three lists as JSON, for the page's polling; also one retry pass of what Rasa missed."""
    unit = chosen_unit()
    unit_ids = subtree_ids(get_session(), unit)
    handoff.retry_pending(unit_ids)
    return jsonify({"unit": unit.code, **_lists(unit_ids)})


@bp.get("/quan-ly/tro-chuyen/<conversation_id>/tin-nhan")
@login_required(*STAFF)
@answers_json
def messages(conversation_id: str):
    conversation = handoff.find_conversation(conversation_id)
    reached = handoff.refresh(conversation)
    return jsonify({**handoff.conversation_json(conversation, messages=True), "assistant_reachable": reached})


@bp.post("/quan-ly/tro-chuyen/<conversation_id>/nhan")
@login_required(*STAFF)
@answers_json
def take(conversation_id: str):
    conversation = handoff.find_conversation(conversation_id)
    handoff.take(conversation)
    return _done(conversation)


@bp.post("/quan-ly/tro-chuyen/<conversation_id>/tin-nhan")
@login_required(*STAFF)
@answers_json
def reply(conversation_id: str):
    conversation = handoff.find_conversation(conversation_id)
    handoff.reply(conversation, request.form.get("text", ""))
    return _done(conversation)


@bp.post("/quan-ly/tro-chuyen/<conversation_id>/ket-thuc")
@login_required(*STAFF)
@answers_json
def close(conversation_id: str):
    conversation = handoff.find_conversation(conversation_id)
    handoff.close(conversation)
    return _done(conversation)


def _lists(unit_ids: list[int]) -> dict:
    session = get_session()
    return {
        status: [handoff.conversation_json(c) for c in queue.conversations(session, unit_ids, status, limit=limit)]
        for status, limit in ((WAITING, 100), (OPEN, 100), (CLOSED, 20))
    }


def _done(conversation):
    """The script gets the conversation as JSON; a plain form goes back to the page on it."""
    if request.accept_mimetypes.best == "application/json":
        return jsonify(handoff.conversation_json(conversation, messages=True))
    return redirect(url_for("conversations.inbox", unit=conversation.unit.code, id=conversation.id))
