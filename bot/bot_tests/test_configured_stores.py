"""endpoints.yml picks Rasa's stores from the environment (stores/configured.py): in memory when nothing is
set, the redacted SQL tracker store on PostgreSQL and the Redis lock store when asked. A conversation kept in
PostgreSQL survives a restart: a second agent, built from the same endpoints.yml, carries on where the first
stopped, and the stored rows still hide the phone digits."""

from __future__ import annotations

import asyncio
import json
import socket
import uuid

import pytest
import sqlalchemy as sa
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
from rasa.core.tracker_store import TrackerStore
from rasa.utils.endpoints import EndpointConfig, read_endpoint_config
from stores.redaction import RedactingSQLTrackerStore, RedactingTrackerStore

from bot_tests.conftest import BOT, recorded

CODE = "000.00.12.H62-260302-0001"
PG = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)


def answers(address: tuple[str, int]) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(address) == 0


needs_pg = pytest.mark.skipif(not answers(PG), reason="PostgreSQL does not answer on 127.0.0.1:5432")
needs_redis = pytest.mark.skipif(not answers(REDIS), reason="Redis does not answer on 127.0.0.1:6379")


@pytest.fixture
def endpoints(monkeypatch):
    monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://127.0.0.1:1/webhook")
    monkeypatch.setenv("ACTION_SERVER_TOKEN", "t")
    for variable in ("RASA_TRACKER_STORE_URL", "RASA_LOCK_STORE_URL", "RABBITMQ_URL"):
        monkeypatch.delenv(variable, raising=False)
    return lambda section: read_endpoint_config(str(BOT / "endpoints.yml"), section)


def test_nothing_set_keeps_conversations_and_locks_in_memory_redacted(endpoints):
    store = TrackerStore.create(endpoints("tracker_store"))
    assert isinstance(store, RedactingTrackerStore)
    assert isinstance(LockStore.create(endpoints("lock_store")), InMemoryLockStore)


@needs_redis
def test_a_redis_url_gives_rasa_s_redis_lock_store_shared_by_replicas(endpoints, monkeypatch):
    monkeypatch.setenv("RASA_LOCK_STORE_URL", "redis://127.0.0.1:6379/1")
    monkeypatch.setenv("RASA_LOCK_KEY_PREFIX", f"test{uuid.uuid4().hex[:8]}")
    first, second = (LockStore.create(endpoints("lock_store")) for _ in range(2))
    assert isinstance(first, RedisLockStore)
    ticket = first.issue_ticket("citizen-1")
    # The second replica sees the ticket the first one took: its own comes after, so it waits its turn.
    assert second.get_lock("citizen-1").last_issued == ticket
    assert second.issue_ticket("citizen-1") == ticket + 1
    first.delete_lock("citizen-1")


