"""Seed 003 (Trung tâm Phục vụ hành chính công tỉnh Thái Bình, tháng 4/2021) rebuilt dossier by
dossier: every count the article publishes must come out of the report engine.

The article prints its percentages truncated, the last share of a group absorbing the rest (81,9% +
18,1%; 96,92% + 2,63% + 0,45%). The issue asks for largest-remainder percentages with two decimals,
so the same counts give 81,96% + 18,04% and 96,93% + 2,63% + 0,44% here; each is the exact share
rounded the way that keeps the group at 100.
"""

from datetime import date, datetime

import pytest

from motcua.dossiers import states
from motcua.reports import build_summary, narrative
from motcua.reports.period import month
from motcua.units import save_unit
from tests.motcua.reports.builder import DossierSet

APRIL = month(2021, 4)
TODAY = date(2021, 5, 15)


@pytest.fixture
def thai_binh(db):
    """The centre's April 2021 with decoys before, after and elsewhere."""
    centre = save_unit(db, "000.00.00.H65", "Trung tâm Phục vụ hành chính công tỉnh Thái Bình", "tinh")
    other = save_unit(db, "000.00.01.H65", "Trung tâm Phục vụ hành chính công tỉnh Nam Định", "tinh")
    build = DossierSet(db)
    land = build.procedure("2.001", "Đất đai", online=True)
    justice = build.procedure("1.001", "Tư pháp", online=False)
    t = datetime

    # Carried over from March: 1.228 = 1.000 resolved early in April + 81 awaiting supplement
    # + 69 still within their time + 78 refused in April.
    carried = {"unit": centre, "received": t(2021, 3, 25, 9)}
    build.add(
        600, **carried, procedure=justice, due=t(2021, 4, 8, 17), resolved=t(2021, 4, 6, 10), delivery="buu_chinh"
    )
    build.add(400, **carried, procedure=justice, due=t(2021, 4, 8, 17), resolved=t(2021, 4, 6, 10))
    asked = ((states.SUPPLEMENT, t(2021, 3, 28, 14)),)
    build.add(50, **carried, procedure=justice, due=t(2021, 4, 5, 17), events=asked, state=states.SUPPLEMENT)
    # Still awaiting at the end of April, resolved in May: the state at the period's end comes from history.
    build.add(31, **carried, procedure=justice, due=t(2021, 4, 5, 17), events=asked, resolved=t(2021, 5, 5, 9))
    build.add(49, **carried, procedure=land, due=t(2021, 5, 10, 17))
    # Due on the last day of April: not overdue on that day.
    build.add(20, **carried, procedure=land, due=t(2021, 4, 30, 17))
    build.add(78, **carried, procedure=justice, state=states.REJECTED, state_at=t(2021, 4, 2, 8))

    # New in April, online-capable procedure, resolved: 2.656 (1.634 received online); 1.849 early, 807 on time.
    early = {"received": t(2021, 4, 12, 8), "due": t(2021, 4, 20, 8), "resolved": t(2021, 4, 19, 17)}
    on_time = {"received": t(2021, 4, 12, 8), "due": t(2021, 4, 20, 8), "resolved": t(2021, 4, 20, 16, 30)}
    build.add(1200, unit=centre, procedure=land, channel="truc_tuyen", **early)
    build.add(434, unit=centre, procedure=land, channel="truc_tuyen", **on_time)
    build.add(649, unit=centre, procedure=land, **early)
    build.add(373, unit=centre, procedure=land, **on_time)
    # New in April, other procedures, resolved: 2.253 early (351 with the result by post), 316 on time.
    build.add(300, unit=centre, procedure=justice, channel="buu_chinh", delivery="buu_chinh", **early)
    build.add(51, unit=centre, procedure=justice, delivery="buu_chinh", **early)
    build.add(1902, unit=centre, procedure=justice, **early)
    build.add(300, unit=centre, procedure=justice, **on_time)
    # No legal time limit: resolved, and on time by definition.
    build.add(16, unit=centre, procedure=justice, received=t(2021, 4, 12, 8), resolved=t(2021, 4, 22, 8))

    # New in April and pending at its end: 1.278, all within their time.
    build.add(66, unit=centre, procedure=land, channel="truc_tuyen", received=t(2021, 4, 28, 8), due=t(2021, 5, 12))
    pending = {"unit": centre, "procedure": justice, "received": t(2021, 4, 26, 8), "due": t(2021, 5, 7, 17)}
    build.add(1000, **pending)
    build.add(200, **pending, resolved=t(2021, 5, 3, 10))
    build.add(12, **pending, events=((states.SUPPLEMENT, t(2021, 5, 4, 9)),), state=states.SUPPLEMENT)

    # New in April and returned in April: 59 (refused, sent back then withdrawn, stopped).
    build.add(
        20, unit=centre, procedure=justice, received=t(2021, 4, 5, 8), state=states.REJECTED, state_at=t(2021, 4, 6)
    )
    build.add(
        30,
        unit=centre,
        procedure=justice,
        received=t(2021, 4, 5, 8),
        events=((states.SUPPLEMENT, t(2021, 4, 10, 9)), (states.WITHDRAWN, t(2021, 4, 20, 9))),
        state=states.WITHDRAWN,
    )
    build.add(
        9, unit=centre, procedure=justice, received=t(2021, 4, 5, 8), state=states.STOPPED, state_at=t(2021, 4, 22)
    )

    # Decoys: closed before April, received after it, another centre, returned in March.
    build.add(
        500, unit=centre, procedure=justice, received=t(2021, 3, 1, 8), due=t(2021, 3, 12), resolved=t(2021, 3, 20)
    )
    build.add(
        40, unit=centre, procedure=justice, received=t(2021, 3, 10), state=states.REJECTED, state_at=t(2021, 3, 12)
    )
    build.add(100, unit=centre, procedure=land, received=t(2021, 5, 3, 8), due=t(2021, 5, 10))
    build.add(300, unit=other, procedure=land, received=t(2021, 4, 5), due=t(2021, 4, 9), resolved=t(2021, 4, 12))
    build.add(
        25,
        unit=centre,
        procedure=justice,
        received=t(2021, 3, 10),
        events=((states.SUPPLEMENT, t(2021, 3, 15)), (states.WITHDRAWN, t(2021, 3, 25))),
        state=states.WITHDRAWN,
    )

    # 228 forms in April: 221 / 6 / 1 / 0 by level, 226 / 2 by attitude.
    april = t(2021, 4, 15, 10)
    build.rate(221, unit=centre, level="rat_hai_long", attitude="rat_lich_su", at=april)
    build.rate(5, unit=centre, level="hai_long", attitude="rat_lich_su", at=april)
    build.rate(1, unit=centre, level="hai_long", attitude="binh_thuong", at=april)
    build.rate(1, unit=centre, level="binh_thuong", attitude="binh_thuong", at=april)
    build.rate(10, unit=centre, level="khong_hai_long", attitude="hach_dich", at=t(2021, 3, 31, 16))
    build.rate(5, unit=other, level="khong_hai_long", attitude="khong_than_thien", at=april)
    build.save()
    return centre


