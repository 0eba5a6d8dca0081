"""``flask backup`` / ``flask restore``: after a restore the centre's report is what it was at the backup,
whatever changed in between (SQLite online backup, or pg_dump / pg_restore on PostgreSQL)."""

from datetime import datetime

from sqlalchemy import text

from motcua.units import save_unit
from tests.factories import DossierSet

REPORT = ["report", "T1", "--month", "2021-04", "--format", "json"]


def test_a_report_after_restore_equals_the_report_before(runner, db, engine, tmp_path):
    unit = save_unit(db, "T1", "Trung tâm Phục vụ hành chính công tỉnh", "tinh")
    build = DossierSet(db)
    procedure = build.procedure("1.1", "Tư pháp", online=False)
    t = datetime
    build.add(40, unit=unit, procedure=procedure, received=t(2021, 4, 1), due=t(2021, 4, 10), resolved=t(2021, 4, 8))
    build.add(3, unit=unit, procedure=procedure, received=t(2021, 4, 1), due=t(2021, 4, 10), resolved=t(2021, 4, 12))
    build.save()
    db.commit()
    db.close()
    before = runner.invoke(args=REPORT)
    assert before.exit_code == 0, before.output

    saved = runner.invoke(args=["backup", str(tmp_path / "motcua.dump")])
    assert saved.exit_code == 0, saved.output
    assert "Đã sao lưu" in saved.output and (tmp_path / "motcua.dump").stat().st_size > 0

    with engine.begin() as connection:  # what a mistake or an attack does after the backup
        connection.execute(text("UPDATE dossiers SET resolved_at = NULL WHERE resolved_at > '2021-04-09'"))
    assert runner.invoke(args=REPORT).output != before.output

    restored = runner.invoke(args=["restore", str(tmp_path / "motcua.dump")])
    assert restored.exit_code == 0, restored.output
    assert runner.invoke(args=REPORT).output == before.output


def test_restore_refuses_a_file_that_is_no_backup(runner, tmp_path, engine):
    if engine.dialect.name != "sqlite":
        return
    junk = tmp_path / "junk.dump"
    junk.write_bytes(b"not a database" * 100)
    result = runner.invoke(args=["restore", str(junk)])
    assert result.exit_code != 0 and "không phải bản sao lưu" in result.output
