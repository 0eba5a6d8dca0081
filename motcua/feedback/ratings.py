"""Nhận phiếu đánh giá — checking and storing one rating, exactly once.

Every channel (kiosk, QR page, bot, paper import) comes through ``submit_rating``. A rating is keyed by
its client-made ``idempotency_key``: the first arrival is stored, every repeat gets the stored rating
back. Two processes racing with the same key are settled by the unique constraint at commit.

Who may rate what is decided from what the web layer authenticated (``Sender``), never from the body:
a dossier only with its signed token (the receipt's QR code, or the one the assistant gets after the
phone check), a kiosk rating only from an enrolled kiosk, credited to the officer on duty at its
counter, and the chat channels only from the assistant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import bindparam, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from motcua.clock import parse_iso
from motcua.dossiers.codes import normalize_code
from motcua.dossiers.models import Dossier
from motcua.feedback import scales
from motcua.feedback.devices import Device
from motcua.feedback.errors import RatingError
from motcua.feedback.models import Rating
from motcua.feedback.places import counter_at, credited_officer, device_counter, find_dossier, rated_unit
from motcua.feedback.tokens import TokenError, read_rating_token
from motcua.formatting import format_count
from motcua.staff import Counter, Officer
from motcua.units import Unit

MAX_COMMENT = 1000
MAX_KEY = 80
MAX_REASONS = 20
# Control characters other than line breaks and tabs: never typed by a citizen, and NUL breaks PostgreSQL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A kiosk may queue ratings through an outage, for at most this long (the kiosk's queue drops older
# ones too); a queued rating keeps its time, within these bounds and never before the kiosk's enrolment.
KIOSK_QUEUE_MAX_AGE = timedelta(days=7)
CLIENT_CLOCK_FUTURE = timedelta(minutes=10)
API_SOURCES = ("kiosk", "qr", "chat", "zalo")
# Channels where a rating is tied to one dossier and may be made once for it.
SINGLE_USE_SOURCES = ("qr", "chat", "zalo")
# Channels only the assistant's action server posts on (with its API key).
ASSISTANT_SOURCES = ("chat", "zalo")
# One answer for every dossier-naming request without a valid token, whether the dossier exists or not.
TOKEN_REFUSAL = (
    "Cần mã đánh giá hợp lệ của hồ sơ: quét mã QR trên giấy biên nhận, hoặc xác minh hồ sơ với trợ lý "
    "trực tuyến trước khi đánh giá."
)


@dataclass(frozen=True)
class Sender:
    """Who posts, as the web layer authenticated it: an enrolled kiosk, the assistant, or anyone.

    The assistant's key reaches only its own units (``unit_ids``, from ``motcua.accounts``)."""

    device: Device | None = None
    assistant: bool = False
    unit_ids: frozenset[int] = frozenset()
    key_id: int | None = None


ANYONE = Sender()


@dataclass
class RatingInput:
    """What a client sends (``POST /api/v1/ratings``), before any checking."""

    idempotency_key: str
    level: str
    source: str = "kiosk"
    unit_code: str = ""
    counter: str = ""
    officer: str = ""
    attitude: str = ""
    reasons: list[str] = field(default_factory=list)
    comment: str = ""
    token: str = ""
    dossier_code: str = ""
    created_at: str = ""
    # Set only by the history import: the stated time is trusted, no counter or QR token is needed.
    historical: bool = False
    # The kiosk finished the rating on idle: the citizen left after the face, before giving a reason.
    left_idle: bool = False


def submit_rating(
    session: Session, data: RatingInput, secret: str, now: datetime, sender: Sender = ANYONE
) -> tuple[dict, bool]:
    """Store the rating once; returns it (as the API shows it) and whether this call created it.

    Commits. A key seen before is answered with the stored rating: the unique key catches it at insert
    (also when two processes race), and a repeat that no longer passes the checks (the QR link is
    now used — by this very rating; the counter was closed since) is looked up before refusing. The
    first arrival, by far the common case, costs three statements and a commit.
    """
    key = (data.idempotency_key or "").strip()
    if not key or len(key) > MAX_KEY or CONTROL_CHARACTERS.search(key):
        raise RatingError(422, "invalid_idempotency_key", f"Thiếu mã phiếu (idempotency_key, tối đa {MAX_KEY} ký tự).")
    try:
        columns, shown = build_rating(session, data, secret, now, sender)
    except RatingError:
        existing = find_rating(session, key)
        if existing is not None:
            return existing, False
        raise
    columns["idempotency_key"] = key
    try:
        result = session.connection().execute(_INSERT, columns)
        session.commit()
    except IntegrityError:
        session.rollback()
        existing = find_rating(session, key)
        if existing is not None:
            return existing, False
        raise RatingError(409, "already_rated", "Hồ sơ này đã được đánh giá. Cảm ơn ông/bà!") from None
    return _shown(result.inserted_primary_key[0], columns, **shown), True


