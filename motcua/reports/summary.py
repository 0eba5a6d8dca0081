"""Báo cáo tổng hợp — the summary a centre publishes for a unit (optionally with every unit under it)
and a period: received, resolved, pending, returned, postal, online, satisfaction, by unit, by field.

``build_summary`` runs the aggregate statement of ``measures`` and ``satisfaction``; everything else
here is arithmetic on those counts, so the JSON, the dashboard, the exports and the narrative all read
the same figures.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.clock import now_local
from motcua.formatting import largest_remainder, percent
from motcua.reports.measures import MEASURES, add_counts, period_figures, reference_day
from motcua.reports.period import Period
from motcua.reports.satisfaction import Satisfaction, satisfaction
from motcua.units import LEVELS, Unit, subtree_ids


@dataclass
class UnitFigures:
    """One unit of the tree: its own dossiers' counts and those rolled up with every unit under it."""

    unit: Unit
    depth: int
    own: Counter = field(default_factory=Counter)
    rolled: Counter = field(default_factory=Counter)


@dataclass
class Summary:
    """The figures of one report; ``to_dict`` renders them with percentages."""

    unit: Unit
    period: Period
    include_children: bool
    reference_day: date
    totals: Counter
    online: Counter
    satisfaction: Satisfaction
    by_unit: list[UnitFigures]
    by_field: list[tuple[str, Counter]]

    def to_dict(self) -> dict:
        return {
            "unit": {"code": self.unit.code, "name": self.unit.name, "level": self.unit.level},
            "period": {
                "from": self.period.first.isoformat(),
                "to": self.period.last.isoformat(),
                "kind": self.period.kind,
                "label": self.period.label(),
                "reference_day": self.reference_day.isoformat(),
            },
            "include_children": self.include_children,
            **figures_dict(self.totals),
            "postal_results": postal_dict(self.totals),
            "online": online_dict(self.online),
            "satisfaction": self.satisfaction.to_dict(),
            "by_unit": [_unit_row(row) for row in self.by_unit] if self.include_children else [],
            "by_field": [{"field": name, **figures_dict(counts)} for name, counts in self.by_field],
        }


def build_summary(
    session: Session, unit: Unit, period: Period, include_children: bool = False, today: date | None = None
) -> Summary:
    """The report of ``unit`` (and, with ``include_children``, every unit under it) for ``period``.

    ``today`` decides overdue while the period is still running (default: the local date now).
    """
    today = today or now_local().date()
    tree = _tree(session, unit) if include_children else [UnitFigures(unit, 0)]
    by_id = {row.unit.id: row for row in tree}
    figures = period_figures(session, list(by_id), period, today)
    totals = [0] * len(MEASURES)
    for unit_id, values in figures.by_unit.items():
        by_id[unit_id].own = _counter(values)
        totals = add_counts(totals, values)
    _roll_up(tree)
    by_field = sorted(
        ((name, _counter(values)) for name, values in figures.by_field.items()),
        key=lambda item: (-_received_total(item[1]), item[0]),
    )
    return Summary(
        unit=unit,
        period=period,
        include_children=include_children,
        reference_day=reference_day(period, today),
        totals=_counter(totals),
        online=_counter(figures.online),
        satisfaction=satisfaction(
            session,
            unit,
            list(by_id),
            period,
            totals[MEASURES.index("resolved")],
            totals[MEASURES.index("unsatisfied_766")],
        ),
        by_unit=tree,
        by_field=by_field,
    )


def figures_dict(counts: Counter) -> dict:
    """The received / resolved / pending / returned groups of a set of counts."""
    return {
        "received": received_dict(counts),
        "resolved": resolved_dict(counts),
        "pending": pending_dict(counts),
        "returned": counts["returned"],
    }


def received_dict(counts: Counter) -> dict:
    return {
        "carried_over": counts["carried_over"],
        "new": counts["new"],
        "new_direct": counts["new_direct"],
        "new_online": counts["new_online"],
        "new_postal": counts["new_postal"],
        "total": _received_total(counts),
    }


def resolved_dict(counts: Counter) -> dict:
    return {**_timeliness(counts), "total": counts["resolved"]}


def pending_dict(counts: Counter) -> dict:
    awaiting = counts["awaiting_supplement"]
    overdue = counts["pending_past_due"] - counts["awaiting_past_due"]
    return {
        "not_due": counts["pending"] - awaiting - overdue,
        "overdue": overdue,
        "awaiting_supplement": awaiting,
        "total": counts["pending"],
    }


def postal_dict(counts: Counter) -> dict:
    """Results sent by post, as a share of the dossiers resolved."""
    return {"count": counts["postal_results"], "pct": percent(counts["postal_results"], counts["resolved"])}


def online_dict(counts: Counter) -> dict:
    """Dossiers of online-capable procedures resolved in the period and how many were received online."""
    received_online = counts["resolved_received_online"]
    return {
        "resolved": counts["resolved"],
        "received_online": received_online,
        "received_online_pct": percent(received_online, counts["resolved"]),
        **_timeliness(counts),
    }


def _timeliness(counts: Counter) -> dict:
    early, late = counts["early"], counts["late"]
    split = {"early": early, "on_time": counts["resolved"] - early - late, "late": late}
    shares = largest_remainder(split)
    result: dict = {}
    for key, count in split.items():
        result[key] = count
        result[f"{key}_pct"] = shares[key]
    return result


def _counter(values: list[int]) -> Counter:
    return Counter(dict(zip(MEASURES, values, strict=True)))


def _received_total(counts: Counter) -> int:
    return counts["carried_over"] + counts["new"]


def _unit_row(row: UnitFigures) -> dict:
    unit = row.unit
    return {
        "code": unit.code,
        "name": unit.name,
        "level": unit.level,
        "level_label": LEVELS.get(unit.level, unit.level),
        "parent": unit.parent.code if unit.parent_id and unit.parent else None,
        "depth": row.depth,
        **figures_dict(row.rolled),
    }


def _tree(session: Session, root: Unit) -> list[UnitFigures]:
    """The units under ``root`` (itself first) in depth-first order, children by code."""
    units = session.scalars(select(Unit).where(Unit.id.in_(subtree_ids(session, root)))).all()
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    ordered: list[UnitFigures] = []
    stack = [(root, 0)]
    while stack:
        unit, depth = stack.pop()
        ordered.append(UnitFigures(unit, depth))
        for child in sorted(children.get(unit.id, []), key=lambda u: u.code, reverse=True):
            stack.append((child, depth + 1))
    return ordered


def _roll_up(tree: list[UnitFigures]) -> None:
    """Add each unit's own counts to itself and every ancestor within the tree."""
    by_id = {row.unit.id: row for row in tree}
    for row in tree:
        row.rolled.update(row.own)
    for row in reversed(tree):
        parent = by_id.get(row.unit.parent_id) if row.depth else None
        if parent is not None:
            parent.rolled.update(row.rolled)
