"""Figures for managers: how many citizens follow their dossiers, messages sent and failed per day,
and each failure with its reason (a blocked OA, an expired token, a crash Zalo could not confirm)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from motcua.dossiers.models import Dossier
from motcua.notifications.models import FAILED, SENT, UNCONFIRMED, Delivery, Follow, Notification

FAILURES_SHOWN = 50


@dataclass
class Figures:
    followers: int
    days: list[tuple[date, int, int]]  # day, messages sent, messages failed (unconfirmed included)
    failures: list[dict]


def unit_figures(session: Session, unit_ids: list[int], today: date, days: int = 14) -> Figures:
    """The figures for dossiers of ``unit_ids``, over the ``days`` days up to ``today``."""
    followers = session.scalar(
        select(func.count(Follow.id))
        .join(Dossier, Follow.dossier_id == Dossier.id)
        .where(Dossier.unit_id.in_(unit_ids), Follow.stopped_at.is_(None))
    )
    first = today - timedelta(days=days - 1)
    deliveries = (
        select(Delivery.id, Delivery.status, Delivery.created_at, Delivery.channel, Delivery.error)
        .join(Notification, Notification.delivery_id == Delivery.id)
        .join(Follow, Notification.follow_id == Follow.id)
        .join(Dossier, Follow.dossier_id == Dossier.id)
        .where(Dossier.unit_id.in_(unit_ids), Delivery.created_at >= datetime.combine(first, time()))
        .where(Delivery.status.in_([SENT, FAILED, UNCONFIRMED]))
        .add_columns(Dossier.code)
        .order_by(Delivery.created_at.desc(), Delivery.id.desc())
    )
    counted: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    failures: dict[int, dict] = {}
    seen: set[int] = set()
    for delivery_id, status, created_at, channel, error, code in session.execute(deliveries):
        if status != SENT:
            failure = failures.setdefault(
                delivery_id, {"at": created_at, "channel": channel, "reason": error, "codes": []}
            )
            failure["codes"].append(code)
        if delivery_id in seen:
            continue
        seen.add(delivery_id)
        counted[created_at.date()][0 if status == SENT else 1] += 1
    table = [(first + timedelta(days=n), *counted.get(first + timedelta(days=n), [0, 0])) for n in range(days)]
    return Figures(followers or 0, table[::-1], list(failures.values())[:FAILURES_SHOWN])
