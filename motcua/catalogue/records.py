"""One raw portal record (``ma_thu_tuc``, ``ten_thu_tuc``, … as scraped) → the normalised record the
project ships and stores, with the list of what could not be parsed."""

from __future__ import annotations

import re

from motcua.catalogue.channels import parse_channels
from motcua.catalogue.documents import parse_documents
from motcua.catalogue.sections import (
    parse_conditions,
    parse_legal_basis,
    parse_levels,
    parse_results,
    parse_steps,
    parse_target_groups,
)
from motcua.errors import Invalid
from motcua.text import nfc

# Fields of a normalised record, in file order (``Procedure`` columns of the same names).
FIELDS = (
    "code",
    "name",
    "levels",
    "field",
    "ministry",
    "agency",
    "decision_number",
    "target_groups",
    "documents",
    "channels",
    "legal_basis",
    "results",
    "steps",
    "conditions",
    "online",
    "portal_url",
    "parse_issues",
)


class RecordError(Invalid):
    """A record that cannot be imported at all (no code or no name)."""


def is_raw(record: dict) -> bool:
    """True for a record as scraped from the portal, False for an already normalised one."""
    return "ma_thu_tuc" in record


def normalise_record(raw: dict) -> dict:
    """Parse every section of a raw portal record; raises ``RecordError`` without code or name."""
    raw = {key: nfc(value) if isinstance(value, str) else value for key, value in raw.items()}
    code = (raw.get("ma_thu_tuc") or "").strip()
    name = _squash(raw.get("ten_thu_tuc") or "")
    if not code or not name:
        raise RecordError(f"bản ghi thiếu mã hoặc tên thủ tục: {code or name or '?'}")
    issues: list[str] = []
    levels, level_issues = parse_levels(raw.get("cap_thuc_hien", ""))
    documents, document_issues = parse_documents(raw.get("thanh_phan_ho_so", ""))
    channels, channel_issues = parse_channels(raw.get("cach_thuc_thuc_hien", ""))
    legal_basis, legal_issues = parse_legal_basis(raw.get("can_cu_phap_ly", ""))
    issues += level_issues + document_issues + channel_issues + legal_issues
    return {
        "code": code,
        "name": name,
        "levels": levels,
        "field": _squash(raw.get("linh_vuc") or ""),
        "ministry": raw.get("bo_nganh") or "",
        "agency": _squash(raw.get("co_quan_thuc_hien") or raw.get("co_quan_co_tham_quyen") or ""),
        "decision_number": _squash(raw.get("so_quyet_dinh") or ""),
        "target_groups": parse_target_groups(raw.get("doi_tuong_thuc_hien", "")),
        "documents": documents,
        "channels": channels,
        "legal_basis": legal_basis,
        "results": parse_results(raw.get("ket_qua_xu_ly", "")),
        "steps": parse_steps(raw.get("trinh_tu_thuc_hien", "")),
        "conditions": parse_conditions(raw.get("yeu_cau_dieu_kien", "")),
        "online": any(channel["channel"] == "truc_tuyen" for channel in channels),
        "portal_url": raw.get("detail_url") or "",
        "parse_issues": issues,
    }


def check_normalised(record: dict) -> dict:
    """A normalised record with every field present; raises ``RecordError`` when it is not one."""
    missing = [name for name in ("code", "name") if not record.get(name)]
    if missing:
        raise RecordError(f"bản ghi thiếu {', '.join(missing)}")
    defaults = {"online": False, "field": "", "ministry": "", "agency": "", "decision_number": "", "portal_url": ""}
    return {name: record.get(name, defaults.get(name, [])) for name in FIELDS}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
