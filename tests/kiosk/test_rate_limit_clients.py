"""Who a rate limit counts: the real client behind a trusted proxy, an IPv6 /64 as one client, and for
the assistant each citizen's conversation rather than the action server's one address."""

from __future__ import annotations

import pytest

from motcua.apikeys import create_api_key
from motcua.units import save_unit
from server import create_app

LOOKUP = "/api/v1/dossiers/000.00.12.H62-260415-0001"


@pytest.fixture
def limited(engine, database_url):
    def make(**config):
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "test-secret",
                "DATABASE_URL": database_url,
                "DATABASE_ENGINE": engine,
                "DOSSIER_LOOKUP_LIMIT": (2, 3600),
                **config,
            }
        )
        return app.test_client()

    return make


def _statuses(client, times, address="203.0.113.7", **headers):
    return [
        client.get(LOOKUP, headers=headers, environ_base={"REMOTE_ADDR": address}).status_code for _ in range(times)
    ]


def test_without_trusted_proxies_a_forged_forwarded_for_gains_nothing(limited):
    client = limited()
    assert _statuses(client, 2, **{"X-Forwarded-For": "198.51.100.1"}) == [404, 404]
    assert _statuses(client, 1, **{"X-Forwarded-For": "198.51.100.2"}) == [429]


def test_behind_one_trusted_proxy_each_real_client_has_its_own_budget(limited):
    client = limited(TRUSTED_PROXIES=1)
    proxy = "10.0.0.5"
    assert _statuses(client, 3, proxy, **{"X-Forwarded-For": "198.51.100.1"}) == [404, 404, 429]
    assert _statuses(client, 1, proxy, **{"X-Forwarded-For": "198.51.100.2"}) == [404]
    # Only the hop the proxy added counts: a client cannot prepend an address of its choosing.
    assert _statuses(client, 1, proxy, **{"X-Forwarded-For": "192.0.2.99, 198.51.100.1"}) == [429]


def test_an_ipv6_client_is_counted_by_its_64_network(limited):
    client = limited()
    assert _statuses(client, 2, "2001:db8:1:2::1") == [404, 404]
    assert _statuses(client, 1, "2001:db8:1:2:ffff::9") == [429]  # same /64, a new address
    assert _statuses(client, 1, "2001:db8:1:3::1") == [404]  # the next /64 is someone else


def _assistant_key(db, scopes="assistant") -> str:
    save_unit(db, "000.00.00.H62", "Trung tâm tỉnh", "tinh")
    key = create_api_key(db, f"tro-ly-{scopes}", "000.00.00.H62", scopes)
    db.commit()
    return key


def test_the_assistant_s_lookups_are_limited_per_conversation(limited, db):
    key = _assistant_key(db)
    client = limited()
    auth = {"Authorization": f"Bearer {key}"}
    assert _statuses(client, 3, **auth, **{"X-Motcua-Conversation": "zalo-111"}) == [404, 404, 429]
    # Another citizen talking to the same action server still gets answers.
    assert _statuses(client, 2, **auth, **{"X-Motcua-Conversation": "web-222"}) == [404, 404]


@pytest.mark.parametrize("scopes", [None, "intake"])
def test_the_conversation_header_is_ignored_without_an_assistant_key(limited, db, scopes):
    headers = {} if scopes is None else {"Authorization": f"Bearer {_assistant_key(db, scopes)}"}
    client = limited()
    assert _statuses(client, 2, **headers, **{"X-Motcua-Conversation": "a"}) == [404, 404]
    assert _statuses(client, 1, **headers, **{"X-Motcua-Conversation": "b"}) == [429]
