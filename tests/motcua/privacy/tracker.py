"""A Rasa SQL tracker store for tests: the ``events`` table as ``rasa.core.tracker_store.SQLTrackerStore``
lays it out, in a SQLite file, filled with events of given senders and times."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from motcua.clock import VN_TZ
from motcua.db import make_engine

EVENTS = sa.Table(
    "events",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("type_name", sa.String(255), nullable=False),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)


def tracker_store(folder: Path, events: list[tuple[str, datetime]]) -> tuple[str, Engine]:
    """The URL and an engine of a new tracker database holding one user event per (sender, local time)."""
    url = f"sqlite:///{folder / 'rasa.db'}"
    engine = make_engine(url)
    EVENTS.metadata.create_all(engine)
    rows = [
        {"sender_id": sender, "type_name": "user", "timestamp": at.replace(tzinfo=VN_TZ).timestamp(), "data": "{}"}
        for sender, at in events
    ]
    with engine.begin() as conn:
        conn.execute(EVENTS.insert(), rows)
    return url, engine


def senders(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.scalars(sa.select(EVENTS.c.sender_id).order_by(EVENTS.c.id)))
