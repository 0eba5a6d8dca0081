"""Personal identification numbers are stored encrypted (authenticated), read back in clear through the
model, survive a key rotation, and are masked wherever they are shown outside the receipt."""

from __future__ import annotations

import os
import stat

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text

from motcua.dossiers.models import Dossier
from motcua.privacy import crypto
from motcua.privacy.rotation import rotate_identifiers, stored_identifier
from tests.factories import add_dossier, seed_catalogue

CCCD = "001099012345"


@pytest.fixture
def keys():
    """Two keys of this test only; the configuration in force is restored afterwards."""
    first, second = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    crypto.configure([first])
    yield first, second
    crypto.configure(None)


def test_the_database_holds_a_token_and_the_model_the_number(db, keys):
    seed_catalogue(db)
    dossier = add_dossier(db, applicant_identifier=CCCD)
    stored = stored_identifier(db, dossier.id)
    assert CCCD not in stored and crypto.is_token(stored)
    assert Fernet(keys[0].encode()).decrypt(stored.encode()).decode() == CCCD
    db.expire_all()
    assert db.get(Dossier, dossier.id).applicant_identifier == CCCD


def test_a_dossier_without_identifier_stores_an_empty_value(db, keys):
    seed_catalogue(db)
    dossier = add_dossier(db)
    assert stored_identifier(db, dossier.id) == ""


def test_a_changed_token_is_refused_not_decrypted_into_something_else(db, keys):
    seed_catalogue(db)
    dossier = add_dossier(db, applicant_identifier=CCCD)
    token = stored_identifier(db, dossier.id)
    forged = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    db.execute(text("UPDATE dossiers SET applicant_identifier = :t WHERE id = :i"), {"t": forged, "i": dossier.id})
    db.commit()
    db.expire_all()
    with pytest.raises(crypto.KeyUnavailable):
        db.get(Dossier, dossier.id).applicant_identifier  # noqa: B018


def test_rotation_moves_every_number_to_the_new_key(db, keys):
    first, second = keys
    seed_catalogue(db)
    ids = [
        add_dossier(db, f"000.00.12.H62-260302-000{n}", applicant_identifier=f"00109901234{n}").id for n in (1, 2, 3)
    ]
    # A row written in clear before encryption (or by a raw bulk insert) is encrypted by the rotation too.
    db.execute(text("UPDATE dossiers SET applicant_identifier = '079099000111' WHERE id = :i"), {"i": ids[2]})
    db.commit()

    crypto.configure([second, first])
    assert rotate_identifiers(db, batch_size=2) == 3

    crypto.configure([second])  # the old key retired
    db.expire_all()
    assert [db.get(Dossier, i).applicant_identifier for i in ids] == ["001099012341", "001099012342", "079099000111"]
    assert all(crypto.is_token(stored_identifier(db, i)) for i in ids)


def test_the_key_file_is_made_once_readable_by_its_owner_only(tmp_path, monkeypatch):
    monkeypatch.delenv(crypto.ENV_KEYS, raising=False)
    monkeypatch.setenv("MOTCUA_INSTANCE_PATH", str(tmp_path))
    crypto.configure(None)
    token = crypto.encrypt(CCCD)
    path = tmp_path / crypto.FILENAME
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert crypto.current_keys() == crypto.current_keys()
    assert crypto.decrypt(token) == CCCD
    new = crypto.add_new_key(tmp_path)
    assert crypto.current_keys()[0] == new and crypto.decrypt(token) == CCCD


def test_keys_from_the_environment_come_before_the_file(tmp_path, monkeypatch):
    key = Fernet.generate_key().decode()
    monkeypatch.setenv("MOTCUA_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv(crypto.ENV_KEYS, f" {key} ,")
    crypto.configure(None)
    assert crypto.current_keys() == [key]
    assert not (tmp_path / crypto.FILENAME).exists()


def test_a_key_that_is_not_a_fernet_key_is_refused_with_a_clear_message(monkeypatch):
    monkeypatch.setenv(crypto.ENV_KEYS, "not-a-key")
    crypto.configure(None)
    with pytest.raises(crypto.KeyUnavailable, match="not a Fernet key"):
        crypto.encrypt(CCCD)


@pytest.mark.parametrize(
    ("value", "masked"), [("001099012345", "********2345"), ("123456789", "*****6789"), ("12", "**"), ("", "")]
)
def test_masked_identifier_keeps_only_the_last_four_digits(value, masked):
    assert crypto.mask_identifier(value) == masked
