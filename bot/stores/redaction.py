"""Tracker stores that keep no second factor and no verified personal data.

Whoever reads a stored conversation (Rasa's HTTP API with its token, the tracker database, a backup)
must not find what the phone check protects: the last four digits of the applicant's phone typed by
the citizen, and the dossier's detail shown after the check. The actions already clear the slots
(``actions/dossier.py``); Rasa 3.6 open source has no redaction of the events themselves (the
anonymisation hook is Rasa Pro's and only touches what goes to an event broker), so the store rewrites
the copy it keeps, each time it saves:

- every user message's text is scrubbed (``stores/scrub.py``, the app's ``motcua/privacy/scrub.py``):
  phone numbers, identification numbers, e-mails and dossier codes become placeholders (Law 91/2025,
  least data; its intent, entities and the slots the conversation needs stay);
- a user message that carried a ``phone_last4`` entity keeps its intent, its text with the digits
  replaced by ``****``, and the entity's value as ``****``;
- every value of the ``phone_last4`` slot, and of ``callback_phone`` (the number left for an officer's call
  back, sent to the app in the same turn: actions/contact.py), is stored as null;
- the question left for that call back (``callback_question``) is stored scrubbed like a user message;
- a value of the ``rating_token`` slot is stored as null once the slot was cleared (it is needed in
  the following turns until the rating or complaint uses it);
- a bot message the action marked ``personal_data`` is stored as a placeholder;
- a ``rating_token`` carried in a message's or a session's metadata (a photo of the receipt's rating
  link, channels/zalo.py and the widget) is dropped: the slot carries it on to the rating.

The conversation that is running is not changed: Rasa has already sent the answer when it saves.
``RedactingTrackerStore`` keeps conversations in memory (``make run``); ``RedactingSQLTrackerStore``
is the same over Rasa's SQL store (docs/architecture.md, "Scaling out"). The SQL store writes each turn's new
events once, so a token cleared in a later turn stays in that earlier row: it is single-use and
refused once the dossier is rated.
"""

from __future__ import annotations

import copy
from typing import Any

from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from stores.scrub import scrub

SECRET_ENTITIES = frozenset({"phone_last4"})
ALWAYS_BLANK_SLOTS = frozenset({"phone_last4", "callback_phone"})
SCRUBBED_SLOTS = frozenset({"callback_question"})
BLANK_ONCE_CLEARED_SLOTS = frozenset({"rating_token"})
SECRET_METADATA = frozenset({"rating_token"})
PERSONAL_FLAG = "personal_data"
HIDDEN_DIGITS = "****"
HIDDEN_MESSAGE = "[Đã ẩn: thông tin hồ sơ hiển thị sau khi xác minh số điện thoại]"


class RedactionMixin:
    """Saves a redacted copy of the tracker (see the module's docstring)."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(redacted(tracker))  # type: ignore[misc]


class RedactingTrackerStore(RedactionMixin, InMemoryTrackerStore):
    """Rasa's in-memory store, redacted."""


class RedactingSQLTrackerStore(RedactionMixin, SQLTrackerStore):
    """Rasa's SQL store, redacted."""


def redacted(tracker: DialogueStateTracker) -> DialogueStateTracker:
    """A new tracker with the same events, redacted."""
    events = redact_events([event.as_dict() for event in tracker.events])
    return DialogueStateTracker.from_dict(tracker.sender_id, events, tracker.slots.values(), tracker._max_event_history)


def redact_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Serialised events, redacted (a new list; the given events are not changed)."""
    events = copy.deepcopy(events)
    last_set = {event["name"]: index for index, event in enumerate(events) if event.get("event") == "slot"}
    for index, event in enumerate(events):
        kind = event.get("event")
        _drop_secret_metadata(event.get("metadata"))
        if kind == "slot" and event.get("name") == "session_started_metadata":
            _drop_secret_metadata(event.get("value"))
        if kind == "user":
            _redact_user(event)
        elif kind == "slot" and event.get("value") is not None:
            name = event.get("name")
            if name in ALWAYS_BLANK_SLOTS or (name in BLANK_ONCE_CLEARED_SLOTS and last_set[name] != index):
                event["value"] = None
            elif name in SCRUBBED_SLOTS:
                event["value"] = scrub(event["value"])
        elif kind == "bot" and (event.get("metadata") or {}).get(PERSONAL_FLAG):
            event["text"] = HIDDEN_MESSAGE
    return events


def _drop_secret_metadata(metadata: Any) -> None:
    if isinstance(metadata, dict):
        for key in SECRET_METADATA:
            metadata.pop(key, None)


def _redact_user(event: dict[str, Any]) -> None:
    """Scrubbed first, then the ``phone_last4`` digits hidden: hiding them first would leave the rest of a whole
    phone number ("0987 654 321" read as the digits "0987") that the scrubber no longer recognises."""
    parse = event.get("parse_data") or {}
    secrets = [entity for entity in parse.get("entities") or [] if entity.get("entity") in SECRET_ENTITIES]
    for holder in (event, parse):
        text = holder.get("text")
        if isinstance(text, str):
            scrubbed = scrub(text)
            # The entity's span points into the text as typed: used only while the scrubber changed nothing.
            holder["text"] = _hide(scrubbed, secrets, spans=scrubbed == text) if secrets else scrubbed
    for entity in secrets:
        entity["value"] = HIDDEN_DIGITS


def _hide(text: str, secrets: list[dict[str, Any]], spans: bool = True) -> str:
    """The text with each secret's span, then any other copy of its value, replaced by ``****``."""
    places = sorted(
        ((entity["start"], entity["end"]) for entity in secrets if isinstance(entity.get("start"), int)),
        reverse=True,
    )
    for start, end in places if spans else []:
        if 0 <= start < end <= len(text):
            text = text[:start] + HIDDEN_DIGITS + text[end:]
    for entity in secrets:
        value = str(entity.get("value") or "")
        if value and value != HIDDEN_DIGITS:
            text = text.replace(value, HIDDEN_DIGITS)
    return text
