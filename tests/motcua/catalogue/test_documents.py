from motcua.catalogue.documents import parse_documents

CIVIL_STATUS = (
    "* Giấy tờ phải nộp:Tên giấy tờMẫu đơn, tờ khaiSố lượng"
    "- Tờ khai đăng ký kết hôn theo mẫu.TK-KH.docx1 bản chính"
    "- Bản sao giấy tờ chứng minh nhân thân.0 bản chính,1 bản sao"
    "* Giấy tờ phải xuất trình:Tên giấy tờMẫu đơn, tờ khaiSố lượng"
    "- Hộ chiếu/Thẻ căn cước còn giá trị sử dụng.1 bản chính"
    "Trường hợp thông tin đã có trong Cơ sở dữ liệu quốc gia về dân cư thì không phải xuất trình.0 bản chính"
    "* Lưu ý:Tên giấy tờMẫu đơn, tờ khaiSố lượng"
    "- Giấy tờ nước ngoài phải được hợp pháp hóa lãnh sự.0 bản chính"
)


def test_documents_are_split_into_submitted_shown_and_notes():
    documents, issues = parse_documents(CIVIL_STATUS)
    assert issues == []
    assert [(d["kind"], d["quantity"], d["copy_type"]) for d in documents] == [
        ("nop", 1, "bản chính"),
        ("nop", 1, "bản sao"),
        ("xuat_trinh", 1, "bản chính"),
        ("ghi_chu", 0, ""),
        ("ghi_chu", 0, ""),
    ]
    assert documents[0]["name"] == "- Tờ khai đăng ký kết hôn theo mẫu."
    assert documents[0]["forms"] == ["TK-KH.docx"]
    assert documents[2]["section"] == "Giấy tờ phải xuất trình:"


def test_a_form_number_glued_to_the_quantity_is_not_read_as_the_quantity():
    text = "--Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đề nghị theo Mẫu số 031 bản chínhBản sao hợp đồng01 bản sao"
    documents, _ = parse_documents(text)
    assert [(d["name"], d["quantity"], d["copy_type"]) for d in documents] == [
        ("Đơn đề nghị theo Mẫu số 03", 1, "bản chính"),
        ("Bản sao hợp đồng", 1, "bản sao"),
    ]


def test_several_form_files_glued_together_are_listed_separately():
    text = "--Tên giấy tờMẫu đơn, tờ khaiSố lượngVăn bản đề nghị theo mẫu;Phụ lục 01.docxPhụ lục 02.docx1 bản chính"
    (document,), _ = parse_documents(text)
    assert document["name"] == "Văn bản đề nghị theo mẫu;"
    assert document["forms"] == ["Phụ lục 01.docx", "Phụ lục 02.docx"]


def test_originals_and_copies_together_are_both_kept():
    text = "--Tên giấy tờMẫu đơn, tờ khaiSố lượngGiấy phép kinh doanh1 bản chính,2 bản sao"
    (document,), _ = parse_documents(text)
    assert (document["originals"], document["copies"], document["copy_type"]) == (1, 2, "bản chính và bản sao")


def test_text_without_a_table_is_kept_as_a_note_and_reported():
    documents, issues = parse_documents("Hồ sơ nộp theo hướng dẫn của cơ quan thuế")
    assert documents[0]["kind"] == "ghi_chu" and "cơ quan thuế" in documents[0]["name"]
    assert issues and "không có bảng" in issues[0]


def test_trailing_text_without_quantity_is_reported_not_dropped():
    text = "--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai1 bản chínhSố lượng hồ sơ: 01 bộ"
    documents, issues = parse_documents(text)
    assert documents[-1]["name"] == "Số lượng hồ sơ: 01 bộ" and documents[-1]["kind"] == "ghi_chu"
    assert any("không có số lượng" in issue for issue in issues)
