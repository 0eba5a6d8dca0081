from sqlalchemy import select

from motcua.apikeys import ApiKey, check_api_key
from motcua.units import Unit, get_unit


def test_units_add_builds_the_tree_from_the_command_line(runner, db):
    assert runner.invoke(args=["units", "add", "T1", "Trung tâm tỉnh", "--level", "tinh"]).exit_code == 0
    result = runner.invoke(args=["units", "add", "X1", "UBND xã Một", "--level", "xa", "--parent", "T1"])
    assert result.exit_code == 0, result.output
    assert get_unit(db, "X1").parent.code == "T1"


def test_units_add_with_unknown_parent_fails_with_a_message(runner, db):
    result = runner.invoke(args=["units", "add", "X1", "UBND xã Một", "--level", "xa", "--parent", "NOPE"])
    assert result.exit_code != 0 and "Không tìm thấy đơn vị cấp trên" in result.output
    assert db.scalar(select(Unit)) is None


def test_units_import_reads_a_csv(runner, db, tmp_path):
    path = tmp_path / "u.csv"
    path.write_text("code,name,level,parent\nT1,Tỉnh,tinh,\nX1,Xã,xa,T1\n", encoding="utf-8")
    result = runner.invoke(args=["units", "import", str(path)])
    assert result.exit_code == 0 and "Đã lưu 2 đơn vị" in result.output


def test_create_api_key_prints_the_key_alone_on_the_last_line_and_stores_only_a_hash(runner, db):
    result = runner.invoke(args=["create-api-key", "mot-cua-tinh"])
    key = result.output.strip().splitlines()[-1]
    assert result.exit_code == 0 and key.startswith("mc_")
    assert check_api_key(db, key) is not None
    assert key not in {k.key_hash for k in db.scalars(select(ApiKey))}
    assert runner.invoke(args=["revoke-api-key", "mot-cua-tinh"]).exit_code == 0
    db.expire_all()
    assert check_api_key(db, key) is None


def test_create_user_refuses_a_short_password(runner, db):
    result = runner.invoke(args=["create-user", "admin2", "--role", "admin", "--password", "ngan"])
    assert result.exit_code != 0 and "ít nhất 8" in result.output


def test_seed_demo_fills_an_empty_database_once(runner, db):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    count = len(db.scalars(select(Unit)).all())
    assert count >= 2
    second = runner.invoke(args=["seed-demo"])
    assert "bỏ qua" in second.output
    assert len(db.scalars(select(Unit)).all()) == count