@pytest.fixture
def tracker_db(endpoints, monkeypatch):
    name = f"rasa_test_{uuid.uuid4().hex[:10]}"
    monkeypatch.setenv("RASA_TRACKER_STORE_URL", f"postgresql://postgres@127.0.0.1:5432/{name}")
    yield name
    engine = sa.create_engine("postgresql://postgres@127.0.0.1:5432/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@needs_pg
async def test_a_conversation_in_postgresql_survives_a_restart(
    endpoints, tracker_db, rules_model, action_server, fake_app
):
    fake_app.answer_recorded("GET", f"/api/v1/dossiers/{CODE}", "dossier_public")
    fake_app.answer_recorded("POST", f"/api/v1/dossiers/{CODE}/verify", "dossier_supplement_verified")

    def start() -> tuple[Agent, RedactingSQLTrackerStore]:
        """What `rasa run` does with endpoints.yml: the store it names, then the model."""
        store = TrackerStore.create(endpoints("tracker_store"))
        assert isinstance(store, RedactingSQLTrackerStore)
        return Agent.load(rules_model, action_endpoint=EndpointConfig(action_server), tracker_store=store), store

    async def say(agent: Agent, text: str) -> list[dict]:
        output = CollectingOutputChannel()
        await agent.handle_message(UserMessage(text, output, "citizen-7", input_channel="rest"))
        return output.messages

    first, first_store = start()
    await say(first, f'/give_dossier_code{{"dossier_code":"{CODE}"}}')
    first_store.engine.dispose()  # the replica stops

    second, store = start()  # a restarted (or another) replica asks for the phone digits of the same dossier
    replies = await say(second, '/give_dossier_code{"phone_last4":"5678"}')
    assert "Nguyễn Văn An" in replies[0]["text"]  # it still knew which dossier: the code came from the first

    with store.engine.connect() as connection:
        rows = [row[0] for row in connection.execute(sa.text("SELECT data FROM events WHERE sender_id = 'citizen-7'"))]
    stored = json.dumps(rows, ensure_ascii=False)
    assert CODE in stored and "5678" not in stored and "Nguyễn Văn An" not in stored
    assert recorded("dossier_supplement_verified")[1]["rating_token"] in stored
    store.engine.dispose()


RABBITMQ = ("127.0.0.1", 5672)


@pytest.mark.skipif(not answers(RABBITMQ), reason="RabbitMQ does not answer on 127.0.0.1:5672")
async def test_rabbitmq_url_publishes_rasa_s_events_to_the_queue(endpoints, monkeypatch):
    import aio_pika
    from rasa.core.brokers.broker import EventBroker

    queue = f"rasa_events_test_{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/")
    monkeypatch.setenv("RABBITMQ_QUEUE", queue)
    broker = await EventBroker.create(endpoints("event_broker"))
    assert broker is not None and broker.is_ready()
    broker.publish({"event": "user", "sender_id": "citizen-3", "text": "xin chào"})

    connection = await aio_pika.connect_robust("amqp://guest:guest@127.0.0.1:5672/")
    channel = await connection.channel()
    declared = await channel.declare_queue(queue, durable=True)
    message = None
    for _ in range(50):
        message = await declared.get(no_ack=True, fail=False)
        if message:
            break
        await asyncio.sleep(0.1)
    await declared.delete(if_unused=False, if_empty=False)
    await connection.close()
    await broker.close()
    assert message is not None and json.loads(message.body)["sender_id"] == "citizen-3"


async def test_no_rabbitmq_url_means_no_broker(endpoints):
    from rasa.core.brokers.broker import EventBroker

    assert await EventBroker.create(endpoints("event_broker")) is None


async def _take_turn(store: LockStore, conversation: str) -> None:
    """One message's turn on a conversation, with tickets that live 1 s polled every 1.5 s: a ticket taken
    shortly after another expires by the same poll as it."""
    async with store.lock(conversation, lock_lifetime=1, wait_time_in_seconds=1.5):
        pass


@pytest.mark.parametrize("backend", ["memory", pytest.param("redis", marks=needs_redis)])
async def test_a_message_waiting_behind_a_replica_that_died_is_served_once_that_replica_s_ticket_expires(
    endpoints, monkeypatch, backend
):
    """A replica killed while it handled a conversation never hands its ticket back. The citizen's message,
    sent again to another replica less than one polling interval later, must be served when the dead
    ticket expires. Rasa's own loop drops both tickets in the same poll and then waits for a turn that
    never comes (seen in the loopback cluster: the retried message timed out after 60 s)."""
    if backend == "redis":
        monkeypatch.setenv("RASA_LOCK_STORE_URL", "redis://127.0.0.1:6379/1")
        monkeypatch.setenv("RASA_LOCK_KEY_PREFIX", f"test{uuid.uuid4().hex[:8]}")
    store = LockStore.create(endpoints("lock_store"))
    store.issue_ticket("citizen-9", lock_lifetime=1)  # the dead replica's ticket, never cleaned up
    await asyncio.sleep(0.2)

    await asyncio.wait_for(_take_turn(store, "citizen-9"), timeout=6)
    # Served, and its ticket given back: the next message of the conversation is served at once.
    await asyncio.wait_for(_take_turn(store, "citizen-9"), timeout=1)
    store.delete_lock("citizen-9")


async def test_a_waiting_message_is_served_when_another_replica_deleted_the_emptied_lock(endpoints):
    """Another replica that finishes last deletes a conversation's lock when no ticket is left in it; a
    message whose own ticket had expired meanwhile takes a new one instead of failing (Rasa: LockError)."""
    store = LockStore.create(endpoints("lock_store"))
    store.issue_ticket("citizen-10", lock_lifetime=1)  # a dead replica's ticket

    waiting = asyncio.ensure_future(_take_turn(store, "citizen-10"))
    await asyncio.sleep(1.2)  # both tickets expired; the lock is emptied and deleted by someone else
    store.delete_lock("citizen-10")
    await asyncio.wait_for(waiting, timeout=6)
