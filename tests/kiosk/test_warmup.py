"""A worker builds the catalogue index before its first request (gunicorn.conf.py), so the first citizens
after a restart do not wait for it: behind the assistant, a first search that builds the index (about 3 s for
the shipped catalogue, more on a busy machine) ran out of the action server's 5-second budget and answered
"tra cứu đang tạm thời gián đoạn"."""

from __future__ import annotations

import runpy
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import create_engine

from kiosk.app import create_app
from kiosk.core.warmup import warm
from motcua.catalogue import search
from tests.factories import add_procedure

ROOT = Path(__file__).resolve().parents[2]


def test_warm_builds_the_index_so_the_first_search_finds_it_ready(app, db):
    add_procedure(db, "1.000001", "Đăng ký khai sinh", 5)
    db.commit()
    search._INDEXES.clear()
    warm(app)
    assert search._INDEXES, "no index was built"
    ((_signature, index),) = search._INDEXES.values()
    with app.app_context():
        from kiosk.core.db import new_session

        with new_session() as session:
            assert search.catalogue_index(session) is index  # the first search does not build again
            assert search.search_procedures(session, "khai sinh").items[0].code == "1.000001"


def test_warm_on_a_database_without_tables_logs_and_lets_the_worker_start(tmp_path, caplog):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    create_engine(url).dispose()
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "x" * 32})
    try:
        warm(app)  # no exception: /healthz then says what is wrong
    finally:
        app.extensions["motcua.engine"].dispose()
    assert "catalogue" in caplog.text.lower()


def test_gunicorn_config_warms_each_worker_before_it_serves(app, db):
    add_procedure(db, "1.000002", "Đăng ký kết hôn", 5)
    db.commit()
    search._INDEXES.clear()
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    config["post_worker_init"](SimpleNamespace(wsgi=app))
    assert search._INDEXES
