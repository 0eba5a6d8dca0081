"""``flask units handoff-hours``: show a unit's hours for taking conversations, give it its own, or send
it back to the configured ones; a schedule that cannot be read is refused in Vietnamese."""

from __future__ import annotations

from motcua.units import save_unit


def test_a_unit_gets_its_own_hours_and_back(runner, db):
    save_unit(db, "000.00.12.H62", "UBND xã Tây Sơn", "xa")
    db.commit()
    shown = runner.invoke(args=["units", "handoff-hours", "000.00.12.H62"])
    assert shown.exit_code == 0 and "T2-T6 07:30-11:30,13:30-17:00 (chung)" in shown.output
    own = runner.invoke(args=["units", "handoff-hours", "000.00.12.H62", "T2-T7 07:30-11:30"])
    assert own.exit_code == 0 and own.output.strip() == "000.00.12.H62: T2-T7 07:30-11:30"
    back = runner.invoke(args=["units", "handoff-hours", "000.00.12.H62", "--clear"])
    assert "(chung)" in back.output


def test_a_bad_schedule_or_unit_is_refused_in_vietnamese(runner, db):
    save_unit(db, "000.00.12.H62", "UBND xã Tây Sơn", "xa")
    db.commit()
    bad = runner.invoke(args=["units", "handoff-hours", "000.00.12.H62", "Thứ Hai 7h30"])
    assert bad.exit_code == 1 and "Không đọc được" in bad.output
    unknown = runner.invoke(args=["units", "handoff-hours", "999"])
    assert unknown.exit_code == 1 and "Không tìm thấy đơn vị" in unknown.output
