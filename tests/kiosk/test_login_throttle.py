"""Password guessing is throttled per (account, client), with a slower limit per account across all
clients, and the count is taken before the password is checked, so parallel guesses cannot race it."""

from __future__ import annotations

import secrets
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kiosk.core.auth import hash_password
from motcua.accounts import AccountError, create_user
from motcua.staff import save_officer
from motcua.units import save_unit

PASSWORD = "mat-khau-dai"
UNIT = "000.00.00.H62"


@pytest.fixture
def staff(db):
    save_unit(db, UNIT, "Trung tâm tỉnh", "tinh")
    create_user(db, "canbo", hash_password(PASSWORD), "officer", UNIT, "Trần Văn Minh")
    db.commit()


def test_an_attacker_s_wrong_guesses_do_not_lock_the_owner_out_from_their_own_computer(client, staff, auth):
    attacker, owner = "198.51.100.66", "10.1.2.3"
    guesses = [auth("canbo", "doan-mo", address=attacker, client=client).status_code for _ in range(6)]
    assert guesses == [401] * 5 + [429]
    # the attacker gains nothing from the right password
    assert auth("canbo", PASSWORD, address=attacker, client=client).status_code == 429
    assert auth("canbo", PASSWORD, address=owner, client=client).status_code == 302


def test_many_clients_guessing_one_account_hit_its_slower_global_limit(app, client, staff, auth):
    app.config["LOGIN_ACCOUNT_LIMIT"] = (6, 3600)
    statuses = [
        auth("canbo", "doan-mo", address=f"198.51.100.{n}", client=client).status_code
        for n in range(1, 4)
        for _ in range(2)
    ]
    assert statuses == [401] * 6
    assert auth("canbo", PASSWORD, address="198.51.100.200", client=client).status_code == 429


def test_a_client_hammering_after_its_own_limit_does_not_use_up_the_account_s_global_budget(app, client, staff, auth):
    app.config["LOGIN_ACCOUNT_LIMIT"] = (8, 3600)
    for _ in range(40):
        auth("canbo", "doan-mo", address="198.51.100.66", client=client)
    assert auth("canbo", PASSWORD, address="10.1.2.3", client=client).status_code == 302


def test_the_owner_signing_in_often_is_never_throttled(client, staff, auth):
    assert [auth("canbo", PASSWORD, address="10.1.2.3", client=client).status_code for _ in range(12)] == [302] * 12


@pytest.mark.browser  # a real threaded server, as for the browser tests
def test_twenty_parallel_wrong_guesses_get_at_most_the_limit_checked(live_server, staff):
    barrier = threading.Barrier(20)
    statuses: list[int] = []

    def guess(number: int) -> None:
        body = urllib.parse.urlencode({"username": "canbo", "password": f"doan-{number}"}).encode()
        barrier.wait()
        try:
            with urllib.request.urlopen(f"{live_server}/auth/login", body, timeout=60) as response:
                statuses.append(response.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    assert len(statuses) == 20
    assert statuses.count(401) == 5 and statuses.count(429) == 15


def test_an_officer_code_shown_on_the_kiosk_cannot_be_a_user_name(db, staff):
    save_officer(db, UNIT, "CB07", "Lê Văn Tám")
    with pytest.raises(AccountError, match="mã cán bộ"):
        create_user(db, "cb07", hash_password(PASSWORD), "officer", UNIT, "Lê Văn Tám")


def test_with_redis_the_owner_is_neither_locked_out_nor_throttled_for_signing_in_often(app, client, db, staff, auth):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    app.config["REDIS_URL"] = url
    name = f"canbo{secrets.token_hex(3)}"
    create_user(db, name, hash_password(PASSWORD), "officer", UNIT)
    db.commit()
    assert [auth(name, PASSWORD, address="10.1.2.3", client=client).status_code for _ in range(8)] == [302] * 8
    assert [auth(name, "doan-mo", address="198.51.100.66", client=client).status_code for _ in range(6)] == [
        401
    ] * 5 + [429]
    assert auth(name, PASSWORD, address="10.1.2.3", client=client).status_code == 302
