"""Following a dossier from a channel (Zalo, the web widget's session, SMS) and stopping."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.dossiers.models import Dossier
from motcua.errors import Invalid
from motcua.notifications.models import FOLLOW_CHANNELS, Follow


class FollowError(Invalid):
    """A follow that cannot be made; Vietnamese message."""


def follow(session: Session, dossier: Dossier, channel: str, recipient: str, now: datetime) -> Follow:
    """Follow ``dossier`` (again, if it was stopped); one row per dossier × channel × recipient."""
    channel, recipient = _checked(channel, recipient)
    found = _find(session, dossier.id, channel, recipient)
    if found is None:
        found = Follow(dossier_id=dossier.id, channel=channel, recipient=recipient, created_at=now)
        session.add(found)
    found.stopped_at = None
    found.last_seen_at = now
    session.flush()
    return found


def unfollow(session: Session, dossier: Dossier, channel: str, recipient: str, now: datetime) -> bool:
    """Stop following; True if there was a follow to stop. Notifications still queued are dropped by
    the worker, which sends only for active follows."""
    channel, recipient = _checked(channel, recipient)
    found = _find(session, dossier.id, channel, recipient)
    if found is None or found.stopped_at is not None:
        return False
    found.stopped_at = now
    return True


def followed(session: Session, channel: str, recipient: str) -> list[Dossier]:
    """Hồ sơ tôi đang theo dõi — the dossiers this recipient follows, newest follow first."""
    query = (
        select(Dossier)
        .join(Follow, Follow.dossier_id == Dossier.id)
        .where(Follow.channel == channel, Follow.recipient == recipient, Follow.stopped_at.is_(None))
        .order_by(Follow.created_at.desc(), Follow.id.desc())
    )
    return list(session.scalars(query))


def seen(session: Session, channel: str, recipient: str, now: datetime) -> None:
    """The citizen wrote on this channel: Zalo's free-message window starts again."""
    for found in session.scalars(select(Follow).where(Follow.channel == channel, Follow.recipient == recipient)):
        found.last_seen_at = now


def _find(session: Session, dossier_id: int, channel: str, recipient: str) -> Follow | None:
    return session.scalar(
        select(Follow).where(Follow.dossier_id == dossier_id, Follow.channel == channel, Follow.recipient == recipient)
    )


def _checked(channel: str, recipient: str) -> tuple[str, str]:
    channel, recipient = str(channel or "").strip(), str(recipient or "").strip()
    if channel not in FOLLOW_CHANNELS:
        raise FollowError(f"Kênh '{channel[:20]}' không hỗ trợ theo dõi; dùng một trong: {', '.join(FOLLOW_CHANNELS)}.")
    if not recipient or len(recipient) > 128:
        raise FollowError("Thiếu mã người nhận (recipient) hoặc mã quá dài (tối đa 128 ký tự).")
    return channel, recipient
