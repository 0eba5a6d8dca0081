"""The rows tests need, made through the real models: one module of builders for every test package.

Three sections: catalogue, units, staff and dossiers; a rating centre (counters, officers on duty, an
enrolled kiosk); report sets bulk-inserted with figures known by construction.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count

from sqlalchemy import insert
from sqlalchemy.orm import Session

from motcua.catalogue.models import Procedure
from motcua.clock import now_local
from motcua.dossiers import states
from motcua.dossiers.intake import upsert_dossier
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.feedback.devices import check_device, enrol_device
from motcua.feedback.models import Rating
from motcua.feedback.ratings import Sender
from motcua.staff import assign_officer, save_counter, save_officer
from motcua.units import Unit, save_unit

# --- Catalogue, units, staff and dossiers ---
# Rows dossier tests need, made through the real models: units, procedures, an officer, a dossier.

COMMUNE = "000.00.12.H62"
CODE = "000.00.12.H62-260302-0001"


def add_procedure(
    session, code: str, name: str, days: int | None, field: str = "Chứng thực", time_text: str | None = None
) -> Procedure:
    """A procedure whose counter channel takes ``days`` working days, or ``time_text`` as published."""
    time_text = time_text or f"{days} Ngày làm việc"
    channels = [{"channel": "truc_tiep", "processing_time": time_text, "processing_days": days}]
    procedure = Procedure(
        code=code,
        name=name,
        levels=["xa"],
        field=field,
        channels=channels,
        documents=[
            {"name": "Tờ khai theo mẫu", "kind": "nop", "quantity": 1, "copy_type": "bản chính"},
            {"name": "Căn cước công dân", "kind": "xuat_trinh", "quantity": 1, "copy_type": "bản chính"},
        ],
        updated_at=datetime(2026, 1, 1),
    )
    session.add(procedure)
    session.flush()
    return procedure


def seed_catalogue(session) -> None:
    """A province centre, one commune with an officer and a counter, two procedures (one civil-status)."""
    save_unit(session, "000.00.00.H62", "Trung tâm Phục vụ hành chính công tỉnh", "tinh")
    save_unit(session, COMMUNE, "Bộ phận Một cửa UBND phường Đức Chính", "xa", "000.00.00.H62")
    save_officer(session, COMMUNE, "CB01", "Trần Thị Bích")
    save_counter(session, COMMUNE, "Q1", "Quầy 1")
    add_procedure(session, "2.000815", "Chứng thực bản sao từ bản chính", 2)
    add_procedure(session, "1.001193", "Thủ tục đăng ký khai sinh", 0, field="Hộ tịch")
    session.commit()


def add_dossier(session, code: str = CODE, **overrides):
    record = {
        "procedure_code": "2.000815",
        "applicant_name": "Nguyễn Văn An",
        "applicant_phone": "0912345678",
        "applicant_address": "Số 5, phố Hòa Bình",
        "channel": "truc_tiep",
        "received_at": "2026-03-02T09:00:00+07:00",
        "state": 2,
        **overrides,
    }
    dossier, _ = upsert_dossier(session, code, record)
    session.commit()
    return dossier


# --- A rating centre: counters, officers on duty, an enrolled kiosk ---
# Rows the feedback tests need: a unit with counters and officers on duty, an enrolled kiosk, and a
# dossier to rate.

UNIT = "000.00.12.H62"
DOSSIER_CODE = "000.00.12.H62-260415-0001"


def make_centre(db: Session, scale: int = 4) -> None:
    """Unit ``UNIT`` with counters Q1 (officer CB01 on duty) and Q2 (nobody), and officer CB02."""
    unit = save_unit(db, UNIT, "Bộ phận Một cửa UBND phường Đức Chính", "xa", hotline="0210 3830 112")
    unit.rating_scale = scale
    save_officer(db, UNIT, "CB01", "Trần Văn Minh")
    save_officer(db, UNIT, "CB02", "Lê Thị Hoa")
    assign_officer(db, save_counter(db, UNIT, "Q1", "Quầy 1"), "CB01")
    save_counter(db, UNIT, "Q2", "Quầy 2")
    db.commit()


def make_dossier(db: Session, code: str = DOSSIER_CODE, officer_code: str = "CB02"):
    """A resolved dossier of ``UNIT`` received by ``officer_code``."""
    from motcua.catalogue.models import Procedure
    from motcua.dossiers.models import Dossier
    from motcua.staff import Officer
    from motcua.units import get_unit

    unit = get_unit(db, UNIT)
    officer = db.query(Officer).filter_by(unit_id=unit.id, code=officer_code).one()
    procedure = Procedure(code="1.000178", name="Đăng ký khai sinh", levels=["xa"], updated_at=datetime(2026, 1, 1))
    received = datetime(2026, 4, 15, 9, 0)
    dossier = Dossier(
        code=code,
        procedure=procedure,
        unit_id=unit.id,
        applicant_name="Nguyễn Văn An",
        channel="truc_tiep",
        received_at=received,
        state=9,
        state_at=received,
        received_by_officer_id=officer.id,
    )
    db.add(dossier)
    db.commit()
    return dossier


def enrol_kiosk(db: Session, counter: str = "Q1", at: datetime | None = None) -> Sender:
    """The sender a kiosk of ``counter`` enrolled at ``at`` (default: 30 days ago) posts as."""
    enrolled = at or now_local() - timedelta(days=30)
    _device, secret = enrol_device(db, UNIT, counter, enrolled)
    db.commit()
    return Sender(device=check_device(db, secret))


# --- Report sets: dossiers bulk-inserted with figures known by construction ---
# Dossier sets whose report figures are known by construction, bulk-inserted with the real models.
#
# Each ``add`` call describes a batch of identical dossiers (so a test reads as the seed's arithmetic:
# "1.000 carried over and resolved early, 81 awaiting supplement since March …"); ``save`` writes them
# with Core ``insert`` executemany, which keeps ten thousand dossiers well under a second.

class DossierSet:
    """Rows to insert: procedures, dossiers (with their state events) and ratings."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.procedures: dict[str, int] = {}
        self.dossiers: list[dict] = []
        self.events: list[dict] = []
        self.ratings: list[dict] = []
        self._ids = count(1)
        self._procedure_ids = count(1)
        self._rating_ids = count(1)

    def procedure(self, code: str, field: str, online: bool) -> int:
        """A procedure of lĩnh vực ``field``; ``online`` = can be submitted online."""
        procedure_id = next(self._procedure_ids)
        self.session.execute(
            insert(Procedure),
            [
                {
                    "id": procedure_id,
                    "code": code,
                    "name": f"Thủ tục {code}",
                    "field": field,
                    "online": online,
                    "updated_at": datetime(2021, 1, 1),
                }
            ],
        )
        self.procedures[code] = procedure_id
        return procedure_id

    def add(
        self,
        number: int,
        *,
        unit: Unit,
        procedure: int,
        received: datetime,
        due: datetime | None = None,
        resolved: datetime | None = None,
        state: int | None = None,
        state_at: datetime | None = None,
        channel: str = "truc_tiep",
        delivery: str = "tai_quay",
        online_level: str | None = None,
        events: tuple[tuple[int, datetime], ...] = (),
        history: bool = True,
    ) -> list[int]:
        """``number`` dossiers alike; the state defaults to 9 when resolved, else 4 (being processed).

        Every dossier gets the event "received" (2) at ``received``, then ``events``, then "resolved"
        (9) at ``resolved``; ``state_at`` defaults to the time of the last of those. ``online_level`` as
        the source system sends it: None when it did not send the column, "" for "not an online service".
        ``history=False`` stores no events (for hundreds of thousands of plain dossiers whose state at a
        period's end is their current one).
        """
        if state is None:
            state = states.RESOLVED if resolved else states.PROCESSING
        record = history
        steps = [(states.RECEIVED, received), *events]
        if resolved:
            steps.append((states.RESOLVED, resolved))
        if state not in (states.RECEIVED, states.RESOLVED) and not any(s == state for s, _ in steps):
            steps.append((state, state_at or received))
        ids = []
        for _ in range(number):
            dossier_id = next(self._ids)
            ids.append(dossier_id)
            self.dossiers.append(
                {
                    "id": dossier_id,
                    "code": f"T.{unit.id}-{dossier_id:07d}",
                    "procedure_id": procedure,
                    "unit_id": unit.id,
                    "applicant_name": "Nguyễn Văn An",
                    "channel": channel,
                    "result_delivery": delivery,
                    "online_level": online_level,
                    "received_at": received,
                    "due_at": due,
                    "resolved_at": resolved,
                    "state": state,
                    "state_at": state_at or max(at for _, at in steps),
                }
            )
            if record:
                self.events.extend({"dossier_id": dossier_id, "state": s, "at": at} for s, at in steps)
        return ids

    def rate(
        self,
        number: int,
        *,
        unit: Unit,
        level: str,
        attitude: str | None,
        at: datetime,
        dossier_id: int | None = None,
    ) -> None:
        """``number`` ratings given at ``at``."""
        for _ in range(number):
            rating_id = next(self._rating_ids)
            self.ratings.append(
                {
                    "id": rating_id,
                    "idempotency_key": f"test-{rating_id}",
                    "unit_id": unit.id,
                    "dossier_id": dossier_id,
                    "level": level,
                    "attitude": attitude,
                    "source": "kiosk",
                    "created_at": at,
                    "received_at": at,
                }
            )

    def save(self) -> None:
        """Insert everything and commit."""
        for model, rows in ((Dossier, self.dossiers), (DossierEvent, self.events), (Rating, self.ratings)):
            if rows:
                self.session.execute(insert(model), rows)
        self.session.commit()
