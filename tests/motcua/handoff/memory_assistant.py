"""An in-memory stand-in for Rasa's tracker API (the ``motcua.handoff.relay.Assistant`` protocol), for the
domain tests: events per conversation, paused or not, and a switch that makes it unreachable."""

from __future__ import annotations

from motcua.handoff.relay import AssistantUnavailable


class MemoryAssistant:
    def __init__(self) -> None:
        self.events_by_sender: dict[str, list[dict]] = {}
        self.paused: dict[str, bool] = {}
        self.down = False
        self.clock = 1_780_000_000.0

    def say(self, sender_id: str, kind: str, text: str, **extra) -> None:
        """Record what the citizen (``user``) or the assistant (``bot``) said, one second apart."""
        self.clock += 1
        self.events_by_sender.setdefault(sender_id, []).append(
            {"event": kind, "text": text, "timestamp": self.clock, **extra}
        )

    def pause(self, sender_id: str) -> None:
        self._check()
        self.paused[sender_id] = True

    def resume(self, sender_id: str) -> None:
        self._check()
        self.paused[sender_id] = False

    def append_bot(self, sender_id: str, text: str, metadata: dict) -> None:
        self._check()
        self.say(sender_id, "bot", text, metadata=metadata)

    def events(self, sender_id: str) -> list[dict]:
        self._check()
        return list(self.events_by_sender.get(sender_id, []))

    def bot_texts(self, sender_id: str) -> list[str]:
        return [e["text"] for e in self.events_by_sender.get(sender_id, []) if e["event"] == "bot"]

    def _check(self) -> None:
        if self.down:
            raise AssistantUnavailable("Không kết nối được trợ lý ảo: ConnectionError")
