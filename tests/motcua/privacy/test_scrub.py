"""The one scrubber: what citizens type into the chat, a rating comment or a complaint loses its phone
numbers, identification numbers, e-mails and dossier codes before it is stored for insights or logged,
and keeps everything else (dates, fees, procedure codes, times) word for word."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from motcua.privacy.scrub import CODE, EMAIL, IDENTIFIER, PHONE, scrub

BOT_SCRUB = Path(__file__).resolve().parents[3] / "bot" / "stores" / "scrub.py"

# (message, the personal values it carries): every value must be gone, and the placeholder in its place.
CORPUS = [
    ("Số điện thoại của tôi là 0912345678, gọi giúp em nhé", ["0912345678"]),
    ("sdt em 0912 345 678 a", ["0912 345 678"]),
    ("SĐT: 0912.345.678", ["0912.345.678"]),
    ("liên hệ 0912-345-678 hoặc 098 765 43 21", ["0912-345-678", "098 765 43 21"]),
    ("Số của tôi +84 912 345 678", ["+84 912 345 678"]),
    ("gọi (+84) 912345678 giúp", ["912345678"]),
    ("số 84912345678 nha", ["84912345678"]),
    ("+84912345678", ["+84912345678"]),
    ("bàn số máy bàn 024 3826 4567 giờ hành chính", ["024 3826 4567"]),
    ("đt0357123456 nhé", ["0357123456"]),
    ("Số CCCD 001099012345 cấp ngày 12/03/2021", ["001099012345"]),
    ("căn cước: 079 099 012 345", ["079 099 012 345"]),
    ("CCCD 0790.9901.2345 ạ", ["0790.9901.2345"]),
    ("CMND cũ 123456789 giờ hết hạn", ["123456789"]),
    ("cmnd 273 456 789", ["273 456 789"]),
    ("Email: nguyen.van.an@gmail.com", ["nguyen.van.an@gmail.com"]),
    ("gửi vào tran_thi-binh+hoso@so-tu-phap.hanoi.gov.vn giúp", ["tran_thi-binh+hoso@so-tu-phap.hanoi.gov.vn"]),
    ("hồ sơ 000.00.12.H62-260415-0001 đến đâu rồi", ["000.00.12.H62-260415-0001"]),
    ("ma ho so 38.98.h29-260415-0012 a", ["38.98.h29-260415-0012"]),
    ("tra cứu G22.99.08-260921-896048", ["G22.99.08-260921-896048"]),
    ("mã hồ sơ 000.00.12.H62 – 260415 – 0001", ["000.00.12.H62 – 260415 – 0001"]),
    (
        "Tôi là Nguyễn Văn An, CCCD 001099012345, SĐT 0912 345 678, email an@gmail.com, "
        "hồ sơ 000.00.12.H62-260415-0001 nộp ngày 15/04/2026 sao chưa có kết quả?",
        ["001099012345", "0912 345 678", "an@gmail.com", "000.00.12.H62-260415-0001"],
    ),
    ("Cán bộ quầy 3 thái độ không tốt. Gọi lại cho tôi: 0987654321.", ["0987654321"]),
    ("0912345678", ["0912345678"]),
]

# Nothing personal: the scrubber must return each exactly as it was.
CONTROL = [
    "Lệ phí 8.000 đồng một bản",
    "lệ phí 50.000đ, phí thẩm định 1.200.000 đồng",
    "Thủ tục 1.000894 cần những giấy tờ gì?",
    "mã thủ tục 2.002188 và 1.001612",
    "nộp ngày 15/04/2026, hẹn trả 22/04/2026",
    "làm việc từ 7:30 đến 11:30 và 13:30-17:00",
    "thời hạn giải quyết 5 ngày làm việc, 03 ngày",
    "Nghị định 118/2025/NĐ-CP, Thông tư 01/2023/TT-VPCP",
    "Quyết định số 766/QĐ-TTg năm 2022",
    "phí 1.500.000 đồng/hồ sơ, 200.000 đồng/lần",
    "năm 2026 tôi 35 tuổi, phòng 204 tầng 2",
    "lúc 08:30 ngày 02-03-2026",
    "Luật 91/2025/QH15 có hiệu lực 01/01/2026",
    "quầy số 12, số thứ tự 0045",
    "giá 12.000.000.000 đồng",
    "mã đơn vị 000.00.12.H62",
    "Ủy ban nhân dân xã, mức độ 3, 4",
    "",
    "cảm ơn cán bộ rất nhiệt tình 👍",
]


@pytest.mark.parametrize(("message", "values"), CORPUS)
def test_the_scrubber_removes_every_personal_value(message, values):
    scrubbed = scrub(message)
    for value in values:
        assert value not in scrubbed
        assert not _digits(value) or _digits(value) not in _digits(scrubbed)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def test_each_kind_has_its_own_placeholder():
    scrubbed = scrub(CORPUS[21][0])
    assert scrubbed == (
        f"Tôi là Nguyễn Văn An, CCCD {IDENTIFIER}, SĐT {PHONE}, email {EMAIL}, "
        f"hồ sơ {CODE} nộp ngày 15/04/2026 sao chưa có kết quả?"
    )


@pytest.mark.parametrize("message", CONTROL)
def test_the_scrubber_changes_nothing_else(message):
    assert scrub(message) == message


def test_scrubbing_twice_is_scrubbing_once():
    for message, _ in CORPUS:
        assert scrub(scrub(message)) == scrub(message)


@pytest.mark.parametrize("hostile", [None, 12345, "\x00" * 5, "0" * 100_000, "9" * 5000 + "@" * 5000])
def test_hostile_input_is_returned_as_text(hostile):
    result = scrub(hostile)
    assert isinstance(result, str)


def test_the_bot_copy_scrubs_exactly_as_the_app():
    """The bot (Python 3.10, no app package) keeps a copy; it must not drift from this one."""
    spec = importlib.util.spec_from_file_location("bot_scrub", BOT_SCRUB)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for message in [m for m, _ in CORPUS] + CONTROL:
        assert module.scrub(message) == scrub(message)


@pytest.mark.parametrize(
    "long_text", ["a" * 10_000 + "@" + "b" * 10_000, "a." * 20_000, "1." * 20_000, "0 " * 20_000, "a@" * 20_000]
)
def test_a_long_hostile_message_is_scrubbed_in_linear_time(long_text):
    import time

    started = time.perf_counter()
    scrub(long_text)
    assert time.perf_counter() - started < 1.0
