from datetime import datetime

import pytest
from sqlalchemy import func, select

from motcua.dossiers import states
from motcua.dossiers.intake import DossierError, clean_moment, normalize_phone, record_event, upsert_dossier
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.receipt import processing_time_label
from tests.factories import add_procedure

CODE = "000.00.12.H62-260302-0001"


def record(**overrides) -> dict:
    base = {
        "procedure_code": "2.000815",
        "applicant_name": "Nguyễn Văn An",
        "applicant_phone": "0912 345 678",
        "channel": "truc_tiep",
        "received_at": "2026-03-02T09:00:00+07:00",
        "state": 2,
    }
    return {**base, **overrides}


def events(session, dossier) -> list[tuple[int, datetime]]:
    rows = session.execute(
        select(DossierEvent.state, DossierEvent.at).where(DossierEvent.dossier_id == dossier.id).order_by("at")
    )
    return [tuple(row) for row in rows]


def test_upsert_creates_the_dossier_with_due_date_from_the_catalogue(catalogue):
    dossier, created = upsert_dossier(catalogue, CODE.lower(), record())
    assert created
    assert dossier.code == CODE
    assert dossier.unit.code == "000.00.12.H62"
    assert dossier.applicant_phone == "0912345678"
    assert dossier.due_at == datetime(2026, 3, 4, 17, 0)
    assert events(catalogue, dossier) == [(2, datetime(2026, 3, 2, 9, 0))]


def test_times_with_an_offset_are_stored_as_vietnam_local_time(catalogue):
    dossier, _ = upsert_dossier(catalogue, CODE, record(received_at="2026-03-02T02:00:00Z"))
    assert dossier.received_at == datetime(2026, 3, 2, 9, 0)


def test_the_same_put_twice_changes_nothing_and_stores_one_event(catalogue):
    upsert_dossier(catalogue, CODE, record(state=4, state_at="2026-03-03T08:00:00+07:00"))
    dossier, created = upsert_dossier(catalogue, CODE, record(state=4, state_at="2026-03-03T08:00:00+07:00"))
    assert not created
    assert catalogue.scalar(select(func.count()).select_from(Dossier)) == 1
    assert events(catalogue, dossier) == [(4, datetime(2026, 3, 3, 8, 0))]


def test_an_older_snapshot_arriving_late_is_kept_in_history_but_does_not_move_the_state_back(catalogue):
    upsert_dossier(catalogue, CODE, record(state=9, state_at="2026-03-04T10:00:00+07:00"))
    dossier, _ = upsert_dossier(
        catalogue, CODE, record(state=4, state_at="2026-03-03T08:00:00+07:00", applicant_name="Tên cũ")
    )
    assert dossier.state == states.RESOLVED
    assert dossier.resolved_at == datetime(2026, 3, 4, 10, 0)
    assert dossier.applicant_name == "Nguyễn Văn An"
    assert [state for state, _ in events(catalogue, dossier)] == [4, 9]


def test_events_out_of_order_end_in_the_latest_state(catalogue):
    dossier, _ = upsert_dossier(catalogue, CODE, record())
    assert record_event(catalogue, dossier, 10, datetime(2026, 3, 5, 9))
    assert record_event(catalogue, dossier, 4, datetime(2026, 3, 3, 9))
    assert not record_event(catalogue, dossier, 10, datetime(2026, 3, 5, 9))
    assert (dossier.state, dossier.result_returned_at) == (10, datetime(2026, 3, 5, 9))
    assert len(events(catalogue, dossier)) == 3


def test_two_changes_at_the_same_moment_keep_the_one_further_along(catalogue):
    dossier, _ = upsert_dossier(catalogue, CODE, record())
    record_event(catalogue, dossier, 9, datetime(2026, 3, 4, 9))
    record_event(catalogue, dossier, 4, datetime(2026, 3, 4, 9))
    assert dossier.state == 9


