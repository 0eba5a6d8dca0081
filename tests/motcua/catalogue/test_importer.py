import gzip
import json

import pytest
from sqlalchemy import func, select

from motcua.catalogue import ProcessingTime, get_procedure, processing_days, processing_time
from motcua.catalogue.importer import SHIPPED_CATALOGUE, import_catalogue, write_catalogue
from motcua.catalogue.models import Procedure

RAW = {
    "ma_thu_tuc": "1.001193",
    "ten_thu_tuc": "Thủ tục đăng ký khai sinh",
    "cap_thuc_hien": "Cấp xã",
    "linh_vuc": "Hộ tịch",
    "bo_nganh": "bo-tu-phap",
    "doi_tuong_thuc_hien": "Công dân Việt Nam",
    "thanh_phan_ho_so": "--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai đăng ký khai sinh1 bản chính"
    "Giấy chứng sinh1 bản chính",
    "cach_thuc_thuc_hien": "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp1Miễn phíTrực tuyến1Miễn phí"
    "Dịch vụ bưu chính3 Ngày làm việcMiễn phí",
    "can_cu_phap_ly": "Tên văn bản pháp lýMã văn bảnLuật Hộ tịch60/2014/QH13",
    "ket_qua_xu_ly": "Giấy khai sinhMã: KQ.G15.000031Từ khóaKhông có thông tinMô tảKhông có thông tin",
    "trinh_tu_thuc_hien": "Bước 1: Nộp hồ sơ\nBước 2: Nhận kết quả",
    "yeu_cau_dieu_kien": "Không có thông tin",
    "detail_url": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/x",
}


def _write_jsonl(path, records):
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for record in records:
            out.write((record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)) + "\n")
    return path


def test_a_raw_export_is_imported_as_structured_procedures(db, tmp_path):
    path = _write_jsonl(tmp_path / "raw.jsonl.gz", [RAW])
    report = import_catalogue(db, path)
    db.commit()
    assert (report.added, report.rejected, report.issues) == (1, [], {})
    procedure = get_procedure(db, " 1.001193 ")
    assert procedure.levels == ["xa"] and procedure.field == "Hộ tịch"
    assert procedure.is_civil_status and procedure.is_online_capable
    assert [d["name"] for d in procedure.documents] == ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]
    assert procedure.legal_basis == [{"title": "Luật Hộ tịch", "number": "60/2014/QH13"}]
    assert procedure.results[0]["name"] == "Giấy khai sinh"
    assert procedure.steps == ["Nộp hồ sơ", "Nhận kết quả"]


def test_reimporting_the_same_file_changes_nothing_and_a_changed_record_is_updated(db, tmp_path):
    path = _write_jsonl(tmp_path / "raw.jsonl.gz", [RAW])
    import_catalogue(db, path)
    db.commit()
    again = import_catalogue(db, path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
    changed = _write_jsonl(tmp_path / "changed.jsonl.gz", [{**RAW, "ten_thu_tuc": "Đăng ký khai sinh"}])
    report = import_catalogue(db, changed)
    db.commit()
    assert report.updated == 1
    assert db.scalar(select(func.count()).select_from(Procedure)) == 1
    assert get_procedure(db, "1.001193").name == "Đăng ký khai sinh"


def test_broken_lines_are_rejected_with_their_line_number_and_the_rest_is_imported(db, tmp_path):
    path = _write_jsonl(tmp_path / "raw.jsonl.gz", [RAW, "{not json", {**RAW, "ma_thu_tuc": ""}])
    report = import_catalogue(db, path)
    assert report.added == 1
    assert [line for line, _ in report.rejected] == [2, 3]


def test_records_not_fully_parsed_are_stored_and_reported(db, tmp_path):
    path = _write_jsonl(tmp_path / "raw.jsonl.gz", [{**RAW, "cach_thuc_thuc_hien": "Nộp tại UBND xã"}])
    report = import_catalogue(db, path)
    assert report.added == 1 and "cach_thuc_thuc_hien" in report.issues["1.001193"][0]
    assert get_procedure(db, "1.001193").parse_issues == report.issues["1.001193"]


def test_processing_days_falls_back_to_another_channel(db, tmp_path):
    import_catalogue(db, _write_jsonl(tmp_path / "raw.jsonl.gz", [RAW]))
    procedure = get_procedure(db, "1.001193")
    assert processing_days(procedure, "truc_tiep") == 1
    assert processing_days(procedure, "buu_chinh") == 3
    procedure.channels = [row for row in procedure.channels if row["channel"] == "buu_chinh"]
    assert processing_days(procedure, "truc_tuyen") == 3
    procedure.channels = []
    assert processing_days(procedure, "truc_tiep") is None


def test_processing_time_keeps_calendar_days_and_picks_the_longest_case(db, tmp_path):
    import_catalogue(db, _write_jsonl(tmp_path / "raw.jsonl.gz", [RAW]))
    procedure = get_procedure(db, "1.001193")
    procedure.channels = [
        {"channel": "truc_tiep", "processing_time": "20 Ngày làm việc", "processing_days": 20},
        {"channel": "truc_tiep", "processing_time": "30 Ngày", "processing_days": 21},
        {"channel": "truc_tuyen", "processing_time": "Không quy định", "processing_days": None},
        {"channel": "buu_chinh", "processing_time": "", "processing_days": 5},
    ]
    assert processing_time(procedure, "truc_tiep") == ProcessingTime(30, "calendar")
    assert processing_time(procedure, "truc_tuyen") == ProcessingTime(30, "calendar")
    assert processing_time(procedure, "buu_chinh") == ProcessingTime(5, "working")
    assert processing_days(procedure, "truc_tiep") == 21
    procedure.channels = []
    assert processing_time(procedure, "truc_tiep") is None


def test_the_built_file_imports_to_the_same_records_as_the_raw_export(db, tmp_path):
    raw = _write_jsonl(tmp_path / "raw.jsonl.gz", [RAW])
    built = tmp_path / "built.jsonl.gz"
    write_catalogue(raw, built)
    import_catalogue(db, built)
    assert import_catalogue(db, raw).unchanged == 1


@pytest.mark.skipif(not SHIPPED_CATALOGUE.exists(), reason="shipped catalogue not built")
def test_the_shipped_catalogue_holds_every_portal_procedure(db):
    report = import_catalogue(db)
    db.commit()
    assert report.stored == 2642 and report.rejected == []
    # Most records parse completely; the rest are stored and listed, not dropped.
    assert len(report.issues) < 0.1 * report.stored
    procedure = get_procedure(db, "1.000178")
    assert procedure.levels == ["bo"] and procedure.legal_basis[1]["number"] == "02/2011/QH13"
    assert processing_days(procedure, "truc_tiep") == 60
