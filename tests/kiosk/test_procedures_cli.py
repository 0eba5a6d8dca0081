from sqlalchemy import func, select

from motcua.catalogue.models import Procedure
from tests.kiosk.catalogue_records import write_records


def _raw_file(tmp_path):
    return write_records(tmp_path / "raw.jsonl.gz", ("{broken\n",))


def test_import_catalogue_reports_new_then_unchanged_records_and_rejected_lines(runner, db, tmp_path):
    path = _raw_file(tmp_path)
    first = runner.invoke(args=["import-catalogue", str(path)])
    assert first.exit_code == 0, first.output
    assert "Đã nhập 3 thủ tục" in first.output and "3 mới" in first.output
    assert "dòng 4 bị từ chối" in first.output
    again = runner.invoke(args=["import-catalogue", str(path)])
    assert "3 không đổi" in again.output
    assert db.scalar(select(func.count()).select_from(Procedure)) == 3


def test_build_catalogue_writes_a_file_that_imports_the_same(runner, db, tmp_path):
    built = tmp_path / "procedures.jsonl.gz"
    result = runner.invoke(args=["build-catalogue", str(_raw_file(tmp_path)), "--output", str(built)])
    assert result.exit_code == 0 and "Đã ghi 3 thủ tục" in result.output
    assert "3 mới" in runner.invoke(args=["import-catalogue", str(built)]).output


def test_import_of_a_missing_file_fails_with_a_message(runner):
    result = runner.invoke(args=["import-catalogue", "/khong/co.jsonl.gz"])
    assert result.exit_code != 0 and "does not exist" in result.output
