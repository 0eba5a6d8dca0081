"""Tiếp nhận hồ sơ — records pushed by another system (``PUT``), state changes (``POST …/events``),
rows of an import file, and dossiers received at the counter all go through here.

Rules that keep the record right whatever order updates arrive in:
- the current state is the one with the latest time (ties: the one further along the process), so a
  late, replayed or duplicate update never moves a dossier backwards;
- an event (dossier, state, time) is stored once, however often it is reported;
- a snapshot older than what is stored adds its event to the history and changes nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from motcua.catalogue import ProcessingTime, processing_time
from motcua.catalogue.models import Procedure
from motcua.clock import VN_TZ, now_local, parse_iso, to_local
from motcua.dossiers import states
from motcua.dossiers.codes import CodeError, canonical_code, next_code, parse_code
from motcua.dossiers.models import CHANNELS, ONLINE_LEVELS, RESULT_DELIVERIES, Dossier, DossierEvent
from motcua.dossiers.workdays import CIVIL_STATUS_CUTOFF, CLOSING_TIME, due_date, rules_for
from motcua.errors import Invalid
from motcua.notifications.outbox import notify_followers
from motcua.staff import Officer
from motcua.text import fold
from motcua.units import Unit

_PHONE_JUNK = re.compile(r"[\s.\-()]")
_DESCRIPTIVE = (
    "applicant_name",
    "applicant_phone",
    "applicant_address",
    "applicant_email",
    "applicant_identifier",
    "channel",
    "result_delivery",
    "online_level",
    "received_at",
    "due_at",
)


class DossierError(Invalid):
    """Data that cannot make a dossier; Vietnamese message naming the field."""


@dataclass
class Lookups:
    """Procedures and units by code, cached for the length of one request or one import."""

    session: Session
    procedures: dict[str, Procedure | None] = field(default_factory=dict)
    units: dict[str, Unit | None] = field(default_factory=dict)
    times: dict[tuple[int, str], ProcessingTime | None] = field(default_factory=dict)
    civil_status: dict[int, bool] = field(default_factory=dict)
    due_dates: dict[tuple, date] = field(default_factory=dict)

    def procedure(self, code: str) -> Procedure:
        code = code.strip()
        if code not in self.procedures:
            self.procedures[code] = self.session.scalar(select(Procedure).where(Procedure.code == code))
        found = self.procedures[code]
        if found is None:
            raise DossierError(f"Không tìm thấy thủ tục mã '{code}' trong danh mục.", "procedure_code")
        return found

    def unit(self, code: str) -> Unit:
        key = code.strip().upper()
        if key not in self.units:
            self.units[key] = self.session.scalar(select(Unit).where(Unit.code == key)) or self.session.scalar(
                select(Unit).where(Unit.code == code.strip())
            )
        found = self.units[key]
        if found is None:
            raise DossierError(f"Không tìm thấy đơn vị mã '{code.strip()}'.", "unit_code")
        return found

    def processing_time(self, procedure: Procedure, channel: str) -> ProcessingTime | None:
        """``catalogue.processing_time``, remembered per procedure and channel."""
        key = (procedure.id, channel)
        if key not in self.times:
            self.times[key] = processing_time(procedure, channel)
        return self.times[key]

    def is_civil_status(self, procedure: Procedure) -> bool:
        """``procedure.is_civil_status``, remembered (it folds the field name every time)."""
        if procedure.id not in self.civil_status:
            self.civil_status[procedure.id] = procedure.is_civil_status
        return self.civil_status[procedure.id]

    def due_date(self, received_at: datetime, legal_time: ProcessingTime, civil_status: bool) -> date:
        """``workdays.due_date``, remembered per day of receipt (an import has thousands of rows a day);
        an hour-counted time depends on the hour as well."""
        moment = received_at if legal_time.unit == "hours" else received_at.time() >= CIVIL_STATUS_CUTOFF
        key = (received_at.date(), moment, legal_time, civil_status)
        if key not in self.due_dates:
            self.due_dates[key] = due_date(received_at, legal_time, rules_for(civil_status))
        return self.due_dates[key]


def clean_record(code: str, raw: dict, lookups: Lookups, *, partial: bool = False) -> dict:
    """Validate one record (API body or import row) into column values; ``DossierError`` otherwise.

    ``partial`` (an update of a stored dossier) lets required fields be left out.
    """
    try:
        code = canonical_code(code)
    except CodeError as exc:
        raise DossierError(str(exc), "code") from None
    values: dict = {"code": code}
    given = {key: value for key, value in raw.items() if value != "" and value is not None}
    procedure = None
    if "procedure_code" in given or not partial:
        procedure = lookups.procedure(_required(given, "procedure_code", "mã thủ tục"))
        values["procedure_id"] = procedure.id
    if "unit_code" in given or not partial:
        values["unit_id"] = lookups.unit(str(given.get("unit_code") or parse_code(code).unit_code)).id
    if "applicant_name" in given or not partial:
        _required(given, "applicant_name", "họ tên người nộp")
        values["applicant_name"] = _text(given["applicant_name"], 255, "applicant_name")
    for key, limit in (("applicant_address", 500), ("applicant_email", 255), ("applicant_identifier", 20)):
        if key in given:
            values[key] = _text(given[key], limit, key)
    if "applicant_phone" in given:
        values["applicant_phone"] = normalize_phone(str(given["applicant_phone"]))
    if "channel" in given or not partial:
        values["channel"] = _choice(given.get("channel", "truc_tiep"), CHANNELS, "channel", "kênh nộp")
    if "result_delivery" in given:
        values["result_delivery"] = _choice(given["result_delivery"], RESULT_DELIVERIES, "result_delivery", "nơi trả")
    if "online_level" in given:
        values["online_level"] = _choice(given["online_level"], ONLINE_LEVELS, "online_level", "mức độ trực tuyến")
    for key in ("received_at", "due_at", "state_at", "resolved_at", "result_returned_at"):
        if key in given:
            values[key] = clean_moment(given[key], key)
    if "received_at" not in values and not partial:
        raise DossierError("Thiếu thời điểm tiếp nhận (received_at).", "received_at")
    if "state" in given or not partial:
        try:
            values["state"] = states.parse_state(given.get("state", states.RECEIVED))
        except states.StateError as exc:
            raise DossierError(str(exc), "state") from None
        values.setdefault("state_at", values.get("received_at"))
    if "note" in given:
        values["note"] = _text(given["note"], 4000, "note")
    if "supplement" in given:
        values["supplement"] = _names(given["supplement"])
    _fill_derived(values, lookups, procedure)
    return values


def upsert_dossier(session: Session, code: str, raw: dict, source: str = "api") -> tuple[Dossier, bool]:
    """Create or update the dossier ``code`` from a full record; returns (dossier, created)."""
    lookups = Lookups(session)
    dossier = session.scalar(select(Dossier).where(Dossier.code == canonical_code_or_error(code)))
    values = clean_record(code, raw, lookups, partial=dossier is not None)
    if dossier is None:
        dossier = new_dossier(values)
        session.add(dossier)
        session.flush()
        record_event(session, dossier, dossier.state, dossier.state_at, values.get("note", ""), source)
        return dossier, True
    update_dossier(session, dossier, values, source)
    session.flush()
    return dossier, False


def update_dossier(
    session: Session, dossier: Dossier, values: dict, source: str, known_events: set | None = None
) -> None:
    """Apply cleaned (partial) values to a stored dossier: a stale snapshot only adds its event.

    ``known_events`` — the (state, at) pairs already stored for this dossier, when the caller loaded
    them in bulk (an import) — saves one SELECT per row."""
    incoming_at = values.get("state_at")
    stale = incoming_at is not None and incoming_at < dossier.state_at
    if not stale:
        for key in (*_DESCRIPTIVE, "procedure_id", "unit_id", "supplement"):
            if key in values:
                setattr(dossier, key, values[key])
    for key in ("resolved_at", "result_returned_at"):
        if key in values and getattr(dossier, key) is None:
            setattr(dossier, key, values[key])
    if "state" in values:
        record_event(
            session, dossier, values["state"], values["state_at"], values.get("note", ""), source, known_events
        )


def record_event(
    session: Session,
    dossier: Dossier,
    state: int,
    at: datetime,
    note: str = "",
    source: str = "api",
    known: set | None = None,
) -> bool:
    """Store a state change once and move the dossier forward if it is the newest; True if new.

    ``known``: the dossier's stored (state, at) pairs, if the caller has them (kept up to date here);
    otherwise the database is asked. The unique constraint still settles a race with another writer."""
    if known is not None:
        if (state, at) in known:
            return False
    elif (
        session.scalar(
            select(DossierEvent.id).where(
                DossierEvent.dossier_id == dossier.id, DossierEvent.state == state, DossierEvent.at == at
            )
        )
        is not None
    ):
        return False
    try:
        with session.begin_nested():
            session.add(DossierEvent(dossier=dossier, state=state, at=at, note=note or "", source=source))
    except IntegrityError:
        return False
    if known is not None:
        known.add((state, at))
    if (at, states.progress(state)) >= (dossier.state_at, states.progress(dossier.state)):
        moved = state != dossier.state
        dossier.state, dossier.state_at = state, at
        if moved:  # in this transaction: the change and its notifications are stored together or not at all
            notify_followers(session, dossier.id, state, at, now_local())
    if state == states.RESOLVED and dossier.resolved_at is None:
        dossier.resolved_at = at
    if state == states.RETURNED:
        dossier.resolved_at = dossier.resolved_at or at
        dossier.result_returned_at = dossier.result_returned_at or at
    return True


def receive_at_counter(
    session: Session,
    unit: Unit,
    procedure: Procedure,
    applicant: dict,
    documents: list[dict],
    officer: Officer | None,
    received_at: datetime,
    *,
    sets: int = 1,
    result_delivery: str = "tai_quay",
) -> Dossier:
    """A dossier handed in at the counter: next code of the unit for today, due date from the catalogue."""
    lookups = Lookups(session)
    code = next_code(session, unit.id, unit.code, received_at.date())
    raw = {
        **applicant,
        "procedure_code": procedure.code,
        "unit_code": unit.code,
        "channel": "truc_tiep",
        "result_delivery": result_delivery,
        "received_at": received_at,
        "state": states.RECEIVED,
    }
    values = clean_record(code, raw, lookups)
    if not values.get("applicant_phone"):
        raise DossierError("Cần số điện thoại người nộp (để tra cứu và nhận thông báo).", "applicant_phone")
    values.update(documents=documents, sets=max(1, sets), received_by_officer_id=officer.id if officer else None)
    dossier = new_dossier(values)
    session.add(dossier)
    session.flush()
    record_event(session, dossier, states.RECEIVED, received_at, "Tiếp nhận tại quầy", "counter")
    return dossier


def new_dossier(values: dict) -> Dossier:
    """A Dossier from cleaned values (state and state_at included)."""
    return Dossier(**{key: value for key, value in values.items() if key != "note"}, note=values.get("note", ""))


def canonical_code_or_error(code: str) -> str:
    try:
        return canonical_code(code)
    except CodeError as exc:
        raise DossierError(str(exc), "code") from None


def normalize_phone(text: str) -> str:
    """Digits of a Vietnamese phone number, +84 written as 0 ("+84 912.345.678" → "0912345678")."""
    digits = _PHONE_JUNK.sub("", text.strip())
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not digits.isdigit() or not 8 <= len(digits) <= 11:
        raise DossierError(f"Số điện thoại '{text.strip()[:20]}' không hợp lệ.", "applicant_phone")
    return digits


def _fill_derived(values: dict, lookups: Lookups, procedure: Procedure | None) -> None:
    """due_at from the procedure when missing; resolved/returned times implied by the state."""
    state, state_at = values.get("state"), values.get("state_at")
    if "due_at" not in values and "received_at" in values and procedure is not None:
        legal_time = lookups.processing_time(procedure, values.get("channel", "truc_tiep"))
        if legal_time is not None:
            # The column holds working days; other units are printed from the catalogue (receipt.py).
            values["processing_days"] = legal_time.amount if legal_time.unit == "working" else None
            due = lookups.due_date(values["received_at"], legal_time, lookups.is_civil_status(procedure))
            values["due_at"] = datetime.combine(due, CLOSING_TIME)
    if state in states.FINISHED_STATES and "resolved_at" not in values:
        values["resolved_at"] = state_at
    if state == states.RETURNED and "result_returned_at" not in values:
        values["result_returned_at"] = state_at


def _required(given: dict, key: str, label: str) -> str:
    if key not in given or not str(given[key]).strip():
        raise DossierError(f"Thiếu {label} ({key}).", key)
    return str(given[key])


def _text(value: object, limit: int, key: str) -> str:
    """A text field; an object or a list (whose ``str()`` would be stored as text) is refused."""
    if isinstance(value, dict | list):
        raise DossierError(f"Trường '{key}' phải là chuỗi ký tự.", key)
    text = str(value).strip()
    if len(text) > limit:
        raise DossierError(f"Nội dung '{key}' quá dài (tối đa {limit} ký tự).", key)
    return text


def _choice(value: object, choices: dict, key: str, label: str) -> str:
    text = str(value).strip()
    if text in choices:
        return text
    folded = fold(text).replace(" ", "_")
    for choice, choice_label in choices.items():
        if folded in (choice, fold(choice_label).replace(" ", "_")):
            return choice
    raise DossierError(f"Giá trị {label} '{text[:40]}' không hợp lệ; dùng một trong: {', '.join(choices)}.", key)


def clean_moment(value: object, key: str) -> datetime:
    """A time from ISO 8601 text (with offset) or a datetime, in stored form; ``DossierError`` otherwise.

    Text goes straight to ``datetime.fromisoformat`` (offsets and "Z" included since Python 3.11) and
    a +07:00 time just drops its offset: an import parses three times per row, so the general
    ``parse_iso`` is only the fallback for the rarer spellings ("…z")."""
    if isinstance(value, datetime):
        return to_local(value).replace(microsecond=0)
    if isinstance(value, date):
        return datetime.combine(value, time())
    text = str(value).strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    try:
        if moment is None:
            return parse_iso(text).replace(microsecond=0)
        if moment.tzinfo is None:
            return moment.replace(microsecond=0)
        if moment.utcoffset() == VN_TZ.utcoffset(None):
            return moment.replace(tzinfo=None, microsecond=0)
        return to_local(moment).replace(microsecond=0)  # ValueError when Vietnam time leaves the calendar
    except ValueError:
        raise DossierError(f"Thời gian '{text[:40]}' ({key}) không đúng dạng ISO 8601.", key) from None


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        value = [part for part in value.split(";")]
    if not isinstance(value, list):
        raise DossierError("Danh sách giấy tờ cần bổ sung phải là một danh sách.", "supplement")
    return [str(item).strip() for item in value if str(item).strip()]
