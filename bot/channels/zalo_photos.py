"""Ảnh giấy tiếp nhận gửi qua Zalo: fetch the picture a citizen sent and ask the app which dossier it shows.

Citizens on Zalo send a photo of the paper receipt far more readily than they type its 24-character code.
The picture is fetched from Zalo's CDN (the URL comes in a signed webhook event) with a timeout and a size
cap, held in memory only, and posted as is to the app's ``POST /api/v1/photos/receipt`` with the assistant's
key, so the barcode library lives in the app's environment only and the app's lookup limits count per
conversation. Nothing here stores or logs the picture or its URL.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp

logger = logging.getLogger(__name__)

MAX_PHOTO_BYTES = 5 * 1024 * 1024
FETCH_TIMEOUT_SECONDS = 10.0
DECODE_TIMEOUT_SECONDS = 15.0
PHOTO_PATH = "/api/v1/photos/receipt"
CONVERSATION_HEADER = "X-Motcua-Conversation"

GUIDANCE = (
    "Tôi chưa đọc được mã trong ảnh. Anh/chị vui lòng chụp lại mã QR ở góc trên bên trái của giấy tiếp nhận hồ sơ: "
    "chụp thẳng, đủ sáng, không để ngón tay che mã. Anh/chị cũng có thể nhắn mã hồ sơ in trên giấy, "
    "ví dụ 000.00.12.H62-260415-0001."
)
TOO_LARGE = "Ảnh anh/chị gửi quá lớn (tối đa 5 MB). Anh/chị vui lòng chụp lại riêng phần mã QR trên giấy tiếp nhận."
NOT_A_PHOTO = (
    "Tôi chỉ đọc được ảnh chụp giấy tiếp nhận (JPEG, PNG). Anh/chị vui lòng chụp mã QR ở góc trên bên trái "
    "của giấy tiếp nhận, hoặc nhắn mã hồ sơ in trên giấy."
)
UNAVAILABLE = "Xin lỗi, hiện chưa đọc được ảnh. Anh/chị vui lòng nhắn mã hồ sơ in trên giấy tiếp nhận."
ALREADY_RATED = "Hồ sơ này đã được đánh giá. Cảm ơn anh/chị đã góp ý cho trung tâm!"
# Where the rating link's token travels to the assistant: the message's metadata, read by
# actions.rating.ActionStartRating (not an entity, so the NLU model needs no retraining).
RATING_TOKEN_KEY = "rating_token"
RATE_PROMPT = "Anh/chị có thể đánh giá việc giải quyết hồ sơ này theo mã QR trên giấy tiếp nhận:"
RATE_BUTTON = "Đánh giá hồ sơ này"
# A canonical dossier code, as the app returns it: safe inside the intent payload handed to Rasa.
_CODE = re.compile(r"[A-Z0-9]+(?:\.[A-Z0-9]+)+-\d{6}-\d{3,8}")
# A signed rating token (motcua/feedback/tokens.py): two URL-safe base64 parts.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,400}\.[A-Za-z0-9_-]{1,200}")


@dataclass(frozen=True)
class PhotoAnswer:
    """What a photo said: ``code`` (for a rating link also ``rating_url``, ``rated``, and while unrated the
    link's ``rating_token``), or ``reply`` to send instead."""

    code: str | None = None
    rating_url: str | None = None
    reply: str | None = None
    rating_token: str | None = None
    rated: bool = False


@dataclass(frozen=True)
class PhotoReader:
    """Where the app is and how to reach it (``MOTCUA_API_URL``, ``MOTCUA_API_KEY`` as for the actions)."""

    app_url: str
    api_key: str
    public_url: str
    allow_http_media: bool = False

    @classmethod
    def from_environment(cls, allow_http_media: bool = False) -> PhotoReader:
        app_url = (os.environ.get("MOTCUA_API_URL") or "http://localhost:5000").rstrip("/")
        public = (os.environ.get("PUBLIC_BASE_URL") or app_url).rstrip("/")
        return cls(app_url, os.environ.get("MOTCUA_API_KEY", ""), public, allow_http_media)

    async def read(self, image_url: str, conversation: str) -> PhotoAnswer:
        """Fetch the picture at ``image_url`` and ask the app what it shows."""
        if not self._acceptable_url(image_url):
            logger.warning("Zalo image with an unexpected URL scheme or host ignored")
            return PhotoAnswer(reply=NOT_A_PHOTO)
        try:
            fetched = await fetch_image(image_url)
        except PhotoTooLarge:
            return PhotoAnswer(reply=TOO_LARGE)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
            logger.warning("Zalo image not fetched (%s)", type(exc).__name__)
            return PhotoAnswer(reply=UNAVAILABLE)
        if fetched is None:
            return PhotoAnswer(reply=NOT_A_PHOTO)
        data, content_type = fetched
        try:
            status, body = await self._decode(data, content_type, conversation)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
            logger.error("The app did not read a Zalo photo (%s)", type(exc).__name__)
            return PhotoAnswer(reply=UNAVAILABLE)
        finally:
            del data
        if status == 200 and isinstance(body.get("code"), str) and _CODE.fullmatch(body["code"]):
            rating = body.get("rating_path")
            rating_url = f"{self.public_url}{rating}" if isinstance(rating, str) and rating.startswith("/r/") else None
            token = body.get("rating_token")
            return PhotoAnswer(
                code=body["code"],
                rating_url=rating_url,
                rating_token=token if isinstance(token, str) and _TOKEN.fullmatch(token) else None,
                rated=body.get("rated") is True,
            )
        if status == 422:
            return PhotoAnswer(reply=GUIDANCE)
        if status == 413:
            return PhotoAnswer(reply=TOO_LARGE)
        if status == 415:
            return PhotoAnswer(reply=NOT_A_PHOTO)
        message = body.get("message") if status in (404, 429) else None
        if status not in (404, 429):
            logger.error("The app answered HTTP %s to a Zalo photo", status)
        return PhotoAnswer(reply=str(message) if message else UNAVAILABLE)

    def _acceptable_url(self, url: str) -> bool:
        parts = urlsplit(url)
        schemes = ("https", "http") if self.allow_http_media else ("https",)
        return parts.scheme in schemes and bool(parts.hostname)

    async def _decode(self, data: bytes, content_type: str, conversation: str) -> tuple[int, dict[str, Any]]:
        headers = {"Content-Type": content_type, CONVERSATION_HEADER: f"zalo-{conversation}"[:100]}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        timeout = aiohttp.ClientTimeout(total=DECODE_TIMEOUT_SECONDS)
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.post(self.app_url + PHOTO_PATH, data=data, headers=headers) as response,
        ):
            try:
                body = await response.json(content_type=None)
            except ValueError:
                body = {}
            return response.status, body if isinstance(body, dict) else {}


class PhotoTooLarge(Exception):
    """The picture is larger than ``MAX_PHOTO_BYTES`` (said by its headers or found while reading)."""


async def fetch_image(url: str) -> tuple[bytes, str] | None:
    """The picture's bytes and content type; None when the URL serves no image. Reads at most
    ``MAX_PHOTO_BYTES`` + 1 bytes, whatever Content-Length claims, within ``FETCH_TIMEOUT_SECONDS``."""
    timeout = aiohttp.ClientTimeout(total=FETCH_TIMEOUT_SECONDS)
    async with (
        aiohttp.ClientSession(timeout=timeout) as session,
        session.get(url, allow_redirects=True, max_redirects=3) as response,
    ):
        if response.status != 200:
            raise ValueError(f"HTTP {response.status}")
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if not content_type.startswith("image/"):
            return None
        if response.content_length is not None and response.content_length > MAX_PHOTO_BYTES:
            raise PhotoTooLarge()
        chunks, total = [], 0
        async for chunk in response.content.iter_chunked(64 * 1024):
            total += len(chunk)
            if total > MAX_PHOTO_BYTES:
                raise PhotoTooLarge()
            chunks.append(chunk)
        return b"".join(chunks), content_type
