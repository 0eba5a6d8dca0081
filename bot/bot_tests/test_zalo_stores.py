"""The durable stores behind the channel, on SQLite and on Redis (the Redis at ZALO_TEST_REDIS_URL,
default 127.0.0.1:6379 db 15, when one answers)."""

from __future__ import annotations

import os
import time
import uuid

import pytest
import redis
from channels.zalo_dedup import RedisSeenEvents, SQLSeenEvents, open_seen_events
from channels.zalo_storage import redis_client, resolve_state_url, sql_engine
from channels.zalo_tokens import RedisTokenStore, SQLTokenStore, TokenPair, open_token_store

REDIS_URL = os.environ.get("ZALO_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


needs_redis = pytest.mark.skipif(not _redis_answers(), reason=f"no Redis at {REDIS_URL}")


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=needs_redis)])
def backend(request, tmp_path):
    """Builds stores on one backend; two stores from one backend share state, like two replicas."""
    if request.param == "sqlite":
        engine = sql_engine(f"sqlite:///{tmp_path}/zalo-state.db")
        yield {"seen": lambda: SQLSeenEvents(engine), "tokens": lambda: SQLTokenStore(engine, "app-1")}
        return
    client, prefix = redis_client(REDIS_URL), f"motcua-test:{uuid.uuid4().hex}:"
    yield {
        "seen": lambda: RedisSeenEvents(client, prefix=prefix + "seen:"),
        "tokens": lambda: RedisTokenStore(client, "app-1", prefix=prefix + "tokens:"),
    }
    for key in client.scan_iter(prefix + "*"):
        client.delete(key)


PAIR = TokenPair("at-1", "rt-1", 1_900_000_000.0, "seed-a")


def test_an_event_key_is_new_once_for_all_replicas(backend):
    first, second = backend["seen"](), backend["seen"]()
    assert first.first_sighting("msg:1") is True
    assert second.first_sighting("msg:1") is False
    assert first.first_sighting("msg:1") is False
    assert second.first_sighting("msg:2") is True


def test_token_pair_written_by_one_replica_is_read_by_another(backend):
    writer, reader = backend["tokens"](), backend["tokens"]()
    assert reader.load() is None
    writer.save(PAIR)
    assert reader.load() == PAIR
    rotated = TokenPair("at-2", "rt-2", None, "seed-a")
    reader.save(rotated)
    assert writer.load() == rotated


def test_refresh_lease_is_exclusive_until_released(backend):
    one, other = backend["tokens"](), backend["tokens"]()
    assert one.try_lock("owner-1", 30)
    assert not other.try_lock("owner-2", 30)
    other.unlock("owner-2")  # not the holder: no effect
    assert not other.try_lock("owner-2", 30)
    one.unlock("owner-1")
    assert other.try_lock("owner-2", 30)


def test_lease_of_a_crashed_holder_expires(tmp_path):
    engine = sql_engine(f"sqlite:///{tmp_path}/zalo-state.db")
    now = [1000.0]
    store = SQLTokenStore(engine, "app-1", clock=lambda: now[0])
    assert store.try_lock("crashed", 30)
    now[0] += 31
    assert store.try_lock("next", 30)


@needs_redis
def test_redis_lease_expires_by_itself():
    store = RedisTokenStore(redis_client(REDIS_URL), uuid.uuid4().hex, prefix="motcua-test:")
    assert store.try_lock("crashed", 0.05)
    time.sleep(0.1)
    assert store.try_lock("next", 30)
    store.unlock("next")


def test_seen_events_are_forgotten_after_their_ttl_on_sql(tmp_path):
    engine = sql_engine(f"sqlite:///{tmp_path}/zalo-state.db")
    now = [1000.0]
    seen = SQLSeenEvents(engine, ttl_seconds=60, clock=lambda: now[0])
    assert seen.first_sighting("msg:1")
    now[0] += 61
    assert seen.first_sighting("msg:2")  # prunes msg:1
    assert seen.first_sighting("msg:1")


def test_sqlite_state_file_is_private(tmp_path):
    sql_engine(f"sqlite:///{tmp_path}/private/zalo-state.db")
    assert (tmp_path / "private" / "zalo-state.db").stat().st_mode & 0o077 == 0


def test_state_url_falls_back_to_redis_url_then_to_the_instance_file(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://cache:6379/2")
    assert resolve_state_url("postgresql://db/motcua") == "postgresql://db/motcua"
    assert resolve_state_url("") == "redis://cache:6379/2"
    monkeypatch.delenv("REDIS_URL")
    assert resolve_state_url(None).endswith("/instance/zalo-state.db")


def test_urls_pick_the_backend(tmp_path):
    url = f"sqlite:///{tmp_path}/zalo-state.db"
    assert isinstance(open_seen_events(url), SQLSeenEvents)
    assert isinstance(open_token_store(url, "app-1"), SQLTokenStore)
    assert isinstance(open_seen_events("redis://127.0.0.1:6379/15"), RedisSeenEvents)
    assert isinstance(open_token_store("redis://127.0.0.1:6379/15", "app-1"), RedisTokenStore)
