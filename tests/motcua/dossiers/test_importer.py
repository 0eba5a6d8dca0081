import json

from sqlalchemy import func, select

from motcua.dossiers.importer import import_dossiers, read_rows
from motcua.dossiers.models import Dossier, DossierEvent
from tests.factories import add_procedure
from tests.motcua.dossiers.import_rows import BAD_CODE, BAD_PROCEDURE, GOOD, HEADER, ONLINE


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_csv_import_stores_good_rows_and_reports_bad_ones_with_line_and_reason(catalogue, tmp_path):
    path = tmp_path / "ho-so.csv"
    path.write_text(HEADER + GOOD + BAD_PROCEDURE + BAD_CODE + ONLINE, encoding="utf-8")
    report = import_dossiers(catalogue, read_rows(path))
    assert (report.created, report.updated) == (2, 0)
    assert [line for line, _ in report.rejected] == [3, 4]
    assert "Không tìm thấy thủ tục mã '9.999999'" in report.rejected[0][1]
    assert "không phải mã hồ sơ" in report.rejected[1][1]
    first = catalogue.scalar(select(Dossier).where(Dossier.code == "000.00.12.H62-260302-0001"))
    assert first.due_at.date().isoformat() == "2026-03-04"
    assert first.timeliness == "truoc_han"
    online = catalogue.scalar(select(Dossier).where(Dossier.code == "000.00.12.H62-260302-0003"))
    assert (online.channel, online.online_level, online.result_delivery) == ("truc_tuyen", "toan_trinh", "buu_chinh")
    assert online.result_returned_at.isoformat() == "2026-03-05T09:00:00"


def test_importing_the_same_file_twice_changes_nothing(catalogue, tmp_path):
    path = tmp_path / "ho-so.csv"
    path.write_text(HEADER + GOOD + ONLINE, encoding="utf-8")
    import_dossiers(catalogue, read_rows(path))
    again = import_dossiers(catalogue, read_rows(path))
    assert (again.created, again.updated, again.rejected) == (0, 2, [])
    assert (count(catalogue, Dossier), count(catalogue, DossierEvent)) == (2, 2)


def test_json_lines_import_reports_broken_lines_and_keeps_going(catalogue, tmp_path):
    good = {
        "code": "000.00.12.h62-260302-0007",
        "procedure_code": "2.000815",
        "applicant_name": "Đỗ Minh",
        "received_at": "2026-03-02T09:00:00+07:00",
        "state": "4",
    }
    path = tmp_path / "ho-so.jsonl"
    path.write_text("{not json\n" + json.dumps(good, ensure_ascii=False) + "\n[1, 2]\n", encoding="utf-8")
    report = import_dossiers(catalogue, read_rows(path))
    assert report.created == 1
    assert [line for line, _ in report.rejected] == [1, 3]


def test_a_later_row_for_the_same_dossier_updates_it_within_one_file(catalogue, tmp_path):
    later = GOOD.replace(",9,2026-03-03T10:00:00+07:00,2026-03-03T10:00:00+07:00,,", ",10,2026-03-04T08:00:00+07:00,,,")
    path = tmp_path / "ho-so.csv"
    path.write_text(HEADER + GOOD + later, encoding="utf-8")
    report = import_dossiers(catalogue, read_rows(path), batch_size=10)
    assert (report.created, report.updated) == (1, 1)
    dossier = catalogue.scalar(select(Dossier))
    assert dossier.state == 10
    assert count(catalogue, DossierEvent) == 2


def test_csv_without_required_columns_is_rejected_as_a_whole(catalogue, tmp_path):
    path = tmp_path / "ho-so.csv"
    path.write_text("ma,ten\n1,2\n", encoding="utf-8")
    report = import_dossiers(catalogue, read_rows(path))
    assert report.created == 0 and "Thiếu cột" in report.rejected[0][1]


def dossier_row(number: int, state: int = 2, state_at: str = "2026-03-02T09:00:00+07:00") -> str:
    return (
        f"000.00.12.H62-260302-{number:04d},2.000815,000.00.12.H62,Nguyễn Văn {number},0912345678,truc_tiep,"
        f"tai_quay,2026-03-02T09:00:00+07:00,,{state},{state_at},,,\n"
    )


def test_a_second_file_with_stored_and_new_rows_creates_the_new_ones_and_moves_stored_ones_forward(catalogue, tmp_path):
    first = tmp_path / "ngay-1.csv"
    first.write_text(HEADER + "".join(dossier_row(n) for n in range(1, 6)), encoding="utf-8")
    import_dossiers(catalogue, read_rows(first), batch_size=3)
    second = tmp_path / "ngay-2.csv"
    rows = [dossier_row(n) for n in range(1, 6)] + [dossier_row(n) for n in range(6, 9)]
    rows[1] = dossier_row(2, state=4, state_at="2026-03-03T08:00:00+07:00")
    second.write_text(HEADER + "".join(rows), encoding="utf-8")
    report = import_dossiers(catalogue, read_rows(second), batch_size=3)
    assert (report.created, report.updated, report.rejected) == (3, 5, [])
    assert (count(catalogue, Dossier), count(catalogue, DossierEvent)) == (8, 9)
    moved = catalogue.scalar(select(Dossier).where(Dossier.code == "000.00.12.H62-260302-0002"))
    assert (moved.state, moved.state_at.isoformat()) == (4, "2026-03-03T08:00:00")


