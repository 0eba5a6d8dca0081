"""/api/v1/follows: follow a dossier (Theo dõi hồ sơ), stop (Hủy theo dõi), and read what a follower
is owed (the web widget's pending notifications, "hồ sơ tôi đang theo dõi").

Proof: following needs the token the phone check answers (``rating_token`` of ``…/verify``), so only
someone who passed the check can follow. A Zalo recipient is named by the assistant alone (its API
key, scope ``assistant``); a web recipient is the widget's random session id, which only its browser
knows. A follower learns what the public lookup already shows: the state, never personal data.
"""

from __future__ import annotations

import re

from flask import current_app, g, jsonify, request

from kiosk.api import bp
from kiosk.core.auth import presented_api_key
from kiosk.core.db import get_session
from kiosk.core.dossier_limits import client_key, enforce
from kiosk.core.errors import ApiError
from kiosk.core.request_values import json_body
from motcua.clock import now_local
from motcua.dossiers import states
from motcua.dossiers.lookup import find_dossier
from motcua.feedback.tokens import TokenError, read_rating_token
from motcua.notifications.follows import FollowError, follow, followed, seen, unfollow
from motcua.notifications.inbox import pending_for_widget

_WEB_SESSION = re.compile(r"^[A-Za-z0-9_-]{16,128}$")
NOT_FOLLOWED = "Không tìm thấy hồ sơ có mã này. Vui lòng kiểm tra lại mã trên giấy tiếp nhận."


@bp.post("/follows")
def follow_dossier():
    enforce("DOSSIER_LOOKUP_LIMIT", client_key())
    body = json_body()
    channel, recipient = _recipient(body)
    try:
        code = read_rating_token(current_app.config["SECRET_KEY"], str(body.get("token") or ""), now_local())
    except TokenError:
        raise ApiError(
            403, "invalid_token", "Cần xác minh hồ sơ (4 số cuối điện thoại) trước khi theo dõi; vui lòng thử lại."
        ) from None
    session = get_session()
    dossier = find_dossier(session, code)
    if dossier is None:
        raise ApiError(404, "dossier_not_found", NOT_FOLLOWED)
    try:
        follow(session, dossier, channel, recipient, now_local())
    except FollowError as exc:
        raise ApiError(422, "invalid_follow", str(exc)) from None
    session.commit()
    return jsonify({"code": dossier.code, "channel": channel, "following": True}), 201


@bp.post("/follows/stop")
def stop_following():
    enforce("DOSSIER_LOOKUP_LIMIT", client_key())
    body = json_body()
    channel, recipient = _recipient(body)
    session = get_session()
    dossier = find_dossier(session, str(body.get("code") or "")[:80])
    if dossier is None:
        raise ApiError(404, "dossier_not_found", NOT_FOLLOWED)
    try:
        stopped = unfollow(session, dossier, channel, recipient, now_local())
    except FollowError as exc:
        raise ApiError(422, "invalid_follow", str(exc)) from None
    session.commit()
    return jsonify({"code": dossier.code, "channel": channel, "following": False, "stopped": stopped})


@bp.post("/follows/inbox")
def follower_inbox():
    """What the follower follows and, for the widget, the notifications not yet shown (then marked
    shown: read once, like a mailbox). The assistant calling for a Zalo user also restarts Zalo's
    consultation window, since the citizen just wrote."""
    enforce("DOSSIER_LOOKUP_LIMIT", client_key())
    channel, recipient = _recipient(json_body())
    session = get_session()
    now = now_local()
    seen(session, channel, recipient, now)
    dossiers = [
        {
            "code": d.code,
            "state": d.state,
            "state_label": states.label(d.state, g.get("lang", "vi")),
            "state_at": d.state_at.isoformat(),
        }
        for d in followed(session, channel, recipient)
    ]
    notifications = pending_for_widget(session, recipient, now) if channel == "web" else []
    session.commit()
    return jsonify({"dossiers": dossiers, "notifications": notifications})


def _recipient(body: dict) -> tuple[str, str]:
    channel = str(body.get("channel") or "web")
    if channel == "zalo":
        if presented_api_key("assistant") is None:
            raise ApiError(401, "api_key_required", "Chỉ trợ lý ảo mới theo dõi hồ sơ qua Zalo.")
        recipient = str(body.get("recipient") or request.headers.get("X-Motcua-Conversation") or "").strip()
        if not recipient or len(recipient) > 128:
            raise ApiError(400, "invalid_recipient", "Thiếu mã người dùng Zalo (recipient).")
        return channel, recipient
    if channel != "web":
        raise ApiError(422, "invalid_channel", "Kênh theo dõi phải là 'web' hoặc 'zalo'.")
    recipient = str(body.get("recipient") or "")
    if not _WEB_SESSION.match(recipient):
        raise ApiError(
            400, "invalid_recipient", "Mã phiên trợ lý (recipient) phải dài 16–128 ký tự chữ, số, '-' hoặc '_'."
        )
    return channel, recipient


