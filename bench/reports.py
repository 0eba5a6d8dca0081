"""Report engine benchmark: a province tree with 1,000,000 dossiers and 100,000 ratings.

Prints the median and best time of a recent and an older month's and year's rolled-up summary (targets: a month
< 500 ms on SQLite and < 300 ms on PostgreSQL, a year < 2 s). The province defines one procedure group (a fifth
of the procedures, like a centre's "5 tại chỗ"), so every report also counts a group. SQLite runs in a temporary file;
PostgreSQL runs when ``TEST_DATABASE_URL`` is set or a URL is given as argument, in a throwaway schema
dropped at the end.

Building a million dossiers takes minutes, so ``--db FILE`` and ``--schema NAME`` keep the databases:
the first run builds them, later runs reuse them (adding any index the models gained since) and only
time the reports. Drop a kept schema yourself (``DROP SCHEMA name CASCADE``). ``--figures FILE``
writes every case's figures as JSON, to check that a change to the engine keeps them identical.

    .venv/bin/python bench/reports.py [postgresql://postgres@127.0.0.1:5432/test] [--dossiers N]
        [--sqlite-only | --postgresql-only] [--db FILE] [--schema NAME] [--runs N] [--figures FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from motcua.db import make_engine
from motcua.models import Base
from motcua.reports import build_summary, narrative
from motcua.reports.period import month, year
from motcua.units import get_unit

TODAY = date(2026, 1, 15)
FIRST_DAY = datetime(2024, 1, 1)
DAYS = 745  # 2024-01-01 .. 2026-01-14
DISTRICTS, COMMUNES = 12, 14
PROCEDURES, FIELDS = 300, 40
LEVELS = ["rat_hai_long"] * 70 + ["hai_long"] * 22 + ["binh_thuong"] * 6 + ["khong_hai_long"] * 2
ATTITUDES = ["rat_lich_su"] * 90 + ["binh_thuong"] * 8 + ["khong_than_thien"] * 2

DOSSIER_COLUMNS = [
    "id",
    "code",
    "procedure_id",
    "unit_id",
    "applicant_name",
    "applicant_phone",
    "applicant_address",
    "applicant_email",
    "applicant_identifier",
    "channel",
    "result_delivery",
    "received_at",
    "due_at",
    "resolved_at",
    "state",
    "state_at",
    "documents",
    "sets",
    "supplement",
    "note",
]
EVENT_COLUMNS = ["id", "dossier_id", "state", "at", "note", "source"]
RATING_COLUMNS = [
    "id",
    "idempotency_key",
    "unit_id",
    "dossier_id",
    "level",
    "attitude",
    "reasons",
    "comment",
    "source",
    "created_at",
    "received_at",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", nargs="?", default=os.environ.get("TEST_DATABASE_URL"))
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--ratings", type=int, default=100_000)
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--postgresql-only", action="store_true")
    parser.add_argument("--db", help="SQLite file to keep; reused when it already holds bench data")
    parser.add_argument("--schema", help="PostgreSQL schema to keep; reused when it already holds bench data")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per case (median printed)")
    parser.add_argument("--figures", help="write every case's figures as JSON to this file")
    args = parser.parse_args()
    figures: dict = {}
    if not args.postgresql_only:
        with tempfile.TemporaryDirectory() as tmp:
            engine = make_engine(f"sqlite:///{args.db or tmp + '/bench.db'}")
            figures["SQLite"] = run("SQLite", engine, args, month_target=0.5)
            engine.dispose()
    if args.url and not args.sqlite_only:
        with postgres_schema(args.url, args.schema) as engine:
            figures["PostgreSQL"] = run("PostgreSQL", engine, args, month_target=0.3)
    if args.figures:
        Path(args.figures).write_text(json.dumps(figures, ensure_ascii=False, indent=1, sort_keys=True))


def run(name: str, engine: Engine, args, month_target: float) -> dict:
    """Build (or reuse) the bench data, then time each case; returns each case's figures."""
    started = time.perf_counter()
    if prepare(engine, args.dossiers, args.ratings):
        print(f"[{name}] loaded in {time.perf_counter() - started:.1f} s")
    with engine.connect() as conn:
        dossiers = conn.scalar(text("SELECT count(*) FROM dossiers"))
        ratings = conn.scalar(text("SELECT count(*) FROM ratings"))
        units = conn.scalar(text("SELECT count(*) FROM units"))
    print(f"[{name}] {dossiers:,} dossiers, {ratings:,} ratings, {units} units; {args.runs} runs per case")
    results = {}
    with Session(engine) as session:
        province = get_unit(session, "BENCH")
        district = get_unit(session, "BENCH.01")
        cases = [
            ("month 12/2025, province rolled up", province, month(2025, 12), month_target),
            ("month 06/2025, province rolled up", province, month(2025, 6), month_target),
            ("month 06/2024, province rolled up", province, month(2024, 6), month_target),
            ("month 12/2025, one district rolled up", district, month(2025, 12), month_target),
            ("year 2025, province rolled up", province, year(2025), 2.0),
            ("year 2024, province rolled up", province, year(2024), 2.0),
        ]
        for label, unit, period, target in cases:
            timings, summary = [], None
            for _ in range(args.runs):
                started = time.perf_counter()
                summary = build_summary(session, unit, period, include_children=True, today=TODAY)
                summary.to_dict()
                timings.append(time.perf_counter() - started)
            figures = results[label] = summary.to_dict()
            median = statistics.median(timings)
            verdict = "ok" if median < target else "OVER TARGET"
            print(
                f"[{name}] {label}: median {median * 1000:.0f} ms, best {min(timings) * 1000:.0f} ms"
                f" (target < {target * 1000:.0f} ms: {verdict}); received {figures['received']['total']:,},"
                f" resolved {figures['resolved']['total']:,}, {len(figures['by_unit'])} units,"
                f" group resolved {sum(group['resolved'] for group in figures.get('groups', {}).values()):,}"
            )
        print(f"[{name}] narrative: {narrative(summary)[:160]}…")
    return results


