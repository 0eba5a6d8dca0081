import pytest
from sqlalchemy import func, select

from motcua.accounts import (
    AccountError,
    AccountPermissionError,
    User,
    assignable_roles,
    can_manage,
    can_see_unit,
    check_new_password,
    create_account,
    create_user,
    find_user,
    manageable_users,
    set_active,
    set_password,
    unit_tree,
)
from motcua.apikeys import ApiKey, create_api_key
from motcua.units import Unit, get_unit, save_unit

HASH = "scrypt:placeholder-hash"


@pytest.fixture
def tree(db):
    """Province centre T, commune X1 under it, commune X2 elsewhere (under another province P)."""
    save_unit(db, "T", "Trung tâm tỉnh", "tinh")
    save_unit(db, "T.X1", "UBND xã Một", "xa", "T")
    save_unit(db, "T.X1.A", "Bộ phận một cửa xã Một", "xa", "T.X1")
    save_unit(db, "P", "Tỉnh khác", "tinh")
    save_unit(db, "P.X2", "UBND xã Hai", "xa", "P")
    users = {
        "admin": create_user(db, "admin", HASH, "admin", None, "Quản trị"),
        "manager": create_user(db, "quanly", HASH, "manager", "T", "Lãnh đạo tỉnh"),
        "commune_manager": create_user(db, "quanlyxa", HASH, "manager", "T.X1", "Lãnh đạo xã"),
        "officer": create_user(db, "canbo", HASH, "officer", "T", "Cán bộ tỉnh"),
        "commune_officer": create_user(db, "canboxa", HASH, "officer", "T.X1", "Nguyễn Thị Hoa"),
        "other_officer": create_user(db, "canbokhac", HASH, "officer", "P.X2", "Cán bộ tỉnh khác"),
    }
    db.commit()
    return users


def test_user_names_are_stored_without_case_or_diacritics_and_found_either_way(db, tree):
    user = create_user(db, "  Trần.Bình ", HASH, "officer", "T", "Trần Bình")
    assert user.username == "tran.binh"
    assert find_user(db, "TRAN.BINH") is user
    assert find_user(db, "trần.bình") is user


@pytest.mark.parametrize(
    ("username", "message"),
    [
        ("", "Thiếu tên đăng nhập"),
        ("ab", "Tên đăng nhập dài 3–80 ký tự"),
        ("can bo", "Tên đăng nhập dài 3–80 ký tự"),
        ("canbo@xa", "Tên đăng nhập dài 3–80 ký tự"),
        ("canbo", "đã tồn tại"),
    ],
)
def test_unusable_user_names_are_refused_with_a_reason(db, tree, username, message):
    with pytest.raises(AccountError, match=message):
        create_user(db, username, HASH, "officer", "T")


@pytest.mark.parametrize(
    ("password", "message"), [("", "ít nhất 8 ký tự"), ("1234567", "ít nhất 8 ký tự"), ("x" * 257, "tối đa 256")]
)
def test_new_passwords_need_eight_to_256_characters(password, message):
    with pytest.raises(AccountError, match=message):
        check_new_password(password)


def test_an_eight_character_password_is_accepted():
    check_new_password("8 ký tự!")


@pytest.mark.parametrize(
    ("actor", "role", "unit", "allowed"),
    [
        ("admin", "admin", None, True),
        ("admin", "manager", "P.X2", True),
        ("manager", "officer", "T", True),
        ("manager", "officer", "T.X1.A", True),
        ("manager", "officer", "P.X2", False),
        ("manager", "manager", "T.X1", False),
        ("manager", "admin", None, False),
        ("commune_manager", "officer", "T.X1", True),
        ("commune_manager", "officer", "T", False),
        ("officer", "officer", "T", False),
    ],
)
def test_who_may_manage_an_account_of_a_role_in_a_unit(db, tree, actor, role, unit, allowed):
    assert can_manage(db, tree[actor], role, get_unit(db, unit) if unit else None) is allowed


def test_a_manager_lists_only_the_officers_of_their_unit_and_below(db, tree):
    names = [user.username for user in manageable_users(db, tree["manager"])]
    assert names == ["canbo", "canboxa"]
    assert [user.username for user in manageable_users(db, tree["commune_manager"])] == ["canboxa"]
    assert manageable_users(db, tree["officer"]) == []


