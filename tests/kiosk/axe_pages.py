"""axe-core (vendored in tests/data/axe) run in a Chromium page, and the citizen and staff pages the
accessibility tests walk."""

from __future__ import annotations

from pathlib import Path

from tests.factories import CODE

AXE = Path(__file__).resolve().parents[1] / "data" / "axe" / "axe.min.js"

CITIZEN_PAGES = [
    "/",
    "/?lang=en",
    "/thu-tuc",
    "/thu-tuc?q=chung+thuc",
    "/thu-tuc/2.000815",
    "/thu-tuc/2.000815/in",
    "/tra-cuu",
    f"/tra-cuu?ma={CODE}",
    "/khong-co-trang-nay",
    "/auth/login",
]
STAFF_PAGES = [
    "/quan-ly/",
    "/quay/tiep-nhan",
    f"/ho-so/{CODE}/bien-nhan",
    "/quan-ly/danh-gia",
    "/quan-ly/bao-cao",
    "/quan-ly/bao-cao/ho-so?loai=late",
    "/quan-ly/nhom-thu-tuc",
    "/quan-ly/quay",
    "/quan-ly/can-bo",
    "/quan-ly/thong-bao",
    "/quan-ly/tai-khoan",
    "/quan-ly/tai-khoan/moi",
    "/quan-ly/mat-khau",
]


def violations(page) -> list[str]:
    """Every axe-core violation on the page, one line each: the URL, the rule, its impact, the first elements."""
    page.add_script_tag(path=str(AXE))
    # label-content-name-mismatch is experimental in axe (off by default): on, as the A-/A+ buttons need it.
    options = "{resultTypes: ['violations'], rules: {'label-content-name-mismatch': {enabled: true}}}"
    result = page.evaluate(f"axe.run(document, {options})")
    return [
        f"{page.url}: {v['id']} ({v['impact']}) {[node['target'] for node in v['nodes'][:3]]}"
        for v in result["violations"]
    ]
