"""The smaller sections of a portal record: levels, target groups, legal basis, results, steps,
conditions. Each parser returns plain data and, where the text could not be read, Vietnamese issues
for the import report."""

from __future__ import annotations

import re

from motcua.text import fold

NO_INFORMATION = "Không có thông tin"
LEVELS = {"cap bo": "bo", "cap tinh": "tinh", "cap xa": "xa", "co quan khac": "khac"}
LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"
# Groups the portal writes with commas inside one name.
_JOINED_GROUPS = {"Cán bộ, công chức, viên chức"}

# "68/2013/TT-BCA", "02/2011/QH13", "66.7/2025/NQ-CP", "39/2026/NĐ -CP", "10/2020/QĐ-TTg".
_NUMBER = re.compile(
    r"\d+(?:\.\d+)?/\d{4}/(?:[A-ZĐ]+\s?[-_/&]\s?)*(?:TTg|[A-ZĐ]+(?![a-zđàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹ]))"
    r"(?:(?<=QH)\d{2})?"
    # or a number column without its issuer glued to the next title: "… 46/2020/NĐ-CP46/2020Luật …"
    r"|(?<![\d/])\d+/\d{4}(?=[^\W\d_])"
)
# Issuers that end a document number ("…/TT-BCA", "…/QH15"), longest first: where the portal glues the
# number column to the next title ("TT-BCAThông tư", "NĐ-CPsửa đổi", "NĐ-CPLUẬT"), the number ends with
# the issuer, not where the capitals end.
_ISSUERS = sorted(
    [
        "CP",
        "TTg",
        "BTC",
        "BCA",
        "BTP",
        "BNNMT",
        "NHNN",
        "BGTVT",
        "BXD",
        "BTNMT",
        "BNNPTNT",
        "BKHĐT",
        "BLĐTBXH",
        "BYT",
        "BKHCN",
        "VPCP",
        "BNV",
        "BCT",
        "BVHTTDL",
        "BQP",
        "BNG",
        "UBND",
        "HĐND",
        "CTN",
        "UBTƯMTTQVN",
        "UBTVQH",
        "QH",
        "BGDĐT",
        "BTTTT",
        "BDTTG",
        "UBDT",
        "TANDTC",
        "VKSNDTC",
        "KTNN",
        "BTTTT",
        "VBHN",
    ],
    key=len,
    reverse=True,
)
_NUMBERED_ISSUERS = ("QH", "UBTVQH")  # followed by the legislature's number: QH15, UBTVQH11
# A number cited inside a title with its date glued on: "Thông tư số 53/2025/TT-BCAngày 01/7/2025".
_DATE_GLUED = re.compile(r"(\d/\d{4}/\S*?[A-ZĐ\d])(?=ngày\b)")
# The portal's own slips in a number column: "118/2025/NĐ-C" (a decree is always NĐ-CP), and Cyrillic
# capitals typed for Latin ones ("85/2024/TT-BTС").
_TRUNCATED_DECREE = re.compile(r"NĐ-C$")
_CYRILLIC_CAPITALS = str.maketrans("АВСЕНКМОРТХ", "ABCEHKMOPTX")
_YEAR_GLUED = re.compile(r"^((?:19|20)\d\d)(\d{1,3}/)")
_RESULT = re.compile(r"\s*Mã:\s*(KQ\.[A-Z0-9]+\.\d+)")
_RESULT_TAIL = re.compile(r"Chọn cơ quan thực hiện.*$", re.DOTALL)
_STEP = re.compile(r"(?:^|\n)\s*[-+*]?\s*(?:[a-zđ]\)\s*)?Bước\s*\d+\s*[:.\-]?", re.IGNORECASE)


def parse_levels(text: str) -> tuple[list[str], list[str]]:
    """ "Cấp bộ, Cấp tỉnh" → ["bo", "tinh"]."""
    levels, issues = [], []
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        level = LEVELS.get(fold(part))
        if level is None:
            issues.append(f"cap_thuc_hien: không rõ cấp {part!r}")
        elif level not in levels:
            levels.append(level)
    if not levels:
        issues.append("cap_thuc_hien: trống")
    return levels, issues


def parse_target_groups(text: str) -> list[str]:
    """ "Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam" → two groups (commas inside
    parentheses and inside "Cán bộ, công chức, viên chức" do not split)."""
    text = (text or "").strip()
    protected = text
    for joined in _JOINED_GROUPS:
        protected = protected.replace(joined, joined.replace(",", "\0"))
    groups, depth, current = [], 0, ""
    for char in protected:
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            groups.append(current)
            current = ""
        else:
            current += char
    groups.append(current)
    return [g.replace("\0", ",").strip() for g in groups if g.strip() and g.strip() != NO_INFORMATION]


