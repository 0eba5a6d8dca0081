"""Thành phần hồ sơ: split the portal's flattened document table into typed rows.

The portal prints each table as ``<section title>Tên giấy tờMẫu đơn, tờ khaiSố lượng`` followed by rows
``<document name><form file names><quantity>`` with nothing between rows, e.g.
``- Tờ khai ...TK01.docx1 bản chính- Bản sao giấy khai sinh0 bản chính,1 bản sao``. The quantity
column always ends a row, so rows are cut after each quantity. Section titles tell which documents are
submitted (*giấy tờ phải nộp*), only shown (*giấy tờ phải xuất trình*) or notes (*lưu ý*); rows that ask
for no copy at all ("0 bản chính") are explanations or group headings, kept as notes.

The attached forms' file names are glued to the document name too ("…của Bộ Công an)Mẫu DC02 Phiếu đề
nghị….doc"). Citizens read the name in the chat, on the procedure page and on the printed checklist, so
the files are cut off into ``forms``: the first file starts at the first seam before its extension where
the text runs on, without a space, into a new word (after ")", ";", a lower-case word, a code in
capitals, a decree number…). A row whose seam cannot be found keeps its text and is reported.
"""

from __future__ import annotations

import re

from motcua.text import fold, strip_diacritics

TABLE_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
NO_INFORMATION = "Không có thông tin"

# "1 bản chính", "01 bản chính", "0 bản chính,1 bản sao", "1 bản sao". A quantity has one digit (or a
# leading zero and one digit): "Mẫu số 031 bản chính" is the form "Mẫu số 03" and 1 original.
_QUANTITY = re.compile(r"(0?\d) bản chính(?:\s*,\s*(0?\d) bản sao)?|(0?\d) bản sao")
# A form's file extension (see ``_extensions`` for where one ends a file name).
_EXTENSION = re.compile(r"\.(?:docx|doc|pdf|xlsx|xls|odt|rar|zip)", re.IGNORECASE)
# Characters a file name cannot hold: the first form starts after the last of them.
_NOT_IN_FILE_NAMES = '/\\:*?"<>|'
# Punctuation that may end a document name right before a glued file name ("…Bộ Công an)Mẫu DC02.doc").
_NAME_END = ".;)]”"
# Words a form's file name starts with (lower case, no diacritics): they tell a seam where the case of the
# letters does not ("theo quy địnhvăn bản đề nghị.docx", "chăn nuôibáo cáo.pdf", "…TT-BTCMẪU Phụ lục").
_FORM_WORDS = (
    "mau",
    "van ban",
    "don ",
    "bao cao",
    "pl ",
    "ban khai",
    "ban ke",
    "bien ban",
    "danh sach",
    "to khai",
    "to trinh",
    "thuyet minh",
    "phieu",
    "phu luc",
    "giay",
    "phlc",  # "Phụ lục" and "Mẫu số" with their Vietnamese letters dropped from the file name
    "mus",
)
# Vietnamese syllables (folded): onset, vowels, final consonant.
_ONSET = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?(?=[aeiouy])")
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+(?:ch|ng|nh|[cmnpt])?")
# The portal's file names are 135 characters at most; a longer "file name" is a glued sentence of the name
# ("…giấy ra viện.Thông tin về thành phần hồ sơ … hồ sơ giấy;PC21.docx").
_LONGEST_FILE_NAME = 150
# Mixed-case words a name may hold, folded: not a seam inside them ("VNeID", "CoA").
_MIXED_CASE_WORDS = {"vneid", "ekyc", "coa", "poa", "mastercard", "iphone", "ipad", "ios"}
# "(ii)", "c)", "(2)": enumerators glued to the item they number.
_ENUMERATOR = re.compile(r"(?:^|[\s;:.,])(\(?)(?:[ivx]+|[a-zđ]|\d{1,2})\)$")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d$")
# The end of a decree or circular number: "…/2026/NĐ-CP", "…/2025/TT-BTC" (issuer of two letters or more).
_LEGAL_NUMBER_END = re.compile(r"(?:NĐ ?-CP|/\d{4}/[A-ZĐ]+(?:-[A-ZĐ]{2,})+)$")


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
            document = _document(name, quantity, kind, section)
            documents.append(document)
            if _ends_with_file(document["name"]):
                issues.append(
                    f"thanh_phan_ho_so: không tách được biểu mẫu khỏi tên giấy tờ: {document['name'][-80:]!r}"
                )
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


def _split_forms(row: str) -> tuple[str, list[str]]:
    """Cut the attached form file names ("Mẫu số 01.docx", several glued together) off the end of a row;
    the row is returned whole when it does not end with a file name or when the cut cannot be found."""
    if not _ends_with_file(row):
        return row, []
    start = _form_start(row, _extensions(row)[0].start())
    if start is None:
        return row, []
    return row[:start], _form_files(row[start:])


def _ends_with_file(text: str) -> bool:
    extensions = _extensions(text)
    return bool(extensions) and extensions[-1].end() == len(text)


def _extensions(text: str) -> list[re.Match]:
    """File extensions that end a file name: ".doc" followed by a lower-case letter may be a word
    (".document"), ".docx" cannot ("….docxmẫu số 02- 1.001729.docx" is two files)."""
    return [m for m in _EXTENSION.finditer(text) if len(m.group()) == 5 or not text[m.end() : m.end() + 1].islower()]


