"""``flask --app server users ...`` and ``create-user``: accounts from the command line."""

import pytest
from sqlalchemy import select

from kiosk.core.auth import hash_password
from motcua.accounts import create_user, find_user, get_user
from motcua.apikeys import ApiKey, check_api_key, create_api_key
from motcua.units import save_unit


def make_staff(db):
    save_unit(db, "T", "Trung tâm tỉnh", "tinh")
    save_unit(db, "T.X1", "UBND xã Một", "xa", "T")
    create_user(db, "admin", hash_password("mat-khau-dai"), "admin", None, "Quản trị")
    create_user(db, "quanly", hash_password("mat-khau-dai"), "manager", "T", "Nguyễn Thị Lan")
    create_user(db, "canboxa", hash_password("mat-khau-dai"), "officer", "T.X1", "Trần Văn Minh")
    db.commit()


def test_users_list_prints_one_line_per_account_and_filters_by_unit_subtree(runner, db):
    make_staff(db)
    result = runner.invoke(args=["users", "list"])
    assert result.exit_code == 0, result.output
    assert [line.split("\t")[0] for line in result.output.splitlines()] == ["admin", "quanly", "canboxa"]
    assert "canboxa\tofficer\tT.X1\thoạt động\tTrần Văn Minh" in result.output
    result = runner.invoke(args=["users", "list", "--unit", "T.X1"])
    assert result.output.splitlines() == ["canboxa\tofficer\tT.X1\thoạt động\tTrần Văn Minh"]


def test_users_deactivate_and_activate_lock_and_unlock_an_account(runner, db):
    make_staff(db)
    result = runner.invoke(args=["users", "deactivate", "CanBoXa"])
    assert result.exit_code == 0 and "Đã khóa tài khoản canboxa" in result.output
    db.expire_all()
    assert find_user(db, "canboxa") is None
    assert runner.invoke(args=["users", "list", "--inactive"]).output.startswith("canboxa\t")
    assert runner.invoke(args=["users", "activate", "canboxa"]).exit_code == 0
    db.expire_all()
    assert find_user(db, "canboxa") is not None


def test_users_reset_password_checks_the_length_and_stores_a_scrypt_hash(runner, db):
    make_staff(db)
    short = runner.invoke(args=["users", "reset-password", "admin", "--password", "ngan"])
    assert short.exit_code != 0 and "ít nhất 8" in short.output
    result = runner.invoke(args=["users", "reset-password", "admin", "--password", "mat-khau-moi-dai"])
    assert result.exit_code == 0, result.output
    db.expire_all()
    assert get_user(db, "admin").password_hash.startswith("scrypt:")


def test_users_commands_name_an_unknown_account(runner, db):
    result = runner.invoke(args=["users", "deactivate", "khong-co"])
    assert result.exit_code != 0 and "Không tìm thấy tài khoản 'khong-co'" in result.output


def test_create_user_refuses_a_user_name_with_spaces(runner, db):
    result = runner.invoke(args=["create-user", "can bo", "--role", "admin", "--password", "mat-khau-dai"])
    assert result.exit_code != 0 and "chỉ gồm chữ không dấu" in result.output


def test_create_user_reports_the_user_name_as_stored(runner, db):
    save_unit(db, "T", "Trung tâm tỉnh", "tinh")
    db.commit()
    args = ["create-user", "Trần.Bích", "--role", "officer", "--unit", "T", "--password", "mat-khau-dai"]
    result = runner.invoke(args=args)
    assert result.exit_code == 0 and "Đã tạo tài khoản tran.bich (Cán bộ tiếp nhận)" in result.output


def test_create_api_key_scopes_the_key_to_a_unit_and_permissions(runner, db):
    make_staff(db)
    result = runner.invoke(args=["create-api-key", "mot-cua-xa", "--unit", "T.X1", "--scope", "Intake, reports"])
    assert result.exit_code == 0, result.output
    key = check_api_key(db, result.output.strip().splitlines()[-1])
    assert (key.unit.code, key.scope_set) == ("T.X1", {"intake", "reports"})


@pytest.mark.parametrize(
    "options,message",
    [
        (["--unit", "NOPE", "--scope", "intake"], "Không tìm thấy đơn vị"),
        (["--unit", "T", "--scope", "admin"], "không hợp lệ"),
        (["--scope", "intake"], "--unit"),
        (["--unit", "T"], "--scope"),
    ],
)
def test_create_api_key_refuses_a_key_without_a_known_unit_and_permissions(runner, db, options, message):
    make_staff(db)
    result = runner.invoke(args=["create-api-key", "khoa", *options])
    assert result.exit_code != 0 and message in result.output
    assert db.scalar(select(ApiKey)) is None


def test_scope_api_key_gives_an_old_key_a_unit(runner, db):
    make_staff(db)
    presented = create_api_key(db, "cu", "T", "reports")
    db.scalars(select(ApiKey)).one().unit_id = None
    db.commit()
    result = runner.invoke(args=["scope-api-key", "cu", "--unit", "T.X1", "--scope", "assistant"])
    assert result.exit_code == 0, result.output
    db.expire_all()
    key = check_api_key(db, presented)
    assert (key.unit.code, key.scopes) == ("T.X1", "assistant")
