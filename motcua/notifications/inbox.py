"""The web widget's inbox: messages the worker delivered to a widget session, shown once when the
citizen next opens the assistant ("Hồ sơ … đã chuyển sang: Đã trả kết quả")."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.notifications.models import SENT, Delivery


def pending_for_widget(session: Session, recipient: str, now: datetime) -> list[dict]:
    """The session's delivered, not yet shown messages, oldest first; marked shown at ``now``."""
    deliveries = session.scalars(
        select(Delivery)
        .where(Delivery.channel == "web", Delivery.recipient == recipient, Delivery.status == SENT)
        .where(Delivery.shown_at.is_(None))
        .order_by(Delivery.id)
    ).all()
    for delivery in deliveries:
        delivery.shown_at = now
    return [{"text": d.text, "sent_at": d.sent_at.isoformat() if d.sent_at else None} for d in deliveries]
