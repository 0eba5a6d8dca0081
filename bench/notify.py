"""Notification benchmark (prints figures; not a test).

``--followers`` dossiers (default 5,000), each followed on Zalo by its own citizen, go through
``--changes`` state changes (default 10,000) by ``import-dossiers`` in rounds of one change per
dossier, each round also replayed once (a replay must notify nobody). After each round one worker
(``run_once``, the loop of ``flask notify-worker``) delivers to the fake Zalo API over HTTP. Then it
checks that every change reached its follower exactly once, none lost, none doubled, and prints the
delivery throughput.

Usage: ``.venv/bin/python bench/notify.py [--followers 5000] [--changes 10000]``
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

from motcua.catalogue.models import Procedure
from motcua.db import make_engine, make_session_factory
from motcua.dossiers.codes import format_code
from motcua.dossiers.importer import import_dossiers
from motcua.dossiers.models import Dossier
from motcua.models import Base
from motcua.notifications.models import Delivery, Follow, Notification
from motcua.notifications.providers import ZaloProvider
from motcua.notifications.worker import Policy, run_once
from motcua.units import save_unit

ROOT = Path(__file__).resolve().parent.parent
# bench/bot.py shadows the bot/ folder here, so the fake Zalo API is loaded by its path.
_spec = importlib.util.spec_from_file_location("fake_zalo", ROOT / "bot" / "bot_tests" / "fake_zalo.py")
fake_zalo = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fake_zalo)
running_fake_zalo = fake_zalo.running_fake_zalo

UNIT = "000.00.12.H62"
RECEIVED = datetime(2026, 3, 2, 8, 0)
STATES = [4, 5, 6, 9, 10]  # processing, supplement, fees, resolved, returned: one per round


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--followers", type=int, default=5000)
    parser.add_argument("--changes", type=int, default=10_000)
    args = parser.parse_args()
    rounds = -(-args.changes // args.followers)
    if rounds > len(STATES):
        parser.error(f"at most {len(STATES)} changes per follower")
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp, FakeZaloProcess() as zalo:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        Base.metadata.create_all(engine)
        sessions = make_session_factory(engine)
        codes = build(sessions, args.followers)
        providers = {"zalo": ZaloProvider(zalo.url, "at-0", "tpl-1", timedelta(hours=48))}
        policy = Policy(daily_limit=len(STATES))
        changed = delivering = 0.0
        done = 0
        for number in range(rounds):
            batch = codes[: min(args.followers, args.changes - done)]
            moment = RECEIVED + timedelta(hours=number + 1)
            rows = [
                (line, {**record(code), "state": STATES[number], "state_at": moment}) for line, code in enumerate(batch)
            ]
            started = time.perf_counter()
            with sessions() as session:
                for _ in range(2):  # the round, then the same round replayed: nothing new to tell
                    assert not import_dossiers(session, rows).rejected
            changed += time.perf_counter() - started
            started = time.perf_counter()
            with sessions() as session:
                run_once(session, providers, moment + timedelta(minutes=5), policy)
            delivering += time.perf_counter() - started
            done += len(batch)
        sent = zalo.sent()
        with sessions() as session:
            verdict = check(session, sent, done)
        print(f"{done:,} state changes of {args.followers:,} followed dossiers (and {done:,} replays)")
        print(f"  stored with their outbox rows by import-dossiers: {done * 2 / changed:,.0f} rows/s")
        print(f"  delivered by one worker to the fake Zalo API: {len(sent) / delivering:,.0f} messages/s")
        print(f"  {verdict}")
        engine.dispose()


class FakeZaloProcess:
    """The fake Zalo API in its own process, so that its HTTP handling does not share the worker's GIL."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self._urls, self._sent, self._stop = context.Queue(), context.Queue(), context.Event()
        self._process = context.Process(target=self._serve, daemon=True)
        self.url = ""

    def _serve(self) -> None:
        with running_fake_zalo() as fake:
            self._urls.put(fake.url)
            self._stop.wait()
            self._sent.put(fake.sent)

    def sent(self) -> list[dict]:
        """What Zalo accepted (stops the fake)."""
        self._stop.set()
        return self._sent.get(timeout=60)

    def __enter__(self) -> FakeZaloProcess:
        self._process.start()
        self.url = self._urls.get(timeout=30)
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._process.join(10)


def build(sessions, count: int) -> list[str]:
    """One unit, one procedure, ``count`` received dossiers, each followed by one Zalo user."""
    with sessions() as session:
        save_unit(session, UNIT, "Bộ phận Một cửa xã", "xa")
        session.add(
            Procedure(
                code="1.000001",
                name="Thủ tục thử",
                levels=["xa"],
                updated_at=RECEIVED,
                channels=[{"channel": "truc_tiep", "processing_days": 5}],
            )
        )
        session.commit()
        codes = [format_code(UNIT, RECEIVED.date(), number + 1) for number in range(count)]
        rows = [
            (
                line,
                {
                    "code": code,
                    "procedure_code": "1.000001",
                    "applicant_name": "Nguyễn Văn An",
                    "received_at": RECEIVED,
                    "state": 2,
                },
            )
            for line, code in enumerate(codes)
        ]
        import_dossiers(session, rows)
        ids = session.scalars(select(Dossier.id).order_by(Dossier.id)).all()
        follows = [
            {
                "dossier_id": dossier_id,
                "channel": "zalo",
                "recipient": f"zalo-user-{dossier_id}",
                "created_at": RECEIVED,
                "last_seen_at": RECEIVED,
            }
            for dossier_id in ids
        ]
        session.execute(insert(Follow), follows)
        session.commit()
    return codes


def record(code: str) -> dict:
    return {
        "code": code,
        "procedure_code": "1.000001",
        "applicant_name": "Nguyễn Văn An",
        "received_at": RECEIVED,
        "state": 2,
    }


def check(session, sent: list[dict], changes: int) -> str:
    """Every change is one notification in one delivered message; the fake saw each message once."""
    notifications = session.scalar(select(func.count()).select_from(Notification))
    not_sent = session.scalar(select(func.count()).select_from(Notification).where(Notification.status != "sent"))
    deliveries = session.scalar(select(func.count()).select_from(Delivery).where(Delivery.status == "sent"))
    seen = Counter((body["recipient"]["user_id"], body["message"]["text"]) for body in sent)
    doubled = sum(count - 1 for count in seen.values())
    lost = changes - (notifications - not_sent)
    ok = notifications == changes and not_sent == 0 and doubled == 0 and deliveries == len(sent)
    return (
        f"{'OK' if ok else 'FAILED'}: {notifications:,} notifications for {changes:,} changes, "
        f"{len(sent):,} messages received by Zalo, {lost:,} lost, {doubled:,} doubled"
    )


if __name__ == "__main__":
    main()
