"""Sending through the OA API against the fake Zalo: tokens, their rotation, errors and retries."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest
from channels.zalo_api import ZaloApiError, ZaloOAClient
from channels.zalo_storage import sql_engine
from channels.zalo_tokens import SQLTokenStore, TokenPair, seed_fingerprint

from bot_tests.fake_zalo import APP_ID, APP_SECRET_KEY, MESSAGE_PATH, TOKEN_PATH, running_fake_zalo

USER = "2512523625412515"
HELLO = {"text": "Xin chào"}


@pytest.fixture
def fake():
    with running_fake_zalo() as fake:
        yield fake


@pytest.fixture
def state_url(tmp_path):
    return f"sqlite:///{tmp_path}/zalo-state.db"


def client(fake, state_url: str, access: str = "at-0", refresh: str = "rt-0", api_url: str | None = None):
    """One replica's client; replicas made with the same ``state_url`` share the token store."""
    return ZaloOAClient(
        app_id=APP_ID,
        app_secret_key=APP_SECRET_KEY,
        tokens=SQLTokenStore(sql_engine(state_url), APP_ID),
        seed_access_token=access,
        seed_refresh_token=refresh,
        api_base_url=api_url or fake.url,
        oauth_base_url=fake.url,
        backoff_seconds=0.01,
    )


def stored(state_url: str) -> TokenPair:
    return SQLTokenStore(sql_engine(state_url), APP_ID).load()


async def test_message_goes_to_the_user_with_the_access_token_in_a_header(fake, state_url):
    data = await client(fake, state_url).send_message(USER, HELLO)
    [call] = fake.calls(MESSAGE_PATH)
    assert call["headers"]["access_token"] == "at-0"
    assert call["body"] == {"recipient": {"user_id": USER}, "message": HELLO}
    assert data["user_id"] == USER and data["message_id"]


async def test_invalid_token_is_refreshed_once_and_the_message_retried(fake, state_url):
    fake.valid_access_tokens.clear()  # at-0 has expired on Zalo's side: -216
    before = time.time()
    await client(fake, state_url).send_message(USER, HELLO)

    [refresh] = fake.calls(TOKEN_PATH)
    assert refresh["headers"]["secret_key"] == APP_SECRET_KEY
    assert refresh["body"] == {"app_id": APP_ID, "grant_type": "refresh_token", "refresh_token": "rt-0"}
    new_access = next(iter(fake.valid_access_tokens))
    assert [c["headers"]["access_token"] for c in fake.calls(MESSAGE_PATH)] == ["at-0", new_access]
    assert fake.sent == [{"recipient": {"user_id": USER}, "message": HELLO}]
    pair = stored(state_url)  # the new pair is stored (rt-0 is spent)
    assert (pair.access_token, pair.refresh_token) == (new_access, new_access.replace("at-", "rt-"))
    assert before + 90000 <= pair.expires_at <= time.time() + 90000


async def test_rotated_pair_survives_a_restart_with_the_same_environment(fake, state_url):
    fake.valid_access_tokens.clear()
    await client(fake, state_url).send_message(USER, HELLO)
    rotated = stored(state_url)

    await client(fake, state_url).send_message(USER, HELLO)  # a new process, same ZALO_* variables

    assert len(fake.calls(TOKEN_PATH)) == 1
    assert fake.calls(MESSAGE_PATH)[-1]["headers"]["access_token"] == rotated.access_token


async def test_new_pair_set_by_the_operator_replaces_the_stored_one(fake, state_url):
    await client(fake, state_url).send_message(USER, HELLO)
    fake.valid_access_tokens.add("at-new")
    fake.valid_refresh_tokens.add("rt-new")
    await client(fake, state_url, access="at-new", refresh="rt-new").send_message(USER, HELLO)
    assert fake.calls(MESSAGE_PATH)[-1]["headers"]["access_token"] == "at-new"
    assert stored(state_url).seed == seed_fingerprint("rt-new")


