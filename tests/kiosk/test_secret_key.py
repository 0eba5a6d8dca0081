"""The signing key: generated once per installation when not configured, never the old shipped default."""

from __future__ import annotations

import stat

import pytest

from motcua.clock import now_local
from motcua.feedback.tokens import make_rating_token
from server import create_app
from tests.factories import DOSSIER_CODE, make_centre, make_dossier

OLD_DEFAULT = "dev-only-change-me"


@pytest.fixture
def instance(tmp_path, monkeypatch):
    monkeypatch.setenv("MOTCUA_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    return tmp_path / "instance"


def _production_app(engine, database_url, **config):
    return create_app({"DATABASE_URL": database_url, "DATABASE_ENGINE": engine, **config})


def test_without_a_secret_key_one_is_generated_once_into_the_instance_folder(instance, engine, database_url):
    first = _production_app(engine, database_url)
    key_file = instance / "secret_key"
    assert key_file.exists()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(first.config["SECRET_KEY"]) >= 32 and first.config["SECRET_KEY"] != OLD_DEFAULT
    # A second worker (or the next start) signs with the same key, so sessions and QR links survive.
    assert _production_app(engine, database_url).config["SECRET_KEY"] == first.config["SECRET_KEY"]


def test_an_empty_secret_key_in_the_environment_counts_as_unset(instance, engine, database_url, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "")
    app = _production_app(engine, database_url)
    assert app.config["SECRET_KEY"] == (instance / "secret_key").read_text().strip()


def test_the_old_shipped_default_refuses_to_start_outside_tests(instance, engine, database_url, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", OLD_DEFAULT)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        _production_app(engine, database_url)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        _production_app(engine, database_url, SECRET_KEY=OLD_DEFAULT)


def test_a_qr_link_signed_with_the_old_default_does_not_open_the_rating_form(instance, engine, database_url, db):
    make_centre(db)
    make_dossier(db)
    forged = make_rating_token(OLD_DEFAULT, DOSSIER_CODE, now_local())
    client = _production_app(engine, database_url).test_client()
    response = client.get(f"/r/{forged}")
    assert response.status_code == 403
    assert "không hợp lệ" in response.get_data(as_text=True)