def parse_legal_basis(text: str) -> tuple[list[dict], list[str]]:
    """Rows of (title, number). The number column follows the title with nothing between, and the title
    often ends with the same number ("Nghị định 05/2012/NĐ-CP05/2012/NĐ-CP"): a number ends a row when
    the next character starts another title (a letter) or the text ends."""
    text = (text or "").strip()
    if not text or text == NO_INFORMATION:
        return [], []
    if not text.startswith(LEGAL_HEADER):
        return [{"title": _squash(text), "number": ""}], ["can_cu_phap_ly: không có bảng văn bản"]
    body = text[len(LEGAL_HEADER) :].translate(_CYRILLIC_CAPITALS)
    rows, issues, start = [], [], 0
    for match in _NUMBER.finditer(body):
        if match.start() < start:
            continue
        end = _number_end(body, match)
        after = body[end : end + 1]
        if after and not after.isalpha():
            continue  # a number inside the title ("… số 05/2012/NĐ-CP ngày …" or glued to its own column)
        if body.startswith("ngày", end):
            continue  # "… số 53/2025/TT-BCAngày 01/7/2025 …": cited in the title with its date
        title, number = body[start : match.start()], body[match.start() : end]
        glued = _YEAR_GLUED.match(number)
        if glued:  # "Luật Khiếu nại năm 201102/2011/QH13": the year belongs to the title
            title, number = title + glued.group(1), number[len(glued.group(1)) :]
        title = _title(title)
        if not title:
            title = number
        rows.append({"title": title, "number": _TRUNCATED_DECREE.sub("NĐ-CP", _squash(number))})
        start = end
    leftover = _title(body[start:])
    if leftover:
        cited = _NUMBER.findall(leftover)
        rows.append({"title": leftover, "number": cited[-1] if cited else ""})
        issues.append(f"can_cu_phap_ly: văn bản cuối không có số hiệu: {leftover[:80]!r}")
    return rows, issues


def _number_end(body: str, match: re.Match) -> int:
    """Where a document number found by ``_NUMBER`` really ends: after its issuer's code when the code
    runs into the capitals of the next title, else where the match ends."""
    number = match.group(0)
    code_start = match.start() + max(number.rfind(mark) for mark in "-_/&") + 1
    while body[code_start : code_start + 1].isspace():
        code_start += 1
    if body.startswith("TTg", code_start):
        return code_start + 3
    run_end = code_start
    while run_end < len(body) and body[run_end].isupper():
        run_end += 1
    run = body[code_start:run_end]
    issuer = next((issuer for issuer in _ISSUERS if run.startswith(issuer)), None)
    if issuer is None:
        return match.end()
    end = code_start + len(issuer)
    if issuer in _NUMBERED_ISSUERS:
        end += len(re.match(r"\d{0,2}", body[end:]).group(0))
    return end


def _title(text: str) -> str:
    """A legal document's title as read: spaces squashed, a glued date parted ("TT-BCA ngày"), the first
    letter a capital (the portal starts some with "sửa đổi…", one with "hông tư" for "Thông tư")."""
    title = _DATE_GLUED.sub(r"\1 ", _squash(text))
    if title.startswith("hông tư"):
        title = "T" + title
    return title[:1].upper() + title[1:]


def parse_results(text: str) -> list[dict]:
    """Result documents (name, code) from "Giấy khai sinhMã: KQ.G15.000031Từ khóa…Mô tả…"."""
    text = _RESULT_TAIL.sub("", (text or "").strip())
    if not text or text == NO_INFORMATION:
        return []
    if not _RESULT.search(text):
        return [{"name": line, "code": ""} for line in _lines(text)]
    results = []
    pieces = _RESULT.split(text)
    # pieces: [name0, code0, tail0 (keywords, description, next name), code1, tail1, ...]
    name = pieces[0]
    for index in range(1, len(pieces), 2):
        code, tail = pieces[index], pieces[index + 1]
        next_name, description = _split_result_tail(tail, last=index + 2 >= len(pieces))
        results.append({"name": _squash(name), "code": code, "description": description})
        name = next_name
    return results


def parse_steps(text: str) -> list[str]:
    """Trình tự thực hiện: one entry per "Bước N", or per paragraph when steps are not numbered."""
    text = (text or "").strip()
    if not text or text == NO_INFORMATION:
        return []
    marks = list(_STEP.finditer(text))
    if len(marks) < 2:
        return _lines(text)
    steps = []
    if text[: marks[0].start()].strip():
        steps.append("\n".join(_lines(text[: marks[0].start()])))
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        steps.append("\n".join(_lines(text[mark.end() : end])))
    return [step for step in steps if step]


def parse_conditions(text: str) -> list[str]:
    """Yêu cầu, điều kiện: one entry per line; none when the portal says "Không có thông tin"."""
    text = (text or "").strip()
    if not text or fold(text) in ("khong co thong tin", "khong", "khong co"):
        return []
    return _lines(text)


def _split_result_tail(tail: str, last: bool) -> tuple[str, str]:
    """ "Từ khóa<keywords>Mô tả<description><next result name>" → (next name, description)."""
    if not tail.startswith("Từ khóa"):
        return tail, ""
    _, _, described = tail.partition("Mô tả")
    if described.startswith(NO_INFORMATION):
        return described[len(NO_INFORMATION) :], ""
    # A real description runs into the next result's name with no separator; keep it whole.
    return "", _squash(described)


def _lines(text: str) -> list[str]:
    return [_squash(line) for line in text.splitlines() if _squash(line)]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
