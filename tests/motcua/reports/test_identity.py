"""The accounting identity on random data: every dossier counted as received in a period is exactly
one of resolved, still pending, or returned (left the process without a result) — for the report,
every unit of ``by_unit``, every field and every level — and the counts match a plain Python reading
of the same histories (``expected``), so the identity cannot hold by both sides being wrong alike.

Histories are drawn the way a one-stop system produces them, including the awkward ones: sent back
for supplement several times, asked for fees, resolved and then withdrawn (an import can report
that), closed on the day the period ends, resolved on a period boundary.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from motcua.dossiers import states
from motcua.reports import build_summary
from motcua.reports.period import Period, month, quarter, year
from motcua.units import save_unit
from tests.factories import DossierSet

PERIODS = [
    month(2021, 3),
    month(2021, 4),
    month(2021, 6),
    quarter(2021, 2),
    year(2021),
    Period(date(2021, 4, 10), date(2021, 5, 9)),
]
TODAY = date(2021, 12, 31)
CLOSED = (states.REJECTED, states.WITHDRAWN, states.STOPPED)


def history(rng: random.Random) -> dict:
    """One dossier: received, then a few steps, ending resolved, closed or still open."""
    received = datetime(2021, 1, 1, 7) + timedelta(days=rng.randrange(200), hours=rng.randrange(10))
    due = received + timedelta(days=rng.choice((3, 7, 15, 45))) if rng.random() < 0.9 else None
    at, events = received, []
    for _ in range(rng.choice((0, 0, 1, 2))):
        at += timedelta(days=rng.randrange(1, 20), hours=rng.randrange(8))
        events.append((rng.choice((states.SUPPLEMENT, states.SUPPLEMENT, states.FINANCIAL)), at))
        at += timedelta(days=rng.randrange(0, 15), minutes=1)
        events.append((states.PROCESSING, at))
    if rng.random() < 0.3:  # still waiting for the applicant, or processing
        events = events[:-1] if events and rng.random() < 0.5 else events
        state = events[-1][0] if events else states.PROCESSING
        return {"received": received, "due": due, "events": tuple(events), "state": state}
    at += timedelta(days=rng.randrange(0, 30), hours=rng.randrange(10))
    if rng.random() < 0.2:
        closed = rng.choice(CLOSED)
        return {"received": received, "due": due, "events": tuple(events), "state": closed, "state_at": at}
    result = {"received": received, "due": due, "events": tuple(events), "resolved": at}
    if rng.random() < 0.05:  # withdrawn after a result was recorded
        result.update(state=states.WITHDRAWN, state_at=at + timedelta(days=rng.randrange(1, 10)))
    return result


def expected(dossiers: list[dict], period: Period) -> dict:
    """The period's figures read straight from the histories, by the definitions."""
    s, e = period.start, period.end

    def left_at(d: dict) -> datetime | None:
        """When the dossier left the process: its result, else its closing; None while open."""
        if d.get("resolved"):
            return d["resolved"]
        return d["state_at"] if d.get("state") in CLOSED else None

    figures = dict.fromkeys(("received", "resolved", "pending", "returned", "supplement_requests"), 0)
    for d in dossiers:
        gone = left_at(d)
        if d["received"] >= e or (gone is not None and gone < s):
            continue
        figures["received"] += 1
        if gone is None or gone >= e:
            figures["pending"] += 1
        elif d.get("resolved"):
            figures["resolved"] += 1
        else:
            figures["returned"] += 1
        figures["supplement_requests"] += any(st == states.SUPPLEMENT and s <= at < e for st, at in d["events"])
    return figures


@pytest.mark.parametrize("seed", range(8))
def test_received_is_resolved_plus_pending_plus_returned(db, seed):
    rng = random.Random(seed)
    province = save_unit(db, "P", "Trung tâm tỉnh", "tinh")
    district = save_unit(db, "P.D", "Trung tâm huyện", "huyen", "P")
    communes = [save_unit(db, f"P.D.{n}", f"UBND xã {n}", "xa", "P.D") for n in range(3)]
    build = DossierSet(db)
    procedures = [
        build.procedure("1.1", "Tư pháp", online=False),
        build.procedure("2.1", "Đất đai", online=True),
        build.procedure("3.1", "Hộ tịch", online=True),
    ]
    drawn = []
    for _ in range(250):
        d = history(rng)
        drawn.append(d)
        build.add(
            1,
            unit=rng.choice([province, district, *communes]),
            procedure=rng.choice(procedures),
            online_level=rng.choice((None, "", "toan_trinh", "mot_phan")),
            **d,
        )
    build.save()

    for period in PERIODS:
        report = build_summary(db, province, period, include_children=True, today=TODAY).to_dict()
        figures = {
            "received": report["received"]["total"],
            "resolved": report["resolved"]["total"],
            "pending": report["pending"]["total"],
            "returned": report["returned"],
            "supplement_requests": report["supplement_requests"],
        }
        assert figures == expected(drawn, period), period.label()
        rows = [report, *report["by_unit"], *report["by_field"]]
        for row in rows:
            assert row["received"]["total"] == row["resolved"]["total"] + row["pending"]["total"] + row["returned"]
        for level in report["by_level"].values():
            assert level["received"] == level["resolved"] + level["pending"] + level["returned"]
        assert sum(level["received"] for level in report["by_level"].values()) == figures["received"]
