import pytest

from motcua.catalogue.channels import (
    ProcessingTime,
    parse_channels,
    parse_processing_time,
    vietnamese_fee,
    working_days,
)

HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"


def test_each_channel_gets_its_time_fee_fee_note_and_description():
    text = (
        HEADER + "Trực tiếp5 Ngày làm việc2,000,000 Việt Nam Đồng(Phí thẩm định: 2.000.000 đồng/hồ sơ)Nộp tại Sở"
        "Trực tuyến3 Ngày làm việcMiễn phí"
        "Dịch vụ bưu chính15 NgàyKhông có thông tinGửi qua bưu chính công ích"
    )
    rows, issues = parse_channels(text)
    assert issues == []
    assert [(r["channel"], r["processing_time"], r["processing_days"], r["fee"]) for r in rows] == [
        ("truc_tiep", "5 Ngày làm việc", 5, "2.000.000 đồng"),
        ("truc_tuyen", "3 Ngày làm việc", 3, "Miễn phí"),
        ("buu_chinh", "15 Ngày", 10, ""),
    ]
    assert rows[0]["fee_note"] == "Phí thẩm định: 2.000.000 đồng/hồ sơ"
    assert rows[0]["description"] == "Nộp tại Sở"
    assert rows[2]["description"] == "Gửi qua bưu chính công ích"


def test_a_channel_name_inside_a_description_does_not_start_a_row():
    text = HEADER + "Trực tiếp7Miễn phí(Lệ phí (nếu có))Nộp trực tiếp hoặc Trực tuyến qua Cổng"
    rows, _ = parse_channels(text)
    assert len(rows) == 1
    assert rows[0]["fee_note"] == "Lệ phí (nếu có)"
    assert rows[0]["description"] == "Nộp trực tiếp hoặc Trực tuyến qua Cổng"


def test_a_time_glued_to_an_amount_is_split_and_reported_as_a_guess():
    rows, issues = parse_channels(HEADER + "Trực tuyến1100 VNĐ(Phí công bố: 100.000 đồng)")
    assert (rows[0]["processing_time"], rows[0]["fee"]) == ("1", "100 đồng")
    assert issues and "đoán" in issues[0]


def test_a_record_without_the_table_is_reported():
    rows, issues = parse_channels("Nộp tại bộ phận một cửa")
    assert rows == [] and issues


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("15 Ngày làm việc", 15),
        ("7", 7),
        ("30 Ngày", 21),
        ("24 Giờ", 1),
        ("2 Tháng", 44),
        ("0,5 Ngày làm việc", 1),
        ("Không quy định", None),
        ("Không phải trả kết quả cho người nộp thuế", None),
    ],
)
def test_processing_time_in_working_days(text, days):
    assert working_days(text) == days


@pytest.mark.parametrize(
    ("text", "amount", "unit", "label"),
    [
        ("15 Ngày làm việc", 15, "working", "15 ngày làm việc"),
        ("7", 7, "working", "7 ngày làm việc"),
        ("0,5 Ngày làm việc", 1, "working", "1 ngày làm việc"),
        ("0 Ngày làm việc", 0, "working", "0 ngày làm việc"),
        ("30 Ngày", 30, "calendar", "30 ngày"),
        ("30 ngày", 30, "calendar", "30 ngày"),
        ("2 Tuần", 14, "calendar", "14 ngày"),
        ("24 Giờ", 24, "hours", "24 giờ"),
        ("4 Tháng", 4, "months", "4 tháng"),
        ("1 Năm", 12, "months", "12 tháng"),
        ("1,5 Tháng", 45, "calendar", "45 ngày"),
    ],
)
def test_processing_time_keeps_the_unit_the_law_states(text, amount, unit, label):
    time = parse_processing_time(text)
    assert (time.amount, time.unit, time.label) == (amount, unit, label)


@pytest.mark.parametrize("text", ["Không quy định", "", "Không phải trả kết quả cho người nộp thuế"])
def test_text_that_is_not_a_duration_has_no_processing_time(text):
    assert parse_processing_time(text) is None


def test_the_longest_of_times_in_different_units_is_found_by_calendar_length():
    times = [ProcessingTime(20, "working"), ProcessingTime(30, "calendar"), ProcessingTime(48, "hours")]
    assert max(times, key=lambda time: time.calendar_length) == ProcessingTime(30, "calendar")


@pytest.mark.parametrize(
    ("portal", "shown"),
    [
        ("70,000 Việt Nam Đồng", "70.000 đồng"),
        ("1,500,000 VNĐ", "1.500.000 đồng"),
        ("50.000 Đồng", "50.000 đồng"),
        ("25 USD", "25 USD"),
        ("Miễn phí", "Miễn phí"),
        ("", ""),
    ],
)
def test_fees_are_written_the_vietnamese_way(portal, shown):
    assert vietnamese_fee(portal) == shown
