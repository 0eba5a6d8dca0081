"""Thông báo xử lý dữ liệu cá nhân — the short notice shown where data is collected (first message of the
chat and Zalo, the QR rating page, the complaint form, the counter intake page) and the rows of the public
page ``/du-lieu-ca-nhan``, both from the inventory in docs/personal-data.md (Law 91/2025/QH15)."""

from __future__ import annotations

from dataclasses import dataclass

from motcua.privacy.inventory import database_inventory

PAGE_PATH = "/du-lieu-ca-nhan"

NOTICE = {
    "vi": (
        "Trung tâm chỉ dùng thông tin bạn cung cấp để giải quyết hồ sơ và trả lời bạn; số điện thoại, số định "
        "danh, thư điện tử và mã hồ sơ trong tin nhắn được lọc bỏ trước khi lưu. Xem thêm: "
    ),
    "en": (
        "The centre uses what you provide only to process your dossier and answer you; phone numbers, ID numbers, "
        "e-mails and dossier codes in messages are removed before they are stored. More: "
    ),
}

# Where each table's data comes from, in the citizen's words.
TABLE_LABELS = {
    "dossiers": "Hồ sơ thủ tục hành chính",
    "dossier_events": "Quá trình xử lý hồ sơ",
    "ratings": "Phiếu đánh giá mức độ hài lòng",
    "complaints": "Phản ánh, kiến nghị",
    "follows": "Theo dõi hồ sơ",
    "deliveries": "Tin nhắn thông báo đã gửi",
    "access_log": "Nhật ký truy cập dữ liệu cá nhân",
    "data_requests": "Yêu cầu của người dân về dữ liệu cá nhân",
    "rate_limits": "Bộ đếm giới hạn tra cứu",
    "users": "Tài khoản cán bộ",
    "officers": "Cán bộ tại quầy",
    "assistant_turns": "Câu hỏi gửi trợ lý ảo",
    "assistant_answer_feedback": "Đánh giá câu trả lời của trợ lý ảo",
    "assistant_learned_phrasings": "Cách hỏi trợ lý ảo đã học",
    "handoff_conversations": "Trò chuyện chuyển cho cán bộ",
    "handoff_messages": "Tin nhắn trò chuyện với cán bộ",
}

LEGAL_BASES = {
    "Nhiệm vụ công": "Cơ quan nhà nước thực hiện nhiệm vụ theo quy định (cơ chế một cửa), không cần sự đồng ý",
    "Đồng ý": "Sự đồng ý của bạn khi tự ghi thông tin",
    "Nghĩa vụ bảo vệ": "Nghĩa vụ bảo vệ dữ liệu và chứng minh việc xử lý",
}


def notice(lang: str = "vi", base_url: str = "") -> str:
    """The one-sentence notice with the link to the public page."""
    return NOTICE.get(lang, NOTICE["vi"]) + base_url.rstrip("/") + PAGE_PATH


@dataclass(frozen=True)
class PublicRow:
    source: str
    fields: str
    purpose: str
    legal_basis: str
    retention: str


def public_rows() -> list[PublicRow]:
    """The personal lines of the inventory, for citizens (column names kept: they are what a request names)."""
    return [
        PublicRow(
            TABLE_LABELS.get(line.table, line.table),
            ", ".join(line.columns),
            line.purpose,
            LEGAL_BASES.get(line.legal_basis, line.legal_basis),
            line.retention,
        )
        for line in database_inventory()
        if line.personal
    ]
