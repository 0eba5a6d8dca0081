"""The outbox: a state change writes one notification per active follower in the caller's transaction,
so a change is never stored without its notifications nor notified without being stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.notifications.models import Follow, Notification


def notify_followers(session: Session, dossier_id: int, state: int, at: datetime, now: datetime) -> int:
    """Queue the change (``state`` at ``at``) for everyone following the dossier; returns how many.

    Called only when the change moved the dossier to another state (see ``intake.record_event``): a
    replay or an older update stores no event that moves it and so queues nothing."""
    follows = session.scalars(
        select(Follow.id).where(Follow.dossier_id == dossier_id, Follow.stopped_at.is_(None))
    ).all()
    for follow_id in follows:
        session.add(
            Notification(
                key=change_key(follow_id, state, at), follow_id=follow_id, state=state, state_at=at, created_at=now
            )
        )
    return len(follows)


def change_key(follow_id: int, state: int, at: datetime) -> str:
    """Idempotency key of one follower × one state change."""
    return f"{follow_id}:{state}:{at:%Y%m%dT%H%M%S}"
