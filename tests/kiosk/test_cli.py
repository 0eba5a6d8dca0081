from sqlalchemy import func, select

from kiosk.cli.demo import DEMO_PASSWORD
from kiosk.core.auth import check_password, hash_password
from motcua.accounts import User, create_user
from motcua.apikeys import ApiKey, check_api_key
from motcua.catalogue.models import Procedure
from motcua.dossiers.models import Dossier
from motcua.staff import Counter
from motcua.units import Unit, get_unit, save_unit


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
    save_unit(db, "T1", "Trung tâm tỉnh", "tinh")
    db.commit()
    result = runner.invoke(args=["create-api-key", "mot-cua-tinh", "--unit", "T1", "--scope", "intake"])
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


def test_bootstrap_sets_up_a_real_centre_without_any_demo_data(runner, db, app):
    app.config["DEFAULT_UNIT_NAME"] = "Trung tâm Phục vụ hành chính công tỉnh Thử"
    result = runner.invoke(args=["bootstrap"])
    assert result.exit_code == 0, result.output
    assert db.scalar(select(func.count()).select_from(Procedure)) > 2000
    centre = get_unit(db, "000.00.00.H62")
    assert centre.name == "Trung tâm Phục vụ hành chính công tỉnh Thử"
    assert [counter.code for counter in db.scalars(select(Counter))] == ["Q1"]
    (admin,) = db.scalars(select(User)).all()
    assert admin.username == "admin" and admin.role == "admin" and admin.must_change_password
    password = result.output.strip().splitlines()[-1]
    assert check_password(admin, password) and len(password) >= 16
    assert not check_password(admin, "motcua-demo")
    assert db.scalar(select(func.count()).select_from(Dossier)) == 0


def test_bootstrap_twice_changes_nothing_and_never_prints_the_password_again(runner, db):
    first = runner.invoke(args=["bootstrap"])
    password = first.output.strip().splitlines()[-1]
    second = runner.invoke(args=["bootstrap"])
    assert second.exit_code == 0, second.output
    assert password not in second.output and "đã có" in second.output
    assert len(db.scalars(select(User)).all()) == 1 and len(db.scalars(select(Counter)).all()) == 1
    assert check_password(db.scalars(select(User)).one(), password)


def test_bootstrap_leaves_a_centre_with_its_own_administrator_alone(runner, db):
    create_user(db, "quantri", hash_password("mat-khau-rieng"), "admin")
    db.commit()
    result = runner.invoke(args=["bootstrap"])
    assert result.exit_code == 0, result.output
    assert [user.username for user in db.scalars(select(User))] == ["quantri"]


def test_seed_demo_after_bootstrap_adds_labelled_demo_data_and_keeps_the_real_admin(runner, db):
    password = runner.invoke(args=["bootstrap"]).output.strip().splitlines()[-1]
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "dữ liệu mẫu" in result.output.lower()
    assert db.scalar(select(func.count()).select_from(Dossier)) > 0
    accounts = {user.username: user for user in db.scalars(select(User))}
    assert check_password(accounts["admin"], password) and not check_password(accounts["admin"], DEMO_PASSWORD)
    demo = [user for name, user in accounts.items() if name != "admin"]
    assert demo and all("mẫu" in user.full_name for user in demo)


def test_seed_demo_fills_an_empty_database_once(runner, db):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    count = len(db.scalars(select(Unit)).all())
    assert count >= 2
    second = runner.invoke(args=["seed-demo"])
    assert "bỏ qua" in second.output
    assert len(db.scalars(select(Unit)).all()) == count


def test_seed_demo_seeds_in_dependency_order(runner, db):
    result = runner.invoke(args=["seed-demo"])
    assert "units, catalogue, staff, dossiers, ratings" in result.output
    assert db.scalar(select(func.count()).select_from(Dossier)) > 0


def test_seed_demo_refuses_a_database_with_real_units_unless_forced(runner, db):
    save_unit(db, "000.00.31.H26", "UBND xã Thật", "xa")
    db.commit()
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code != 0 and "--force" in result.output
    assert db.scalar(select(func.count()).select_from(User)) == 0
    assert runner.invoke(args=["seed-demo", "--force"]).exit_code == 0
