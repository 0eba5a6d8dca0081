import json

from sqlalchemy import func, select

from motcua.feedback.models import Rating
from motcua.staff import Counter, Officer
from motcua.units import get_unit, save_unit
from tests.factories import UNIT, make_centre


def test_counters_and_officers_are_added_and_assigned_from_the_command_line(runner, db):
    save_unit(db, UNIT, "Bộ phận Một cửa", "xa")
    db.commit()
    assert runner.invoke(args=["counters", "add", UNIT, "Q1", "Quầy 1"]).exit_code == 0
    assert runner.invoke(args=["officers", "add", UNIT, "CB01", "Trần Văn Minh"]).exit_code == 0
    result = runner.invoke(args=["counters", "assign", UNIT, "Q1", "CB01"])
    assert result.exit_code == 0 and "Trần Văn Minh" in result.output
    counter = db.scalar(select(Counter))
    assert counter.name == "Quầy 1" and counter.current_officer == db.scalar(select(Officer))


def test_adding_a_counter_to_an_unknown_unit_fails_with_a_message(runner, db):
    result = runner.invoke(args=["counters", "add", "NOPE", "Q1", "Quầy 1"])
    assert result.exit_code != 0 and "Không tìm thấy đơn vị" in result.output


def test_rating_scale_sets_the_units_levels(runner, db):
    make_centre(db)
    assert runner.invoke(args=["rating-scale", UNIT, "5"]).exit_code == 0
    db.expire_all()
    assert get_unit(db, UNIT).rating_scale == 5


def test_import_ratings_stores_good_rows_and_lists_rejected_ones(runner, db, tmp_path):
    make_centre(db)
    path = tmp_path / "phieu-thang-4.csv"
    path.write_text(
        "unit_code,counter,created_at,level,attitude,reasons,comment,source,dossier_code\n"
        f"{UNIT},Q1,15/04/2021,Rất hài lòng,Rất lịch sự,,,,\n"
        f"{UNIT},,2021-04-16,hai long,binh thuong,,,paper,\n"
        f"{UNIT},,2021-04-16,Không hài lòng,,Chờ lâu; Thái độ,,,\n"
        f"{UNIT},,2021-04-17,Không hài lòng,,,,,\n"
        f"{UNIT},,31/02/2021,Hài lòng,,,,,\n"
        f"NOPE,,2021-04-17,Hài lòng,,,,,\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["import-ratings", str(path)])
    assert result.exit_code == 0, result.output
    assert "Đã nhập 3 phiếu" in result.output and "bị từ chối 3 dòng" in result.output
    assert "dòng 5" in result.output and "lý do" in result.output
    assert "dòng 6" in result.output and "dòng 7" in result.output
    # Two rows share a day: the file's order (the id) breaks the tie, as PostgreSQL keeps no order of its own.
    rows = db.scalars(select(Rating).order_by(Rating.created_at, Rating.id)).all()
    assert [r.level for r in rows] == ["rat_hai_long", "hai_long", "khong_hai_long"]
    assert rows[0].created_at.date().isoformat() == "2021-04-15" and rows[0].source == "paper"
    assert rows[2].reasons == ["cho_lau", "thai_do"]


def test_importing_the_same_file_twice_adds_nothing(runner, db, tmp_path):
    make_centre(db)
    path = tmp_path / "phieu.jsonl"
    lines = [
        {"unit_code": UNIT, "created_at": "2021-04-15", "level": "rat_hai_long", "attitude": "rat_lich_su"},
        {"unit_code": UNIT, "created_at": "2021-04-15", "level": "rat_hai_long", "attitude": "rat_lich_su"},
    ]
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    runner.invoke(args=["import-ratings", str(path)])
    result = runner.invoke(args=["import-ratings", str(path)])
    assert "Đã nhập 0 phiếu" in result.output
    assert db.scalar(select(func.count()).select_from(Rating)) == 2


def test_import_ratings_reads_the_semicolon_csv_excel_saves_in_vietnamese_settings(runner, db, tmp_path):
    make_centre(db)
    path = tmp_path / "phieu.csv"
    path.write_text(
        "unit_code;counter;created_at;level;attitude;reasons;comment;source;dossier_code\n"
        f'{UNIT};Q1;15/04/2021 08:30;Không hài lòng;Bình thường;"Chờ lâu, Thái độ";Đợi 1 tiếng;;\n',
        encoding="utf-8-sig",
    )
    result = runner.invoke(args=["import-ratings", str(path)])
    assert "Đã nhập 1 phiếu" in result.output, result.output
    rating = db.scalar(select(Rating))
    assert rating.reasons == ["cho_lau", "thai_do"] and rating.created_at.hour == 8


def test_counters_list_shows_which_kiosks_are_enrolled_and_revoke_names_a_counter_without_one(runner, db):
    make_centre(db)
    assert runner.invoke(args=["counters", "enroll", UNIT, "Q1"]).exit_code == 0
    listing = runner.invoke(args=["counters", "list", UNIT]).output
    assert "Q1\tQuầy 1\tTrần Văn Minh\tmàn hình đăng ký" in listing
    assert "Q2\tQuầy 2\t—\tmàn hình chưa đăng ký" in listing
    assert "không có màn hình" in runner.invoke(args=["counters", "revoke", UNIT, "Q2"]).output
    unknown = runner.invoke(args=["counters", "enroll", UNIT, "Q9"])
    assert unknown.exit_code != 0 and "Không tìm thấy quầy" in unknown.output
