"""Rows dossier tests need: a unit, an officer and catalogue procedures made through the real models."""

from __future__ import annotations

from datetime import datetime

import pytest

from motcua.catalogue.models import Procedure
from motcua.units import save_unit


def add_procedure(session, code: str, name: str, days: int | None, field: str = "Chứng thực") -> Procedure:
    channels = [{"channel": "truc_tiep", "processing_time": f"{days} Ngày làm việc", "processing_days": days}]
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


@pytest.fixture
def catalogue(db):
    """A province centre, one commune and two procedures (one civil-status), committed."""
    save_unit(db, "000.00.00.H62", "Trung tâm Phục vụ hành chính công tỉnh", "tinh")
    save_unit(db, "000.00.12.H62", "Bộ phận Một cửa UBND phường Đức Chính", "xa", "000.00.00.H62")
    add_procedure(db, "2.000815", "Chứng thực bản sao từ bản chính", 2)
    add_procedure(db, "1.001193", "Thủ tục đăng ký khai sinh", 0, field="Hộ tịch")
    db.commit()
    return db
