"""Căn cứ pháp lý: the portal glues each document's number column to the next title with nothing between;
the parser must cut at the end of the issuer's code, not one letter short or long ("53/2025/TT-BC" then
"Angày …" on the procedure page)."""

import re

import pytest

from motcua.catalogue.importer import SHIPPED_CATALOGUE, read_records
from motcua.catalogue.sections import LEGAL_HEADER, parse_legal_basis

# A document number as cited inside a title ("… số 53/2025/TT-BCA ngày …"), followed by a non-letter.
_CITED = re.compile(r"\d+/\d{4}/(?:\w+\s?-\s?)*(\w+?)\d*(?!\w)")
# A number cited in a title, up to the next space: its last part glued to a word in "TT-BCAngày".
_CITED_TOKEN = re.compile(r"\d+/\d{4}/\S+")


def test_a_number_cited_in_a_title_with_its_date_glued_stays_in_that_title():
    text = (
        LEGAL_HEADER + "Luật Căn cước26/2023/QH15"
        "Thông tư số 53/2025/TT-BCAngày 01/7/2025 của Bộ Công an sửa đổi Thông tư số 55/2021/TT-BCA.53/2025/TT-BCA"
        "Thông tư quy định mức thu, miễn một số khoản phí, lệ phí64/2025/TT-BTC"
    )
    rows, issues = parse_legal_basis(text)
    assert issues == []
    assert rows == [
        {"title": "Luật Căn cước", "number": "26/2023/QH15"},
        {
            "title": "Thông tư số 53/2025/TT-BCA ngày 01/7/2025 của Bộ Công an sửa đổi Thông tư số 55/2021/TT-BCA.",
            "number": "53/2025/TT-BCA",
        },
        {"title": "Thông tư quy định mức thu, miễn một số khoản phí, lệ phí", "number": "64/2025/TT-BTC"},
    ]


@pytest.mark.parametrize(
    ("glued", "number", "title"),
    [
        ("05/2012/NĐ-CPsửa đổi Nghị định về hộ tịch", "05/2012/NĐ-CP", "Sửa đổi Nghị định về hộ tịch"),
        ("11/2026/TT-NHNNquy định hồ sơ", "11/2026/TT-NHNN", "Quy định hồ sơ"),
        ("52/2010/QH12THÔNG TƯ SỬA ĐỔI", "52/2010/QH12", "THÔNG TƯ SỬA ĐỔI"),
        ("58/2017/NĐ-CPBỘ LUẬT HÀNG HẢI", "58/2017/NĐ-CP", "BỘ LUẬT HÀNG HẢI"),
        ("12/2015/NĐ-CPLUẬT NUÔI CON NUÔI", "12/2015/NĐ-CP", "LUẬT NUÔI CON NUÔI"),
        ("01/2014/NQLT-CP-UBTƯMTTQVNCông bố thủ tục", "01/2014/NQLT-CP-UBTƯMTTQVN", "Công bố thủ tục"),
        ("07/2021/TT-BLĐTBXHsửa đổi Thông tư", "07/2021/TT-BLĐTBXH", "Sửa đổi Thông tư"),
        ("79/2024/TT-BCAhông tư số 06/2025/TT-BTC", "79/2024/TT-BCA", "Thông tư số 06/2025/TT-BTC"),
    ],
)
def test_the_next_title_starts_where_the_issuer_code_ends(glued, number, title):
    rows, _ = parse_legal_basis(LEGAL_HEADER + "Luật Hộ tịch" + glued + "99/2025/NĐ-CP")
    assert rows[0] == {"title": "Luật Hộ tịch", "number": number}
    assert rows[1] == {"title": title, "number": "99/2025/NĐ-CP"}


# Written wrongly in the portal itself, not a seam of the parser: a number column "41/201Đ-CP" (sic).
PORTAL_SLIPS = {"41/2016/NĐ-CP41/201Đ-CPLuật"}


def _is_code(word: str) -> bool:
    return word.isupper() or word == "TTg"


def _issuer(number: str) -> str:
    """ "53/2025/TT-BCA" → "BCA", "26/2023/QH15" → "QH" (the last part, its digits dropped); "" for none."""
    return re.sub(r"\d+$", "", re.split(r"[-/\s]", number)[-1]) if number else ""


def _glued(token: str) -> bool:
    """A capital followed by a small letter right after another capital or a digit: "…/TT-BCAngày"."""
    return any(
        token[i].isupper() and token[i + 1].islower() and (token[i - 1].isupper() or token[i - 1].isdigit())
        for i in range(1, len(token) - 1)
    )


@pytest.mark.skipif(not SHIPPED_CATALOGUE.exists(), reason="shipped catalogue not built")
def test_no_shipped_legal_basis_has_a_seam():
    records = [record for _, record, _ in read_records(SHIPPED_CATALOGUE)]
    rows = [(record["code"], row) for record in records for row in record["legal_basis"]]
    # Issuer codes as the catalogue cites them cleanly inside titles ("… 53/2025/TT-BCA ngày …").
    issuers = {m.group(1) for _, row in rows for m in _CITED.finditer(row["title"]) if _is_code(m.group(1))}
    issuers |= {_issuer(record["legal_basis"][-1]["number"]) for record in records if record["legal_basis"]}
    numbers = {row["number"] for _, row in rows}
    seams = []
    for code, row in rows:
        number, title = row["number"], row["title"]
        issuer = _issuer(number)
        if issuer and issuer not in issuers:
            seams.append((code, "mã văn bản cụt", number, title[:40]))
        if number and title and number + title[0] in numbers:  # "53/2025/TT-BC" + "Angày"
            seams.append((code, "chữ của mã dính sang tên", number, title[:40]))
        for token in _CITED_TOKEN.findall(title):
            if _glued(token.replace("TTg", "TTG")):
                seams.append((code, "số hiệu dính chữ", number, token))
        if title[:1].islower():
            seams.append((code, "tên bắt đầu bằng chữ thường", number, title[:40]))
    assert [seam for seam in seams if seam[3] not in PORTAL_SLIPS] == []
