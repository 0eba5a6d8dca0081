"""Mã truy cập OA: the access/refresh token pair, stored durably and shared by every replica.

Zalo refresh tokens are single use: whoever refreshes must store the new pair before using it, and only one
process may refresh at a time (the others wait, then read the new pair). The lock is a lease that expires, so
a crashed holder cannot block refreshing for ever.

The pair set in the environment (``ZALO_ACCESS_TOKEN``/``ZALO_REFRESH_TOKEN``) is only a seed: it is adopted
when the store is empty or when the operator sets a different pair (its fingerprint, ``seed``, changes);
otherwise the stored, rotated pair wins.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, dataclass
from typing import Protocol

import redis
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from channels.zalo_storage import is_redis_url, oa_tokens, redis_client, sql_engine

EXPIRY_MARGIN_SECONDS = 300


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_at: float | None  # epoch seconds; None when unknown
    seed: str  # fingerprint of the configured pair this one descends from

    def expiring(self, now: float) -> bool:
        """Due for a refresh before use (access tokens live 25 hours)."""
        return self.expires_at is not None and now >= self.expires_at - EXPIRY_MARGIN_SECONDS


def seed_fingerprint(refresh_token: str) -> str:
    """Identifies a configured refresh token without storing or logging it a second time."""
    return hashlib.sha256(refresh_token.encode()).hexdigest()[:32]


class TokenStore(Protocol):
    def load(self) -> TokenPair | None: ...

    def save(self, pair: TokenPair) -> None: ...

    def try_lock(self, owner: str, ttl_seconds: float) -> bool:
        """Take the refresh lease unless another owner holds an unexpired one."""

    def unlock(self, owner: str) -> None:
        """Give the lease back if ``owner`` still holds it."""


class RedisTokenStore:
    """The pair as one JSON value (written atomically); the lease is ``SET NX PX`` with an owner check on release."""

    _RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"

    def __init__(self, client: redis.Redis, app_id: str, prefix: str = "motcua:zalo:tokens:"):
        self.client = client
        self.key = f"{prefix}{app_id}"
        self.lock_key = f"{self.key}:refresh-lock"

    def load(self) -> TokenPair | None:
        raw = self.client.get(self.key)
        return TokenPair(**json.loads(raw)) if raw else None

    def save(self, pair: TokenPair) -> None:
        self.client.set(self.key, json.dumps(asdict(pair)))

    def try_lock(self, owner: str, ttl_seconds: float) -> bool:
        return bool(self.client.set(self.lock_key, owner, nx=True, px=int(ttl_seconds * 1000)))

    def unlock(self, owner: str) -> None:
        self.client.eval(self._RELEASE, 1, self.lock_key, owner)


class SQLTokenStore:
    """One row per app; the lease is a conditional UPDATE, atomic in SQLite and PostgreSQL alike."""

    def __init__(self, engine: Engine, app_id: str, clock=time.time):
        self.engine, self.app_id, self.clock = engine, app_id, clock

    def load(self) -> TokenPair | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(oa_tokens).where(oa_tokens.c.app_id == self.app_id)).mappings().first()
        if row is None or not row["refresh_token"]:
            return None
        return TokenPair(row["access_token"], row["refresh_token"], row["expires_at"], row["seed"])

    def save(self, pair: TokenPair) -> None:
        values = {**asdict(pair), "updated_at": self.clock()}
        with self.engine.begin() as conn:
            if self._update(conn, values):
                return
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(oa_tokens).values(app_id=self.app_id, **values))
        except IntegrityError:  # another replica inserted first: overwrite, the newer pair wins
            with self.engine.begin() as conn:
                self._update(conn, values)

    def try_lock(self, owner: str, ttl_seconds: float) -> bool:
        now = self.clock()
        self._ensure_row()
        with self.engine.begin() as conn:
            result = conn.execute(
                update(oa_tokens)
                .where(oa_tokens.c.app_id == self.app_id)
                .where((oa_tokens.c.lock_until.is_(None)) | (oa_tokens.c.lock_until < now))
                .values(lock_owner=owner, lock_until=now + ttl_seconds)
            )
        return result.rowcount == 1

    def unlock(self, owner: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(oa_tokens)
                .where(oa_tokens.c.app_id == self.app_id, oa_tokens.c.lock_owner == owner)
                .values(lock_owner=None, lock_until=None)
            )

    def _update(self, conn, values: dict) -> bool:
        result = conn.execute(update(oa_tokens).where(oa_tokens.c.app_id == self.app_id).values(**values))
        return result.rowcount == 1

    def _ensure_row(self) -> None:
        """The lease lives on the app's row, so an empty store gets a placeholder row (no tokens) first."""
        with self.engine.connect() as conn:
            if conn.execute(select(oa_tokens.c.app_id).where(oa_tokens.c.app_id == self.app_id)).first():
                return
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(oa_tokens).values(
                        app_id=self.app_id, access_token="", refresh_token="", seed="", updated_at=self.clock()
                    )
                )
        except IntegrityError:
            pass


def open_token_store(url: str, app_id: str) -> TokenStore:
    """The store for a state URL (see ``zalo_storage``)."""
    if is_redis_url(url):
        return RedisTokenStore(redis_client(url), app_id)
    return SQLTokenStore(sql_engine(url), app_id)
