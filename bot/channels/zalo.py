"""Kênh Zalo OA: the Rasa input channel for the centre's Zalo Official Account, and its output channel.

Zalo posts events to ``/webhooks/zalo/webhook``. Each call is checked in this order: signature (401), age
(400), already seen (200, nothing done); then it is answered at once, because Zalo wants 200 within 2 s and
re-delivers otherwise, and handled in a background task: text goes to the assistant, a follow gets the
greeting, a photo is read by the app (``zalo_photos``): a receipt's code goes to the assistant as if typed,
a rating link opens the rating of its dossier, a picture without a code gets a reply saying what to
photograph; stickers/files get a polite request to type the question, anything else is logged and ignored.
Replies go out through the OA API (``zalo_api``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field, fields
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.zalo_api import API_BASE_URL, OAUTH_BASE_URL, ZaloApiError, ZaloOAClient
from channels.zalo_dedup import DEFAULT_TTL_SECONDS, SeenEvents, open_seen_events
from channels.zalo_events import (
    EventKind,
    dedup_key,
    event_kind,
    event_time_ms,
    image_url,
    mask_user,
    message_id,
    message_text,
    sender_id,
)
from channels.zalo_messages import outgoing_messages
from channels.zalo_photos import ALREADY_RATED, RATE_BUTTON, RATE_PROMPT, RATING_TOKEN_KEY, PhotoReader
from channels.zalo_signature import signature_matches
from channels.zalo_storage import resolve_state_url
from channels.zalo_tokens import TokenStore, open_token_store

logger = logging.getLogger(__name__)

CHANNEL_NAME = "zalo"
# A follow is answered by the assistant's own greeting (it names the centre), as if the citizen said hello.
FOLLOW_PAYLOAD = "/greet"
ASK_FOR_TEXT = (
    "Xin lỗi, hiện tôi chỉ đọc được tin nhắn chữ. Anh/chị vui lòng nhập câu hỏi bằng chữ, ví dụ: "
    "“Làm giấy khai sinh cần giấy tờ gì?” hoặc mã số hồ sơ cần tra cứu."
)
SORRY = "Xin lỗi, hệ thống đang bận. Anh/chị vui lòng gửi lại câu hỏi sau ít phút."
MAX_BODY_BYTES = 64 * 1024
DEFAULT_MAX_EVENT_AGE_SECONDS = 900
FUTURE_SKEW_SECONDS = 300
DRAIN_SECONDS_ON_STOP = 10.0

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


@dataclass(frozen=True)
class ZaloSettings:
    """The ``channels.zalo.ZaloInput`` block of ``credentials.yml`` (values from ``ZALO_*`` variables)."""

    app_id: str = ""
    # Secrets stay out of repr(), so logging the settings cannot leak them.
    oa_secret_key: str = field(default="", repr=False)  # signs webhook events
    app_secret_key: str = field(default="", repr=False)  # authorises token refreshes
    access_token: str = field(default="", repr=False)  # seed pair; the store keeps the rotated one
    refresh_token: str = field(default="", repr=False)
    state_url: str = ""  # Redis or SQL URL for seen events and tokens (``zalo_storage``)
    max_event_age_seconds: int = DEFAULT_MAX_EVENT_AGE_SECONDS
    api_base_url: str = API_BASE_URL
    oauth_base_url: str = OAUTH_BASE_URL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any]) -> ZaloSettings:
        known = {item.name for item in fields(cls)}
        unknown = sorted(set(credentials) - known)
        if unknown:
            logger.warning("Unknown keys in the Zalo channel credentials ignored: %s", ", ".join(unknown))
        values: dict[str, Any] = {}
        for key, value in credentials.items():
            if key in known and value not in (None, ""):
                values[key] = int(value) if key == "max_event_age_seconds" else str(value).strip()
        # Optional and outside credentials.yml (Rasa refuses unset variables there): Zalo's API and OAuth
        # servers elsewhere, e.g. the fake Zalo of the end-to-end tests. Unset or empty: Zalo's own.
        for key, variable in (("api_base_url", "ZALO_API_URL"), ("oauth_base_url", "ZALO_OAUTH_URL")):
            if os.environ.get(variable, "").strip():
                values.setdefault(key, os.environ[variable].strip())
        return cls(**values)

    @property
    def configured(self) -> bool:
        return bool(self.app_id and self.oa_secret_key)


class ZaloOutput(OutputChannel):
    """Sends the assistant's messages to one Zalo user through the OA API."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    def __init__(self, client: ZaloOAClient) -> None:
        self.client = client

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._send_all(recipient_id, outgoing_messages(text))

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self._send_all(recipient_id, outgoing_messages(text, buttons))

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self._send_all(recipient_id, outgoing_messages("Hình ảnh:", [{"title": "Xem hình ảnh", "url": image}]))

    async def send_attachment(self, recipient_id: str, attachment: Any, **kwargs: Any) -> None:
        if isinstance(attachment, str):
            await self._send_all(recipient_id, outgoing_messages(attachment))

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        """A response may carry a ready Zalo message under ``custom: {zalo: {...}}``; other custom payloads
        belong to other channels."""
        message = json_message.get("zalo") if isinstance(json_message, dict) else None
        if isinstance(message, dict):
            await self._send_all(recipient_id, [message])

    async def _send_all(self, recipient_id: str, messages: list[dict[str, Any]]) -> None:
        """Post in order; after a failure the rest are not sent, so the citizen never gets a reply with its
        middle missing."""
        for message in messages:
            try:
                await self.client.send_message(recipient_id, message)
            except ZaloApiError as exc:
                logger.error("Zalo reply to user %s not delivered: %s", mask_user(recipient_id), exc)
                return


