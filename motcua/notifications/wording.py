"""What a notification says: the dossier's new state, what the citizen must do now, and how to stop."""

from __future__ import annotations

from motcua.dossiers import states

_COLLECT_AT_COUNTER = "Mời ông/bà mang giấy tiếp nhận đến Bộ phận Một cửa để nhận kết quả."
_WAIT_FOR_POST = "Kết quả sẽ được gửi qua bưu chính công ích; ông/bà vui lòng chờ nhận tại địa chỉ đã đăng ký."
_NOTHING_TO_DO = "Ông/bà chưa cần làm gì thêm."
_TO_DO = {
    states.SUPPLEMENT: "Vui lòng mang giấy tờ cần bổ sung đến Bộ phận Một cửa (xem danh sách khi tra cứu hồ sơ).",
    states.FINANCIAL: "Vui lòng nộp phí, lệ phí hoặc thực hiện nghĩa vụ tài chính theo hướng dẫn để hồ sơ được xử lý.",
    states.REJECTED: "Vui lòng liên hệ Bộ phận Một cửa để biết lý do và cách nộp lại.",
    states.STOPPED: "Vui lòng liên hệ Bộ phận Một cửa để biết lý do.",
    states.RETURNED: "Kết quả đã được trả. Cảm ơn ông/bà đã sử dụng dịch vụ.",
}
_HOW_TO_STOP = {
    "zalo": "Để ngừng nhận tin, nhắn “Hủy theo dõi” cho Zalo OA này.",
    "web": "Để ngừng nhận tin, bấm “Hủy theo dõi” trong khung trợ lý.",
    "sms": "Để ngừng nhận tin, chọn “Hủy theo dõi” trên trang tra cứu hồ sơ.",
}


def change_line(code: str, state: int, result_delivery: str = "tai_quay") -> str:
    """``Hồ sơ … đã chuyển sang: Đã trả kết quả.`` followed by what to do now."""
    return f"Hồ sơ {code} đã chuyển sang: {states.label(state)}. {what_to_do(state, result_delivery)}"


def what_to_do(state: int, result_delivery: str = "tai_quay") -> str:
    if state == states.RESOLVED:
        return _WAIT_FOR_POST if result_delivery == "buu_chinh" else _COLLECT_AT_COUNTER
    return _TO_DO.get(state, _NOTHING_TO_DO)


def message_text(changes: list[tuple[str, int, str]], channel: str) -> str:
    """One message for the changes (code, state, result delivery) of a recipient, oldest first: only
    each dossier's newest state is told, since that is what the citizen must act on."""
    newest: dict[str, tuple[int, str]] = {}
    for code, state, delivery in changes:
        newest.pop(code, None)
        newest[code] = (state, delivery)
    lines = [change_line(code, state, delivery) for code, (state, delivery) in newest.items()]
    return "\n".join([*lines, _HOW_TO_STOP.get(channel, _HOW_TO_STOP["sms"])])
