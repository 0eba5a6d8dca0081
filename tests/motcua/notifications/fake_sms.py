"""A local HTTP SMS gateway as ``HttpSmsProvider`` expects one: ``POST /sms`` with an ``Idempotency-Key``
header; a key seen before answers the first message's id and sends nothing (what makes a resend safe)."""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bot.bot_tests.fake_zalo import JsonHandler, serving


class FakeSmsGateway:
    def __init__(self) -> None:
        self.url = ""
        self.delivered: list[dict[str, Any]] = []  # what the citizens' phones received
        self.ids_by_key: dict[str, str] = {}
        self.accepted = threading.Event()
        self.hold = threading.Event()  # when set, answers wait until ``release`` is set (a slow network)
        self.release = threading.Event()
        self._serial = itertools.count(1)
        self._lock = threading.Lock()

    def handle(self, headers: dict[str, str], body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        key = headers.get("idempotency-key", "")
        with self._lock:
            if key not in self.ids_by_key:
                self.ids_by_key[key] = f"sms-{next(self._serial)}"
                self.delivered.append(body)
        self.accepted.set()
        if self.hold.is_set():
            self.release.wait(30)
        return 200, {"id": self.ids_by_key[key]}


@contextmanager
def running_fake_sms() -> Iterator[FakeSmsGateway]:
    fake = FakeSmsGateway()

    class Handler(JsonHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_json(*fake.handle({k.lower(): v for k, v in self.headers.items()}, json.loads(raw or b"{}")))

    with serving(Handler) as url:
        fake.url = f"{url}/sms"
        try:
            yield fake
        finally:
            fake.release.set()  # an answer held back must not keep the server from stopping
