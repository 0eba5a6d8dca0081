"""Giới hạn số lần tra cứu — fixed-window counters shared by every worker process.

Kept in the database (table ``rate_limits``) or, when ``REDIS_URL`` is configured, in Redis; never
in process memory, since a province runs several gunicorn workers on several hosts.
"""

from __future__ import annotations

import time
from typing import Protocol

from sqlalchemy import Integer, String, delete, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from motcua.db import Base


class RateLimitWindow(Base):
    """How many hits ``key`` made in the window starting at ``window_start`` (Unix seconds)."""

    __tablename__ = "rate_limits"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    window_start: Mapped[int] = mapped_column(Integer, primary_key=True)
    hits: Mapped[int] = mapped_column(Integer, default=0)


class RateLimiter(Protocol):
    def hit(self, key: str, limit: int, window_seconds: int) -> bool:
        """Count one hit for ``key``; False when it goes over ``limit`` in the current window."""

    def hits(self, key: str, window_seconds: int) -> int:
        """How many hits ``key`` has in the current window, without counting one (a look before
        deciding whether to do the work at all, e.g. checking a password)."""

    def release(self, key: str, window_seconds: int) -> None:
        """Give back one hit of the current window (an attempt that turned out fine, such as a
        sign-in with the right password, counted beforehand so parallel attempts cannot race)."""


class DatabaseRateLimiter:
    """Counters in the ``rate_limits`` table, each hit in its own short transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def hit(self, key: str, limit: int, window_seconds: int) -> bool:
        window = int(time.time()) // window_seconds * window_seconds
        table = RateLimitWindow.__table__
        bump = (
            update(table)
            .where(table.c.key == key, table.c.window_start == window)
            .values(hits=table.c.hits + 1)
            .returning(table.c.hits)
        )
        with self.engine.begin() as conn:
            hits = conn.execute(bump).scalar_one_or_none()
            if hits is None:
                try:
                    with conn.begin_nested():
                        conn.execute(delete(table).where(table.c.key == key, table.c.window_start < window))
                        conn.execute(insert(table).values(key=key, window_start=window, hits=1))
                    hits = 1
                except IntegrityError:
                    hits = conn.execute(bump).scalar_one()
        return hits <= limit

    def hits(self, key: str, window_seconds: int) -> int:
        window = int(time.time()) // window_seconds * window_seconds
        table = RateLimitWindow.__table__
        with self.engine.connect() as conn:
            hits = conn.scalar(select(table.c.hits).where(table.c.key == key, table.c.window_start == window))
        return hits or 0

    def release(self, key: str, window_seconds: int) -> None:
        window = int(time.time()) // window_seconds * window_seconds
        table = RateLimitWindow.__table__
        with self.engine.begin() as conn:
            conn.execute(
                update(table)
                .where(table.c.key == key, table.c.window_start == window, table.c.hits > 0)
                .values(hits=table.c.hits - 1)
            )


class RedisRateLimiter:
    """Counters in Redis: ``INCR`` with an expiry of one window."""

    def __init__(self, url: str) -> None:
        import redis

        self.redis = redis.Redis.from_url(url)

    def hit(self, key: str, limit: int, window_seconds: int) -> bool:
        window = int(time.time()) // window_seconds
        name = f"motcua:rl:{key}:{window}"
        pipe = self.redis.pipeline()
        pipe.incr(name)
        pipe.expire(name, window_seconds + 1)
        hits, _ = pipe.execute()
        return int(hits) <= limit

    def hits(self, key: str, window_seconds: int) -> int:
        window = int(time.time()) // window_seconds
        return int(self.redis.get(f"motcua:rl:{key}:{window}") or 0)

    def release(self, key: str, window_seconds: int) -> None:
        name = f"motcua:rl:{key}:{int(time.time()) // window_seconds}"
        if int(self.redis.decr(name)) < 0:  # the window had expired: DECR made a key without expiry
            self.redis.delete(name)


def make_rate_limiter(engine: Engine, redis_url: str = "") -> RateLimiter:
    """Redis when configured, the database otherwise."""
    return RedisRateLimiter(redis_url) if redis_url else DatabaseRateLimiter(engine)