def test_civil_status_after_15h_is_due_the_next_working_day(catalogue):
    dossier, _ = upsert_dossier(
        catalogue, CODE, record(procedure_code="1.001193", received_at="2026-03-06T15:20:00+07:00")
    )
    assert dossier.due_at.date() == datetime(2026, 3, 9).date()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"procedure_code": "9.999999"}, "procedure_code", "Không tìm thấy thủ tục"),
        ({"applicant_name": ""}, "applicant_name", "Thiếu họ tên"),
        ({"channel": "fax"}, "channel", "kênh nộp"),
        ({"state": 11}, "state", "Trạng thái"),
        ({"received_at": "hôm qua"}, "received_at", "ISO 8601"),
        ({"applicant_phone": "12ab"}, "applicant_phone", "điện thoại"),
        ({"unit_code": "XX.YY"}, "unit_code", "đơn vị"),
    ],
)
def test_bad_records_are_refused_with_the_field_and_a_vietnamese_reason(catalogue, overrides, field, message):
    with pytest.raises(DossierError, match=message) as error:
        upsert_dossier(catalogue, CODE, record(**overrides))
    assert error.value.field == field


def test_channel_accepts_vietnamese_words_without_diacritics(catalogue):
    dossier, _ = upsert_dossier(catalogue, CODE, record(channel="Truc tuyen", online_level="toàn trình"))
    assert (dossier.channel, dossier.online_level) == ("truc_tuyen", "toan_trinh")


@pytest.mark.parametrize(
    ("text", "digits"),
    [("+84 912.345.678", "0912345678"), ("(024) 3826-1234", "02438261234"), ("84912345678", "0912345678")],
)
def test_phone_numbers_are_stored_as_digits(text, digits):
    assert normalize_phone(text) == digits


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("2026-03-02T09:00:00+07:00", datetime(2026, 3, 2, 9, 0)),
        ("2026-03-02T09:00:00.750+07:00", datetime(2026, 3, 2, 9, 0)),
        ("2026-03-02T02:00:00Z", datetime(2026, 3, 2, 9, 0)),
        ("2026-03-02T02:00:00z", datetime(2026, 3, 2, 9, 0)),
        ("2026-03-01T20:30:00-05:00", datetime(2026, 3, 2, 8, 30)),
        (" 2026-03-02 09:00:00 ", datetime(2026, 3, 2, 9, 0)),
        ("2026-03-02", datetime(2026, 3, 2, 0, 0)),
        (datetime(2026, 3, 2, 9, 0, 5, 123), datetime(2026, 3, 2, 9, 0, 5)),
    ],
)
def test_times_are_stored_as_vietnam_local_time_to_the_second(value, stored):
    assert clean_moment(value, "received_at") == stored


@pytest.mark.parametrize("value", ["02/03/2026 09:00", "2026-13-02T09:00:00+07:00", "", "2026-03-02T09:00:00+25:00"])
def test_times_that_are_not_iso_8601_are_refused_naming_the_field(value):
    with pytest.raises(DossierError, match="state_at"):
        clean_moment(value, "state_at")


@pytest.mark.parametrize(
    ("time_text", "received_at", "due_at", "label"),
    [
        ("10 Ngày", "2026-02-12T09:00:00+07:00", datetime(2026, 2, 23, 17, 0), "10 ngày"),
        ("10 Ngày làm việc", "2026-02-12T09:00:00+07:00", datetime(2026, 3, 5, 17, 0), "10 ngày làm việc"),
        ("1 Tháng", "2026-01-30T09:00:00+07:00", datetime(2026, 3, 2, 17, 0), "1 tháng"),
        ("4 Giờ", "2026-03-02T15:00:00+07:00", datetime(2026, 3, 3, 17, 0), "4 giờ"),
    ],
)
def test_due_date_counts_the_unit_the_catalogue_publishes(catalogue, time_text, received_at, due_at, label):
    add_procedure(catalogue, "1.000999", "Cấp giấy phép", 7, time_text=time_text)
    dossier, _ = upsert_dossier(catalogue, CODE, record(procedure_code="1.000999", received_at=received_at))
    assert dossier.due_at == due_at
    assert processing_time_label(dossier) == label
