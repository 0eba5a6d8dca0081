"""Nhập phiếu giấy — the paper satisfaction forms a centre collected before the kiosk.

Rows come from CSV or JSON Lines with the columns ``unit_code, counter, created_at, level, attitude,
reasons, comment, source, dossier_code``. Levels, attitudes and reasons may be keys or Vietnamese labels
typed any way. Each row is keyed by file name, line and content, so importing the same file again adds
nothing; bad rows are reported with their line and reason and the rest is stored.
"""

from __future__ import annotations

import csv
import hashlib
import json
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from motcua.clock import now_local, parse_iso
from motcua.feedback.errors import RatingError
from motcua.feedback.ratings import RatingInput, find_rating, submit_rating
from motcua.units import ImportSummary

COLUMNS = ("unit_code", "counter", "created_at", "level", "attitude", "reasons", "comment", "source", "dossier_code")
IMPORT_SOURCES = ("paper", "kiosk", "qr", "chat", "zalo")


def import_ratings(session: Session, path: Path | str, secret: str = "") -> ImportSummary:
    """Import a CSV or JSON Lines file of ratings; returns what was stored and what was rejected.

    Rows already imported (same file name, line and content) are neither stored again nor rejected.
    """
    path = Path(path)
    summary = ImportSummary()
    for line, row in _rows(path):
        if isinstance(row, str):
            summary.rejected.append((line, row))
            continue
        key = _row_key(path.name, line, row)
        if find_rating(session, key) is not None:
            continue
        try:
            submit_rating(session, _input(row, key), secret, now_local())
        except RatingError as exc:
            summary.rejected.append((line, exc.message))
            continue
        summary.stored += 1
    return summary


def _rows(path: Path):
    """(line number, row dict) pairs; a row that cannot be read at all comes as (line, message)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        first = handle.read(1)
        handle.seek(0)
        if first == "{" or path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
            for line, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                try:
                    row = json.loads(text)
                except json.JSONDecodeError:
                    yield line, "Dòng không phải JSON hợp lệ."
                    continue
                yield line, row if isinstance(row, dict) else "Mỗi dòng phải là một đối tượng JSON."
        else:
            # Excel under Vietnamese regional settings (decimal comma) saves CSV with semicolons.
            header = handle.readline()
            handle.seek(0)
            delimiter = ";" if header.count(";") > header.count(",") else ","
            yield from enumerate(csv.DictReader(handle, delimiter=delimiter), start=2)


def _input(row: dict, key: str) -> RatingInput:
    created_at = _parse_date(row.get("created_at"))
    source = str(row.get("source") or "paper").strip().lower()
    if source not in IMPORT_SOURCES:
        raise RatingError(422, "invalid_source", f"Nguồn '{source}' không hợp lệ; dùng: {', '.join(IMPORT_SOURCES)}.")
    return RatingInput(
        idempotency_key=key,
        source=source,
        historical=True,
        level=str(row.get("level") or ""),
        unit_code=str(row.get("unit_code") or ""),
        counter=str(row.get("counter") or ""),
        attitude=str(row.get("attitude") or ""),
        reasons=_reasons(row.get("reasons")),
        comment=str(row.get("comment") or ""),
        dossier_code=str(row.get("dossier_code") or ""),
        created_at=created_at.isoformat(),
    )


def _parse_date(value) -> datetime:
    """ISO 8601 or the Vietnamese ``dd/mm/yyyy [hh:mm]`` of paper registers."""
    text = str(value or "").strip()
    if not text:
        raise RatingError(422, "date_required", "Thiếu ngày đánh giá (created_at).")
    for pattern in ("%d/%m/%Y %H:%M", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            pass
    try:
        return parse_iso(text)
    except ValueError:
        raise RatingError(
            422, "invalid_date", f"Ngày '{text}' không hợp lệ (dùng 2026-04-15 hoặc 15/04/2026)."
        ) from None


def _reasons(value) -> list[str]:
    if isinstance(value, list):
        return [str(item) for item in value]
    text = str(value or "").strip()
    return [part.strip() for part in text.replace(";", "|").replace(",", "|").split("|") if part.strip()]


def _row_key(file_name: str, line: int, row: dict) -> str:
    canonical = json.dumps({column: row.get(column) for column in COLUMNS}, ensure_ascii=False, sort_keys=True)
    digest = hashlib.sha256(f"{file_name}:{line}:{canonical}".encode()).hexdigest()[:40]
    return f"import:{digest}"
