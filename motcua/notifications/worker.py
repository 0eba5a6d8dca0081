"""The notification worker: turns queued notifications into messages and delivers them.

Exactly once, step by step:
1. pending notifications of one recipient are merged into one ``Delivery`` whose key is derived from
   their keys, committed before anything is sent (a notification belongs to one delivery only);
2. before calling the provider the delivery is marked ``sending`` and committed, after the call
   ``sent`` with the provider's message id;
3. a worker that starts and finds a delivery still ``sending`` knows it died between 2's two commits.
   A provider that deduplicates by key (SMS gateway, web widget) gets the same key again, so the
   citizen sees one message. Zalo cannot deduplicate and cannot be asked whether a message arrived,
   so such a delivery is marked ``unconfirmed`` and never resent: a missed message is listed for the
   managers, a doubled one could not be taken back.

One worker runs at a time (the systemd unit); two would each find the other's ``sending`` deliveries.
Quiet hours and the daily limit hold notifications as ``pending``, to be merged into the next message.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import Session, aliased

from motcua.dossiers.models import Dossier
from motcua.notifications.models import (
    CANCELLED,
    CHAT_KEY_PREFIX,
    FAILED,
    PENDING,
    RETRY,
    SENDING,
    SENT,
    UNCONFIRMED,
    Delivery,
    Follow,
    Notification,
)
from motcua.notifications.providers import Message, Provider, SendError
from motcua.notifications.wording import message_text

INTERRUPTED = "Máy gửi dừng giữa lúc gửi; kênh không cho kiểm tra nên không gửi lại"


@dataclass(frozen=True)
class Policy:
    quiet_from: time = time(21, 0)
    quiet_until: time = time(7, 0)
    daily_limit: int = 3
    max_attempts: int = 6
    backoff: timedelta = timedelta(seconds=30)
    backoff_cap: timedelta = timedelta(hours=2)
    # Messages in flight at once. A crash can leave at most this many ``sending``: resent by key where
    # the provider deduplicates, else listed as unconfirmed (never sent twice).
    batch: int = 8
    parallel: int = 8

    def quiet(self, now: datetime) -> bool:
        """21:00–07:00 local time: nothing is sent, notifications wait for the morning (equal bounds: never)."""
        if self.quiet_from == self.quiet_until:
            return False
        return now.time() >= self.quiet_from or now.time() < self.quiet_until

    def next_attempt(self, now: datetime, attempts: int) -> datetime:
        """Exponential backoff: 30 s, 1 min, 2 min, … capped at two hours."""
        return now + min(self.backoff * 2 ** (attempts - 1), self.backoff_cap)


def recover_interrupted(session: Session, providers: Mapping[str, Provider], now: datetime) -> Counter:
    """Deliveries a killed worker left ``sending`` (see the module's docstring); call once at start."""
    counts: Counter = Counter()
    for delivery in session.scalars(select(Delivery).where(Delivery.status == SENDING)):
        provider = providers.get(delivery.channel)
        if provider is not None and provider.deduplicates:
            delivery.status, delivery.next_attempt_at = RETRY, now
            counts["resent"] += 1
        else:
            _finish(
                session, delivery, UNCONFIRMED, "Máy gửi dừng giữa lúc gửi; kênh không cho kiểm tra nên không gửi lại"
            )
            counts["unconfirmed"] += 1
    session.commit()
    return counts


def run_once(session: Session, providers: Mapping[str, Provider], now: datetime, policy: Policy = Policy()) -> Counter:
    """One pass: merge what is pending into deliveries, then attempt every delivery that is due, a
    batch at a time (marked ``sending`` in one commit, sent in parallel, outcomes stored in one commit)."""
    counts: Counter = Counter()
    if policy.quiet(now):
        return counts
    counts["merged"] = _make_deliveries(session, now, policy)
    session.commit()
    due = session.scalars(
        select(Delivery.id)
        .where(Delivery.status == RETRY, Delivery.next_attempt_at <= now, ~_older_unsent_exists())
        .order_by(Delivery.id)
    ).all()
    with ThreadPoolExecutor(max_workers=policy.parallel) as pool:
        for start in range(0, len(due), policy.batch):
            batch = session.scalars(select(Delivery).where(Delivery.id.in_(due[start : start + policy.batch]))).all()
            counts.update(_attempt(session, batch, providers, now, policy, pool))
    return counts


def run_forever(
    session_factory: Callable[[], Session],
    providers: Mapping[str, Provider],
    clock: Callable[[], datetime],
    sleep: Callable[[float], None],
    interval: float,
    policy: Policy = Policy(),
) -> None:
    with session_factory() as session:
        recover_interrupted(session, providers, clock())
    while True:
        with session_factory() as session:
            counts = run_once(session, providers, clock(), policy)
        if not counts.get("sent") and not counts.get("retry"):
            sleep(interval)


def _older_unsent_exists():
    """A recipient's messages go out in the order they were made (a conversation with an officer is a
    sequence): a message waits while an older one to the same recipient is still to be sent or retried."""
    older = aliased(Delivery)
    return (
        exists()
        .where(older.channel == Delivery.channel, older.recipient == Delivery.recipient, older.id < Delivery.id)
        .where(older.status.in_((RETRY, SENDING)))
    )


def _make_deliveries(session: Session, now: datetime, policy: Policy) -> int:
    """Pending notifications grouped by recipient, each group one delivery (unless the day's limit is
    reached); notifications of stopped follows are cancelled."""
    rows = session.execute(
        select(Notification, Follow, Dossier.code, Dossier.result_delivery)
        .join(Follow, Notification.follow_id == Follow.id)
        .join(Dossier, Follow.dossier_id == Dossier.id)
        .where(Notification.status == PENDING)
        .order_by(Notification.state_at, Notification.id)
    ).all()
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for notification, follow, code, delivery in rows:
        if follow.stopped_at is not None:
            notification.status = CANCELLED
            continue
        groups[(follow.channel, follow.recipient)].append((notification, follow, code, delivery))
    sent_today = _sent_today(session, now)
    made = 0
    for (channel, recipient), items in groups.items():
        if sent_today.get((channel, recipient), 0) >= policy.daily_limit:
            continue  # held until tomorrow, merged with whatever comes meanwhile
        keys = sorted(notification.key for notification, *_ in items)
        delivery = Delivery(
            key=hashlib.sha256("|".join(keys).encode()).hexdigest()[:64],
            channel=channel,
            recipient=recipient,
            text=message_text([(code, n.state, result or "tai_quay") for n, _, code, result in items], channel),
            status=RETRY,
            attempts=0,
            created_at=now,
            next_attempt_at=now,
            error="",
        )
        session.add(delivery)
        for notification, *_ in items:
            notification.delivery, notification.status = delivery, SENDING
        made += 1
    return made


def _sent_today(session: Session, now: datetime) -> dict[tuple[str, str], int]:
    """Dossier messages made today per (channel, recipient): each counts towards the daily limit once made.
    A conversation with an officer is not dossier news and does not use the day's messages up."""
    start = datetime.combine(now.date(), time())
    query = (
        select(Delivery.channel, Delivery.recipient, func.count())
        .where(Delivery.created_at >= start, Delivery.status.not_in([FAILED, CANCELLED]))
        .where(~Delivery.key.startswith(CHAT_KEY_PREFIX, autoescape=True))
        .group_by(Delivery.channel, Delivery.recipient)
    )
    return {(channel, recipient): count for channel, recipient, count in session.execute(query)}


def _attempt(
    session: Session,
    batch: list[Delivery],
    providers: Mapping[str, Provider],
    now: datetime,
    policy: Policy,
    pool: ThreadPoolExecutor,
) -> Counter:
    counts: Counter = Counter()
    sendable = []
    for delivery in batch:
        if delivery.channel in providers:
            delivery.status, delivery.attempts = SENDING, delivery.attempts + 1
            sendable.append(delivery)
        else:
            _finish(session, delivery, FAILED, f"Chưa cấu hình kênh gửi '{delivery.channel}'")
            counts["failed"] += 1
    session.commit()  # from here a crash leaves ``sending``: recover_interrupted decides by the key
    last_seen = _last_seen(session, sendable)
    messages = [
        Message(d.recipient, d.text, d.key, last_seen.get((d.channel, d.recipient)) or d.created_at) for d in sendable
    ]
    sent: list[int] = []
    outcomes = pool.map(
        lambda pair: _send(providers[pair[0].channel], pair[1], now), zip(sendable, messages, strict=True)
    )
    for delivery, outcome in zip(sendable, outcomes, strict=True):
        if isinstance(outcome, SendError):
            counts[_failed_attempt(session, delivery, outcome, now, policy)] += 1
            continue
        delivery.provider_message_id, delivery.sent_at = outcome[:100], now
        delivery.status, delivery.error = SENT, ""
        sent.append(delivery.id)
    if sent:
        session.execute(update(Notification).where(Notification.delivery_id.in_(sent)).values(status=SENT))
    counts["sent"] += len(sent)
    session.commit()
    return counts


def _send(provider: Provider, message: Message, now: datetime) -> str | SendError:
    try:
        return provider.send(message, now)
    except SendError as exc:
        return exc


def _last_seen(session: Session, deliveries: list[Delivery]) -> dict[tuple[str, str], datetime]:
    """When each recipient last wrote on its channel (Zalo's consultation window)."""
    recipients = {d.recipient for d in deliveries}
    if not recipients:
        return {}
    query = (
        select(Follow.channel, Follow.recipient, func.max(Follow.last_seen_at))
        .where(Follow.recipient.in_(recipients))
        .group_by(Follow.channel, Follow.recipient)
    )
    return {(channel, recipient): seen for channel, recipient, seen in session.execute(query)}


def _failed_attempt(session: Session, delivery: Delivery, exc: SendError, now: datetime, policy: Policy) -> str:
    delivery.error = exc.reason
    if exc.retryable and delivery.attempts < policy.max_attempts:
        delivery.status, delivery.next_attempt_at = RETRY, policy.next_attempt(now, delivery.attempts)
        return "retry"
    _finish(session, delivery, FAILED, exc.reason)
    if exc.stop_following:
        session.execute(
            update(Follow)
            .where(Follow.channel == delivery.channel, Follow.recipient == delivery.recipient)
            .where(Follow.stopped_at.is_(None))
            .values(stopped_at=now)
        )
    return "failed"


def _finish(session: Session, delivery: Delivery, status: str, error: str) -> None:
    delivery.status, delivery.error = status, error[:255]
    session.execute(update(Notification).where(Notification.delivery_id == delivery.id).values(status=status))
