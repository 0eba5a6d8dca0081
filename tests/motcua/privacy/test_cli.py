"""The privacy commands: ``purge``, ``access-log --dossier``, ``breach-scope --from --to`` and the key
rotation, through Flask's CLI runner on the test database."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from cryptography.fernet import Fernet

from kiosk.cli.privacy import (
    access_log_command,
    breach_scope_command,
    new_key_command,
    purge_command,
    rotate_command,
)
from motcua.clock import now_local
from motcua.feedback.models import Rating
from motcua.privacy import crypto
from motcua.privacy.access import Actor, record_access
from motcua.privacy.rotation import stored_identifier
from motcua.units import get_unit
from tests.factories import CODE, COMMUNE, add_dossier, seed_catalogue
from tests.motcua.privacy.tracker import senders, tracker_store

AT = datetime(2026, 11, 2, 9, 30)


@pytest.fixture
def viewed(db):
    seed_catalogue(db)
    dossier = add_dossier(db, applicant_identifier="001099012345", applicant_email="an@gmail.com")
    other = add_dossier(db, "000.00.12.H62-260302-0002")
    record_access(db, Actor("user", "canbo", None), "staff_intake.receipt", AT, dossier_id=dossier.id)
    record_access(db, Actor.citizen(), "api.dossier_verify", AT + timedelta(hours=30), dossier_id=dossier.id)
    record_access(db, Actor("user", "quanly", None), "reports.export", AT, detail="báo cáo tháng 10")
    record_access(db, Actor("user", "canbo", None), "staff_intake.receipt", AT - timedelta(days=9), dossier_id=other.id)
    db.commit()
    return db


def test_access_log_lists_who_viewed_the_dossier(runner, viewed):
    result = runner.invoke(access_log_command, ["--dossier", CODE.lower().replace("-", " - ")])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 2
    assert "02/11/2026 09:30:00\tuser:canbo\tstaff_intake.receipt" in lines[0]
    assert "citizen:phone_check\tapi.dossier_verify" in lines[1]


@pytest.mark.parametrize(
    ("code", "message"),
    [("000.00.12.H62-260302-0099", "Không tìm thấy hồ sơ"), ("'; DROP TABLE dossiers;--", "không phải mã hồ sơ")],
)
def test_access_log_refuses_an_unknown_or_malformed_code_in_vietnamese(runner, viewed, code, message):
    result = runner.invoke(access_log_command, ["--dossier", code])
    assert result.exit_code == 1 and message in result.output


def test_breach_scope_lists_the_dossiers_viewed_in_the_window_and_what_they_hold(runner, viewed):
    result = runner.invoke(breach_scope_command, ["--from", "2026-11-01T00:00", "--to", "2026-11-03T00:00"])
    assert result.exit_code == 0, result.output
    assert "1 hồ sơ đã được xem" in result.output
    line = next(line for line in result.output.splitlines() if line.startswith(CODE))
    assert "N. V. A." in line and "applicant_identifier" in line and "applicant_email" in line
    assert "user:canbo" in line and "citizen" not in line  # the citizen's view came a day later
    assert "Nguyễn" not in result.output and "001099012345" not in result.output
    assert "Xem nhiều hồ sơ: 2026-11-02 09:30 user:quanly reports.export: báo cáo tháng 10" in result.output
    assert "260302-0002" not in result.output


@pytest.mark.parametrize(
    "args", [["--from", "hôm qua", "--to", "2026-11-03"], ["--from", "2026-11-03", "--to", "2026-11-01"]]
)
def test_breach_scope_refuses_a_bad_window_in_vietnamese(runner, viewed, args):
    result = runner.invoke(breach_scope_command, args)
    assert result.exit_code == 1 and ("không phải thời điểm" in result.output or "phải trước" in result.output)


def test_purge_reports_its_counts_and_keeps_the_dossier(runner, db):
    seed_catalogue(db)
    add_dossier(db)
    unit = get_unit(db, COMMUNE)
    old = now_local() - timedelta(days=400)
    db.add(
        Rating(
            idempotency_key="k",
            unit_id=unit.id,
            level="hai_long",
            source="qr",
            comment="gọi 0912345678",
            created_at=old,
            received_at=old,
        )
    )
    db.commit()
    result = runner.invoke(purge_command)
    assert result.exit_code == 0, result.output
    assert "Ý kiến ghi trong phiếu đánh giá: 1" in result.output and "Tổng cộng: 1 bản ghi." in result.output
    assert "Tổng cộng: 0 bản ghi." in runner.invoke(purge_command).output


def test_a_new_key_then_rotation_moves_the_numbers_to_it(runner, db, tmp_path, monkeypatch):
    monkeypatch.delenv(crypto.ENV_KEYS, raising=False)
    monkeypatch.setenv("MOTCUA_INSTANCE_PATH", str(tmp_path))
    crypto.configure(None)
    try:
        seed_catalogue(db)
        dossier = add_dossier(db, applicant_identifier="001099012345")
        old_key = crypto.current_keys()[0]
        assert runner.invoke(new_key_command).exit_code == 0
        new_key = crypto.current_keys()[0]
        assert new_key != old_key
        result = runner.invoke(rotate_command)
        assert result.exit_code == 0 and "Đã mã hóa lại 1 số định danh." in result.output
        token = stored_identifier(db, dossier.id)
        assert Fernet(new_key.encode()).decrypt(token.encode()) == b"001099012345"
    finally:
        crypto.configure(None)


def test_purge_also_deletes_old_chat_transcripts_when_the_tracker_store_is_set(runner, db, app, tmp_path):
    url, engine = tracker_store(tmp_path, [("zalo-1", now_local() - timedelta(days=d)) for d in (1, 400)])
    app.config["RASA_TRACKER_STORE_URL"] = url
    result = runner.invoke(purge_command)
    assert result.exit_code == 0, result.output
    assert "Nội dung trò chuyện với trợ lý: 1" in result.output
    assert senders(engine) == ["zalo-1"]
    engine.dispose()


def test_breach_scope_of_a_database_copy_counts_the_rows_of_each_personal_table(runner, viewed):
    result = runner.invoke(
        breach_scope_command, ["--from", "2026-11-01", "--to", "2026-11-03", "--component", "database"]
    )
    assert result.exit_code == 0, result.output
    lines = dict(line.split("\t", 1) for line in result.output.splitlines() if "\t" in line)
    assert lines["dossiers"].startswith("2 dòng") and "applicant_identifier" in lines["dossiers"]
    assert lines["access_log"].startswith("3 dòng")  # the citizen's view came after the window
    assert "đã mã hóa" in result.output
