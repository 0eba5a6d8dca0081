"""Nhập hồ sơ từ tệp — CSV or JSON Lines exported by another one-stop system.

Columns: ``code, procedure_code, unit_code, applicant_name, applicant_phone, channel, result_delivery,
received_at, due_at, state, state_at, resolved_at, result_returned_at, online_level`` (times in ISO 8601
with offset; a missing ``due_at`` is computed from the procedure's processing time).

``online_level`` says whether the province provided the procedure as an online public service for
that dossier (toàn trình / một phần). A file that has the column but leaves a row's value empty says
"not an online service": that is stored as "" so the reports can tell it from a dossier whose source
never sent the column (NULL), for which only the catalogue's national flag is left to go by.

Each row is validated on its own: a bad row is reported with its line and reason and never stops the
good ones. New dossiers go in by batches of multi-row INSERTs (thousands of rows a second on SQLite);
a code already stored goes through the same upsert as the API, so re-importing a file changes nothing.
Every batch is committed, so an interrupted import keeps what it had stored.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, literal_column, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from motcua.dossiers.intake import DossierError, Lookups, clean_record, update_dossier, upsert_dossier
from motcua.dossiers.models import Dossier, DossierEvent

COLUMNS = (
    "code",
    "procedure_code",
    "unit_code",
    "applicant_name",
    "applicant_phone",
    "channel",
    "result_delivery",
    "received_at",
    "due_at",
    "state",
    "state_at",
    "resolved_at",
    "result_returned_at",
    "online_level",
)
BATCH_SIZE = 2000
# Every column a new row needs, so one batch is a single executemany with identical keys.
_ROW_DEFAULTS = {
    "applicant_phone": "",
    "applicant_address": "",
    "applicant_email": "",
    "applicant_identifier": "",
    "result_delivery": "tai_quay",
    "due_at": None,
    "resolved_at": None,
    "result_returned_at": None,
    "online_level": None,
    "received_by_officer_id": None,
    "processing_days": None,
    "sets": 1,
    "note": "",
}
# JSON columns an import row almost never fills: written as the SQL literal '[]' instead of being
# serialised row by row (a sixth of the insert's cost); a row that has them goes in on its own statement.
_JSON_COLUMNS = ("documents", "supplement")
_INSERT_WITHOUT_JSON = insert(Dossier.__table__).values({key: literal_column("'[]'") for key in _JSON_COLUMNS})


@dataclass
class ImportReport:
    """Rows stored as new dossiers, rows that updated a stored one, rows rejected (line, reason)."""

    created: int = 0
    updated: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)

    @property
    def processed(self) -> int:
        return self.created + self.updated + len(self.rejected)


def read_rows(path: Path | str) -> Iterator[tuple[int, dict | str]]:
    """(line number, row) from a ``.csv`` or JSON Lines file; a row that cannot be read is its reason."""
    path = Path(path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        if path.suffix.lower() == ".csv":
            reader = csv.DictReader(handle)
            missing = {"code", "procedure_code", "applicant_name", "received_at"} - set(reader.fieldnames or ())
            if missing:
                yield 1, f"Thiếu cột bắt buộc: {', '.join(sorted(missing))}."
                return
            for row in reader:
                yield reader.line_num, row
            return
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                yield number, "Dòng không phải JSON hợp lệ."
                continue
            yield number, row if isinstance(row, dict) else "Mỗi dòng phải là một đối tượng JSON."


def import_dossiers(
    session: Session,
    rows: Iterable[tuple[int, dict | str]],
    progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportReport:
    """Import rows (from ``read_rows``), committing every batch; ``progress(n)`` after each batch."""
    report = ImportReport()
    lookups = Lookups(session)
    batch: dict[str, tuple[int, dict, dict]] = {}
    reported = 0

    def flush() -> None:
        nonlocal reported
        _flush(session, batch, report, lookups)
        if progress is not None:
            progress(report.processed - reported)
            reported = report.processed

    for line, row in rows:
        if isinstance(row, str):
            report.rejected.append((line, row))
            continue
        try:
            values = _online_level_sent(row, clean_record(str(row.get("code") or ""), row, lookups))
        except DossierError as exc:
            report.rejected.append((line, str(exc)))
            continue
        if values["code"] in batch:  # the same dossier twice in a batch: store the first one first
            flush()
        batch[values["code"]] = (line, row, values)
        if len(batch) >= batch_size:
            flush()
    flush()
    return report


def _flush(session: Session, batch: dict[str, tuple[int, dict, dict]], report: ImportReport, lookups: Lookups) -> None:
    """Store one batch in one transaction: new codes by executemany, stored ones updated in place."""
    if not batch:
        return
    stored = _stored_codes(session, list(batch))
    fresh = [values for code, (_, _, values) in batch.items() if code not in stored]
    try:
        with session.begin_nested():
            _insert_new(session, fresh)
        report.created += len(fresh)
    except IntegrityError:  # another writer stored some of these meanwhile: take them one by one
        for code, (line, row, _) in batch.items():
            if code not in stored:
                _upsert_one(session, line, row, report)
    _update_stored(session, {code: batch[code] for code in stored}, report, lookups)
    session.commit()
    batch.clear()


def _stored_codes(session: Session, codes: list[str]) -> set[str]:
    """Which of these codes are already stored (one query for the batch)."""
    return set(session.scalars(select(Dossier.code).where(Dossier.code.in_(codes))))


def _insert_new(session: Session, fresh: list[dict]) -> None:
    """Dossiers and their first event as two Core executemany statements on plain dicts."""
    if not fresh:
        return
    table = Dossier.__table__
    rows = [{**_ROW_DEFAULTS, **values} for values in fresh]
    with_json = [row for row in rows if "supplement" in row or "documents" in row]
    # Plain executemany then one SELECT: RETURNING with ordered rows falls back to a row at a time on SQLite.
    if len(with_json) < len(rows):
        session.execute(
            _INSERT_WITHOUT_JSON, [row for row in rows if "supplement" not in row and "documents" not in row]
        )
    if with_json:
        session.execute(insert(table), [{"documents": [], "supplement": [], **row} for row in with_json])
    ids = dict(
        session.execute(select(table.c.code, table.c.id).where(table.c.code.in_([r["code"] for r in rows])))
        .tuples()
        .all()
    )
    events = [
        {"dossier_id": ids[row["code"]], "state": row["state"], "at": row["state_at"], "note": "", "source": "import"}
        for row in rows
    ]
    session.execute(insert(DossierEvent.__table__), events)


def _update_stored(
    session: Session, rows: dict[str, tuple[int, dict, dict]], report: ImportReport, lookups: Lookups
) -> None:
    """Rows of dossiers already stored, through the same rules as the API (``update_dossier``); the
    dossiers and their events are loaded with one query each rather than one per row."""
    if not rows:
        return
    dossiers = {d.code: d for d in session.scalars(select(Dossier).where(Dossier.code.in_(list(rows))))}
    known: dict[int, set] = defaultdict(set)
    events = select(DossierEvent.dossier_id, DossierEvent.state, DossierEvent.at).where(
        DossierEvent.dossier_id.in_([dossier.id for dossier in dossiers.values()])
    )
    for dossier_id, state, at in session.execute(events):
        known[dossier_id].add((state, at))
    for code, (line, row, _) in rows.items():
        dossier = dossiers[code]
        try:
            values = _online_level_sent(row, clean_record(code, row, lookups, partial=True))
        except DossierError as exc:
            report.rejected.append((line, str(exc)))
            continue
        update_dossier(session, dossier, values, "import", known[dossier.id])
        report.updated += 1


def _online_level_sent(row: dict, values: dict) -> dict:
    """``values`` with online_level "" when the row has the column but no level in it (see above)."""
    if "online_level" in row and "online_level" not in values:
        values["online_level"] = ""
    return values


def _upsert_one(session: Session, line: int, row: dict, report: ImportReport) -> None:
    try:
        with session.begin_nested():
            _, created = upsert_dossier(session, str(row.get("code") or ""), row, source="import")
    except DossierError as exc:
        report.rejected.append((line, str(exc)))
        return
    if created:
        report.created += 1
    else:
        report.updated += 1