def prepare(engine: Engine, dossiers: int, ratings: int) -> bool:
    """Create and load the bench data unless the database already holds it; returns whether it loaded.

    A reused database gets the indexes the models gained since it was built.
    """
    if inspect(engine).has_table("dossiers"):
        with engine.connect() as conn:
            loaded = bool(conn.scalar(text("SELECT count(*) FROM dossiers")))
        if loaded:
            Base.metadata.create_all(engine)  # tables the models gained since
            _sync_indexes(engine)
            _group(engine)
            return False
    Base.metadata.create_all(engine)
    load(engine, dossiers, ratings)
    _group(engine)
    return True


def _group(engine: Engine) -> None:
    """The province's procedure group (every fifth procedure), unless a kept database has it."""
    from motcua.reports.groups import find_group, save_group

    with Session(engine) as session:
        province = get_unit(session, "BENCH")
        if find_group(session, province, "nhom-bench") is None:
            codes = [f"9.{number:06d}" for number in range(1, PROCEDURES + 1, 5)]
            save_group(session, province, "nhom-bench", "Nhóm thủ tục của tỉnh", codes)
            session.commit()


def load(engine: Engine, dossiers: int, ratings: int) -> None:
    rng = random.Random(766)
    with Session(engine) as session:
        units = _units(session)
        procedures = _procedures(session, rng)
        session.commit()
    leaves = [unit_id for unit_id, level in units if level == "xa"]
    offices = [unit_id for unit_id, level in units if level != "xa"]
    dossier_rows, event_rows = _dossiers(rng, dossiers, leaves, offices, procedures)
    rating_rows = _ratings(rng, ratings, [unit_id for unit_id, _ in units], dossiers)
    _copy(engine, "dossiers", DOSSIER_COLUMNS, dossier_rows)
    _copy(engine, "dossier_events", EVENT_COLUMNS, event_rows)
    _copy(engine, "ratings", RATING_COLUMNS, rating_rows)
    _analyze(engine)


def _analyze(engine: Engine) -> None:
    """Fresh statistics; on PostgreSQL also the visibility map that index-only scans need, which
    autovacuum keeps up to date on a live database but has not had time to build after a bulk load."""
    command = "VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(command))


def _sync_indexes(engine: Engine) -> None:
    """Give a kept database exactly the models' indexes, so its timings are those of the code."""
    inspector = inspect(engine)
    changed = False
    for table in Base.metadata.sorted_tables:
        if not inspector.has_table(table.name):
            continue
        present = {index["name"]: index["column_names"] for index in inspector.get_indexes(table.name)}
        wanted = {index.name: index for index in table.indexes}
        for name, columns in sorted(present.items()):
            index = wanted.get(name)
            if name.startswith("ix_") and (index is None or [c.name for c in index.columns] != columns):
                print(f"dropping index {name}")
                with engine.begin() as conn:
                    conn.execute(text(f"DROP INDEX {name}"))
                present.pop(name)
                changed = True
        for name in sorted(set(wanted) - set(present)):
            print(f"adding index {name}")
            wanted[name].create(engine)
            changed = True
    if changed:
        _analyze(engine)


def _units(session: Session) -> list[tuple[int, str]]:
    from motcua.units import save_unit

    units = [(save_unit(session, "BENCH", "Trung tâm Phục vụ hành chính công tỉnh", "tinh").id, "tinh")]
    for d in range(1, DISTRICTS + 1):
        district = save_unit(session, f"BENCH.{d:02d}", f"Trung tâm Hành chính công huyện {d}", "huyen", "BENCH")
        units.append((district.id, "huyen"))
        for c in range(1, COMMUNES + 1):
            commune = save_unit(session, f"BENCH.{d:02d}.{c:02d}", f"UBND xã {d}.{c}", "xa", district.code)
            units.append((commune.id, "xa"))
    return units


