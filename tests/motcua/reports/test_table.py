"""The report's table rows, shared by the dashboard, the exports and the command line."""

from motcua.reports.table import summary_rows


def _report(ratio: float | None, resolved: int) -> dict:
    zero = {"total": 0, "carried_over": 0, "new": 0, "new_direct": 0, "new_online": 0, "new_postal": 0}
    resolved_part = {key: 0 for key in ("total", "early", "on_time", "late", "early_or_on_time")}
    resolved_part |= {f"{key}_pct": 0.0 for key in ("early", "on_time", "late", "early_or_on_time")}
    resolved_part["pct_of_received"] = 0.0
    online = {"resolved": 0, "received_online": 0, "received_online_pct": 0.0}
    online |= {key: 0 for key in ("early", "on_time", "late")}
    online |= {f"{key}_pct": 0.0 for key in ("early", "on_time", "late")}
    return {
        "received": zero,
        "resolved": resolved_part,
        "pending": {"total": 0, "not_due": 0, "overdue": 0, "awaiting_supplement": 0},
        "returned": 0,
        "supplement_requests": 0,
        "postal_results": {"count": 0, "pct": 0.0},
        "online": online,
        "satisfaction": {
            "responses": 40,
            "levels": {"hai_long": {"label": "Hài lòng", "count": 40, "pct": 100.0}},
            "attitude": {},
            "ratio_766": ratio,
            "resolved_dossiers": resolved,
        },
    }


def test_the_766_ratio_row_counts_no_forms_and_names_its_base():
    """Its base is the period's resolved dossiers, not rating forms: a count under "Số hồ sơ / phiếu" beside
    the forms' rows read as a number of forms, and its percentage was taken for a share of the forms."""
    row = [row for row in summary_rows(_report(85.86, 7790)) if "766" in row[1]][0]
    assert row[2] is None and row[3] == 85.86
    assert "7.790 hồ sơ đã giải quyết" in row[1]


def test_without_resolved_dossiers_the_766_row_says_so():
    row = [row for row in summary_rows(_report(None, 0)) if "766" in row[1]][0]
    assert row[2] is None and row[3] is None and "chưa có hồ sơ đã giải quyết" in row[1]
