"""Three raw portal records (as scraped: ``ma_thu_tuc``, ``ten_thu_tuc``…) for the catalogue's API,
pages and CLI tests, and the gzipped JSON Lines file the importer reads."""

import gzip
import json
from pathlib import Path

RECORDS = [
    {
        "ma_thu_tuc": "1.001193",
        "ten_thu_tuc": "Thủ tục đăng ký khai sinh",
        "cap_thuc_hien": "Cấp xã",
        "linh_vuc": "Hộ tịch",
        "doi_tuong_thuc_hien": "Công dân Việt Nam",
        "thanh_phan_ho_so": "* Giấy tờ phải nộp:Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai đăng ký khai sinh1 bản chính"
        "* Giấy tờ phải xuất trình:Tên giấy tờMẫu đơn, tờ khaiSố lượngThẻ căn cước của người đi đăng ký1 bản chính",
        "cach_thuc_thuc_hien": "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp1Miễn phíTrực tuyến1Miễn phí",
        "can_cu_phap_ly": "Tên văn bản pháp lýMã văn bảnLuật Hộ tịch60/2014/QH13",
        "ket_qua_xu_ly": "Giấy khai sinhMã: KQ.G15.000031Từ khóaKhông có thông tinMô tảKhông có thông tin",
        "trinh_tu_thuc_hien": "Bước 1: Nộp hồ sơ\nBước 2: Nhận kết quả",
        "yeu_cau_dieu_kien": "Không có thông tin",
        "detail_url": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/x",
    },
    {
        "ma_thu_tuc": "1.000757",
        "ten_thu_tuc": "Cấp lại thẻ căn cước (thực hiện tại cấp trung ương)",
        "cap_thuc_hien": "Cấp bộ",
        "linh_vuc": "Cấp, quản lý căn cước",
        "cach_thuc_thuc_hien": "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp30 Ngày30,000 Việt Nam Đồng",
    },
    {
        "ma_thu_tuc": "1.014064",
        "ten_thu_tuc": "Cấp lại thẻ căn cước",
        "cap_thuc_hien": "Cấp xã",
        "linh_vuc": "Cấp, quản lý căn cước",
        "cach_thuc_thuc_hien": "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp7 Ngày làm việc30,000 Việt Nam Đồng",
    },
]


def write_records(path: Path, extra_lines: tuple[str, ...] = ()) -> Path:
    """``RECORDS`` as a gzipped JSON Lines file at ``path`` (plus ``extra_lines`` as they are)."""
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in RECORDS)
        out.writelines(extra_lines)
    return path
