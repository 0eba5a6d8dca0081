"""Rows the feedback tests need: a unit with counters and officers on duty, an enrolled kiosk, and a
dossier to rate."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from motcua.clock import now_local
from motcua.feedback.devices import check_device, enrol_device
from motcua.feedback.ratings import Sender
from motcua.staff import assign_officer, save_counter, save_officer
from motcua.units import save_unit

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