def _procedures(session: Session, rng: random.Random) -> list[int]:
    from motcua.catalogue.models import Procedure

    for number in range(1, PROCEDURES + 1):
        session.add(
            Procedure(
                id=number,
                code=f"9.{number:06d}",
                name=f"Thủ tục {number}",
                field=f"Lĩnh vực {number % FIELDS}",
                online=rng.random() < 0.4,
                updated_at=datetime(2025, 1, 1),
            )
        )
    session.flush()
    return list(range(1, PROCEDURES + 1))


def _dossiers(rng, count, leaves, offices, procedures):
    now = datetime.combine(TODAY, datetime.min.time())
    dossiers, events = [], []
    # Dossiers arrive in time order, so ids (and the table's pages) follow ``received_at`` as in production.
    arrivals = sorted(
        FIRST_DAY + timedelta(days=rng.randrange(DAYS), minutes=rng.randrange(7 * 60, 17 * 60)) for _ in range(count)
    )
    for dossier_id, received in enumerate(arrivals, start=1):
        # Most procedures take 3–15 days; one in twenty (land, construction) 30–90 days, so some dossiers
        # stay open across several months, as the report's long-running index expects.
        due = received + timedelta(days=rng.randint(30, 90) if rng.random() < 0.05 else rng.randint(3, 15))
        fate = rng.random()
        resolved = None
        history = [(2, received)]
        if fate < 0.03:
            state, state_at = rng.choice((3, 7, 8)), received + timedelta(days=rng.randint(0, 5))
        else:
            if fate < 0.08:
                history.append((5, received + timedelta(days=1)))
            offset = rng.choices((-3, -2, -1, 0, 1, 3), (30, 25, 20, 20, 4, 1))[0]
            resolved = due + timedelta(days=offset, hours=rng.randint(-2, 2))
            state, state_at = (9, resolved) if resolved < now else (4, received)
            if resolved >= now:
                resolved = None
        state_at = min(state_at, now)
        if state != 4 and state != 2:
            history.append((state, state_at))
        channel = rng.choices(("truc_tiep", "truc_tuyen", "buu_chinh"), (70, 25, 5))[0]
        unit = rng.choice(leaves) if rng.random() < 0.7 else rng.choice(offices)
        dossiers.append(
            (
                dossier_id,
                f"B-{dossier_id:08d}",
                rng.choice(procedures),
                unit,
                "Nguyễn Văn An",
                "0912345678",
                "",
                "",
                "",
                channel,
                "buu_chinh" if rng.random() < 0.15 else "tai_quay",
                received,
                due,
                resolved,
                state,
                state_at,
                "[]",
                1,
                "[]",
                "",
            )
        )
        events.extend((dossier_id, s, at) for s, at in history)
    return dossiers, [(i, d, s, at, "", "bench") for i, (d, s, at) in enumerate(events, start=1)]


def _ratings(rng, count, units, dossiers):
    rows = []
    for rating_id in range(1, count + 1):
        at = FIRST_DAY + timedelta(days=rng.randrange(DAYS), minutes=rng.randrange(7 * 60, 17 * 60))
        linked = rng.randint(1, dossiers) if rng.random() < 0.3 else None
        rows.append(
            (
                rating_id,
                f"bench-{rating_id}",
                rng.choice(units),
                linked,
                rng.choice(LEVELS),
                rng.choice(ATTITUDES),
                "[]",
                "",
                "kiosk",
                at,
                at,
            )
        )
    return rows


def _copy(engine: Engine, table: str, columns: list[str], rows: list[tuple]) -> None:
    """Bulk load: COPY on PostgreSQL, executemany on SQLite (both far faster than ORM inserts)."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if engine.dialect.name == "postgresql":
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            rows = [tuple(_sqlite_value(value) for value in row) for row in rows]
            placeholders = ", ".join("?" for _ in columns)
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", rows)
        raw.commit()
    finally:
        raw.close()


def _sqlite_value(value):
    """Datetimes in the text form SQLAlchemy's SQLite dialect stores and compares."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(value, datetime) else value


class postgres_schema:
    """A schema on the given server: the named one, kept on exit, or a throwaway one dropped on exit."""

    def __init__(self, base: str, keep: str | None = None) -> None:
        self.base, self.schema, self.keep = base, keep or f"bench_{secrets.token_hex(4)}", bool(keep)

    def __enter__(self) -> Engine:
        self.admin = make_engine(self.base)
        with self.admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"'))
        separator = "&" if "?" in self.base else "?"
        self.engine = make_engine(f"{self.base}{separator}options=-csearch_path%3D{self.schema}")
        return self.engine

    def __exit__(self, *_exc) -> None:
        self.engine.dispose()
        if not self.keep:
            with self.admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{self.schema}" CASCADE'))
        self.admin.dispose()


if __name__ == "__main__":
    main()
