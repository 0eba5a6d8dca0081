"""Rows dossier tests need, made through the real models: units, procedures, an officer, a dossier."""

from __future__ import annotations

from datetime import datetime

from motcua.catalogue.models import Procedure
from motcua.dossiers.intake import upsert_dossier
from motcua.staff import save_counter, save_officer
from motcua.units import save_unit

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
