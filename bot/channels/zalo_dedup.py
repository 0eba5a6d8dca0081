"""Chống trùng sự kiện: Zalo re-delivers an event it thinks we missed, so each one is handled once,
across restarts and across Rasa replicas (the first replica to record a key wins)."""

from __future__ import annotations

import time
from typing import Protocol

import redis
from sqlalchemy import delete, insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from channels.zalo_storage import is_redis_url, redis_client, seen_events, sql_engine

# Longer than the accepted event age, so an event is either too old or remembered.
DEFAULT_TTL_SECONDS = 48 * 3600


class SeenEvents(Protocol):
    def first_sighting(self, key: str) -> bool:
        """Record ``key``; True only for the first caller, in any process, within the TTL."""


class RedisSeenEvents:
    """``SET key 1 NX EX ttl``: atomic in Redis, expires by itself."""

    def __init__(self, client: redis.Redis, ttl_seconds: int = DEFAULT_TTL_SECONDS, prefix: str = "motcua:zalo:seen:"):
        self.client, self.ttl_seconds, self.prefix = client, ttl_seconds, prefix

    def first_sighting(self, key: str) -> bool:
        return bool(self.client.set(self.prefix + key, "1", nx=True, ex=self.ttl_seconds))


class SQLSeenEvents:
    """A row per key; the primary key makes the insert the atomic test. Old rows are pruned on the way."""

    def __init__(self, engine: Engine, ttl_seconds: int = DEFAULT_TTL_SECONDS, clock=time.time):
        self.engine, self.ttl_seconds, self.clock = engine, ttl_seconds, clock

    def first_sighting(self, key: str) -> bool:
        now = self.clock()
        try:
            with self.engine.begin() as conn:
                conn.execute(delete(seen_events).where(seen_events.c.seen_at < now - self.ttl_seconds))
                conn.execute(insert(seen_events).values(event_key=key, seen_at=now))
        except IntegrityError:
            return False
        return True


def open_seen_events(url: str, ttl_seconds: int = DEFAULT_TTL_SECONDS) -> SeenEvents:
    """The store for a state URL (see ``zalo_storage``)."""
    if is_redis_url(url):
        return RedisSeenEvents(redis_client(url), ttl_seconds)
    return SQLSeenEvents(sql_engine(url), ttl_seconds)
