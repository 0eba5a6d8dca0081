"""What the app's ``GET /api/v1/procedures/<code>`` answers for two procedures of the civil registry
(khai sinh, kết hôn), as the bot's catalogue tests fake it."""

KHAI_SINH = {
    "code": "1.001193",
    "name": "Thủ tục đăng ký khai sinh",
    "levels": ["xa"],
    "field": "Hộ tịch",
    "documents": [
        {"name": "Tờ khai đăng ký khai sinh", "kind": "nop", "quantity": 1, "copy_type": "bản chính"},
        {"name": "Giấy chứng sinh", "kind": "nop", "quantity": 1, "copy_type": "bản chính"},
        {"name": "Căn cước của người đi đăng ký", "kind": "xuat_trinh", "quantity": 1, "copy_type": "bản chính"},
    ],
    "channels": [
        {"channel": "truc_tiep", "processing_time": "Ngay trong ngày", "processing_days": None, "fee": "Miễn lệ phí"},
        {"channel": "truc_tuyen", "processing_time": "", "processing_days": 1, "fee": "Miễn lệ phí"},
    ],
    "online": True,
    "portal_url": "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193",
}
KET_HON = {**KHAI_SINH, "code": "1.000894", "name": "Thủ tục đăng ký kết hôn", "online": False}
