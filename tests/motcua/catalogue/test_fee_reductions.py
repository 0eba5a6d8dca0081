"""A reduction running today is part of the fee a citizen is told (amount and end date); after its end
date the normal fee is told again. "Today" is given by the caller."""

from datetime import date

import pytest

from motcua.catalogue import get_procedure
from motcua.catalogue.fees import current_fee
from motcua.catalogue.importer import import_catalogue
from motcua.catalogue.models import Procedure
from motcua.clock import now_local
from tests.kiosk.catalogue_records import write_records

NOTE = (
    "- Cấp lại thẻ căn cước: 70.000 đồng/thẻ căn cước. Kể từ ngày 01/01/2025 đến hết ngày 31/12/2025, mức thu "
    "lệ phí khi nộp hồ sơ trực tuyến bằng 50% mức thu lệ phí quy định. - Kể từ ngày 01/7/2025 đến hết ngày "
    "31/12/2026 mức thu lệ phí cấp đổi, cấp lại thẻ căn cước bằng 50% mức thu nêu trên."
)
CHANNELS = [
    {"channel": "truc_tuyen", "fee": "70.000 đồng", "fee_note": NOTE},
    {"channel": "truc_tiep", "fee": "70.000 đồng", "fee_note": NOTE},
]


def test_a_running_reduction_is_the_fee_with_its_end_date():
    fee = current_fee(CHANNELS, date(2026, 11, 30))
    assert fee.amount == "35.000 đồng"
    assert fee.normal == "70.000 đồng"
    assert fee.until == date(2026, 12, 31)
    assert fee.statement == "35.000 đồng (giảm 50% so với 70.000 đồng, đến hết ngày 31/12/2026)"


@pytest.mark.parametrize("today", [date(2026, 12, 31), date(2025, 7, 1)])
def test_the_reduction_holds_on_its_first_and_last_day(today):
    assert current_fee(CHANNELS, today).amount == "35.000 đồng"


def test_after_the_end_date_the_normal_fee_is_told():
    fee = current_fee(CHANNELS, date(2027, 1, 1))
    assert (fee.amount, fee.until, fee.statement) == ("70.000 đồng", None, "70.000 đồng")


def test_a_reduction_written_as_giam_is_taken_off_the_fee():
    channels = [
        {
            "channel": "truc_tiep",
            "fee": "100.000 đồng",
            "fee_note": "Từ ngày 01/01/2026 đến hết ngày 30/6/2027 giảm 20 % lệ phí.",
        }
    ]
    fee = current_fee(channels, date(2026, 6, 1))
    assert fee.statement == "80.000 đồng (giảm 20% so với 100.000 đồng, đến hết ngày 30/06/2027)"


def test_a_fee_without_a_single_amount_keeps_its_text_and_states_the_reduction():
    channels = [{"channel": "truc_tiep", "fee": "Theo quy định", "fee_note": NOTE}]
    fee = current_fee(channels, date(2026, 6, 1))
    assert fee.statement == "Theo quy định (giảm 50%, đến hết ngày 31/12/2026)"


def test_no_published_fee_is_none():
    assert current_fee([{"channel": "truc_tiep", "fee": ""}], date(2026, 6, 1)).statement is None


def _identity_card(db, tmp_path) -> Procedure:
    import_catalogue(db, write_records(tmp_path / "raw.jsonl.gz"))
    procedure = get_procedure(db, "1.014064")
    procedure.channels = CHANNELS
    db.commit()
    return procedure


@pytest.mark.skipif(now_local().date() > date(2026, 12, 31), reason="the published reduction has ended")
def test_the_api_and_the_page_state_the_reduced_fee_with_its_end(client, db, tmp_path):
    _identity_card(db, tmp_path)
    body = client.get("/api/v1/procedures/1.014064").json
    assert body["fee"] == "35.000 đồng (giảm 50% so với 70.000 đồng, đến hết ngày 31/12/2026)"
    assert body["fee_until"] == "2026-12-31" and body["fee_normal"] == "70.000 đồng"
    page = client.get("/thu-tuc/1.014064").get_data(as_text=True)
    assert "35.000 đồng (giảm 50% so với 70.000 đồng, đến hết ngày 31/12/2026)" in page
