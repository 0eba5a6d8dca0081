"""Deploy tests start the loopback cluster (deploy/local-cluster.sh: nginx, 2 app instances, 2 Rasa replicas,
the action server, on PostgreSQL and Redis): minutes of start-up, so they run only when asked for
(``pytest -m deploy``, as ``make test`` does when PostgreSQL and Redis answer: deploy/check.sh)."""

import pytest


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "deploy: starts the loopback cluster (pytest -m deploy; deploy/check.sh)")


def pytest_collection_modifyitems(config, items) -> None:
    if "deploy" in (config.option.markexpr or ""):
        return
    skip = pytest.mark.skip(reason="starts the loopback cluster: make test runs it (pytest -m deploy)")
    for item in items:
        if "deploy" in item.keywords:
            item.add_marker(skip)
