"""The migrations under migrations/ build exactly the schema the models describe, and the newest one
upgrades a database that already holds rows without losing them (SQLite, and PostgreSQL when
TEST_DATABASE_URL is set)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from datetime import date, datetime

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from kiosk.cli.database import alembic_config, upgrade
from motcua.db import make_engine
from motcua.models import Base

# Rows as an older schema stores them: only columns every revision since 0001 has. Columns a later
# revision added are filled generically (see _complete), so the test needs no edit per revision.
ROWS = {
    "units": [
        {"id": 1, "code": "T1", "name": "Trung tâm tỉnh", "level": "tinh", "parent_id": None},
        {"id": 2, "code": "X1", "name": "UBND xã Một", "level": "xa", "parent_id": 1},
    ],
    "procedures": [{"id": 1, "code": "1.001", "name": "Chứng thực bản sao", "levels": ["xa"]}],
    "officers": [{"id": 1, "unit_id": 2, "code": "CB01", "name": "Trần Thị Bình", "active": True}],
    "counters": [{"id": 1, "unit_id": 2, "code": "Q1", "name": "Quầy 1", "current_officer_id": 1, "active": True}],
    "users": [
        {"id": 1, "username": "quantri", "password_hash": "scrypt:x", "role": "admin", "unit_id": None},
        {"id": 2, "username": "canbo", "password_hash": "scrypt:y", "role": "officer", "unit_id": 2},
    ],
    "api_keys": [{"id": 1, "name": "mot-cua-tinh", "key_hash": "a" * 64}],
    "dossiers": [
        {
            "id": 1,
            "code": "000.00.12.H62-260302-0001",
            "procedure_id": 1,
            "unit_id": 2,
            "applicant_name": "Nguyễn Văn An",
            "applicant_phone": "0912345678",
            "received_at": datetime(2026, 3, 2, 8, 30),
            "state": 2,
            "state_at": datetime(2026, 3, 2, 8, 30),
            "received_by_officer_id": 1,
        }
    ],
    "ratings": [
        {
            "id": 1,
            "idempotency_key": "k-1",
            "unit_id": 2,
            "counter_id": 1,
            "officer_id": 1,
            "dossier_id": 1,
            "level": "hai_long",
            "source": "kiosk",
            "created_at": datetime(2026, 3, 2, 9, 0),
            "received_at": datetime(2026, 3, 2, 9, 0),
        }
    ],
}


@pytest.fixture
def scratch_url(tmp_path) -> Iterator[str]:
    """An empty database: a SQLite file, or a fresh PostgreSQL schema when TEST_DATABASE_URL is set."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path / 'migrated.db'}"
        return
    schema = f"mig_{secrets.token_hex(4)}"
    admin = make_engine(base)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_upgrade_to_head_builds_the_schema_the_models_describe(scratch_url):
    upgrade(scratch_url)
    upgrade(scratch_url)  # a second run is a no-op, as make run relies on
    assert _differences(scratch_url) == [], "models and migrations disagree: run `make migration`"


def test_the_newest_revision_upgrades_a_database_with_rows_and_keeps_them(scratch_url):
    script = ScriptDirectory.from_config(alembic_config(scratch_url))
    head = script.get_revision(script.get_current_head())
    assert isinstance(head.down_revision, str), "the chain has one line of revisions"
    upgrade(scratch_url, head.down_revision)
    engine = make_engine(scratch_url)
    with engine.begin() as conn:
        tables = _reflect(conn)
        for name, rows in ROWS.items():
            conn.execute(tables[name].insert(), [_complete(tables[name], row) for row in rows])
    upgrade(scratch_url)
    with engine.connect() as conn:
        tables = _reflect(conn)
        for name, rows in ROWS.items():
            stored = {row.id: row._mapping for row in conn.execute(sa.select(tables[name]))}
            assert set(stored) == {row["id"] for row in rows}, name
            for row in rows:
                assert {key: stored[row["id"]][key] for key in row} == row, name
    engine.dispose()
    assert _differences(scratch_url) == []


