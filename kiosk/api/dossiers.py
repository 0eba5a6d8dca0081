"""/api/v1/dossiers: public status by code, private detail with the second factor, and intake
(upsert and state events) for the province's one-stop system with an ``intake`` API key, which
reaches only the dossiers of its unit and the units below it."""

from __future__ import annotations

import logging
import time
from datetime import date, datetime

from flask import current_app, g, jsonify

from kiosk.api import bp
from kiosk.config import DEFAULTS
from kiosk.core.auth import api_access_required, may_see, require_unit
from kiosk.core.db import get_session
from kiosk.core.dossier_limits import client_key, enforce
from kiosk.core.errors import ApiError
from kiosk.core.personal_access import log_personal_view
from kiosk.core.request_values import json_body
from motcua.clock import now_local
from motcua.dossiers import states
from motcua.dossiers.codes import CodeError, normalize_code, parse_code
from motcua.dossiers.intake import (
    DossierError,
    canonical_code_or_error,
    clean_moment,
    record_event,
    upsert_dossier,
)
from motcua.dossiers.lookup import find_dossier, mask_name, mask_phone, phone_matches, private_view, public_view
from motcua.feedback.ratings import is_rated
from motcua.feedback.tokens import make_rating_token
from motcua.units import Unit, get_unit

log = logging.getLogger(__name__)

NOT_VERIFIED = "Không tìm thấy hồ sơ khớp với mã hồ sơ và 4 số cuối điện thoại đã nhập."
NOT_FOUND = "Không tìm thấy hồ sơ có mã này. Vui lòng kiểm tra lại mã trên giấy tiếp nhận."
# Every verification answers no sooner than this, so a wrong factor and an unknown code look alike.
DEFAULT_VERIFY_SECONDS = DEFAULTS["DOSSIER_VERIFY_SECONDS"]


@bp.get("/dossiers/<path:code>")
def dossier_status(code: str):
    enforce("DOSSIER_LOOKUP_LIMIT", client_key())
    dossier = find_dossier(get_session(), code)
    if dossier is None:
        raise ApiError(404, "dossier_not_found", NOT_FOUND)
    return jsonify(public_view(dossier, _today(), g.get("lang", "vi")))


@bp.post("/dossiers/<path:code>/verify")
def dossier_verify(code: str):
    started = time.monotonic()
    last4 = str(json_body().get("phone_last4", "")).strip()
    if len(last4) != 4 or not last4.isdigit():
        raise ApiError(400, "invalid_phone_last4", "Vui lòng nhập đúng 4 chữ số cuối của số điện thoại.")
    enforce("DOSSIER_VERIFY_CLIENT_LIMIT", client_key())
    enforce("DOSSIER_VERIFY_CODE_LIMIT", normalize_code(code)[:80])
    dossier = find_dossier(get_session(), code, with_events=True)
    verified = phone_matches(dossier, last4)
    body = _verified_view(dossier) if verified else None
    _wait_until(started + current_app.config.get("DOSSIER_VERIFY_SECONDS", DEFAULT_VERIFY_SECONDS))
    if body is None:
        log.info("dossier verify failed code=%s client=%s", normalize_code(code)[:80], client_key())
        raise ApiError(404, "verification_failed", NOT_VERIFIED)
    log_personal_view(dossier)
    log.info(
        "dossier verify ok code=%s applicant=%s phone=%s",
        dossier.code,
        mask_name(dossier.applicant_name),
        mask_phone(dossier.applicant_phone),
    )
    return jsonify(body)


@bp.put("/dossiers/<path:code>")
@api_access_required("intake")
def dossier_upsert(code: str):
    """The key must reach the unit in the code, the dossier's unit as stored and as written: a record
    can neither be read, changed, created nor moved outside the key's units."""
    session = get_session()
    named = _unit_in_code(_code_or_422(code))
    if named is not None:
        require_unit(named)
    stored = find_dossier(session, code)
    if stored is not None:
        require_unit(stored.unit)
    try:
        dossier, created = upsert_dossier(session, code, json_body(), source=_source())
    except DossierError as exc:
        session.rollback()
        raise ApiError(422, "invalid_dossier", str(exc), field=exc.field) from None
    target = session.get(Unit, dossier.unit_id)
    if not may_see(target):
        session.rollback()
        require_unit(target)
    session.commit()
    log.info("dossier %s %s by %s", dossier.code, "created" if created else "updated", _source())
    return jsonify(_summary(dossier)), 201 if created else 200


@bp.post("/dossiers/<path:code>/events")
@api_access_required("intake")
def dossier_event(code: str):
    session = get_session()
    dossier = find_dossier(session, _code_or_422(code))
    if dossier is None or not may_see(dossier.unit):
        raise ApiError(404, "dossier_not_found", NOT_FOUND)
    body = json_body()
    try:
        state = states.parse_state(body.get("state"))
        at = _event_time(body.get("at"))
    except (states.StateError, DossierError) as exc:
        raise ApiError(422, "invalid_event", str(exc)) from None
    if state == states.SUPPLEMENT and isinstance(body.get("supplement"), list):
        dossier.supplement = [str(item).strip() for item in body["supplement"] if str(item).strip()]
    created = record_event(session, dossier, state, at, str(body.get("note") or "")[:4000], _source())
    session.commit()
    return jsonify({**_summary(dossier), "event_created": created}), 201 if created else 200


def _verified_view(dossier) -> dict:
    """What the lookup page shows after the phone check (no address, no e-mail), plus the receipt's
    rating token, so the assistant can rate or complain about this dossier for the citizen."""
    view = private_view(dossier, _today(), g.get("lang", "vi"))
    for hidden in ("applicant_address", "applicant_email"):
        view.pop(hidden, None)
    view["rating_token"] = make_rating_token(current_app.config["SECRET_KEY"], dossier.code, now_local())
    # The assistant offers a rating only when this is False.
    view["rated"] = is_rated(get_session(), dossier.id)
    return view


def _unit_in_code(code: str) -> Unit | None:
    try:
        return get_unit(get_session(), parse_code(code).unit_code)
    except CodeError:
        return None


def _code_or_422(code: str) -> str:
    try:
        return canonical_code_or_error(code)
    except DossierError as exc:
        raise ApiError(422, "invalid_code", str(exc)) from None


def _event_time(value: object) -> datetime:
    return clean_moment(value, "at") if value not in (None, "") else now_local()


def _summary(dossier) -> dict:
    return {
        "code": dossier.code,
        "state": dossier.state,
        "state_label": dossier.state_label,
        "state_at": dossier.state_at.isoformat(),
        "due_at": dossier.due_at.isoformat() if dossier.due_at else None,
    }


def _source() -> str:
    key = g.get("api_key")
    return f"api:{key.name}"[:20] if key is not None else "staff"


def _today() -> date:
    return now_local().date()


def _wait_until(deadline: float) -> None:
    remaining = deadline - time.monotonic()
    if remaining > 0:
        time.sleep(remaining)
