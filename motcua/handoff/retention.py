"""What the hand-off keeps, and for how long: a conversation with an officer and its messages (citizen
text masked, a callback's phone encrypted) are deleted once closed (or left waiting) for longer than
the retention period of ``handoff`` (``motcua.privacy.retention``, 12 months by default), and at once
when the citizen asks to delete their chat history (``motcua.privacy.requests``, by the chat's id)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from motcua.handoff.models import HandoffConversation, HandoffMessage


def purge_conversations(session: Session, cutoff: datetime, batch_size: int) -> int:
    """Delete the conversations whose last activity (closing, else their start) is before ``cutoff``,
    with their messages, in batches of ``batch_size``; returns how many rows went (both tables)."""
    last = func.coalesce(HandoffConversation.closed_at, HandoffConversation.created_at)
    done = 0
    while True:
        ids = session.scalars(
            select(HandoffConversation.id).where(last < cutoff).order_by(HandoffConversation.id).limit(batch_size)
        ).all()
        if not ids:
            return done
        done += _delete(session, ids)


def forget_sender(session: Session, sender_id: str) -> int:
    """Delete every hand-off of one chat (a deletion request); not committed. Returns the rows deleted."""
    ids = session.scalars(select(HandoffConversation.id).where(HandoffConversation.sender_id == sender_id)).all()
    return _delete(session, list(ids), commit=False) if ids else 0


def _delete(session: Session, ids: list[int], commit: bool = True) -> int:
    options = {"synchronize_session": False}
    messages = session.execute(
        delete(HandoffMessage).where(HandoffMessage.conversation_id.in_(ids)), execution_options=options
    ).rowcount
    conversations = session.execute(
        delete(HandoffConversation).where(HandoffConversation.id.in_(ids)), execution_options=options
    ).rowcount
    if commit:
        session.commit()
    return (messages or 0) + (conversations or 0)
