"""Where the Zalo channel keeps state that must outlive a process and be shared by every Rasa replica:
seen event ids and the OA token pair. Redis (``redis://…``) or an SQL database (``postgresql://…``,
``sqlite:///…``); never process memory.

The URL comes from the channel's ``state_url`` (``ZALO_STATE_URL``), else ``REDIS_URL``, else a SQLite file
in the project's git-ignored ``instance/`` directory (enough for one machine; several hosts need Redis or
PostgreSQL).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import redis
from sqlalchemy import Column, Float, Index, MetaData, String, Table, Text, create_engine
from sqlalchemy.engine import Engine

DEFAULT_SQLITE_PATH = Path(__file__).resolve().parents[2] / "instance" / "zalo-state.db"

metadata = MetaData()

seen_events = Table(
    "zalo_seen_events",
    metadata,
    Column("event_key", String(80), primary_key=True),
    Column("seen_at", Float, nullable=False),  # epoch seconds
    Index("ix_zalo_seen_events_seen_at", "seen_at"),
)

oa_tokens = Table(
    "zalo_oa_tokens",
    metadata,
    Column("app_id", String(40), primary_key=True),
    Column("access_token", Text, nullable=False),
    Column("refresh_token", Text, nullable=False),
    Column("expires_at", Float, nullable=True),  # epoch seconds; None = unknown (a pair set by hand)
    Column("seed", String(64), nullable=False),
    Column("lock_owner", String(64), nullable=True),
    Column("lock_until", Float, nullable=True),
    Column("updated_at", Float, nullable=False),
)


def resolve_state_url(configured: str | None) -> str:
    """The configured URL, else ``REDIS_URL``, else the default SQLite file."""
    for candidate in (configured, os.environ.get("REDIS_URL")):
        if candidate and candidate.strip():
            return candidate.strip()
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def is_redis_url(url: str) -> bool:
    return url.startswith(("redis://", "rediss://", "unix://"))


@cache
def redis_client(url: str) -> redis.Redis:
    """One connection pool per URL, shared by the de-duplication and token stores."""
    return redis.Redis.from_url(url, socket_timeout=2.0, socket_connect_timeout=2.0)


@cache
def sql_engine(url: str) -> Engine:
    """One engine per URL, with the channel's two tables created on first use.

    The SQLite file holds OA tokens, so it is created readable by its owner only.
    """
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600, exist_ok=True)
        engine = create_engine(url, future=True, connect_args={"timeout": 10})
    else:
        engine = create_engine(url, future=True, pool_pre_ping=True)
    metadata.create_all(engine)
    return engine
