"""Rasa's lock stores, without the hang that follows a replica's death.

Replicas take turns on a conversation with tickets (``rasa.core.lock``): each message takes a numbered
ticket that expires after ``TICKET_LOCK_LIFETIME`` seconds and waits, polling, until its number is the
lowest live one. A replica killed while handling a conversation never gives its ticket back; the citizen's
message, sent again to another replica, waits for that ticket to expire. Rasa's loop removes expired
tickets only when it polls (every second), and the waiting ticket, taken a moment after the dead one,
expires a moment after it: when both have expired by the same poll, the waiting message's own ticket is
gone, no live ticket is lowest, and it waits for a turn that never comes (in the loopback cluster the
retried message timed out after 60 s). Here a message whose ticket expired while it waited takes a new
one, behind any live tickets, so it is served as soon as nobody alive is ahead of it; so does one whose
emptied lock another replica deleted meanwhile (Rasa raised LockError: the citizen got a 500).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockStore, RedisLockStore


class _RenewedTickets(LockStore):
    """``lock`` as Rasa's, except that an expired ticket of a waiting message is renewed."""

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncGenerator[TicketLock, None]:
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        try:
            while True:
                lock = self.get_lock(conversation_id)
                if lock is not None and not lock.is_locked(ticket):
                    break
                # Expired while waiting, or the emptied lock deleted by the replica that finished last.
                if lock is None or all(live.number != ticket for live in lock.tickets):
                    ticket = self.issue_ticket(conversation_id, lock_lifetime)
                    continue
                await asyncio.sleep(wait_time_in_seconds)
                self.update_lock(conversation_id)
            yield lock
        finally:
            self.cleanup(conversation_id, ticket)


class RenewingRedisLockStore(_RenewedTickets, RedisLockStore):
    """Rasa's Redis lock store (replicas share it), with renewed tickets."""


class RenewingInMemoryLockStore(_RenewedTickets, InMemoryLockStore):
    """Rasa's in-memory lock store (one replica), with renewed tickets."""
