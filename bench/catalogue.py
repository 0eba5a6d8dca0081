"""Procedure catalogue figures: import time of the shipped catalogue, top-1 / top-3 accuracy on
tests/data/catalogue_queries.tsv (with and without diacritics), and in-process query latency.

Run: .venv/bin/python bench/catalogue.py   (targets: import < 30 s, top-1 ≥ 0.90, top-3 ≥ 0.97,
p50 < 5 ms, p99 < 20 ms)
"""

from __future__ import annotations

import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from motcua.catalogue.importer import import_catalogue  # noqa: E402
from motcua.catalogue.search import search_procedures  # noqa: E402
from motcua.db import make_engine, make_session_factory  # noqa: E402
from motcua.models import Base  # noqa: E402
from motcua.text import strip_diacritics  # noqa: E402

QUERIES = ROOT / "tests" / "data" / "catalogue_queries.tsv"
LATENCY_ROUNDS = 5


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        engine = make_engine(f"sqlite:///{directory}/bench.db")
        Base.metadata.create_all(engine)
        sessions = make_session_factory(engine)
        with sessions() as session:
            started = time.perf_counter()
            report = import_catalogue(session)
            session.commit()
            import_seconds = time.perf_counter() - started
            print(
                f"import: {report.stored} procedures in {import_seconds:.2f} s "
                f"({len(report.issues)} not fully parsed, {len(report.rejected)} rejected)"
            )
            started = time.perf_counter()
            search_procedures(session, "khai sinh")
            print(f"index build (first query): {(time.perf_counter() - started) * 1000:.0f} ms")
            queries = _queries()
            for label, strip in (("with diacritics", False), ("without diacritics", True)):
                top1, top3 = _accuracy(session, queries, strip)
                print(f"{label:>20}: top-1 {top1:.3f}  top-3 {top3:.3f}  ({len(queries)} queries)")
            timings = _latencies(session, queries)
            print(
                f"latency over {len(timings)} queries: p50 {_percentile(timings, 50):.2f} ms  "
                f"p99 {_percentile(timings, 99):.2f} ms  max {max(timings):.2f} ms"
            )
        engine.dispose()


def _queries() -> list[tuple[str, list[str], str | None]]:
    lines = [line for line in QUERIES.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [(r["query"], r["codes"].split(","), r["level"] or None) for r in csv.DictReader(lines, delimiter="\t")]


def _accuracy(session, queries, strip: bool) -> tuple[float, float]:
    top1 = top3 = 0
    for query, codes, level in queries:
        text = strip_diacritics(query) if strip else query
        found = [hit.code for hit in search_procedures(session, text, 3, level).items]
        top1 += bool(found) and found[0] in codes
        top3 += any(code in codes for code in found)
    return top1 / len(queries), top3 / len(queries)


def _latencies(session, queries) -> list[float]:
    timings = []
    for _ in range(LATENCY_ROUNDS):
        for query, _, level in queries:
            for text in (query, strip_diacritics(query)):
                started = time.perf_counter()
                search_procedures(session, text, 10, level)
                timings.append((time.perf_counter() - started) * 1000)
    return timings


def _percentile(values: list[float], percent: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1] if len(values) > 1 else values[0]


if __name__ == "__main__":
    main()
