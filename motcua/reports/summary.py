"""Báo cáo tổng hợp — the summary a centre publishes for a unit (optionally with every unit under it)
and a period: received, resolved, pending, returned, supplement requests, postal, online-service
dossiers, satisfaction, by administrative level, by procedure group, by unit, by field.

``build_summary`` runs the aggregate statements of ``measures``, ``groups`` and ``satisfaction``;
everything else here is arithmetic on those counts, so the JSON, the dashboard, the exports and the
narrative all read the same figures. Names other systems rely on: ``returned``,
``supplement_requests``, ``resolved.pct_of_received``, ``resolved.early_or_on_time_pct``,
``by_level.<tinh|huyen|xa>.{received, resolved, early_or_on_time_pct}`` and
``groups.<code>.{name, resolved, early, on_time, late, early_pct, on_time_pct}``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.clock import now_local
from motcua.formatting import largest_remainder, percent
from motcua.reports.groups import GroupFigures, group_figures, group_procedure_ids, groups_for
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
    groups: list[GroupFigures] = field(default_factory=list)

    def by_level(self) -> list[tuple[str, Counter]]:
        """The units' own dossiers added up per administrative level (province centre, district
        centres, commune one-stop units), in the order of ``LEVELS``."""
        levels: dict[str, Counter] = {}
        for row in self.by_unit:
            levels.setdefault(row.unit.level, Counter()).update(row.own)
        order = list(LEVELS)
        return sorted(levels.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))

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
            "by_level": {level: level_dict(level, counts) for level, counts in self.by_level()},
            "groups": {group.code: group.to_dict() for group in self.groups},
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
    groups = groups_for(session, unit)
    figures = period_figures(session, list(by_id), period, today, group_procedure_ids(groups))
    totals = [0] * len(MEASURES)
    for unit_id, values in figures.by_unit.items():
        by_id[unit_id].own = _counter(values)
        totals = add_counts(totals, values)
    _roll_up(tree)
    by_field = sorted(
        ((name, _counter(values)) for name, values in figures.by_field.items()),
        key=lambda item: (-_received_total(item[1]), item[0]),
    )
    by_procedure = {procedure_id: _counter(values) for procedure_id, values in figures.by_procedure.items()}
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
        groups=group_figures(groups, by_procedure),
    )


def figures_dict(counts: Counter) -> dict:
    """The received / resolved / pending / returned groups of a set of counts, and the supplement
    requests (which overlap the others: a dossier sent back may since be resolved or still pending)."""
    return {
        "received": received_dict(counts),
        "resolved": resolved_dict(counts),
        "pending": pending_dict(counts),
        "returned": counts["returned"],
        "supplement_requests": counts["supplement_requests"],
    }


def level_dict(level: str, counts: Counter) -> dict:
    """One administrative level's totals, as seed 004 publishes them per level."""
    resolved = resolved_dict(counts)
    return {
        "label": LEVELS.get(level, level),
        "received": _received_total(counts),
        "resolved": counts["resolved"],
        "pct_of_received": resolved["pct_of_received"],
        "early_or_on_time": resolved["early_or_on_time"],
        "early_or_on_time_pct": resolved["early_or_on_time_pct"],
        "late": counts["late"],
        "pending": counts["pending"],
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
    """Early / on time / late (shares of resolved), the total, the total as a share of received, and
    early or on time together as a share of resolved ("đúng và trước hạn đạt 99,71%")."""
    timeliness = _timeliness(counts)
    on_time_or_early = timeliness["early"] + timeliness["on_time"]
    return {
        **timeliness,
        "total": counts["resolved"],
        "pct_of_received": percent(counts["resolved"], _received_total(counts)),
        "early_or_on_time": on_time_or_early,
        "early_or_on_time_pct": percent(on_time_or_early, counts["resolved"]),
    }


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
    """Online-service dossiers (by their own online level) resolved in the period, and how many were
    received online."""
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
