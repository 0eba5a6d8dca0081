"""Every registered route, walked with the staff and the API keys of two sibling communes (12 and 13
under the province): what belongs to commune 12 — a dossier, its receipt, a counter, an officer, an
account, ratings, a report — opens for commune 12 and is refused (403/404) to commune 13.

A route added without being classified here fails ``test_every_route_is_classified``: whoever adds it
says which unit's data it touches and adds its case, or says why it touches none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pytest
from sqlalchemy import select

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.dossiers.models import Dossier
from motcua.handoff.models import HandoffConversation
from motcua.privacy.requests import DataRequest
from motcua.staff import save_counter, save_officer
from motcua.units import get_unit, save_unit
from tests.factories import CODE, COMMUNE, add_dossier, seed_catalogue

PASSWORD = "mat-khau-dai"
SIBLING = "000.00.13.H62"
SIBLING_CODE = "000.00.13.H62-260302-0001"
NEW_CODE = "000.00.12.H62-260302-0002"
NEW_RECORD = {
    "procedure_code": "2.000815",
    "applicant_name": "Lê Thị Hoa",
    "applicant_phone": "0987654321",
    "received_at": "2026-03-02T08:00:00+07:00",
}
DATA_REQUEST = "YC-ISOLATION12"
REPORT = {"unit": COMMUNE, "from": "2026-03-01", "to": "2026-03-31"}
ASSISTANT_TURN = {"unit": COMMUNE, "conversation_id": "web-isolation", "at": 1772420400.0}
# Commune 12's hand-offs to an officer: one open (taken), one waiting; fixed ids, known to the cases.
HANDOFF_OPEN, HANDOFF_WAITING, HANDOFF_SENDER = 9012, 9013, "web-isolation-12"


@dataclass(frozen=True)
class Case:
    """One request for commune 12's data, made as ``actor`` of commune 12 (must open) and as the same
    kind of actor of commune 13 (must be refused, or with ``absent`` must not show that text)."""

    actor: str  # "officer", "manager" or "key"
    method: str
    url: str
    data: dict = field(default_factory=dict)
    json: dict | None = None
    absent: str | None = None


CASES: dict[str, list[Case]] = {
    "api.dossier_upsert": [
        Case("key", "PUT", f"/api/v1/dossiers/{CODE}", json={"applicant_phone": "0900001111"}),
        Case("key", "PUT", f"/api/v1/dossiers/{NEW_CODE}", json=NEW_RECORD),
    ],
    "api.dossier_event": [Case("key", "POST", f"/api/v1/dossiers/{CODE}/events", json={"state": 4})],
    "api.report_summary": [
        Case("key", "GET", "/api/v1/reports/summary", data=REPORT),
        Case("manager", "GET", "/api/v1/reports/summary", data=REPORT),
    ],
    "api.assistant_turn": [Case("key", "POST", "/api/v1/assistant/turns", json={**ASSISTANT_TURN, "outcome": "other"})],
    "api.assistant_feedback": [
        Case("key", "POST", "/api/v1/assistant/feedback", json={**ASSISTANT_TURN, "helpful": True})
    ],
    "api.assistant_summary": [
        Case("key", "GET", "/api/v1/assistant/summary", data=REPORT),
        Case("manager", "GET", "/api/v1/assistant/summary", data=REPORT),
    ],
    "assistant_insights.insights": [
        Case("manager", "GET", "/quan-ly/tro-ly", data={"unit": COMMUNE}),
        Case("manager", "POST", "/quan-ly/tro-ly", data={"unit": COMMUNE, "action": "not_ours", "key": ""}),
    ],
    "dossiers.receipt": [Case("officer", "GET", f"/ho-so/{CODE}/bien-nhan")],
    "dossiers.receipt_pdf": [Case("officer", "GET", f"/ho-so/{CODE}/bien-nhan.pdf")],
    "reports.dashboard": [Case("manager", "GET", "/quan-ly/bao-cao", data={"unit": COMMUNE})],
    "reports.drilldown": [Case("manager", "GET", "/quan-ly/bao-cao/ho-so", data={"unit": COMMUNE, "loai": "late"})],
    "reports.export": [Case("manager", "GET", "/quan-ly/bao-cao/xuat.csv", data={"unit": COMMUNE})],
    "notification_figures.figures": [Case("manager", "GET", "/quan-ly/thong-bao", data={"unit": COMMUNE})],
    "rating_manager.live": [Case("manager", "GET", "/quan-ly/danh-gia", data={"unit": COMMUNE})],
    "rating_manager.live_table": [Case("manager", "GET", "/quan-ly/danh-gia/bang", data={"unit": COMMUNE})],
    "rating_manager.counters": [
        Case("manager", "GET", "/quan-ly/quay", data={"unit": COMMUNE}),
        Case("manager", "POST", "/quan-ly/quay", data={"unit": COMMUNE, "action": "assign", "counter": "Q1"}),
    ],
    "rating_manager.officers": [
        Case("manager", "GET", "/quan-ly/can-bo", data={"unit": COMMUNE}),
        Case("manager", "POST", "/quan-ly/can-bo", data={"unit": COMMUNE, "action": "toggle", "code": "CB01"}),
    ],
    "rating.enrol_kiosk": [
        Case("manager", "POST", "/quan-ly/quay/Q1/man-hinh", data={"unit": COMMUNE, "action": "enrol"}),
        Case("manager", "POST", "/quan-ly/quay/Q1/man-hinh", data={"unit": COMMUNE, "action": "revoke"}),
    ],
    "procedure_groups.index": [Case("manager", "GET", "/quan-ly/nhom-thu-tuc", data={"unit": COMMUNE})],
    "accounts.index": [Case("manager", "GET", "/quan-ly/tai-khoan", absent="canbo12")],
    "accounts.create": [
        Case(
            "manager",
            "POST",
            "/quan-ly/tai-khoan/moi",
            data={
                "username": "moi12",
                "full_name": "Cán bộ mới",
                "role": "officer",
                "unit": COMMUNE,
                "password": PASSWORD,
                "password_confirm": PASSWORD,
            },
        )
    ],
    "staff.access_log": [Case("manager", "GET", "/quan-ly/nhat-ky-truy-cap", data={"ma": CODE})],
    "staff.data_requests": [Case("officer", "GET", "/quan-ly/yeu-cau-du-lieu", absent=DATA_REQUEST)],
    "staff.resolve_data_request": [
        Case("officer", "POST", f"/quan-ly/yeu-cau-du-lieu/{DATA_REQUEST}", data={"status": "tu_choi", "answer": "x"})
    ],
    "accounts.reset_password": [Case("manager", "GET", "/quan-ly/tai-khoan/canbo12/mat-khau")],
    "accounts.change_status": [Case("manager", "POST", "/quan-ly/tai-khoan/canbo12/trang-thai", data={"active": "1"})],
    "api.request_handoff": [
        Case("key", "POST", "/api/v1/conversations", json={"conversation_id": "web-isolation-new", "unit": COMMUNE})
    ],
    "api.conversation_by_sender": [Case("key", "GET", f"/api/v1/conversations/by-sender/{HANDOFF_SENDER}")],
    "api.list_conversations": [Case("key", "GET", "/api/v1/conversations", data={"unit": COMMUNE, "status": "open"})],
    "api.take_conversation": [Case("key", "POST", f"/api/v1/conversations/{HANDOFF_WAITING}/take")],
    "api.conversation_messages": [Case("key", "GET", f"/api/v1/conversations/{HANDOFF_OPEN}/messages")],
    "api.send_message": [Case("key", "POST", f"/api/v1/conversations/{HANDOFF_OPEN}/messages", json={"text": "Chào"})],
    "api.close_conversation": [Case("key", "POST", f"/api/v1/conversations/{HANDOFF_OPEN}/close")],
    "conversations.inbox": [Case("officer", "GET", "/quan-ly/tro-chuyen", data={"unit": COMMUNE, "id": HANDOFF_OPEN})],
    "conversations.inbox_lists": [Case("manager", "GET", "/quan-ly/tro-chuyen/danh-sach", data={"unit": COMMUNE})],
    "conversations.messages": [Case("officer", "GET", f"/quan-ly/tro-chuyen/{HANDOFF_OPEN}/tin-nhan")],
    "conversations.take": [Case("officer", "POST", f"/quan-ly/tro-chuyen/{HANDOFF_WAITING}/nhan")],
    "conversations.reply": [
        Case("officer", "POST", f"/quan-ly/tro-chuyen/{HANDOFF_OPEN}/tin-nhan", data={"text": "Chào"})
    ],
    "conversations.close": [Case("officer", "POST", f"/quan-ly/tro-chuyen/{HANDOFF_OPEN}/ket-thuc")],
}

# Routes that take no unit's object, and why. Public routes show nothing personal; the QR, kiosk,
# rating and complaint routes are guarded by a signed token or a device credential instead.
NO_UNIT_OBJECT = {
    "static": "static files",
    "pages.home": "public home page",
    "pages.favicon": "the site's icon",
    "pages.personal_data": "public page of what personal data is held (the inventory), no unit object",
    "health.healthz": "health check",
    "metrics": "process counters, no unit data (loopback only)",
    "auth.login": "sign-in form",
    "auth.logout": "ends the signed-in user's own sessions",
    "staff.home": "links for the signed-in user's role",
    "accounts.change_password": "the signed-in user's own password",
    "dossiers.counter_intake": "creates in the officer's own unit only (test_counter_intake_stays_in_own_unit)",
    "dossiers.lookup": "public status by code, no personal data",
    "api.dossier_status": "public status by code, no personal data",
    "api.create_data_request": "a citizen's own dossier, after the phone check (as api.dossier_verify)",
    "api.data_request_status": "status by an unguessable reference, no personal data",
    "api.data_request_answer": "the request's own dossier's phone check (as api.dossier_verify), rate-limited",
    "api.dossier_verify": "second factor (phone digits), rate-limited",
    "api.follow_dossier": "the phone check's signed token; a Zalo recipient only with the assistant's key",
    "api.stop_following": "the follower's own recipient id (widget session, or Zalo with the assistant's key)",
    "api.follower_inbox": "the follower's own recipient id (widget session, or Zalo with the assistant's key)",
    "api.unit_detail": "public contact details of a unit",
    "api.procedure_search": "public catalogue",
    "api.procedure_detail": "public catalogue",
    "api.openapi_document": "the API's public description",
    "api.receipt_photo": "public status from a receipt photo, as the typed lookup (any unit's code)",
    "procedures.search": "public catalogue",
    "procedures.detail": "public catalogue",
    "procedures.checklist": "public catalogue",
    "api.rating_scale": "a unit's public rating scale",
    "api.counter_state": "kiosk's counter and officer on duty (device credential, ratings)",
    "api.create_rating": "signed QR token, device credential or the assistant's verified token",
    "api.create_complaint": "public complaint; dossier named only with a token",
    "rating.kiosk": "kiosk page (device credential, ratings)",
    "rating.service_worker": "kiosk script",
    "rating.qr_rating": "signed single-use QR token",
    "conversations.widget_messages": "the widget's own session id (128 random bits) is the key, as api.follower_inbox",
}

ACTORS = {"officer": "canbo", "manager": "quanly"}


@pytest.fixture
def communes(db, key_headers):
    """Communes 12 and 13 under the province, each with an officer and a counter, a dossier, an
    officer account, a manager and an API key; returns the keys' headers by commune suffix."""
    seed_catalogue(db)
    save_unit(db, SIBLING, "Bộ phận Một cửa UBND xã Đông Sơn", "xa", "000.00.00.H62")
    save_officer(db, SIBLING, "CB01", "Phạm Văn Cường")
    save_counter(db, SIBLING, "Q1", "Quầy 1")
    own = add_dossier(db)
    add_dossier(db, SIBLING_CODE, applicant_phone="0977000013")
    at = datetime(2026, 3, 3, 9, 0)
    db.add(DataRequest(reference=DATA_REQUEST, dossier_id=own.id, kind="xem", created_at=at, due_at=at))
    commune = get_unit(db, COMMUNE)
    for conversation_id, status in ((HANDOFF_OPEN, "open"), (HANDOFF_WAITING, "waiting")):
        sender = HANDOFF_SENDER if status == "open" else f"{HANDOFF_SENDER}-waiting"
        db.add(
            HandoffConversation(
                id=conversation_id, unit=commune, channel="web", sender_id=sender, status=status, created_at=at
            )
        )
    for suffix, unit in (("12", COMMUNE), ("13", SIBLING)):
        create_user(db, f"canbo{suffix}", hash_password(PASSWORD), "officer", unit, f"Cán bộ {suffix}")
        create_user(db, f"quanly{suffix}", hash_password(PASSWORD), "manager", unit, f"Lãnh đạo {suffix}")
    create_user(db, "quantri", hash_password(PASSWORD), "admin", None, "Quản trị")
    db.commit()
    scopes = "intake,reports,assistant,handoff"
    return {"12": key_headers(COMMUNE, scopes), "13": key_headers(SIBLING, scopes)}


