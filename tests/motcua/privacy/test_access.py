"""The access log records who viewed which dossier, when and why, and cannot be changed afterwards."""

from __future__ import annotations

from datetime import datetime

import pytest

from motcua.accounts import User
from motcua.privacy.access import (
    AccessEntry,
    Actor,
    AppendOnlyError,
    entries_between,
    entries_for_dossier,
    record_access,
)
from tests.factories import add_dossier, seed_catalogue

AT = datetime(2026, 11, 30, 9, 0)


def test_an_entry_names_the_account_the_dossier_the_time_and_the_route(db):
    seed_catalogue(db)
    dossier = add_dossier(db)
    user = User(username="canbo", password_hash="x", role="officer")
    db.add(user)
    db.flush()
    record_access(db, Actor.for_user(user), "dossiers.detail", AT, dossier_id=dossier.id)
    record_access(db, Actor.citizen(), "api.dossier_private", AT.replace(hour=10), dossier_id=dossier.id)
    db.commit()

    entries = entries_for_dossier(db, dossier.id)
    assert [(e.actor_kind, e.actor, e.user_id, e.route, e.at) for e in entries] == [
        ("user", "canbo", user.id, "dossiers.detail", AT),
        ("citizen", "phone_check", None, "api.dossier_private", AT.replace(hour=10)),
    ]
    assert [e.route for e in entries_between(db, AT, AT.replace(hour=10))] == ["dossiers.detail"]


def test_an_entry_cannot_be_changed_or_deleted_through_the_models(db):
    record_access(db, Actor.system("test"), "cli.export", AT, detail="120 hồ sơ")
    db.commit()
    entry = db.query(AccessEntry).one()
    entry.actor = "someone else"
    with pytest.raises(AppendOnlyError):
        db.commit()
    db.rollback()
    db.delete(db.query(AccessEntry).one())
    with pytest.raises(AppendOnlyError):
        db.commit()
    db.rollback()
    assert db.query(AccessEntry).one().actor == "test"


def test_an_unknown_kind_of_actor_is_refused(db):
    with pytest.raises(ValueError):
        record_access(db, Actor("hacker", "x"), "x", AT)


def test_the_actor_of_a_request_is_its_key_its_user_or_the_verified_citizen(db):
    from motcua.apikeys import ApiKey

    user = User(id=7, username="quanly", password_hash="x", role="manager")
    key = ApiKey(id=3, name="mot-cua-tinh", key_hash="a" * 64)
    assert Actor.of(user) == Actor("user", "quanly", user_id=7)
    assert Actor.of(key) == Actor("api_key", "mot-cua-tinh", api_key_id=3)
    assert Actor.of(None) == Actor("citizen", "phone_check")
