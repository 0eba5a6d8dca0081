"""Danh mục thủ tục hành chính — the procedure catalogue: import, storage and search.

Other areas use ``get_procedure`` (dossiers, bot) and ``processing_days`` (due dates).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.catalogue.models import Procedure

__all__ = ["Procedure", "get_procedure", "processing_days"]

# When a channel publishes no time, the others are tried in this order.
_FALLBACK_ORDER = ("truc_tiep", "truc_tuyen", "buu_chinh")


def get_procedure(session: Session, code: str) -> Procedure | None:
    """The procedure with this code ("1.000178"), ignoring surrounding spaces and case."""
    code = (code or "").strip()
    if not code:
        return None
    procedure = session.scalar(select(Procedure).where(Procedure.code == code))
    if procedure is None and code != code.upper():
        procedure = session.scalar(select(Procedure).where(Procedure.code == code.upper()))
    return procedure


def processing_days(procedure: Procedure, channel: str) -> int | None:
    """Legal processing time in working days for a submission channel ("truc_tiep" | "truc_tuyen" |
    "buu_chinh"); falls back to another channel's time, None when the catalogue gives none. When a
    channel lists several times (several cases), the longest is the legal limit that always holds."""
    for candidate in (channel, *_FALLBACK_ORDER):
        days = [row["processing_days"] for row in procedure.channels if row["channel"] == candidate]
        days = [value for value in days if value is not None]
        if days:
            return max(days)
    return None
