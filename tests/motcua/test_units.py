import pytest

from motcua.units import UnitError, get_unit, import_units_csv, save_unit, subtree_ids


def test_units_form_a_tree_that_reports_can_roll_up(db):
    province = save_unit(db, "000.00.00.H62", "Trung tâm tỉnh", "tinh")
    commune = save_unit(db, "000.00.12.H62", "UBND phường Đức Chính", "xa", "000.00.00.H62")
    other = save_unit(db, "000.00.13.H62", "UBND xã Bình Dương", "xa", "000.00.00.H62")
    db.commit()
    assert sorted(subtree_ids(db, province)) == sorted([province.id, commune.id, other.id])
    assert subtree_ids(db, commune) == [commune.id]


def test_saving_a_unit_twice_updates_it_instead_of_duplicating(db):
    save_unit(db, "38.98.H29", "Tên cũ", "xa")
    save_unit(db, "38.98.H29", "Tên mới", "xa", hotline="1900 1234")
    db.commit()
    unit = get_unit(db, " 38.98.h29 ")
    assert unit.name == "Tên mới" and unit.hotline == "1900 1234"


@pytest.mark.parametrize(
    ("code", "name", "level", "parent", "message"),
    [
        ("", "X", "xa", None, "Thiếu mã đơn vị"),
        ("A1", "", "xa", None, "Thiếu tên đơn vị"),
        ("A1", "X", "quan", None, "Cấp 'quan' không hợp lệ"),
        ("A1", "X", "xa", "KHONG-CO", "Không tìm thấy đơn vị cấp trên"),
    ],
)
def test_bad_units_are_refused_with_a_vietnamese_reason(db, code, name, level, parent, message):
    with pytest.raises(UnitError, match=message):
        save_unit(db, code, name, level, parent)


def test_csv_import_accepts_children_before_parents_and_reports_bad_rows(db, tmp_path):
    path = tmp_path / "units.csv"
    path.write_text(
        "code,name,level,parent,hotline\n"
        "X1,UBND xã Một,xa,T1,0210 1\n"
        "T1,Trung tâm tỉnh,tinh,,\n"
        "X2,UBND xã Hai,xa,NOPE,\n"
        "X3,UBND xã Ba,phuong,T1,\n",
        encoding="utf-8",
    )
    summary = import_units_csv(db, path)
    db.commit()
    assert summary.stored == 2
    assert [line for line, _ in summary.rejected] == [4, 5]
    assert get_unit(db, "X1").parent.code == "T1"