def test_seed_003_every_published_count_is_reproduced(db, thai_binh):
    report = build_summary(db, thai_binh, APRIL, today=TODAY).to_dict()

    assert report["received"] == {
        "carried_over": 1228,
        "new": 6562,
        "new_direct": 4562,
        "new_online": 1700,
        "new_postal": 300,
        "total": 7790,
    }
    assert report["resolved"] == {
        "early": 5102,
        "early_pct": 81.96,
        "on_time": 1123,
        "on_time_pct": 18.04,
        "late": 0,
        "late_pct": 0.0,
        "total": 6225,
    }
    assert report["pending"] == {"not_due": 1347, "overdue": 0, "awaiting_supplement": 81, "total": 1428}
    assert report["returned"] == 137
    assert report["postal_results"] == {"count": 951, "pct": 15.28}
    assert report["online"] == {
        "resolved": 2656,
        "received_online": 1634,
        "received_online_pct": 61.52,
        "early": 1849,
        "early_pct": 69.62,
        "on_time": 807,
        "on_time_pct": 30.38,
        "late": 0,
        "late_pct": 0.0,
    }


def test_seed_003_satisfaction_per_level_and_attitude(db, thai_binh):
    satisfaction = build_summary(db, thai_binh, APRIL, today=TODAY).to_dict()["satisfaction"]

    assert satisfaction["responses"] == 228
    assert {key: (v["count"], v["pct"]) for key, v in satisfaction["levels"].items()} == {
        "rat_hai_long": (221, 96.93),
        "hai_long": (6, 2.63),
        "binh_thuong": (1, 0.44),
        "khong_hai_long": (0, 0.0),
    }
    assert {key: (v["count"], v["pct"]) for key, v in satisfaction["attitude"].items()} == {
        "rat_lich_su": (226, 99.12),
        "binh_thuong": (2, 0.88),
        "khong_than_thien": (0, 0.0),
        "hach_dich": (0, 0.0),
    }
    # Nothing late, no dissatisfied form, no complaint: every resolved dossier counts as satisfied.
    assert satisfaction["ratio_766"] == 100.0


