"""Client of the Zalo OA API v3: sends consultation messages (tin tư vấn) and keeps the access token fresh.

Zalo answers HTTP 200 even for errors, with ``error != 0``; ``-216`` means the access token is invalid, so the
token pair is refreshed once (``/v4/oa/access_token``) and the message retried. Network failures and 5xx are
retried with exponential backoff. Tokens and secrets travel in headers and form fields only, and are never
logged.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp

from channels.zalo_tokens import TokenPair, TokenStore, seed_fingerprint

logger = logging.getLogger(__name__)

API_BASE_URL = "https://openapi.zalo.me"
OAUTH_BASE_URL = "https://oauth.zaloapp.com"
MESSAGE_PATH = "/v3.0/oa/message/cs"
TOKEN_PATH = "/v4/oa/access_token"
INVALID_ACCESS_TOKEN = -216
DEFAULT_TOKEN_LIFETIME_SECONDS = 25 * 3600
LOCK_TTL_SECONDS = 30.0
LOCK_WAIT_SECONDS = 35.0


class ZaloApiError(Exception):
    """Zalo refused or could not be reached; ``code`` is Zalo's error number, None for network failures."""

    def __init__(self, code: int | None, message: str) -> None:
        super().__init__(f"Zalo error {code}: {message}" if code is not None else message)
        self.code, self.message = code, message


class _RetryableStatus(Exception):
    pass


