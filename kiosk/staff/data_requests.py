"""Yêu cầu về dữ liệu cá nhân — ``/quan-ly/yeu-cau-du-lieu``: the staff queue of citizens' requests about
their dossiers' personal data (motcua/privacy/requests.py), soonest deadline first, for the units the
signed-in officer or manager may see; each is closed as done (a deletion is carried out then) or refused
with its reason. Showing a request shows its dossier's personal data: each listed dossier is logged."""

from __future__ import annotations

import os

from flask import abort, current_app, g, redirect, render_template, request, url_for
from sqlalchemy import select

from kiosk.core.auth import login_required, require_unit
from kiosk.core.db import get_session
from kiosk.core.personal_access import log_personal_view
from kiosk.staff.home import STAFF, bp
from motcua.accounts import visible_unit_ids
from motcua.clock import now_local
from motcua.db import make_engine
from motcua.privacy.requests import KINDS, STATUSES, DataRequest, DataRequestError, open_requests, resolve


@bp.get("/yeu-cau-du-lieu")
@login_required(*STAFF)
def data_requests():
    return _page()


@bp.post("/yeu-cau-du-lieu/<reference>")
@login_required(*STAFF)
def resolve_data_request(reference: str):
    session = get_session()
    item = session.scalar(select(DataRequest).where(DataRequest.reference == reference[:40]))
    if item is None:
        abort(404)
    require_unit(item.dossier.unit, hidden="Không tìm thấy yêu cầu.")
    tracker_url = current_app.config.get("RASA_TRACKER_STORE_URL") or os.environ.get("RASA_TRACKER_STORE_URL", "")
    tracker = make_engine(tracker_url) if tracker_url and item.kind == "xoa_tro_chuyen" else None
    try:
        resolve(
            session,
            item,
            request.form.get("status", ""),
            g.user.username,
            now_local(),
            answer=request.form.get("answer", ""),
            tracker=tracker,
        )
    except DataRequestError as exc:
        session.rollback()
        return _page(error=str(exc)), 422
    finally:
        if tracker is not None:
            tracker.dispose()
    return redirect(url_for("staff.data_requests"))


def _page(error: str = ""):
    session = get_session()
    visible = visible_unit_ids(session, g.user)
    items = open_requests(session, None if visible is None else list(visible))
    now = now_local()
    page = render_template(
        "staff/data_requests.html", items=items, kinds=KINDS, statuses=STATUSES, now=now, error=error
    )
    for dossier in {item.dossier.id: item.dossier for item in items}.values():
        log_personal_view(dossier, detail="hàng đợi yêu cầu dữ liệu")
    return page
