"""Import the catalogue: read a JSON-lines file (gzip or plain; raw portal export or the project's
normalised file), upsert every record by code, and say what could not be parsed.

Re-importing the same file changes nothing (idempotent upsert keyed on the procedure code).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.catalogue.models import Procedure
from motcua.catalogue.records import FIELDS, RecordError, check_normalised, is_raw, normalise_record
from motcua.clock import now_local

SHIPPED_CATALOGUE = Path(__file__).resolve().parent / "data" / "procedures.jsonl.gz"


@dataclass
class ImportReport:
    """What an import did: records added / updated / unchanged, rejected lines, and parse issues."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    # code → issues, for records that were stored but not fully parsed.
    issues: dict[str, list[str]] = field(default_factory=dict)

    @property
    def stored(self) -> int:
        return self.added + self.updated + self.unchanged


def read_records(path: str | Path) -> Iterator[tuple[int, dict | None, str | None]]:
    """(line number, record, error) for each non-empty line; a line that is not JSON yields an error."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line), None
            except json.JSONDecodeError as exc:
                yield number, None, f"không phải JSON: {exc.msg}"


def normalise(record: dict) -> dict:
    """The normalised form of a raw or already normalised record (``RecordError`` if unusable)."""
    return normalise_record(record) if is_raw(record) else check_normalised(record)


def import_catalogue(
    session: Session, path: str | Path = SHIPPED_CATALOGUE, progress: Callable[[int], None] | None = None
) -> ImportReport:
    """Upsert every record of ``path``; ``progress(n)`` is called after each line (for a progress bar).
    The caller commits."""
    report = ImportReport()
    existing = {procedure.code: procedure for procedure in session.scalars(select(Procedure))}
    now = now_local()
    for number, record, error in read_records(path):
        if progress:
            progress(1)
        try:
            if error:
                raise RecordError(error)
            if not isinstance(record, dict):
                raise RecordError("dòng không phải một đối tượng JSON")
            values = normalise(record)
        except RecordError as exc:
            report.rejected.append((number, str(exc)))
            continue
        if values["parse_issues"]:
            report.issues[values["code"]] = list(values["parse_issues"])
        _upsert(session, existing, values, now, report)
    session.flush()
    return report


def _upsert(session: Session, existing: dict[str, Procedure], values: dict, now, report: ImportReport) -> None:
    procedure = existing.get(values["code"])
    if procedure is None:
        procedure = Procedure(**values, updated_at=now)
        session.add(procedure)
        existing[values["code"]] = procedure
        report.added += 1
    elif any(getattr(procedure, name) != values[name] for name in FIELDS):
        for name in FIELDS:
            setattr(procedure, name, values[name])
        procedure.updated_at = now
        report.updated += 1
    else:
        report.unchanged += 1


def count_lines(path: str | Path) -> int:
    """Number of non-empty lines (the progress bar's length)."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as lines:
        return sum(1 for line in lines if line.strip())


def write_catalogue(source: str | Path, target: str | Path = SHIPPED_CATALOGUE) -> ImportReport:
    """Build the shipped normalised file from a raw portal export (sorted by code, deterministic gzip)."""
    report = ImportReport()
    records = []
    for number, record, error in read_records(source):
        try:
            if error or not isinstance(record, dict):
                raise RecordError(error or "dòng không phải một đối tượng JSON")
            values = normalise(record)
        except RecordError as exc:
            report.rejected.append((number, str(exc)))
            continue
        if values["parse_issues"]:
            report.issues[values["code"]] = list(values["parse_issues"])
        records.append(values)
        report.added += 1
    records.sort(key=lambda values: values["code"])
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the file byte-identical when the source did not change (clean git diffs).
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed:
        for values in records:
            packed.write((json.dumps(values, ensure_ascii=False, sort_keys=False) + "\n").encode())
    return report