def find_rating(session: Session, key: str) -> dict | None:
    """The stored rating with this idempotency key, as the API shows it, or None."""
    row = session.connection().execute(_BY_KEY, {"key": key}).one_or_none()
    if row is None:
        return None
    columns = {name: getattr(row, name) for name in _SHOWN_COLUMNS}
    return _shown(row.id, columns, unit_code=row.unit_code, counter=row.counter_code, officer=row.officer_code)


def build_rating(
    session: Session, data: RatingInput, secret: str, now: datetime, sender: Sender = ANYONE
) -> tuple[dict, dict]:
    """The checked column values of a new rating (without its key), and the codes the API shows."""
    source = _source(data, sender)
    device = sender.device if source == "kiosk" and not data.historical else None
    if source == "kiosk" and not data.historical and device is None:
        raise RatingError(403, "device_required", DEVICE_REFUSAL)
    dossier = _dossier(session, data, secret, now, source)
    if device is not None:
        unit, counter = device_counter(session, device, data.unit_code, data.counter)
    else:
        unit = rated_unit(session, data.unit_code, dossier)
        counter = counter_at(session, unit, data.counter, required=False) if data.historical else None
    if sender.assistant and unit.id not in sender.unit_ids:
        raise RatingError(403, "unit_forbidden", "Khóa API của trợ lý không được đánh giá cho đơn vị này.")
    # Only the history import names the officer; everywhere else the server knows who served.
    officer = credited_officer(session, unit, data.officer if data.historical else "", counter, dossier)
    level, attitude, reasons = _answers(unit, data)
    comment = (data.comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise RatingError(422, "comment_too_long", f"Góp ý tối đa {format_count(MAX_COMMENT)} ký tự.")
    if CONTROL_CHARACTERS.search(comment):
        raise RatingError(422, "invalid_characters", "Góp ý chứa ký tự không hợp lệ.")
    # Reasons are asked of a citizen who is still there; a bad face left at an enrolled kiosk is kept
    # without one, as the manager must not lose the signal that matters most.
    walked_away = data.left_idle is True and device is not None
    if level == scales.lowest_level(unit) and not reasons and not comment and not walked_away:
        label = scales.LEVEL_LABELS[level][0]
        raise RatingError(422, "reason_required", f"Vui lòng cho biết lý do ông/bà chọn '{label}'.")
    single_use = dossier is not None and source in SINGLE_USE_SOURCES and not data.historical
    if single_use and _already_rated(session, dossier.id):
        raise RatingError(409, "already_rated", "Hồ sơ này đã được đánh giá. Cảm ơn ông/bà!")
    columns = {
        "unit_id": unit.id,
        "counter_id": counter.id if counter else None,
        "officer_id": officer.id if officer else None,
        "dossier_id": dossier.id if dossier is not None else None,
        "single_use_dossier_id": dossier.id if single_use else None,
        "level": level,
        "attitude": attitude,
        "reasons": reasons,
        "comment": comment,
        "source": source,
        "created_at": _rated_at(data, now, device),
        "received_at": now,
        "device_id": device.id if device is not None else None,
    }
    shown = {
        "unit_code": unit.code,
        "counter": counter.code if counter else None,
        "officer": officer.code if officer else None,
    }
    return columns, shown


def is_rated(session: Session, dossier_id: int) -> bool:
    """Whether the dossier already has its one QR / chat rating (the QR page shows "đã đánh giá")."""
    return _already_rated(session, dossier_id)


# Statements built once: the kiosks of a centre post here all day (see bench/ratings.py).
_INSERT = insert(Rating.__table__)
_SHOWN_COLUMNS = ("idempotency_key", "dossier_id", "level", "attitude", "reasons", "comment", "source", "created_at")
_BY_KEY = (
    select(
        Rating.id,
        *(getattr(Rating, name) for name in _SHOWN_COLUMNS),
        Unit.code.label("unit_code"),
        Counter.code.label("counter_code"),
        Officer.code.label("officer_code"),
    )
    .join(Unit, Unit.id == Rating.unit_id)
    .outerjoin(Counter, Counter.id == Rating.counter_id)
    .outerjoin(Officer, Officer.id == Rating.officer_id)
    .where(Rating.idempotency_key == bindparam("key"))
)


def _shown(rating_id: int, columns: dict, unit_code: str, counter: str | None, officer: str | None) -> dict:
    """A rating as the API returns it (the same shape on 201 and on every repeat)."""
    return {
        "id": rating_id,
        "idempotency_key": columns["idempotency_key"],
        "unit_code": unit_code,
        "counter": counter,
        "officer": officer,
        "dossier_id": columns["dossier_id"],
        "level": columns["level"],
        "attitude": columns["attitude"],
        "reasons": list(columns["reasons"] or []),
        "comment": columns["comment"],
        "source": columns["source"],
        "created_at": columns["created_at"].isoformat(),
    }


def _already_rated(session: Session, dossier_id: int) -> bool:
    return session.scalar(select(Rating.id).where(Rating.single_use_dossier_id == dossier_id)) is not None


def _source(data: RatingInput, sender: Sender) -> str:
    """The channel: as stated, except that a token without the assistant means the QR page."""
    source = (data.source or "kiosk").strip().lower()
    if data.historical:
        if source not in (*API_SOURCES, "paper"):
            raise RatingError(422, "invalid_source", f"Nguồn đánh giá '{data.source}' không hợp lệ.")
        return source
    if source not in API_SOURCES:
        raise RatingError(422, "invalid_source", f"Nguồn đánh giá '{data.source}' không hợp lệ.")
    if source in ASSISTANT_SOURCES and not sender.assistant:
        raise RatingError(403, "assistant_only", "Chỉ trợ lý trực tuyến của trung tâm được gửi đánh giá qua kênh này.")
    if data.token and source not in ASSISTANT_SOURCES:
        return "qr"
    return source


def _dossier(session: Session, data: RatingInput, secret: str, now: datetime, source: str) -> Dossier | None:
    """The dossier rated: the one the signed token names (and the body, if it names one, must agree)."""
    code = (data.dossier_code or "").strip()
    if not data.historical:
        code = dossier_from_token(data.token, code, secret, now, required=source == "qr")
    if not code:
        return None
    dossier = find_dossier(session, code)
    if dossier is None:
        raise RatingError(404, "dossier_not_found", f"Không tìm thấy hồ sơ '{code}'.")
    return dossier


def _answers(unit: Unit, data: RatingInput) -> tuple[str, str | None, list[str]]:
    level = scales.match_level(data.level or "")
    allowed = scales.level_keys(unit)
    if level not in allowed:
        labels = ", ".join(scales.LEVEL_LABELS[key][0] for key in allowed)
        raise RatingError(
            422, "invalid_level", f"Mức đánh giá '{data.level}' không có trong thang của đơn vị ({labels})."
        )
    attitude = None
    if (data.attitude or "").strip():
        attitude = scales.match_attitude(data.attitude)
        if attitude is None:
            raise RatingError(422, "invalid_attitude", f"Câu trả lời về thái độ '{data.attitude}' không hợp lệ.")
    if not isinstance(data.reasons, list):
        raise RatingError(422, "invalid_reasons", "Lý do phải là một danh sách.")
    if len(data.reasons) > MAX_REASONS:
        raise RatingError(422, "invalid_reasons", f"Chọn tối đa {MAX_REASONS} lý do.")
    reasons: list[str] = []
    for text in data.reasons:
        reason = scales.match_reason(text) if isinstance(text, str) else None
        if reason is None:
            raise RatingError(422, "invalid_reason", f"Lý do '{text}' không có trong danh sách.")
        if reason not in reasons:
            reasons.append(reason)
    return level, attitude, reasons


def dossier_from_token(token: str, named: str, secret: str, now: datetime, required: bool) -> str:
    """The dossier code a signed token grants, "" when there is neither token nor dossier named.

    Refuses before any lookup, with one message: whether a named dossier exists is never told to
    someone who cannot prove they hold its receipt or passed the phone check."""
    token, named = (token or "").strip(), (named or "").strip()
    if not token:
        if named or required:
            raise RatingError(403, "token_required", TOKEN_REFUSAL)
        return ""
    try:
        code = read_rating_token(secret, token, now)
    except TokenError as exc:
        raise RatingError(403, "invalid_token", str(exc)) from exc
    if named and normalize_code(named) != normalize_code(code):
        raise RatingError(403, "invalid_token", TOKEN_REFUSAL)
    return code


DEVICE_REFUSAL = (
    "Màn hình đánh giá này chưa được đăng ký hoặc đã bị thu hồi. Cán bộ quản lý cần đăng ký lại màn hình cho quầy."
)


def _rated_at(data: RatingInput, now: datetime, device: Device | None) -> datetime:
    """The kiosk's time of a rating it queued (it may arrive late, after an outage); the stated time for
    history; now for everything else. A kiosk's time is refused when older than its queue keeps ratings
    or than its enrolment: a stolen credential cannot fill past days."""
    if not data.historical and device is None:
        return now
    if not data.created_at:
        return now
    try:
        moment = parse_iso(str(data.created_at))
    except ValueError:
        if data.historical:
            return now
        raise RatingError(422, "invalid_created_at", "Thời điểm đánh giá (created_at) không hợp lệ.") from None
    if data.historical:
        return moment
    if moment < now - KIOSK_QUEUE_MAX_AGE:
        raise RatingError(422, "rating_too_old", "Phiếu đánh giá quá cũ (chờ gửi quá 7 ngày), không được ghi nhận.")
    if moment < device.enrolled_at:
        raise RatingError(
            422, "before_enrolment", "Phiếu đánh giá được tạo trước khi màn hình được đăng ký, không được ghi nhận."
        )
    return min(moment, now) if moment <= now + CLIENT_CLOCK_FUTURE else now