def test_an_older_row_of_a_stored_dossier_adds_history_but_never_moves_it_back(catalogue, tmp_path):
    newer = tmp_path / "moi.csv"
    newer.write_text(HEADER + dossier_row(1, state=9, state_at="2026-03-03T10:00:00+07:00"), encoding="utf-8")
    import_dossiers(catalogue, read_rows(newer))
    older = tmp_path / "cu.csv"
    older.write_text(HEADER + dossier_row(1, state=4, state_at="2026-03-02T14:00:00+07:00"), encoding="utf-8")
    for _ in range(2):
        report = import_dossiers(catalogue, read_rows(older))
        assert (report.created, report.updated) == (0, 1)
    dossier = catalogue.scalar(select(Dossier))
    assert dossier.state == 9
    history = catalogue.execute(select(DossierEvent.state).order_by(DossierEvent.at)).scalars().all()
    assert history == [4, 9]


def test_a_bad_row_in_a_stored_batch_is_reported_and_the_rest_of_the_batch_is_kept(catalogue, tmp_path):
    path = tmp_path / "ho-so.csv"
    path.write_text(HEADER + "".join(dossier_row(n) for n in range(1, 4)), encoding="utf-8")
    import_dossiers(catalogue, read_rows(path))
    bad_time = dossier_row(2).replace(",2,2026-03-02T09:00:00+07:00,", ",4,hôm qua,")
    path.write_text(HEADER + dossier_row(1) + bad_time + dossier_row(3) + dossier_row(4), encoding="utf-8")
    report = import_dossiers(catalogue, read_rows(path))
    assert (report.created, report.updated) == (1, 2)
    assert [line for line, _ in report.rejected] == [3]
    assert "state_at" in report.rejected[0][1]
    assert count(catalogue, Dossier) == 4


def test_imported_rows_of_a_calendar_day_procedure_are_due_that_many_days_later(catalogue, tmp_path):
    add_procedure(catalogue, "1.000999", "Cấp giấy phép", 5, time_text="7 Ngày")
    catalogue.commit()
    row = dossier_row(1).replace(",2.000815,", ",1.000999,").replace("2026-03-02T09", "2026-02-12T09")
    path = tmp_path / "ho-so.csv"
    path.write_text(HEADER + row, encoding="utf-8")
    assert import_dossiers(catalogue, read_rows(path)).created == 1
    dossier = catalogue.scalar(select(Dossier))
    # 12/2/2026 + 7 days = 19/2, in Tết (16–20/2): due Monday 23/2 (as 5 working days it was 26/2).
    assert dossier.due_at.date().isoformat() == "2026-02-23"
    assert dossier.processing_days is None


def test_rows_with_and_without_documents_to_supplement_are_stored_from_one_batch(catalogue, tmp_path):
    base = {"procedure_code": "2.000815", "applicant_name": "Đỗ Minh", "received_at": "2026-03-02T09:00:00+07:00"}
    rows = [
        {**base, "code": "000.00.12.H62-260302-0001", "state": "4"},
        {**base, "code": "000.00.12.H62-260302-0002", "state": "5", "supplement": "Bản sao sổ đỏ; Tờ khai"},
        {**base, "code": "000.00.12.H62-260302-0003", "state": "2"},
    ]
    path = tmp_path / "ho-so.jsonl"
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    assert import_dossiers(catalogue, read_rows(path)).created == 3
    stored = {d.code[-4:]: (d.supplement, d.documents) for d in catalogue.scalars(select(Dossier))}
    assert stored == {"0001": ([], []), "0002": (["Bản sao sổ đỏ", "Tờ khai"], []), "0003": ([], [])}
    assert count(catalogue, DossierEvent) == 3


def test_a_code_stored_by_another_writer_during_the_import_is_updated_not_duplicated(catalogue, tmp_path, monkeypatch):
    from motcua.dossiers import importer
    from tests.factories import add_dossier

    add_dossier(catalogue, "000.00.12.H62-260302-0002")
    # The batch's check ran before the other writer committed: it saw none of the codes.
    monkeypatch.setattr(importer, "_stored_codes", lambda session, codes: set())
    path = tmp_path / "ho-so.csv"
    path.write_text(HEADER + "".join(dossier_row(n) for n in range(1, 4)), encoding="utf-8")
    report = import_dossiers(catalogue, read_rows(path))
    assert (report.created, report.updated, report.rejected) == (2, 1, [])
    assert (count(catalogue, Dossier), count(catalogue, DossierEvent)) == (3, 3)