def test_keys_made_before_scopes_keep_their_permissions_but_no_unit(scratch_url):
    """0002's data step: an old key opens nothing until an administrator gives it a unit."""
    upgrade(scratch_url, "0001")
    engine = make_engine(scratch_url)
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO api_keys (id, name, key_hash) VALUES (1, 'cu', :h)"), {"h": "b" * 64})
    upgrade(scratch_url, "0002")
    with engine.connect() as conn:
        row = conn.execute(sa.text("SELECT unit_id, scopes FROM api_keys")).one()
    engine.dispose()
    assert (row.unit_id, row.scopes) == (None, "intake,reports")


def test_init_db_command_reports_success(runner, tmp_path, app):
    app.config["DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.db'}"
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0, result.output


def _differences(url: str) -> list:
    engine = make_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    return diff


def _reflect(conn) -> dict[str, sa.Table]:
    metadata = sa.MetaData()
    metadata.reflect(conn)
    return metadata.tables


def _complete(table: sa.Table, row: dict) -> dict:
    """``row`` plus a plain value for every other required column without a server default."""
    filled = dict(row)
    for column in table.columns:
        if column.name in filled or column.nullable or column.server_default is not None or column.primary_key:
            continue
        filled[column.name] = _plain_value(column.type)
    return filled


def _plain_value(column_type: sa.types.TypeEngine):
    python_type = column_type.python_type if not isinstance(column_type, sa.JSON) else list
    if python_type is datetime:
        return datetime(2026, 3, 2, 8, 0)
    return {bool: False, int: 0, date: date(2026, 3, 2), list: [], dict: {}}.get(python_type, "")


def test_0006_encrypts_the_stored_identification_numbers_and_they_stay_readable(scratch_url):
    """0006's data step: every CCCD number already stored becomes a token; the model reads it back in
    clear; downgrading decrypts it again. (Keys: this test's own, through ``crypto.configure``.)"""
    from alembic import command
    from cryptography.fernet import Fernet
    from sqlalchemy.orm import Session

    from motcua.dossiers.models import Dossier
    from motcua.privacy import crypto

    crypto.configure([Fernet.generate_key().decode()])
    try:
        upgrade(scratch_url, "0005")
        engine = make_engine(scratch_url)
        people = {1: "001099012345", 2: "", 3: "079188000777"}
        with engine.begin() as conn:
            tables = _reflect(conn)
            for name in ("units", "procedures", "officers", "counters", "users"):
                conn.execute(tables[name].insert(), [_complete(tables[name], row) for row in ROWS[name]])
            template = ROWS["dossiers"][0]
            conn.execute(
                tables["dossiers"].insert(),
                [
                    _complete(
                        tables["dossiers"],
                        {**template, "id": i, "code": f"{template['code'][:-1]}{i}", "applicant_identifier": v},
                    )
                    for i, v in people.items()
                ],
            )
        upgrade(scratch_url)
        with engine.connect() as conn:
            stored = dict(conn.execute(sa.text("SELECT id, applicant_identifier FROM dossiers")).all())
            if engine.dialect.name == "sqlite":
                assert conn.execute(sa.text("PRAGMA integrity_check")).scalar() == "ok"
        assert stored[2] == ""
        for i in (1, 3):
            assert people[i] not in stored[i] and crypto.is_token(stored[i])
        with Session(engine) as session:
            assert {d.id: d.applicant_identifier for d in session.query(Dossier)} == people
        assert _differences(scratch_url) == []
        command.downgrade(alembic_config(scratch_url), "0005")
        with engine.connect() as conn:
            assert dict(conn.execute(sa.text("SELECT id, applicant_identifier FROM dossiers")).all()) == people
        engine.dispose()
    finally:
        crypto.configure(None)


def test_0008_adds_the_hand_off_tables_to_a_database_with_rows(scratch_url):
    """0008 (hand-off to an officer): a database at 0007 holding rows reaches head with its rows, the
    new tables take a conversation and a message of an existing unit and user, and 0008 downgrades."""
    from alembic import command

    upgrade(scratch_url, "0007")
    engine = make_engine(scratch_url)
    with engine.begin() as conn:
        tables = _reflect(conn)
        for name in ("units", "users"):
            conn.execute(tables[name].insert(), [_complete(tables[name], row) for row in ROWS[name]])
    upgrade(scratch_url)
    with engine.begin() as conn:
        tables = _reflect(conn)
        assert {row.id for row in conn.execute(sa.select(tables["units"]))} == {1, 2}
        conversation = {
            "id": 1,
            "unit_id": 2,
            "channel": "web",
            "sender_id": "s" * 32,
            "status": "open",
            "citizen_seen_until": 0.0,
        }
        conn.execute(tables["handoff_conversations"].insert(), _complete(tables["handoff_conversations"], conversation))
        message = {"id": 1, "conversation_id": 1, "author": "officer", "officer_id": 2, "text": "Chào anh/chị"}
        conn.execute(tables["handoff_messages"].insert(), _complete(tables["handoff_messages"], message))
    assert _differences(scratch_url) == []
    command.downgrade(alembic_config(scratch_url), "0007")
    with engine.connect() as conn:
        assert "handoff_messages" not in _reflect(conn)
        assert conn.execute(sa.text("SELECT count(*) FROM users")).scalar() == 2
    engine.dispose()


def test_0009_adds_the_assistant_insights_tables_to_a_database_with_rows(scratch_url):
    """0009 (the assistant's insights): a database at 0008 holding rows, a hand-off among them, reaches head
    with its rows; the new tables take a turn, a 👎, a decision and a learned wording of an existing unit;
    and 0009 downgrades to 0008 keeping the hand-off."""
    from alembic import command

    upgrade(scratch_url, "0008")
    engine = make_engine(scratch_url)
    conversation = {"id": 1, "unit_id": 2, "channel": "zalo", "sender_id": "z" * 20, "citizen_seen_until": 0.0}
    with engine.begin() as conn:
        tables = _reflect(conn)
        for name in ("units", "users", "procedures"):
            conn.execute(tables[name].insert(), [_complete(tables[name], row) for row in ROWS[name]])
        conn.execute(tables["handoff_conversations"].insert(), _complete(tables["handoff_conversations"], conversation))
    upgrade(scratch_url)
    at = datetime(2026, 3, 2, 9, 15, 30, 123456)
    with engine.begin() as conn:
        tables = _reflect(conn)
        assert [row.sender_id for row in conn.execute(sa.select(tables["handoff_conversations"]))] == ["z" * 20]
        rows = {
            "assistant_turns": {"conversation_key": "k" * 32, "at": at, "channel": "web", "outcome": "not_found"},
            "assistant_answer_feedback": {"conversation_key": "k" * 32, "at": at, "helpful": False},
            "assistant_missed_decisions": {"group_key": "lam so do", "decision": "taught", "decided_at": at},
            "assistant_learned_phrasings": {"phrase_key": "lam so do", "phrase": "sổ đỏ", "procedure_code": "1.001"},
        }
        for name, row in rows.items():
            conn.execute(tables[name].insert(), _complete(tables[name], {"id": 1, "unit_id": 2, **row}))
        turn = {"id": 2, "unit_id": 2, **rows["assistant_turns"]}
        # The same turn twice is refused by the database itself: two Rasa replicas may send it at once.
        with pytest.raises(sa.exc.IntegrityError), conn.begin_nested():
            conn.execute(tables["assistant_turns"].insert(), _complete(tables["assistant_turns"], turn))
        assert conn.execute(sa.select(tables["assistant_turns"].c.at)).scalar() == at
    assert _differences(scratch_url) == []
    command.downgrade(alembic_config(scratch_url), "0008")
    with engine.connect() as conn:
        assert "assistant_turns" not in _reflect(conn)
        assert conn.execute(sa.text("SELECT count(*) FROM handoff_conversations")).scalar() == 1
    engine.dispose()