async def test_replicas_hitting_an_invalid_token_together_refresh_it_once(fake, state_url):
    fake.valid_access_tokens.clear()
    replicas = [client(fake, state_url) for _ in range(4)]
    await asyncio.gather(*(replica.send_message(USER, {"text": f"tin {i}"}) for i, replica in enumerate(replicas)))
    # a second refresh would have spent rt-0 again and failed: single-use refresh tokens
    assert len(fake.calls(TOKEN_PATH)) == 1
    assert sorted(m["message"]["text"] for m in fake.sent) == ["tin 0", "tin 1", "tin 2", "tin 3"]


async def test_replicas_refreshing_the_same_stale_pair_share_one_new_pair(fake, state_url):
    replicas = [client(fake, state_url) for _ in range(4)]
    await replicas[0].send_message(USER, HELLO)  # the seed pair is in the store
    stale = stored(state_url)
    fresh = await asyncio.gather(*(replica.refresh(stale) for replica in replicas))
    assert len(fake.calls(TOKEN_PATH)) == 1
    assert len({pair.access_token for pair in fresh}) == 1 and fresh[0] == stored(state_url)


async def test_access_token_about_to_expire_is_rotated_before_use(fake, state_url):
    replica = client(fake, state_url)
    SQLTokenStore(sql_engine(state_url), APP_ID).save(
        TokenPair("at-0", "rt-0", time.time() + 60, seed_fingerprint("rt-0"))
    )
    await replica.send_message(USER, HELLO)
    assert len(fake.calls(TOKEN_PATH)) == 1
    [call] = fake.calls(MESSAGE_PATH)
    assert call["headers"]["access_token"] != "at-0"


async def test_token_still_refused_after_one_refresh_is_an_error_not_a_loop(fake, state_url):
    fake.valid_access_tokens.clear()
    fake.answer_next(MESSAGE_PATH, {"error": -216, "message": "Access token is invalid"})
    fake.answer_next(MESSAGE_PATH, {"error": -216, "message": "Access token is invalid"})
    with pytest.raises(ZaloApiError) as error:
        await client(fake, state_url).send_message(USER, HELLO)
    assert error.value.code == -216
    assert len(fake.calls(TOKEN_PATH)) == 1 and len(fake.calls(MESSAGE_PATH)) == 2


async def test_error_with_http_200_is_raised_with_zalos_code(fake, state_url):
    fake.answer_next(MESSAGE_PATH, {"error": -230, "message": "User has not interacted with the OA in 7 days"})
    with pytest.raises(ZaloApiError) as error:
        await client(fake, state_url).send_message(USER, HELLO)
    assert error.value.code == -230 and "7 days" in error.value.message


async def test_refused_refresh_says_to_reauthorise_and_logs_no_secret(fake, state_url, caplog):
    fake.valid_access_tokens.clear()
    fake.valid_refresh_tokens.clear()
    with caplog.at_level(logging.DEBUG), pytest.raises(ZaloApiError) as error:
        await client(fake, state_url).send_message(USER, HELLO)
    assert error.value.code == -14014
    assert "re-authorise the OA" in caplog.text
    for secret in ("at-0", "rt-0", APP_SECRET_KEY, USER):
        assert secret not in caplog.text


@pytest.mark.parametrize("failure", ["dropped", "502"])
async def test_network_failures_and_5xx_are_retried(fake, state_url, failure):
    if failure == "dropped":
        fake.drop_next(MESSAGE_PATH, 2)
    else:
        fake.answer_next(MESSAGE_PATH, {"error": "bad gateway"}, status=502)
    await client(fake, state_url).send_message(USER, HELLO)
    assert len(fake.sent) == 1
    assert len(fake.calls(MESSAGE_PATH)) == (3 if failure == "dropped" else 2)


async def test_unreachable_zalo_gives_up_after_the_attempts(fake, state_url):
    started = time.monotonic()
    with pytest.raises(ZaloApiError) as error:
        await client(fake, state_url, api_url="http://127.0.0.1:9").send_message(USER, HELLO)
    assert error.value.code is None and "3 attempts" in error.value.message
    assert time.monotonic() - started < 5


async def test_no_token_pair_at_all_is_a_clear_error(fake, state_url):
    with pytest.raises(ZaloApiError, match="ZALO_REFRESH_TOKEN"):
        await client(fake, state_url, access="", refresh="").send_message(USER, HELLO)
    assert fake.requests == []