def test_seed_003_every_dossier_is_resolved_pending_or_returned(db, thai_binh):
    report = build_summary(db, thai_binh, APRIL, today=TODAY).to_dict()
    received, resolved, pending = report["received"], report["resolved"], report["pending"]

    assert received["total"] == resolved["total"] + pending["total"] + report["returned"]
    assert received["new"] == received["new_direct"] + received["new_online"] + received["new_postal"]
    assert pending["total"] == pending["not_due"] + pending["overdue"] + pending["awaiting_supplement"]


def test_seed_003_by_field_adds_up_to_the_total(db, thai_binh):
    report = build_summary(db, thai_binh, APRIL, today=TODAY).to_dict()
    fields = {row["field"]: row for row in report["by_field"]}

    assert list(fields) == ["Tư pháp", "Đất đai"]
    assert fields["Đất đai"]["resolved"]["total"] == 2656
    assert fields["Tư pháp"]["resolved"]["total"] == 6225 - 2656
    assert fields["Tư pháp"]["returned"] == 137
    for group in ("received", "resolved", "pending"):
        for key, value in report[group].items():
            if not key.endswith("_pct"):
                assert sum(row[group][key] for row in fields.values()) == value


def test_seed_003_narrative(db, thai_binh):
    text = narrative(build_summary(db, thai_binh, APRIL, today=TODAY))

    assert text == (
        "Tháng 4/2021, Trung tâm Phục vụ hành chính công tỉnh Thái Bình đã tiếp nhận 7.790 hồ sơ, trong đó "
        "1.228 hồ sơ của tháng 3 chuyển sang, 6.562 hồ sơ tiếp nhận mới (trực tiếp 4.562, trực tuyến 1.700, "
        "qua bưu chính 300). "
        "Đã giải quyết 6.225 hồ sơ, trong đó trước hạn 5.102 hồ sơ, đạt 81,96%; đúng hạn 1.123 hồ sơ, "
        "đạt 18,04%; không có hồ sơ giải quyết quá hạn. "
        "Đang giải quyết 1.428 hồ sơ, trong đó chưa đến hạn 1.347 hồ sơ; chờ bổ sung, giải trình 81 hồ sơ; "
        "không có hồ sơ quá hạn. "
        "Trả lại 137 hồ sơ để chỉnh sửa, bổ sung, không đủ điều kiện tiếp nhận hoặc theo đề nghị rút hồ sơ "
        "của tổ chức, công dân. "
        "Trả kết quả qua dịch vụ bưu chính 951 hồ sơ, đạt 15,28% số hồ sơ đã giải quyết. "
        "Hồ sơ thủ tục có dịch vụ công trực tuyến đã giải quyết 2.656 hồ sơ, trong đó tiếp nhận trực tuyến "
        "1.634 hồ sơ, đạt 61,52%; trước hạn 1.849 hồ sơ, đạt 69,62%; đúng hạn 807 hồ sơ, đạt 30,38%; "
        "không có hồ sơ giải quyết quá hạn. "
        "Đã lấy ý kiến qua 228 phiếu đánh giá: rất hài lòng 221 phiếu, chiếm 96,93%; hài lòng 6 phiếu, "
        "chiếm 2,63%; bình thường 1 phiếu, chiếm 0,44%; không có phiếu đánh giá không hài lòng. "
        "Về thái độ của cán bộ, công chức khi giao tiếp: rất lịch sự, thân thiện, dễ gần 226 phiếu, "
        "chiếm 99,12%; bình thường 2 phiếu, chiếm 0,88%; không có phiếu đánh giá không thân thiện, "
        "hách dịch, nhũng nhiễu. "
        "Tỷ lệ hài lòng theo Quyết định 766/QĐ-TTg đạt 100%."
    )
