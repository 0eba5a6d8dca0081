"""Mức độ hài lòng — the rating figures of a period: responses per level and per attitude answer, and
the satisfaction ratio of Quyết định 766/QĐ-TTg.

QĐ 766 scores a centre on (dossiers − dossiers rated not satisfied, complained about or late) ÷
dossiers × 100%. The dossiers are those resolved in the period; a dossier counts once however many of
the three apply. Kiosk ratings that name no dossier still count against the centre, one dissatisfied
answer for one dossier, as the paper forms they replace do.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from motcua.feedback.models import Rating
from motcua.feedback.scales import ATTITUDE_LABELS, BAD_LEVELS, LEVEL_LABELS, level_keys
from motcua.formatting import largest_remainder, percent
from motcua.reports.period import Period


@dataclass
class Satisfaction:
    """Counts of one period's ratings; percentages are derived when rendered."""

    level_keys: list[str]
    levels: Counter = field(default_factory=Counter)
    attitudes: Counter = field(default_factory=Counter)
    responses: int = 0
    resolved: int = 0
    unsatisfied_dossiers: int = 0

    @property
    def ratio_766(self) -> float | None:
        """Tỷ lệ hài lòng theo QĐ 766, in percent; None when nothing was resolved."""
        if not self.resolved:
            return None
        return percent(max(self.resolved - self.unsatisfied_dossiers, 0), self.resolved)

    def to_dict(self) -> dict:
        keys = self.level_keys + [key for key in self.levels if key not in self.level_keys]
        level_counts = {key: self.levels[key] for key in keys}
        attitude_counts = {key: self.attitudes[key] for key in ATTITUDE_LABELS}
        level_pcts = largest_remainder(level_counts)
        attitude_pcts = largest_remainder(attitude_counts)
        return {
            "responses": self.responses,
            "levels": {
                key: {"label": LEVEL_LABELS.get(key, (key,))[0], "count": count, "pct": level_pcts[key]}
                for key, count in level_counts.items()
            },
            "attitude": {
                key: {"label": ATTITUDE_LABELS[key][0], "count": count, "pct": attitude_pcts[key]}
                for key, count in attitude_counts.items()
            },
            "attitude_responses": sum(attitude_counts.values()),
            "ratio_766": self.ratio_766,
            "resolved_dossiers": self.resolved,
            "unsatisfied_dossiers": self.unsatisfied_dossiers,
        }


def satisfaction(
    session: Session, unit, unit_ids: list[int], period: Period, resolved: int, unsatisfied_linked: int
) -> Satisfaction:
    """Ratings given in the period to the units ``unit_ids``, on the scale of ``unit``.

    ``resolved`` and ``unsatisfied_linked`` (resolved dossiers late, rated dissatisfied or complained
    about) come from the dossier pass of ``measures``; kiosk ratings naming no dossier are added here.
    """
    result = Satisfaction(level_keys=list(level_keys(unit)))
    unlinked = Rating.dossier_id.is_(None).label("unlinked")
    rows = session.execute(
        select(Rating.level, Rating.attitude, unlinked, func.count())
        .where(Rating.unit_id.in_(unit_ids), Rating.created_at >= period.start, Rating.created_at < period.end)
        .group_by(Rating.level, Rating.attitude, unlinked)
    )
    unlinked_bad = 0
    for level, attitude, is_unlinked, count in rows:
        result.responses += count
        result.levels[level] += count
        if attitude:
            result.attitudes[attitude] += count
        if is_unlinked and level in BAD_LEVELS:
            unlinked_bad += count
    result.resolved = resolved
    result.unsatisfied_dossiers = min(unsatisfied_linked + unlinked_bad, resolved)
    return result
