"""The report as table rows (group, indicator, count, percentage): one layout shared by the dashboard,
the CSV and XLSX exports and the command line, so they can never disagree."""

from __future__ import annotations

from motcua.formatting import format_count

SUMMARY_HEADER = ("Nhóm", "Chỉ tiêu", "Số hồ sơ / phiếu", "Tỷ lệ (%)")
UNIT_HEADER = (
    "Mã đơn vị",
    "Đơn vị",
    "Cấp",
    "Tổng tiếp nhận",
    "Kỳ trước chuyển sang",
    "Tiếp nhận mới",
    "Đã giải quyết",
    "Trước hạn",
    "Trước hạn (%)",
    "Đúng hạn",
    "Đúng hạn (%)",
    "Quá hạn",
    "Quá hạn (%)",
    "Đang giải quyết",
    "Đang giải quyết quá hạn",
    "Chờ bổ sung",
    "Trả lại",
)
FIELD_HEADER = ("Lĩnh vực", *UNIT_HEADER[3:])
LEVEL_HEADER = (
    "Cấp",
    "Tổng tiếp nhận",
    "Đã giải quyết",
    "Giải quyết / tiếp nhận (%)",
    "Đúng và trước hạn",
    "Đúng và trước hạn (%)",
    "Đang giải quyết",
    "Trả lại",
)
GROUP_HEADER = (
    "Mã nhóm",
    "Nhóm thủ tục",
    "Đã giải quyết",
    "Trước hạn",
    "Trước hạn (%)",
    "Đúng hạn",
    "Đúng hạn (%)",
    "Quá hạn",
    "Quá hạn (%)",
)

# (group, indicator, count — None where the indicator counts nothing itself, percentage or None)
Row = tuple[str, str, int | None, float | None]


def summary_rows(report: dict) -> list[Row]:
    """The headline figures of ``Summary.to_dict()``, in the order centres publish them."""
    received, resolved, pending = report["received"], report["resolved"], report["pending"]
    postal, online, sat = report["postal_results"], report["online"], report["satisfaction"]
    rows: list[Row] = [
        ("Tiếp nhận", "Tổng số hồ sơ", received["total"], None),
        ("Tiếp nhận", "Kỳ trước chuyển sang", received["carried_over"], None),
        ("Tiếp nhận", "Tiếp nhận mới", received["new"], None),
        ("Tiếp nhận", "– trực tiếp", received["new_direct"], None),
        ("Tiếp nhận", "– trực tuyến", received["new_online"], None),
        ("Tiếp nhận", "– qua bưu chính", received["new_postal"], None),
        ("Đã giải quyết", "Tổng số", resolved["total"], None),
        ("Đã giải quyết", "Trước hạn", resolved["early"], resolved["early_pct"]),
        ("Đã giải quyết", "Đúng hạn", resolved["on_time"], resolved["on_time_pct"]),
        ("Đã giải quyết", "Quá hạn", resolved["late"], resolved["late_pct"]),
        ("Đã giải quyết", "Đúng và trước hạn", resolved["early_or_on_time"], resolved["early_or_on_time_pct"]),
        ("Đã giải quyết", "So với tổng tiếp nhận", resolved["total"], resolved["pct_of_received"]),
        ("Đang giải quyết", "Tổng số", pending["total"], None),
        ("Đang giải quyết", "Chưa đến hạn", pending["not_due"], None),
        ("Đang giải quyết", "Quá hạn", pending["overdue"], None),
        ("Đang giải quyết", "Chờ bổ sung, giải trình", pending["awaiting_supplement"], None),
        ("Trả lại", "Trả lại (không tiếp nhận, rút, dừng xử lý)", report["returned"], None),
        ("Yêu cầu bổ sung", "Hồ sơ được yêu cầu bổ sung trong kỳ", report["supplement_requests"], None),
        ("Bưu chính", "Trả kết quả qua bưu chính", postal["count"], postal["pct"]),
        ("Dịch vụ công trực tuyến", "Đã giải quyết", online["resolved"], None),
        ("Dịch vụ công trực tuyến", "Tiếp nhận trực tuyến", online["received_online"], online["received_online_pct"]),
        ("Dịch vụ công trực tuyến", "Trước hạn", online["early"], online["early_pct"]),
        ("Dịch vụ công trực tuyến", "Đúng hạn", online["on_time"], online["on_time_pct"]),
        ("Dịch vụ công trực tuyến", "Quá hạn", online["late"], online["late_pct"]),
        ("Mức độ hài lòng", "Số phiếu đánh giá", sat["responses"], None),
    ]
    rows += [("Mức độ hài lòng", v["label"], v["count"], v["pct"]) for v in sat["levels"].values()]
    rows += [("Thái độ cán bộ", v["label"], v["count"], v["pct"]) for v in sat["attitude"].values()]
    # The QĐ 766 ratio is taken over the period's resolved dossiers, not over the forms above it: its base is
    # named in the label and its count cell left empty, so that it is never read as a number of forms.
    base = sat["resolved_dossiers"]
    where = f"trên {format_count(base)} hồ sơ đã giải quyết" if base else "chưa có hồ sơ đã giải quyết"
    rows.append(("Mức độ hài lòng", f"Tỷ lệ hài lòng theo QĐ 766/QĐ-TTg ({where})", None, sat["ratio_766"]))
    return rows


def level_rows(report: dict) -> list[tuple]:
    """One row per administrative level (the units' own dossiers), as seed 004 publishes them."""
    return [
        (
            level["label"],
            level["received"],
            level["resolved"],
            level["pct_of_received"],
            level["early_or_on_time"],
            level["early_or_on_time_pct"],
            level["pending"],
            level["returned"],
        )
        for level in report["by_level"].values()
    ]


def group_rows(report: dict) -> list[tuple]:
    """One row per procedure group of the report."""
    return [
        (
            code,
            group["name"],
            group["resolved"],
            group["early"],
            group["early_pct"],
            group["on_time"],
            group["on_time_pct"],
            group["late"],
            group["late_pct"],
        )
        for code, group in report["groups"].items()
    ]


def unit_rows(report: dict) -> list[tuple]:
    """One row per unit of the tree (rolled up), indented names for display are the caller's job."""
    return [(row["code"], row["name"], row["level_label"], *_figures(row)) for row in report["by_unit"]]


def field_rows(report: dict) -> list[tuple]:
    return [(row["field"] or "(chưa phân loại)", *_figures(row)) for row in report["by_field"]]


def _figures(row: dict) -> tuple:
    received, resolved, pending = row["received"], row["resolved"], row["pending"]
    return (
        received["total"],
        received["carried_over"],
        received["new"],
        resolved["total"],
        resolved["early"],
        resolved["early_pct"],
        resolved["on_time"],
        resolved["on_time_pct"],
        resolved["late"],
        resolved["late_pct"],
        pending["total"],
        pending["overdue"],
        pending["awaiting_supplement"],
        row["returned"],
    )