def test_an_administrator_lists_every_account_and_can_search_without_diacritics(db, tree):
    assert len(manageable_users(db, tree["admin"])) == 6
    assert [user.username for user in manageable_users(db, tree["admin"], "nguyen thi HOA")] == ["canboxa"]


def test_a_manager_cannot_create_a_manager_or_an_officer_outside_their_tree(db, tree):
    with pytest.raises(AccountPermissionError):
        create_account(db, tree["manager"], "quanly2", HASH, "manager", "T.X1", "Lãnh đạo mới")
    with pytest.raises(AccountPermissionError):
        create_account(db, tree["manager"], "canbo2", HASH, "officer", "P.X2", "Cán bộ mới")
    db.rollback()
    assert db.scalar(select(func.count()).select_from(User)) == 6


def test_a_manager_creates_an_officer_in_a_unit_below_theirs(db, tree):
    user = create_account(db, tree["manager"], "canbo2", HASH, "officer", "T.X1.A", " Lê Văn Tám ")
    assert (user.role, user.unit.code, user.full_name) == ("officer", "T.X1.A", "Lê Văn Tám")


def test_an_account_needs_a_full_name(db, tree):
    with pytest.raises(AccountError, match="họ và tên"):
        create_account(db, tree["admin"], "canbo2", HASH, "officer", "T", "  ")


def test_roles_a_user_may_give(tree):
    assert assignable_roles(tree["admin"]) == ["officer", "manager", "admin"]
    assert assignable_roles(tree["manager"]) == ["officer"]
    assert assignable_roles(tree["officer"]) == []


def test_a_deactivated_account_can_no_longer_be_found_for_sign_in(db, tree):
    set_active(db, tree["manager"], tree["commune_officer"], False)
    assert find_user(db, "canboxa") is None
    set_active(db, tree["manager"], tree["commune_officer"], True)
    assert find_user(db, "canboxa") is tree["commune_officer"]


def test_nobody_locks_themselves_out(db, tree):
    with pytest.raises(AccountError, match="tự khóa"):
        set_active(db, tree["admin"], tree["admin"], False)


def test_a_manager_cannot_deactivate_or_reset_a_manager(db, tree):
    with pytest.raises(AccountPermissionError):
        set_active(db, tree["commune_manager"], tree["manager"], False)
    with pytest.raises(AccountPermissionError):
        set_password(db, tree["manager"], tree["commune_manager"], "scrypt:new")
    assert tree["manager"].active and tree["commune_manager"].password_hash == HASH


def test_the_system_may_change_any_account(db, tree):
    set_password(db, None, tree["admin"], "scrypt:new")
    set_active(db, None, tree["manager"], False)
    assert tree["admin"].password_hash == "scrypt:new" and not tree["manager"].active


def test_the_unit_picker_lists_a_managers_subtree_parents_first(db, tree):
    assert [(unit.code, depth) for unit, depth in unit_tree(db, tree["manager"])] == [
        ("T", 0),
        ("T.X1", 1),
        ("T.X1.A", 2),
    ]
    assert [unit.code for unit, _ in unit_tree(db, tree["admin"])] == ["P", "P.X2", "T", "T.X1", "T.X1.A"]


@pytest.mark.parametrize(
    "actor,seen",
    [
        ("admin", {"T", "T.X1", "T.X1.A", "P", "P.X2"}),
        ("quanly", {"T", "T.X1", "T.X1.A"}),
        ("key:T.X1", {"T.X1", "T.X1.A"}),
        ("key:none", set()),
    ],
)
def test_one_rule_says_which_units_a_user_or_a_key_may_see(db, tree, actor, seen):
    if actor.startswith("key:"):
        create_api_key(db, "khoa", "T.X1", "intake")
        subject = db.scalars(select(ApiKey)).one()
        if actor == "key:none":
            subject.unit = None
    else:
        subject = find_user(db, actor)
    visible = {unit.code for unit in db.scalars(select(Unit)) if can_see_unit(db, subject, unit)}
    assert visible == seen


def test_deactivating_an_account_or_changing_its_password_moves_its_session_version(db, tree):
    user = find_user(db, "canbo")
    before = user.session_version
    set_password(db, None, user, "scrypt:new")
    set_active(db, None, user, False)
    assert user.session_version == before + 2
