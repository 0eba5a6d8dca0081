"""Providers deliver one message each: Zalo OA, an HTTP SMS gateway, and the web widget (which shows
it the next time the citizen opens the assistant). More gateways are added by configuration.

A provider answers the provider's message id, or raises ``SendError`` saying whether a later attempt
may succeed. ``deduplicates`` says whether sending again with the same key is safe: the worker relies
on it after a crash between sending and marking (see ``worker.recover_interrupted``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

import requests

CONSULTATION_PATH = "/v3.0/oa/message/cs"
TRANSACTION_PATH = "/v3.0/oa/message/transaction"

# Zalo answers HTTP 200 with ``error != 0``. What each code means for this message:
_ZALO_RETRY = {-216: "Access token Zalo hết hạn hoặc không hợp lệ", -32: "Vượt hạn mức gửi tin của Zalo OA"}
_ZALO_STOP = {-213: "Người dùng đã bỏ quan tâm hoặc chặn Zalo OA", -217: "Người dùng đã chặn tin nhắn của OA"}
_ZALO_OUTSIDE_WINDOW = -230  # the user has not interacted recently: only a template message may be sent


@dataclass(frozen=True)
class Message:
    recipient: str
    text: str
    key: str
    last_seen_at: datetime


class SendError(Exception):
    """Not delivered. ``retryable``: try again later; ``stop_following``: the recipient cannot be reached
    on this channel any more (blocked the OA), so its follows are stopped."""

    def __init__(self, reason: str, *, retryable: bool, stop_following: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.retryable, self.stop_following = reason[:255], retryable, stop_following


class Provider(Protocol):
    deduplicates: bool

    def send(self, message: Message, now: datetime) -> str: ...


class WebWidgetProvider:
    """The widget reads its session's delivered messages (``deliveries.shown_at`` IS NULL) when it opens;
    storing is delivering, so the id is the key and a resend changes nothing."""

    deduplicates = True

    def send(self, message: Message, now: datetime) -> str:
        return f"web:{message.key}"


class ZaloProvider:
    """Zalo OA: a consultation message (tin tư vấn) while the citizen wrote within ``window``, otherwise a
    transaction message on the configured template. Zalo cannot deduplicate: see the worker."""

    deduplicates = False

    def __init__(
        self, base_url: str, access_token: str, template_id: str, window: timedelta, timeout: float = 10.0
    ) -> None:
        self.base_url, self.access_token, self.template_id = base_url.rstrip("/"), access_token, template_id
        self.window, self.timeout = window, timeout

    def send(self, message: Message, now: datetime) -> str:
        if now - message.last_seen_at <= self.window:
            try:
                return self._post(CONSULTATION_PATH, {"text": message.text}, message)
            except _OutsideWindow:
                pass
        if not self.template_id:
            raise SendError("Ngoài thời hạn tin tư vấn và chưa cấu hình mẫu tin giao dịch Zalo", retryable=False)
        payload = {
            "template_type": "transaction_application",
            "template_id": self.template_id,
            "language": "VI",
            "elements": [{"type": "header", "content": "Thông báo hồ sơ"}, {"type": "text", "content": message.text}],
        }
        try:
            return self._post(TRANSACTION_PATH, {"attachment": {"type": "template", "payload": payload}}, message)
        except _OutsideWindow:
            raise SendError("Zalo từ chối tin giao dịch (ngoài thời hạn tương tác)", retryable=False) from None

    def _post(self, path: str, content: dict, message: Message) -> str:
        body = {"recipient": {"user_id": message.recipient}, "message": content}
        try:
            answer = requests.post(
                self.base_url + path, json=body, headers={"access_token": self.access_token}, timeout=self.timeout
            )
        except requests.RequestException as exc:
            raise SendError(f"Không kết nối được Zalo: {type(exc).__name__}", retryable=True) from None
        if answer.status_code >= 500:
            raise SendError(f"Zalo trả lỗi HTTP {answer.status_code}", retryable=True)
        try:
            data = answer.json()
        except ValueError:
            raise SendError(f"Zalo trả lời không phải JSON (HTTP {answer.status_code})", retryable=True) from None
        code = data.get("error", 0) if isinstance(data, dict) else None
        if code == 0 and isinstance(data.get("data"), dict) and data["data"].get("message_id"):
            return str(data["data"]["message_id"])
        if code == _ZALO_OUTSIDE_WINDOW:
            raise _OutsideWindow
        if code in _ZALO_RETRY:
            raise SendError(f"{_ZALO_RETRY[code]} (mã {code})", retryable=True)
        if code in _ZALO_STOP:
            raise SendError(f"{_ZALO_STOP[code]} (mã {code})", retryable=False, stop_following=True)
        raise SendError(f"Zalo từ chối tin nhắn (mã {code}): {str(data)[:120]}", retryable=False)


class HttpSmsProvider:
    """A plain HTTP SMS gateway: ``POST url`` with ``{"to", "text"}`` and an ``Idempotency-Key`` header,
    answering ``{"id": …}``; the gateway drops a key it has seen, so resending after a crash is safe."""

    deduplicates = True

    def __init__(self, url: str, api_key: str, timeout: float = 10.0) -> None:
        self.url, self.api_key, self.timeout = url, api_key, timeout

    def send(self, message: Message, now: datetime) -> str:
        headers = {"Authorization": f"Bearer {self.api_key}", "Idempotency-Key": message.key}
        try:
            answer = requests.post(
                self.url, json={"to": message.recipient, "text": message.text}, headers=headers, timeout=self.timeout
            )
        except requests.RequestException as exc:
            raise SendError(f"Không kết nối được cổng SMS: {type(exc).__name__}", retryable=True) from None
        if answer.status_code == 429 or answer.status_code >= 500:
            raise SendError(f"Cổng SMS tạm thời từ chối (HTTP {answer.status_code})", retryable=True)
        if answer.status_code >= 400:
            raise SendError(f"Cổng SMS từ chối tin nhắn (HTTP {answer.status_code})", retryable=False)
        try:
            return str(answer.json()["id"])
        except (ValueError, KeyError, TypeError):
            raise SendError("Cổng SMS trả lời không có mã tin nhắn", retryable=True) from None


class _OutsideWindow(Exception):
    pass
