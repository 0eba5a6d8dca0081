"""Thành phần hồ sơ: split the portal's flattened document table into typed rows.

The portal prints each table as ``<section title>Tên giấy tờMẫu đơn, tờ khaiSố lượng`` followed by rows
``<document name><form file names><quantity>`` with nothing between rows, e.g.
``- Tờ khai ...TK01.docx1 bản chính- Bản sao giấy khai sinh0 bản chính,1 bản sao``. The quantity
column always ends a row, so rows are cut after each quantity. Section titles tell which documents are
submitted (*giấy tờ phải nộp*), only shown (*giấy tờ phải xuất trình*) or notes (*lưu ý*); rows that ask
for no copy at all ("0 bản chính") are explanations or group headings, kept as notes.
"""

from __future__ import annotations

import re

from motcua.text import fold

TABLE_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
NO_INFORMATION = "Không có thông tin"

# "1 bản chính", "01 bản chính", "0 bản chính,1 bản sao", "1 bản sao". A quantity has one digit (or a
# leading zero and one digit): "Mẫu số 031 bản chính" is the form "Mẫu số 03" and 1 original.
_QUANTITY = re.compile(r"(0?\d) bản chính(?:\s*,\s*(0?\d) bản sao)?|(0?\d) bản sao")
_FORM_FILE = re.compile(r"\.(?:docx?|pdf|xlsx?|odt|rar|zip)$", re.IGNORECASE)
_FORM_FILES = re.compile(r".+?\.(?:docx?|pdf|xlsx?|odt|rar|zip)(?![a-z])", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;:]\s")


def parse_documents(text: str) -> tuple[list[dict], list[str]]:
    """Documents of a dossier and the parse issues (Vietnamese, for the import report)."""
    text = (text or "").strip()
    if not text or text in ("--", NO_INFORMATION):
        return [], ["thanh_phan_ho_so: trống"]
    if TABLE_HEADER not in text:
        return [_note(text, "")], ["thanh_phan_ho_so: không có bảng giấy tờ, giữ nguyên văn bản làm ghi chú"]
    documents: list[dict] = []
    issues: list[str] = []
    chunks = text.split(TABLE_HEADER)
    title = chunks[0]
    for chunk in chunks[1:]:
        section = _clean_title(title)
        kind = _section_kind(section)
        rows, tail = _split_rows(chunk)
        for name, quantity in rows:
            documents.append(_document(name, quantity, kind, section))
        # Text after the last quantity is the next table's title (or leftovers at the very end).
        title = tail
    leftover = title.strip(" -\n\t")
    if leftover:
        documents.append(_note(leftover, ""))
        issues.append(f"thanh_phan_ho_so: đoạn cuối không có số lượng, giữ làm ghi chú: {leftover[:80]!r}")
    if not any(d["kind"] != "ghi_chu" for d in documents):
        issues.append("thanh_phan_ho_so: không tìm thấy giấy tờ nào có số lượng")
    return documents, issues


def _split_rows(chunk: str) -> tuple[list[tuple[str, re.Match]], str]:
    rows = []
    start = 0
    for match in _QUANTITY.finditer(chunk):
        name = chunk[start : match.start()]
        if name.strip():
            rows.append((name, match))
        start = match.end()
    return rows, chunk[start:]


def _document(raw_name: str, quantity: re.Match, kind: str, section: str) -> dict:
    name, forms = _split_forms(raw_name.strip())
    if quantity.group(3) is not None:
        originals, copies = 0, int(quantity.group(3))
    else:
        originals, copies = int(quantity.group(1)), int(quantity.group(2) or 0)
    if originals == 0 and copies == 0:
        kind = "ghi_chu"
    if originals and copies:
        copy_type, count = "bản chính và bản sao", originals
    elif copies:
        copy_type, count = "bản sao", copies
    else:
        copy_type, count = "bản chính", originals
    return {
        "name": _clean_name(name),
        "kind": kind,
        "quantity": count if kind != "ghi_chu" else 0,
        "copy_type": copy_type if kind != "ghi_chu" else "",
        "originals": originals,
        "copies": copies,
        "forms": forms,
        "section": section,
    }


def _note(text: str, section: str) -> dict:
    return {
        "name": _clean_name(text),
        "kind": "ghi_chu",
        "quantity": 0,
        "copy_type": "",
        "originals": 0,
        "copies": 0,
        "forms": [],
        "section": section,
    }


def _split_forms(name: str) -> tuple[str, list[str]]:
    """Cut the form file names ("Mẫu số 01.docx") off the end of a document name."""
    forms: list[str] = []
    while _FORM_FILE.search(name):
        cut = _form_start(name)
        if cut is None:
            break
        forms[:0] = [f.strip() for f in _FORM_FILES.findall(name[cut:])]
        name = name[:cut]
    return name, forms


def _form_start(name: str) -> int | None:
    """Where the trailing file name starts: after the name's last ";", ")" or "." (not a decimal point),
    or at a word glued to the name ("…khoáng sảnMau06.docx"); None when no boundary is found."""
    segment_start = max((m.end() for m in _SENTENCE_END.finditer(name)), default=0)
    extension = name.rfind(".")
    punctuation = [
        i
        for i in range(max(segment_start, 1), extension)
        if name[i - 1] in ";)]" or (name[i - 1] == "." and not name[i].isdigit() and not name[i - 2 : i - 1].isdigit())
    ]
    after = punctuation[-1] if punctuation else segment_start
    glued = [i for i in range(max(after, 1), extension) if name[i - 1].islower() and name[i].isupper()]
    cut = glued[0] if glued else (punctuation[-1] if punctuation else None)
    if cut is None or cut >= extension:
        return None
    return cut


def _clean_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


def _clean_title(title: str) -> str:
    return _clean_name(title).strip("-* ").strip()


def _section_kind(section: str) -> str:
    folded = fold(section)
    if "xuat trinh" in folded:
        return "xuat_trinh"
    if folded.startswith("luu y") or folded.startswith("ghi chu"):
        return "ghi_chu"
    return "nop"
