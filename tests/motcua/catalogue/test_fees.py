from datetime import date

import pytest

from motcua.catalogue.fees import current_fee_notes, headline_fee

# As the portal publishes the identity-card fee (1.014064), with an expired and a running reduction.
NOTE = (
    "- Cấp lại thẻ căn cước: 70.000 đồng/thẻ căn cước. Kể từ ngày 01/01/2025 đến hết ngày 31/12/2025, mức thu "
    "lệ phí khi nộp hồ sơ trực tuyến bằng 50% mức thu lệ phí quy định. - Kể từ ngày 01/7/2025 đến hết ngày "
    "31/12/2026 mức thu lệ phí cấp đổi, cấp lại thẻ căn cước bằng 50% mức thu nêu trên."
)
CHANNELS = [
    {"channel": "buu_chinh", "fee": "", "fee_note": ""},
    {"channel": "truc_tuyen", "fee": "70.000 đồng", "fee_note": NOTE},
    {"channel": "truc_tiep", "fee": "70.000 đồng", "fee_note": NOTE},
]


def test_the_headline_fee_is_the_counters():
    assert headline_fee(CHANNELS) == "70.000 đồng"
    assert headline_fee([{"channel": "truc_tuyen", "fee": "Miễn phí"}]) == "Miễn phí"
    assert headline_fee([{"channel": "truc_tiep", "fee": ""}]) is None


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 3, 1), ["2025-online"]),
        (date(2025, 8, 1), ["2025-online", "2026-all"]),
        (date(2026, 11, 30), ["2026-all"]),
        (date(2027, 1, 1), []),
    ],
)
def test_only_the_reductions_running_today_are_stated(today, expected):
    labels = {"trực tuyến": "2025-online", "cấp đổi, cấp lại": "2026-all"}
    notes = current_fee_notes(CHANNELS, today)
    assert [next(label for key, label in labels.items() if key in note) for note in notes] == expected
    assert all("50%" in note for note in notes)


def test_a_reduction_without_an_end_date_runs_from_its_start():
    channels = [{"channel": "truc_tiep", "fee": "100.000 đồng", "fee_note": "Từ ngày 01/01/2026 giảm 20% lệ phí."}]
    assert current_fee_notes(channels, date(2026, 6, 1)) == ["Từ ngày 01/01/2026 giảm 20% lệ phí"]
    assert current_fee_notes(channels, date(2025, 6, 1)) == []
