"""Phạm vi sự cố — what personal data, and whose, a component exposed during a time window could have
reached: the list a notification within 72 hours needs (docs/personal-data.md, "Breach readiness").

From the access log: every dossier viewed in the window, by whom and through which route, with the
personal columns its row holds (from the inventory); exports and other views of many dossiers at once
are listed apart with their scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.dossiers.models import Dossier
from motcua.privacy.access import entries_between
from motcua.privacy.inventory import personal_columns


@dataclass
class ExposedDossier:
    code: str
    applicant_initials: str
    personal_fields: list[str]
    viewers: set[str] = field(default_factory=set)
    routes: set[str] = field(default_factory=set)
    views: int = 0


@dataclass
class BreachScope:
    start: datetime
    end: datetime
    dossiers: list[ExposedDossier]
    bulk_views: list[str]  # "2026-11-02 09:00 canbo reports.export: ..."

    @property
    def people(self) -> int:
        """How many applicants (dossiers, an upper bound of distinct people) are concerned."""
        return len(self.dossiers)


def breach_scope(session: Session, start: datetime, end: datetime) -> BreachScope:
    """The dossiers viewed with ``start <= at < end``, each with its personal fields that hold a value."""
    columns = personal_columns().get("dossiers", [])
    found: dict[int, ExposedDossier] = {}
    bulk: list[str] = []
    entries = entries_between(session, start, end)
    ids = {entry.dossier_id for entry in entries if entry.dossier_id is not None}
    rows = {dossier.id: dossier for dossier in session.scalars(select(Dossier).where(Dossier.id.in_(ids)))}
    for entry in entries:
        who = f"{entry.actor_kind}:{entry.actor}"
        if entry.dossier_id is None:
            bulk.append(f"{entry.at:%Y-%m-%d %H:%M} {who} {entry.route}: {entry.detail}")
            continue
        dossier = rows[entry.dossier_id]
        item = found.get(dossier.id)
        if item is None:
            held = [name for name in columns if getattr(dossier, name, None)]
            initials = " ".join(f"{word[0]}." for word in dossier.applicant_name.split()) or "?"
            item = found[dossier.id] = ExposedDossier(dossier.code, initials, held)
        item.viewers.add(who)
        item.routes.add(entry.route)
        item.views += 1
    return BreachScope(start, end, sorted(found.values(), key=lambda d: d.code), bulk)


# The column that dates a row of each table holding personal data (rows created after the window were not
# exposed by it); tables without one are counted whole.
_CREATED = {
    "dossiers": "received_at",
    "dossier_events": "at",
    "ratings": "created_at",
    "complaints": "created_at",
    "follows": "created_at",
    "deliveries": "created_at",
    "access_log": "at",
    "data_requests": "created_at",
}


@dataclass
class ExposedTable:
    table: str
    personal_fields: list[str]
    rows: int


def database_scope(session: Session, end: datetime) -> list[ExposedTable]:
    """A copy of the database (or a backup) taken before ``end``: every table holding personal data (from
    the inventory), its personal columns and how many rows it held then. Identification numbers in it are
    encrypted: only a leak of the key as well exposes them."""
    from sqlalchemy import func

    from motcua.models import Base

    found = []
    for table, columns in personal_columns().items():
        model = Base.metadata.tables[table]
        query = select(func.count()).select_from(model)
        if table in _CREATED:
            query = query.where(model.c[_CREATED[table]] < end)
        found.append(ExposedTable(table, columns, session.scalar(query) or 0))
    return found
