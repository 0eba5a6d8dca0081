"""Chat transcripts in Rasa's SQL tracker store (``RASA_TRACKER_STORE_URL``, table ``events``): removing
those past their retention period (``flask --app server purge`` when the variable is set) and one
citizen's whole conversation (a deletion request).

The app reads the bot's database with Rasa's own table layout (``rasa.core.tracker_store.SQLTrackerStore``:
``events(id, sender_id, type_name, timestamp, intent_name, action_name, data)``, ``timestamp`` in Unix
seconds). The in-memory store of ``make run`` keeps nothing past a restart and needs no purge.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, Integer, String, column, delete, select, table
from sqlalchemy.engine import Engine

from motcua.clock import VN_TZ

EVENTS = table("events", column("id", Integer), column("sender_id", String), column("timestamp", Float))
BATCH = 1000


def purge_transcripts(engine: Engine, cutoff: datetime, batch_size: int = BATCH) -> int:
    """Delete every event older than ``cutoff`` (naive Vietnam time), in batches; returns how many."""
    before = cutoff.replace(tzinfo=VN_TZ).timestamp()
    return _delete(engine, EVENTS.c.timestamp < before, batch_size)


def delete_conversation(engine: Engine, sender_id: str, batch_size: int = BATCH) -> int:
    """Delete every event of one conversation (a citizen's request to delete their chat history)."""
    return _delete(engine, EVENTS.c.sender_id == sender_id, batch_size)


def _delete(engine: Engine, condition, batch_size: int) -> int:
    done = 0
    while True:
        with engine.begin() as conn:
            ids = conn.scalars(select(EVENTS.c.id).where(condition).order_by(EVENTS.c.id).limit(batch_size)).all()
            if not ids:
                return done
            conn.execute(delete(EVENTS).where(EVENTS.c.id.in_(ids)))
        done += len(ids)