def _form_files(text: str) -> list[str]:
    """Glued file names, each ending at its extension ("A.docxB.pdf" → "A.docx", "B.pdf")."""
    files: list[str] = []
    start = 0
    for extension in _extensions(text):
        piece = text[start : extension.end()]
        start = extension.end()
        if files and _EXTENSION.fullmatch(piece):
            files[-1] += piece  # "…(1).docx.docx": a doubled extension belongs to the same file
        else:
            files.append(piece.strip())
    return files


def _form_start(row: str, first_extension: int) -> int | None:
    """Where the first file name starts: the first place before its extension where the text runs on
    without a space from the document name into something that starts a new word. The portal prints
    the name and the file name with nothing between them, so that seam is all there is to find."""
    lowest = max((row.rfind(ch, 0, first_extension) for ch in _NOT_IN_FILE_NAMES), default=-1) + 1
    lowest = max(lowest, first_extension - _LONGEST_FILE_NAME, 2)
    for i in range(lowest, first_extension):
        if _is_seam(row, i):
            return i
    return None


def _is_seam(text: str, i: int) -> bool:
    """True when a new word starts at ``i`` (2 or more) glued to the text before it."""
    before, after = text[i - 1], text[i]
    if before.isspace() or after.isspace():
        return False
    if before == ",":
        # A comma runs into a numbered file ("…THƯỜNG TRÚ,33-Mẫu số 02.doc"), not into more of the name
        # ("…ĐỊA PHƯƠNG XÃ ,PHƯỜNG").
        return after.isdigit() and not text[i - 2].isdigit() or _plain(text[i : i + 12]).startswith(_FORM_WORDS)
    if before == ")" and _is_enumerator(text, i):
        return False
    if before in _NAME_END:
        return (after.isalnum() or after in "~_") and not _is_abbreviation_or_number(text, i)
    if (
        before.isupper()
        and (after.isdigit() or text[i - 2 : i] == "CP" and after.isalpha())
        and _ends_legal_number(text, i)
    ):
        return True  # a decree or circular number ends the name: "…TT-BTC01-LP.docx", "…NĐ-CPBC tom tat.docx"
    if before.islower() and after.isupper():
        return fold(_word_around(text, i)) not in _MIXED_CASE_WORDS  # "…thủy sảnMau 02", "…thương mạiĐĐN"
    if before.isupper() and text[i - 2 : i - 1].isupper():
        # After an all-capitals code ("TT-BNNMT", "NĐ-CP", "nhóm IV"): a capitalised word ("…BNNMTMẫu số 01")
        # or a lower-case one ("…BNNMTthuyết minh.pdf"), whichever begins with a Vietnamese onset.
        if after.isupper() and text[i + 1 : i + 2].islower():
            return _starts_syllable(text[i:]) or _plain(text[i : i + 12]).startswith(_FORM_WORDS)
        if after.isupper():
            return _plain(text[i : i + 12]).startswith(_FORM_WORDS)  # "…TT-BTCMẪU Phụ lục III.docx"
        return after.islower() and not _starts_syllable(text[i - 1 :]) and _starts_syllable(text[i:])
    if before.isdigit() and after.isupper():
        # "…ngày 12/12/201Mẫu 2.docx", "…05/5/2025PL 01": a word, or capitals after a year.
        return text[i + 1 : i + 2].islower() or bool(_YEAR.search(text[:i]))
    if before.islower() and after.isdigit():
        # "…hàng không chung1.000423.docx", "…Luật Chăn nuôi08.pdf", but not "m3" or "4x6".
        return len(_word_before(text, i)) >= 2
    if before.islower() and after.islower():
        # One lower-case word that is two: "…quy địnhvăn bản đề nghị.docx", "…chăn nuôibáo cáo.pdf".
        return _is_syllable(_word_before(text, i)) and _plain(text[i : i + 12]).startswith(_FORM_WORDS)
    return False


def _ends_legal_number(text: str, i: int) -> bool:
    return bool(_LEGAL_NUMBER_END.search(text, max(0, i - 40), i))


def _is_abbreviation_or_number(text: str, i: int) -> bool:
    """A "." inside a number ("1.000"), a code ("09.QLT") or after a short abbreviation ("TP.HCM"), which
    a name can hold; a year ends a date ("…ngày 30/6/2023.NA5.doc" is a seam)."""
    if text[i - 1] != ".":
        return False
    token = text[: i - 1].rsplit(None, 1)[-1].lstrip("([“") if text[: i - 1].strip() else ""
    if len(token) <= 2 and token.isalpha() and token[0].isupper():
        return True
    if not text[i - 2].isdigit() or _YEAR.search(text, 0, i - 1):
        return False
    return text[i].isdigit() or text[i].isupper() and text[i + 1 : i + 2].isupper()


def _is_enumerator(text: str, i: int) -> bool:
    """ "(ii)", "c)" or "2)" just before ``i``; "(mẫu 04)" closes a bracket and numbers nothing."""
    match = _ENUMERATOR.search(text, 0, i)
    if match is None:
        return False
    return bool(match.group(1)) or text.count("(", 0, i) < text.count(")", 0, i)


def _word_around(text: str, i: int) -> str:
    end = i
    while end < len(text) and text[end].isalpha():
        end += 1
    return _word_before(text, i) + text[i:end]


def _word_before(text: str, i: int) -> str:
    start = i
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:i]


def _plain(text: str) -> str:
    """Lower case without diacritics, punctuation kept ("PHỤ LỤC IV.MẪU" → "phu luc iv.mau")."""
    return strip_diacritics(text).lower()


def _starts_syllable(text: str) -> bool:
    return bool(_ONSET.match(_plain(text[:4])))


def _is_syllable(word: str) -> bool:
    return bool(_SYLLABLE.fullmatch(fold(word)))


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
