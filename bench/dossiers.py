"""Dossier benchmarks (prints figures; not a test).

Builds N dossiers (default 1,000,000) in a temporary SQLite file, then prints:
- lookup by code, p50/p95, in process (``find_dossier`` + ``public_view``) — target < 2 ms;
- lookup by code through the API (``GET /api/v1/dossiers/<code>``, Flask test client, rate limit
  counted in the database as in production) — target < 10 ms;
- ``import-dossiers`` throughput on a CSV of fresh rows — target ≥ 5,000 rows/s.

Usage: ``.venv/bin/python bench/dossiers.py [--rows 1000000] [--import-rows 50000] [--samples 2000]
[--import-only]``; ``--import-only`` skips the million-row build and the lookups (units and procedures
only), to iterate on the import figure in seconds.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from motcua.catalogue.models import Procedure
from motcua.db import make_engine, make_session_factory
from motcua.dossiers.codes import format_code
from motcua.dossiers.importer import COLUMNS, import_dossiers, read_rows
from motcua.dossiers.lookup import find_dossier, public_view
from motcua.models import Base
from motcua.units import save_unit
from server import create_app

UNITS = ["000.00.00.H62", "000.00.12.H62", "000.00.13.H62", "000.00.14.H62"]
FIRST_DAY = date(2023, 1, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--import-rows", type=int, default=50_000)
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--import-only", action="store_true", help="measure only the import (no lookups)")
    args = parser.parse_args()
    if args.import_only:
        args.rows = 0
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        engine = make_engine(url)
        Base.metadata.create_all(engine)
        sessions = make_session_factory(engine)
        started = time.perf_counter()
        codes = build(engine, sessions, args.rows)
        print(f"built {args.rows:,} dossiers in {time.perf_counter() - started:.1f} s")
        if codes:
            sample = random.Random(7).sample(codes, min(args.samples, len(codes)))
            report("lookup by code, in process", lookup_in_process(sessions, sample), 2.0)
            report("lookup by code, through the API", lookup_through_api(url, engine, sample), 10.0)
        rate, cpu_rate, again = import_rate(sessions, Path(tmp), args.import_rows)
        verdict = "ok" if rate >= 5000 else "UNDER TARGET"
        print(f"import-dossiers: {rate:,.0f} rows/s ({args.import_rows:,} rows) — target ≥ 5,000 rows/s: {verdict}")
        print(f"  per CPU second of the importer: {cpu_rate:,.0f} rows/s (the wall figure depends on machine load)")
        print(f"  re-import of the same file (every row already stored): {again:,.0f} rows/s")
        engine.dispose()


def build(engine, sessions, count: int) -> list[str]:
    """Units, 50 procedures and ``count`` dossiers with one event each, by raw multi-row inserts."""
    with sessions() as session:
        save_unit(session, UNITS[0], "Trung tâm Phục vụ hành chính công tỉnh", "tinh")
        for code in UNITS[1:]:
            save_unit(session, code, f"Bộ phận Một cửa {code}", "xa", UNITS[0])
        for number in range(50):
            session.add(
                Procedure(
                    code=f"1.{number:06d}",
                    name=f"Thủ tục số {number}",
                    levels=["xa"],
                    channels=[{"channel": "truc_tiep", "processing_days": 5}],
                    updated_at=datetime(2026, 1, 1),
                )
            )
        session.commit()
    rng = random.Random(1)
    codes, rows, events = [], [], []
    per_day = max(1, count // (len(UNITS) * 800))
    for index in range(count):
        unit = index % len(UNITS)
        day = FIRST_DAY + timedelta(days=index // (len(UNITS) * per_day))
        code = format_code(UNITS[unit], day, index // len(UNITS) % per_day + 1)
        received = datetime.combine(day, datetime.min.time()) + timedelta(hours=8, minutes=rng.randint(0, 480))
        # The text form SQLAlchemy stores on SQLite (sqlite3's own datetime adapter is deprecated).
        stamp, due = (moment.strftime("%Y-%m-%d %H:%M:%S.%f") for moment in (received, received + timedelta(days=7)))
        codes.append(code)
        rows.append(
            (
                index + 1,
                code,
                rng.randint(1, 50),
                unit + 1,
                "Nguyễn Văn An",
                f"09{rng.randrange(10**8):08d}",
                "",
                "",
                "",
                "truc_tiep",
                "tai_quay",
                stamp,
                due,
                None,
                None,
                2,
                stamp,
                None,
                None,
                5,
                "[]",
                1,
                "[]",
                "",
            )
        )
        events.append((index + 1, 2, stamp, "", "bench"))
    if not rows:
        return codes
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.executemany(
            "INSERT INTO dossiers (id, code, procedure_id, unit_id, applicant_name, applicant_phone, applicant_address,"
            " applicant_email, applicant_identifier, channel, result_delivery, received_at, due_at, resolved_at,"
            " result_returned_at, state, state_at, online_level, received_by_officer_id, processing_days, documents,"
            " sets, supplement, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        cursor.executemany(
            "INSERT INTO dossier_events (dossier_id, state, at, note, source) VALUES (?,?,?,?,?)", events
        )
        raw.commit()
    finally:
        raw.close()
    return codes


def lookup_in_process(sessions, sample: list[str]) -> list[float]:
    timings = []
    with sessions() as session:
        today = date.today()
        for code in sample:
            session.expunge_all()
            started = time.perf_counter()
            public_view(find_dossier(session, code.lower()), today)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def lookup_through_api(url: str, engine, sample: list[str]) -> list[float]:
    app = create_app(
        {"DATABASE_URL": url, "DATABASE_ENGINE": engine, "DOSSIER_LOOKUP_LIMIT": (10**9, 60), "SECRET_KEY": "bench"}
    )
    client = app.test_client()
    timings = []
    for code in sample:
        started = time.perf_counter()
        response = client.get(f"/api/v1/dossiers/{code}")
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.get_data(as_text=True)
    return timings


def import_rate(sessions, folder: Path, count: int) -> tuple[float, float, float]:
    """Rows/s of a first import (wall clock and per CPU second), then rows/s of importing it again."""
    path = folder / "import.csv"
    day = date(2026, 5, 4)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for number in range(1, count + 1):
            writer.writerow(
                [
                    format_code("G22.99.08", day, number, 6),
                    f"1.{number % 50:06d}",
                    UNITS[1],
                    "Trần Thị Bích",
                    "0912345678",
                    "truc_tuyen",
                    "tai_quay",
                    "2026-05-04T08:30:00+07:00",
                    "",
                    "9",
                    "2026-05-06T10:00:00+07:00",
                    "2026-05-06T10:00:00+07:00",
                    "",
                    "toan_trinh",
                ]
            )
    with sessions() as session:
        started, cpu_started = time.perf_counter(), time.process_time()
        report = import_dossiers(session, read_rows(path))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    assert report.created == count and not report.rejected, report.rejected[:3]
    with sessions() as session:
        started = time.perf_counter()
        again = import_dossiers(session, read_rows(path))
        elapsed_again = time.perf_counter() - started
    assert (again.created, again.updated, again.rejected) == (0, count, []), again.rejected[:3]
    return count / elapsed, count / cpu, count / elapsed_again


def report(label: str, timings: list[float], target_ms: float) -> None:
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    verdict = "ok" if p50 < target_ms else "OVER TARGET"
    print(f"{label}: p50 {p50:.2f} ms, p95 {p95:.2f} ms over {len(timings):,} codes", end="")
    print(f" — target < {target_ms:g} ms: {verdict}")


if __name__ == "__main__":
    main()
