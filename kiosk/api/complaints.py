"""Complaints: ``POST /complaints`` — a citizen's complaint about a unit (after a bad rating, from the
assistant or the web), answered with a reference and an acknowledgement. Who sends it is proved as for
ratings (``kiosk.api.ratings``): the assistant's API key or a dossier's signed token, else anyone,
rate-limited."""

from __future__ import annotations

from flask import current_app, jsonify

from kiosk.api import bp
from kiosk.api.ratings import refusal, request_sender
from kiosk.core import rating_limits
from kiosk.core.db import get_session
from kiosk.core.request_values import json_body, text_field
from motcua.clock import now_local
from motcua.feedback.complaints import acknowledgement, file_complaint
from motcua.feedback.errors import RatingError


@bp.post("/complaints")
def create_complaint():
    sender = request_sender(kiosk=False)
    rating_limits.enforce("COMPLAINT", assistant_key_id=sender.key_id)
    body = json_body()
    try:
        complaint = file_complaint(
            get_session(),
            text_field(body, "unit_code"),
            text_field(body, "text"),
            text_field(body, "source") or "web",
            now_local(),
            contact=text_field(body, "contact"),
            dossier_code=text_field(body, "dossier_code"),
            token=text_field(body, "token"),
            secret=current_app.config["SECRET_KEY"],
            sender=sender,
        )
    except RatingError as exc:
        raise refusal(exc, "complaint", sender) from exc
    return jsonify(reference=complaint.reference, message=acknowledgement(complaint)), 201
