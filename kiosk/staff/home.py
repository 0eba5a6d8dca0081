"""Trang cán bộ — the staff home ``/quan-ly/`` and the role-based links it shares with the site's
staff navigation: one list says which page each role may use."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, current_app, g, render_template

from kiosk.core.auth import login_required
from motcua.accounts import User

bp = Blueprint("staff", __name__, url_prefix="/quan-ly")

STAFF = ("officer", "manager")
MANAGERS = ("manager",)


@dataclass(frozen=True)
class StaffLink:
    """A staff page: where it is, what it is called and for whom ("admin" may use every page)."""

    endpoint: str
    label: tuple[str, str]
    summary: tuple[str, str]
    roles: tuple[str, ...]
    in_nav: bool = False
    needs_unit: bool = False


LINKS = [
    StaffLink(
        "dossiers.counter_intake",
        ("Tiếp nhận hồ sơ", "Receive a dossier"),
        ("Nhận hồ sơ tại quầy, in giấy tiếp nhận và hẹn trả kết quả.", "Receive at the counter, print the receipt."),
        STAFF,
        in_nav=True,
        needs_unit=True,
    ),
    StaffLink(
        "dossiers.lookup",
        ("Tra cứu hồ sơ", "Track a dossier"),
        ("Xem tình trạng một hồ sơ theo mã trên giấy tiếp nhận.", "A dossier's status from its receipt code."),
        STAFF,
    ),
    StaffLink(
        "procedures.search",
        ("Thủ tục hành chính", "Procedures"),
        ("Tìm thủ tục, giấy tờ cần nộp, phí và thời hạn giải quyết.", "Documents, fees and time limits."),
        STAFF,
    ),
    StaffLink(
        "reports.dashboard",
        ("Báo cáo", "Reports"),
        ("Số liệu tiếp nhận, giải quyết, trễ hạn và hài lòng; xuất CSV, XLSX.", "Figures, charts and exports."),
        MANAGERS,
        in_nav=True,
    ),
    StaffLink(
        "rating_manager.live",
        ("Đánh giá hài lòng", "Ratings"),
        ("Đánh giá của người dân trong ngày, cập nhật liên tục.", "Today's ratings, live."),
        MANAGERS,
        in_nav=True,
    ),
    StaffLink(
        "rating_manager.counters",
        ("Quầy và màn hình đánh giá", "Counters and kiosks"),
        ("Quầy, cán bộ đang trực và đường dẫn màn hình đánh giá.", "Counters, officer on duty, kiosk links."),
        MANAGERS,
    ),
    StaffLink(
        "rating_manager.officers",
        ("Cán bộ tại quầy", "Counter officers"),
        ("Danh sách cán bộ tiếp nhận và trả kết quả của đơn vị.", "The unit's counter officers."),
        MANAGERS,
    ),
    StaffLink(
        "accounts.index",
        ("Tài khoản", "Accounts"),
        ("Tạo, khóa, mở khóa tài khoản và đặt lại mật khẩu.", "Create, lock, unlock accounts; reset passwords."),
        MANAGERS,
        in_nav=True,
    ),
    StaffLink(
        "staff.access_log",
        ("Nhật ký truy cập dữ liệu", "Data access log"),
        ("Ai đã xem dữ liệu cá nhân của một hồ sơ, khi nào, qua đâu.", "Who viewed a dossier's personal data."),
        MANAGERS,
    ),
    StaffLink(
        "conversations.inbox",
        ("Trò chuyện với người dân", "Conversations with citizens"),
        (
            "Người dân xin gặp cán bộ trong cửa sổ trò chuyện, Zalo: nhận, trả lời, kết thúc.",
            "Citizens asking the assistant for a person: take, reply, close.",
        ),
        STAFF,
        in_nav=True,
    ),
    StaffLink(
        "assistant_insights.insights",
        ("Trợ lý ảo", "Assistant"),
        (
            "Người dân hỏi trợ lý những gì, câu nào trợ lý chưa trả lời được; dạy trợ lý trả lời đúng.",
            "What citizens ask the assistant, what it missed; teach it the right answer.",
        ),
        MANAGERS,
    ),
    StaffLink(
        "staff.data_requests",
        ("Yêu cầu về dữ liệu cá nhân", "Personal data requests"),
        (
            "Người dân xin xem, sửa dữ liệu hoặc xóa nội dung trò chuyện, ý kiến; có hạn trả lời.",
            "Citizens asking to see or correct their data or delete chats and comments; with deadlines.",
        ),
        STAFF,
    ),
    StaffLink(
        "accounts.change_password",
        ("Đổi mật khẩu", "Change password"),
        ("Đổi mật khẩu đăng nhập của bạn.", "Change your own password."),
        STAFF,
    ),
]


def links_for(user: User | None, nav_only: bool = False) -> list[StaffLink]:
    """The staff pages ``user`` may open (none when signed out), in the order of ``LINKS``."""
    if user is None:
        return []
    return [
        link
        for link in LINKS
        if (user.role in link.roles or user.role == "admin")
        and not (link.needs_unit and user.unit is None)
        and not (nav_only and not link.in_nav)
        and link.endpoint in current_app.view_functions
    ]


@bp.app_context_processor
def staff_navigation() -> dict:
    return {"staff_links": lambda nav_only=False: links_for(g.get("user"), nav_only)}


@bp.get("/")
@login_required()
def home():
    return render_template("staff/home.html", links=links_for(g.user))
