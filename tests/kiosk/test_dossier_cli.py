from tests.factories import seed_catalogue
from tests.motcua.dossiers.import_rows import BAD_PROCEDURE, GOOD, HEADER


def test_import_dossiers_prints_what_was_stored_and_each_rejected_row(runner, db, tmp_path):
    seed_catalogue(db)
    path = tmp_path / "ho-so.csv"
    path.write_text(HEADER + GOOD + BAD_PROCEDURE, encoding="utf-8")
    result = runner.invoke(args=["import-dossiers", str(path)])
    assert result.exit_code == 0, result.output
    assert "Đã nhập 1 hồ sơ mới, cập nhật 0, từ chối 1 dòng." in result.output
    assert "dòng 3: Không tìm thấy thủ tục mã '9.999999'" in result.output


def test_import_dossiers_fails_when_nothing_could_be_stored(runner, db, tmp_path):
    seed_catalogue(db)
    path = tmp_path / "ho-so.csv"
    path.write_text(HEADER + BAD_PROCEDURE, encoding="utf-8")
    assert runner.invoke(args=["import-dossiers", str(path)]).exit_code == 1
