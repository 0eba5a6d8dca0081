"""Theo dõi đánh giá trong ngày — the manager's live view: today's ratings per counter and per officer,
and every bad rating with its reasons, newest first."""

from __future__ import annotations

from collections import Counter as Tally
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from motcua.feedback import scales
from motcua.feedback.models import SOURCES, Rating
from motcua.formatting import format_pct, percent


@dataclass
class Row:
    """One counter's or officer's ratings of the day."""

    name: str
    levels: Tally = field(default_factory=Tally)

    @property
    def total(self) -> int:
        return sum(self.levels.values())

    @property
    def satisfied_pct(self) -> str:
        """Share rated rất hài lòng or hài lòng, written the Vietnamese way ("96,92%")."""
        satisfied = sum(self.levels[key] for key in scales.SATISFIED_LEVELS)
        return format_pct(percent(satisfied, self.total))


@dataclass
class Alert:
    """A bad rating as the manager reads it."""

    at: datetime
    unit: str
    counter: str
    officer: str
    level: str
    attitude: str
    reasons: list[str]
    comment: str
    source: str
    dossier_id: int | None


@dataclass
class DaySummary:
    levels: list[str]
    total: int
    by_counter: list[Row]
    by_officer: list[Row]
    alerts: list[Alert]


def day_summary(session: Session, unit_ids: list[int], day: date, levels: list[str]) -> DaySummary:
    """Ratings made on ``day`` in the given units, grouped for the live view."""
    start = datetime.combine(day, time.min)
    ratings = session.scalars(
        select(Rating)
        .where(Rating.unit_id.in_(unit_ids), Rating.created_at >= start, Rating.created_at < start + timedelta(days=1))
        .options(selectinload(Rating.counter), selectinload(Rating.officer), selectinload(Rating.unit))
        .order_by(Rating.created_at.desc(), Rating.id.desc())
    ).all()
    counters: dict[str, Row] = {}
    officers: dict[str, Row] = {}
    alerts = []
    for rating in ratings:
        counter_name = rating.counter.name if rating.counter else _source_label(rating.source)
        officer_name = rating.officer.name if rating.officer else "Chưa xác định"
        counters.setdefault(counter_name, Row(counter_name)).levels[rating.level] += 1
        officers.setdefault(officer_name, Row(officer_name)).levels[rating.level] += 1
        if scales.is_bad(rating.level, rating.attitude):
            alerts.append(_alert(rating, counter_name, officer_name))
    extra = sorted({r.level for r in ratings} - set(levels), key=list(scales.LEVEL_LABELS).index)
    return DaySummary(
        levels=levels + extra,
        total=len(ratings),
        by_counter=sorted(counters.values(), key=lambda row: row.name),
        by_officer=sorted(officers.values(), key=lambda row: row.name),
        alerts=alerts,
    )


def _alert(rating: Rating, counter_name: str, officer_name: str) -> Alert:
    return Alert(
        at=rating.created_at,
        unit=rating.unit.name,
        counter=counter_name,
        officer=officer_name,
        level=scales.LEVEL_LABELS[rating.level][0],
        attitude=scales.ATTITUDE_LABELS[rating.attitude][0] if rating.attitude else "",
        reasons=[scales.REASON_LABELS[key][0] for key in rating.reasons or [] if key in scales.REASON_LABELS],
        comment=rating.comment,
        source=_source_label(rating.source),
        dossier_id=rating.dossier_id,
    )


def _source_label(source: str) -> str:
    return SOURCES.get(source, source)