class ZaloInput(InputChannel):
    """Webhook of the Zalo Official Account (``/webhooks/zalo/webhook``)."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> ZaloInput:
        if credentials is None:
            cls.raise_missing_credentials_exception()
        return cls(ZaloSettings.from_credentials(credentials))

    def __init__(
        self,
        settings: ZaloSettings,
        seen: SeenEvents | None = None,
        tokens: TokenStore | None = None,
        clock: Callable[[], float] = time.time,
        backoff_seconds: float = 0.5,
        photos: PhotoReader | None = None,
    ) -> None:
        self.settings, self.clock = settings, clock
        self.photos = photos or PhotoReader.from_environment()
        state_url = resolve_state_url(settings.state_url)
        ttl = max(DEFAULT_TTL_SECONDS, 2 * settings.max_event_age_seconds)
        self.seen = seen or open_seen_events(state_url, ttl)
        self.client = ZaloOAClient(
            app_id=settings.app_id,
            app_secret_key=settings.app_secret_key,
            tokens=tokens or open_token_store(state_url, settings.app_id or "unconfigured"),
            seed_access_token=settings.access_token,
            seed_refresh_token=settings.refresh_token,
            api_base_url=settings.api_base_url,
            oauth_base_url=settings.oauth_base_url,
            backoff_seconds=backoff_seconds,
            clock=clock,
        )
        self._tasks: set[asyncio.Task] = set()
        if not settings.configured:
            logger.warning(
                "Zalo channel not configured (ZALO_APP_ID, ZALO_OA_SECRET_KEY): its webhook refuses all calls"
            )

    def get_output_channel(self) -> ZaloOutput:
        return ZaloOutput(self.client)

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = Blueprint("zalo_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await self.receive(request.body or b"", request.headers.get("X-ZEvent-Signature"), on_new_message)

        @webhook.listener("before_server_stop")
        async def finish_pending(*_: Any) -> None:
            try:
                await asyncio.wait_for(self.drain(), DRAIN_SECONDS_ON_STOP)
            except asyncio.TimeoutError:
                logger.warning("Zalo channel stopped with %d events still being handled", len(self._tasks))

        return webhook

    async def receive(self, raw: bytes, signature: str | None, on_new_message: OnNewMessage) -> HTTPResponse:
        """Check one webhook call and accept it for background handling."""
        if len(raw) > MAX_BODY_BYTES:
            return _refusal(413, "too_large", "Nội dung quá lớn.")
        event = _parse(raw)
        timestamp = str(event.get("timestamp", "")) if event is not None else ""
        if event is None or not signature_matches(
            signature, self.settings.app_id, raw, timestamp, self.settings.oa_secret_key
        ):
            logger.warning("Zalo webhook call refused: missing or wrong X-ZEvent-Signature")
            return _refusal(401, "invalid_signature", "Chữ ký không hợp lệ.")
        if not self._is_recent(event):
            logger.warning("Zalo event %s refused: timestamp outside the accepted window", event.get("event_name"))
            return _refusal(400, "stale_event", "Sự kiện đã quá hạn.")
        try:
            first = await asyncio.to_thread(self.seen.first_sighting, dedup_key(event))
        except Exception:  # the store is down: let Zalo re-deliver rather than risk a double answer
            logger.exception("Zalo de-duplication store unavailable; asking Zalo to retry")
            return _refusal(503, "unavailable", "Hệ thống tạm thời gián đoạn.")
        if not first:
            logger.info("Zalo event %s already handled; ignored", event.get("event_name"))
            return response.json({"status": "duplicate"})
        self._spawn(self.handle_event(event, on_new_message))
        return response.json({"status": "accepted"})

    async def handle_event(self, event: dict[str, Any], on_new_message: OnNewMessage) -> None:
        """Answer one verified, first-seen event."""
        kind, user = event_kind(event), sender_id(event)
        if kind is EventKind.IGNORED or not user:
            logger.info("Zalo event %s ignored", event.get("event_name"))
            return
        output = self.get_output_channel()
        text = message_text(event) if kind is EventKind.TEXT else FOLLOW_PAYLOAD if kind is EventKind.FOLLOW else ""
        try:
            if kind is EventKind.IMAGE:
                await self._answer_photo(event, user, output, on_new_message)
                return
            if text:
                await on_new_message(
                    UserMessage(
                        text,
                        output,
                        user,
                        input_channel=self.name(),
                        message_id=message_id(event),
                        metadata={"zalo_event": event.get("event_name")},
                    )
                )
            else:
                await output.send_text_message(user, ASK_FOR_TEXT)
        except Exception:
            logger.exception("Zalo event %s of user %s failed", event.get("event_name"), mask_user(user))
            await _apologise(output, user)

    async def _answer_photo(
        self, event: dict[str, Any], user: str, output: ZaloOutput, on_new_message: OnNewMessage
    ) -> None:
        """A receipt's code is handed to the assistant as the intent a typed code gives (status, then the
        phone check). A rating link opens the rating of its dossier: ``/rate_service`` naming the code, the
        link's token in the metadata (the app gives it to the assistant's key while the dossier is unrated);
        a rated one gets the status and says so; anything else gets the app's reason."""
        url = image_url(event)
        answer = await self.photos.read(url, user) if url else None
        if answer is None or answer.code is None:
            await output.send_text_message(user, answer.reply if answer and answer.reply else ASK_FOR_TEXT)
            return
        metadata: dict[str, Any] = {"zalo_event": event.get("event_name"), "from_photo": True}
        if answer.rating_token:
            text = f'/rate_service{{"dossier_code": "{answer.code}"}}'
            metadata[RATING_TOKEN_KEY] = answer.rating_token
        else:
            text = f'/give_dossier_code{{"dossier_code": "{answer.code}"}}'
        await on_new_message(
            UserMessage(text, output, user, input_channel=self.name(), message_id=message_id(event), metadata=metadata)
        )
        if answer.rating_token:
            return
        if answer.rated:
            await output.send_text_message(user, ALREADY_RATED)
        elif answer.rating_url:
            await output.send_text_with_buttons(user, RATE_PROMPT, [{"title": RATE_BUTTON, "url": answer.rating_url}])

    async def drain(self) -> None:
        """Wait for the events being handled (shutdown, tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._tasks.add(task)  # keeps a reference: the loop holds only weak ones
        task.add_done_callback(self._tasks.discard)

    def _is_recent(self, event: dict[str, Any]) -> bool:
        sent_ms = event_time_ms(event)
        if sent_ms is None:
            return False
        age = self.clock() - sent_ms / 1000
        return -FUTURE_SKEW_SECONDS <= age <= self.settings.max_event_age_seconds


async def _apologise(output: ZaloOutput, user: str) -> None:
    """Tell the citizen to try again; if even that fails (token store down), the log has the cause."""
    try:
        await output.send_text_message(user, SORRY)
    except Exception:
        logger.exception("Zalo apology to user %s not sent", mask_user(user))


def _parse(raw: bytes) -> dict[str, Any] | None:
    try:
        event = json.loads(raw)
    except ValueError:
        return None
    return event if isinstance(event, dict) else None


def _refusal(status: int, error: str, message: str) -> HTTPResponse:
    return response.json({"error": error, "message": message}, status=status, ensure_ascii=False)