def request_as(app, auth, keys, case: Case, suffix: str):
    client = app.test_client()
    headers = {}
    if case.actor == "key":
        headers = keys[suffix]
    else:
        assert auth(f"{ACTORS[case.actor]}{suffix}", PASSWORD, client=client).status_code == 302
    query = case.data if case.method == "GET" else None
    form = case.data if case.method != "GET" and case.json is None else None
    return client.open(case.url, method=case.method, query_string=query, data=form, json=case.json, headers=headers)


def test_every_route_is_classified(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    unclassified = endpoints - set(CASES) - set(NO_UNIT_OBJECT)
    assert not unclassified, f"say which unit's data these routes touch (CASES) or why none: {sorted(unclassified)}"
    assert not set(CASES) & set(NO_UNIT_OBJECT)


@pytest.mark.parametrize(
    "endpoint,case",
    [(endpoint, case) for endpoint, cases in CASES.items() for case in cases],
    ids=[f"{endpoint}-{n}" for endpoint, cases in CASES.items() for n, _ in enumerate(cases)],
)
def test_a_sibling_commune_is_refused_what_its_own_staff_may_open(app, communes, auth, endpoint, case):
    app.config["DOSSIER_VERIFY_SECONDS"] = 0
    own = request_as(app, auth, communes, case, "12")
    assert own.status_code not in (401, 403, 404), (endpoint, own.status_code, own.get_data(as_text=True)[:300])
    sibling = request_as(app, auth, communes, case, "13")
    if case.absent:
        assert case.absent in own.get_data(as_text=True)
        assert sibling.status_code == 200 and case.absent not in sibling.get_data(as_text=True)
    else:
        assert sibling.status_code in (403, 404), (endpoint, sibling.status_code)


def test_a_sibling_key_changes_nothing_in_the_other_commune(app, communes, db):
    client = app.test_client()
    client.put(f"/api/v1/dossiers/{CODE}", json={"applicant_phone": "0900001111"}, headers=communes["13"])
    client.post(f"/api/v1/dossiers/{CODE}/events", json={"state": 9}, headers=communes["13"])
    client.put(f"/api/v1/dossiers/{NEW_CODE}", json=NEW_RECORD, headers=communes["13"])
    client.put(f"/api/v1/dossiers/{SIBLING_CODE}", json={"unit_code": COMMUNE}, headers=communes["13"])
    db.expire_all()
    dossiers = {dossier.code: dossier for dossier in db.scalars(select(Dossier))}
    assert set(dossiers) == {CODE, SIBLING_CODE}
    assert (dossiers[CODE].applicant_phone, dossiers[CODE].state) == ("0912345678", 2)
    assert dossiers[SIBLING_CODE].unit.code == SIBLING


def test_the_province_sees_its_communes(app, communes, auth, key_headers):
    client = app.test_client()
    auth("quantri", PASSWORD, client=client)
    assert client.get(f"/ho-so/{CODE}/bien-nhan").status_code == 200
    province_key = key_headers("000.00.00.H62", "reports")
    response = app.test_client().get("/api/v1/reports/summary", query_string=REPORT, headers=province_key)
    assert response.status_code == 200


def test_counter_intake_stays_in_own_unit(app, communes, auth, db):
    client = app.test_client()
    auth("canbo13", PASSWORD, client=client)
    form = {
        "procedure_code": "2.000815",
        "documents": ["Tờ khai theo mẫu"],
        "applicant_name": "Nguyễn Văn Bình",
        "applicant_phone": "0912000111",
        "unit": COMMUNE,
        "unit_code": COMMUNE,
    }
    assert client.post("/quay/tiep-nhan", data=form).status_code == 302
    newest = db.scalars(select(Dossier).order_by(Dossier.id.desc())).first()
    assert newest.code.startswith(SIBLING) and newest.unit.code == SIBLING