class ZaloOAClient:
    """Sends messages as the Official Account; safe to use from several replicas sharing one ``TokenStore``."""

    def __init__(
        self,
        app_id: str,
        app_secret_key: str,
        tokens: TokenStore,
        seed_access_token: str = "",
        seed_refresh_token: str = "",
        api_base_url: str = API_BASE_URL,
        oauth_base_url: str = OAUTH_BASE_URL,
        attempts: int = 3,
        backoff_seconds: float = 0.5,
        timeout_seconds: float = 10.0,
        clock=time.time,
    ) -> None:
        self.app_id, self.app_secret_key, self.tokens = app_id, app_secret_key, tokens
        self.seed_access_token, self.seed_refresh_token = seed_access_token, seed_refresh_token
        self.api_base_url, self.oauth_base_url = api_base_url.rstrip("/"), oauth_base_url.rstrip("/")
        self.attempts, self.backoff_seconds, self.timeout_seconds = attempts, backoff_seconds, timeout_seconds
        self.clock = clock
        self._seed_checked = False

    async def send_message(self, user_id: str, message: dict[str, Any]) -> dict[str, Any]:
        """Post one message to ``user_id``; returns Zalo's ``data`` (``message_id``…) or raises ZaloApiError."""
        body = {"recipient": {"user_id": user_id}, "message": message}
        pair = await self._usable_tokens()
        answer = await self._post_message(pair.access_token, body)
        if _error_code(answer) == INVALID_ACCESS_TOKEN:
            logger.info("Zalo rejected the access token (-216): refreshing the token pair once")
            pair = await self.refresh(stale=pair)
            answer = await self._post_message(pair.access_token, body)
        code = _error_code(answer)
        if code != 0:
            raise ZaloApiError(code, str(answer.get("message") or ""))
        return answer.get("data") or {}

    async def refresh(self, stale: TokenPair) -> TokenPair:
        """A working pair replacing ``stale``: another replica's fresh pair if it already rotated, else a new
        one from Zalo, stored before it is returned (the old refresh token is spent from then on)."""
        async with self._lease():
            current = await asyncio.to_thread(self.tokens.load)
            if current and current.access_token != stale.access_token and not current.expiring(self.clock()):
                return current
            fresh = await self._request_new_pair(current or stale)
            await asyncio.to_thread(self.tokens.save, fresh)
            logger.info("Zalo OA token pair rotated and stored")
            return fresh

    async def _usable_tokens(self) -> TokenPair:
        if not self._seed_checked:
            await self._adopt_seed()
            self._seed_checked = True
        pair = await asyncio.to_thread(self.tokens.load)
        if pair is None:
            raise ZaloApiError(None, "no Zalo OA token pair: set ZALO_ACCESS_TOKEN and ZALO_REFRESH_TOKEN")
        if pair.expiring(self.clock()):
            pair = await self.refresh(stale=pair)
        return pair

    async def _adopt_seed(self) -> None:
        """Take the environment's pair when the store has none or the operator configured a new one."""
        if not self.seed_refresh_token:
            return
        fingerprint = seed_fingerprint(self.seed_refresh_token)
        async with self._lease():
            current = await asyncio.to_thread(self.tokens.load)
            if current is None or current.seed != fingerprint:
                seeded = TokenPair(self.seed_access_token, self.seed_refresh_token, None, fingerprint)
                await asyncio.to_thread(self.tokens.save, seeded)
                logger.info("Zalo OA token pair taken from the environment")

    async def _request_new_pair(self, pair: TokenPair) -> TokenPair:
        answer = await self._call(
            "POST",
            self.oauth_base_url + TOKEN_PATH,
            headers={"secret_key": self.app_secret_key},
            data={"app_id": self.app_id, "grant_type": "refresh_token", "refresh_token": pair.refresh_token},
        )
        if not answer.get("access_token") or not answer.get("refresh_token"):
            code = _error_code(answer)
            reason = str(answer.get("error_description") or answer.get("message") or "no token in the answer")
            logger.error(
                "Zalo refused to refresh the OA token pair (%s: %s); re-authorise the OA and set a new "
                "ZALO_ACCESS_TOKEN/ZALO_REFRESH_TOKEN (README, 'Zalo Official Account')",
                code,
                reason,
            )
            raise ZaloApiError(code, reason)
        lifetime = int(answer.get("expires_in") or DEFAULT_TOKEN_LIFETIME_SECONDS)
        return TokenPair(answer["access_token"], answer["refresh_token"], self.clock() + lifetime, pair.seed)

    async def _post_message(self, access_token: str, body: dict[str, Any]) -> dict[str, Any]:
        return await self._call(
            "POST", self.api_base_url + MESSAGE_PATH, headers={"access_token": access_token}, json=body
        )

    async def _call(self, method: str, url: str, **kwargs: Any) -> dict[str, Any]:
        """One JSON request, retried on network errors and 5xx (0.5 s, 1 s, 2 s… between attempts)."""
        attempt = 1
        while True:
            try:
                return await self._call_once(method, url, **kwargs)
            except (aiohttp.ClientError, asyncio.TimeoutError, _RetryableStatus) as exc:
                if attempt >= self.attempts:
                    reason = f"Zalo unreachable after {attempt} attempts ({type(exc).__name__})"
                    raise ZaloApiError(None, reason) from exc
                logger.warning("Zalo request failed (%s), attempt %d of %d", type(exc).__name__, attempt, self.attempts)
                await asyncio.sleep(self.backoff_seconds * 2 ** (attempt - 1))
                attempt += 1

    async def _call_once(self, method: str, url: str, **kwargs: Any) -> dict[str, Any]:
        timeout = aiohttp.ClientTimeout(total=self.timeout_seconds)
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.request(method, url, **kwargs) as response,
        ):
            if response.status >= 500:
                raise _RetryableStatus(f"HTTP {response.status}")
            try:
                answer = await response.json(content_type=None)
            except ValueError as exc:
                raise ZaloApiError(None, f"Zalo answered HTTP {response.status} without JSON") from exc
        if not isinstance(answer, dict):
            raise ZaloApiError(None, "Zalo answered with JSON that is not an object")
        return answer

    @asynccontextmanager
    async def _lease(self) -> AsyncIterator[None]:
        """Hold the store's refresh lease (waiting for another holder) for the duration of the block."""
        owner = uuid.uuid4().hex
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while not await asyncio.to_thread(self.tokens.try_lock, owner, LOCK_TTL_SECONDS):
            if time.monotonic() > deadline:
                raise ZaloApiError(None, "timed out waiting for another replica to refresh the Zalo token")
            await asyncio.sleep(0.1)
        try:
            yield
        finally:
            await asyncio.to_thread(self.tokens.unlock, owner)


def _error_code(answer: dict[str, Any]) -> int | None:
    """Zalo's ``error`` as an int (0 = success); a missing field counts as success, garbage as None."""
    try:
        return int(answer.get("error") or 0)
    except (TypeError, ValueError):
        return None
