"""Where Rasa keeps conversations and locks, chosen by environment variables (``endpoints.yml``).

Rasa's ``endpoints.yml`` can read a variable but cannot fall back when it is unset, and one file must
serve ``make run`` and the tests (everything in memory) as well as production (several Rasa replicas that
share one conversation store and one lock store). So ``endpoints.yml`` names these classes, and each
builds the store the environment asks for:

- ``RASA_TRACKER_STORE_URL`` (``postgresql://user:password@host:5432/rasa``): Rasa's SQL tracker store,
  **redacted** (``stores.redaction.RedactingSQLTrackerStore``), in its own database, created on first start
  (through the ``postgres`` maintenance database). Unset: the redacted in-memory store. Either forwards each
  citizen turn, masked, to the app's insights (``stores/turns.py``) when ``MOTCUA_TURNS_API_KEY`` is set.
- ``RASA_LOCK_STORE_URL`` (``redis://[:password@]host:6379/1``): Rasa's Redis lock store, so two replicas
  never handle one conversation's messages at the same time. Unset: in memory (one replica only). Both are
  Rasa's stores with one repair (``stores/locks.py``): a message waiting behind a replica that died is served.
- ``RABBITMQ_URL`` (``amqp://user:password@host:5672/``): Rasa's Pika event broker publishes every event to
  the ``RABBITMQ_QUEUE`` queue (``rasa_events``) for analytics. Unset: no broker.

Each class's constructor returns an instance of Rasa's own store (``__new__``): Rasa loads a custom store by
calling its class, and the stores themselves stay Rasa's, tested upstream (the lock stores with one repair,
``stores/locks.py``).
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import unquote, urlsplit

from rasa.core.brokers.broker import EventBroker
from rasa.core.lock_store import LockStore
from rasa.core.tracker_store import TrackerStore

from stores.locks import RenewingInMemoryLockStore, RenewingRedisLockStore
from stores.turns import ForwardingSQLTrackerStore, ForwardingTrackerStore

TRACKER_STORE_URL = "RASA_TRACKER_STORE_URL"
LOCK_STORE_URL = "RASA_LOCK_STORE_URL"
BROKER_URL = "RABBITMQ_URL"
BROKER_QUEUE = "RABBITMQ_QUEUE"


def _url(variable: str) -> Any:
    value = os.environ.get(variable, "").strip()
    return urlsplit(value) if value else None


class ConfiguredTrackerStore:
    """The redacted SQL store when ``RASA_TRACKER_STORE_URL`` is set, else the redacted in-memory store."""

    def __new__(
        cls, host: str | None = None, domain: Any = None, event_broker: Any = None, **kwargs: Any
    ) -> TrackerStore:
        url = _url(TRACKER_STORE_URL)
        if url is None:
            return ForwardingTrackerStore(domain, event_broker, **kwargs)
        if not url.scheme.startswith("postgres"):
            raise ValueError(f"{TRACKER_STORE_URL} must be a postgresql:// URL")
        return ForwardingSQLTrackerStore(
            domain=domain,
            dialect="postgresql",
            host=url.hostname or "127.0.0.1",
            port=url.port or 5432,
            db=url.path.lstrip("/") or "rasa",
            username=unquote(url.username) if url.username else None,
            password=unquote(url.password) if url.password else None,
            # The database is created on first start from this one (Rasa's SQLTrackerStore).
            login_db=os.environ.get("RASA_TRACKER_STORE_LOGIN_DB", "postgres"),
            event_broker=event_broker,
            **kwargs,
        )


class ConfiguredLockStore:
    """Rasa's Redis lock store when ``RASA_LOCK_STORE_URL`` is set, else the in-memory one (stores/locks.py)."""

    def __new__(cls, endpoint_config: Any = None) -> LockStore:
        url = _url(LOCK_STORE_URL)
        if url is None:
            return RenewingInMemoryLockStore()
        if url.scheme not in ("redis", "rediss"):
            raise ValueError(f"{LOCK_STORE_URL} must be a redis:// URL")
        return RenewingRedisLockStore(
            host=url.hostname or "127.0.0.1",
            port=url.port or 6379,
            db=int(url.path.lstrip("/") or 1),
            username=unquote(url.username) if url.username else None,
            password=unquote(url.password) if url.password else None,
            use_ssl=url.scheme == "rediss",
            key_prefix=os.environ.get("RASA_LOCK_KEY_PREFIX") or None,
        )


class ConfiguredEventBroker(EventBroker):
    """Rasa's Pika event broker when ``RABBITMQ_URL`` is set, else none."""

    @classmethod
    async def from_endpoint_config(cls, broker_config: Any, event_loop: Any = None) -> EventBroker | None:
        url = _url(BROKER_URL)
        if url is None:
            return None
        from rasa.core.brokers.pika import PikaEventBroker

        broker = PikaEventBroker(
            url.hostname or "127.0.0.1",
            unquote(url.username or "guest"),
            unquote(url.password or "guest"),
            port=url.port or 5672,
            queues=[os.environ.get(BROKER_QUEUE, "rasa_events")],
            event_loop=event_loop,
        )
        await broker.connect()
        return broker
