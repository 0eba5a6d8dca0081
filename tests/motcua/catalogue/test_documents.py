import pytest

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


# Rows copied from the national portal's raw export (``thanh_phan_ho_so``; see ``build-catalogue``):
# document name, then the attached form file name(s) with nothing in between. (code, row, name, forms)
GLUED_FORMS = [
    (
        "1.014064",
        "Phiếu đề nghị giải quyết thủ tục về căn cước (Mẫu DC02 ban hành kèm theo Thông tư số 17/2024/TT-BCA của "
        "Bộ Công an)Mẫu DC02 Phiếu đề nghị giải quyết thủ tục về căn cước.doc",
        "Phiếu đề nghị giải quyết thủ tục về căn cước (Mẫu DC02 ban hành kèm theo Thông tư số 17/2024/TT-BCA của "
        "Bộ Công an)",
        ["Mẫu DC02 Phiếu đề nghị giải quyết thủ tục về căn cước.doc"],
    ),
    (
        "1.003361",
        "- Đơn đề nghị cấp Giấy phép nhập khẩu thủy sản sống theo Mẫu số 01 Phụ lục ban hành kèm theo Thông tư số "
        "17/2026/TT-BNNMTMẫu số 01.docx",
        "- Đơn đề nghị cấp Giấy phép nhập khẩu thủy sản sống theo Mẫu số 01 Phụ lục ban hành kèm theo Thông tư số "
        "17/2026/TT-BNNMT",
        ["Mẫu số 01.docx"],
    ),
    (
        "1.000049",
        "- Đơn đề nghị gia hạn chứng chỉ hành nghề đo đạc và bản đồ theo Mẫu số 12 Phụ lục IA ban hành kèm theo "
        "Nghị định số 39/2026/NĐ -CPmau so 12.doc",
        "- Đơn đề nghị gia hạn chứng chỉ hành nghề đo đạc và bản đồ theo Mẫu số 12 Phụ lục IA ban hành kèm theo "
        "Nghị định số 39/2026/NĐ -CP",
        ["mau so 12.doc"],
    ),
    (
        "1.014742",
        "Bản thuyết minh điều kiện của cơ sở thực hiện khảo nghiệm thức ăn chăn nuôi theo Mẫu số 07b Phụ lục I ban "
        "hành kèm theo Thông tư số 94/2025/TT-BNNMTthuyết minh.pdf",
        "Bản thuyết minh điều kiện của cơ sở thực hiện khảo nghiệm thức ăn chăn nuôi theo Mẫu số 07b Phụ lục I ban "
        "hành kèm theo Thông tư số 94/2025/TT-BNNMT",
        ["thuyết minh.pdf"],
    ),
    (
        "1.014743",
        "Báo cáo kết quả khảo nghiệm thức ăn chăn nuôibáo cáo.pdf",
        "Báo cáo kết quả khảo nghiệm thức ăn chăn nuôi",
        ["báo cáo.pdf"],
    ),
    (
        "1.000314",
        "Bản chính Văn bản đề nghị theo quy địnhvăn bản đề nghị.docx",
        "Bản chính Văn bản đề nghị theo quy định",
        ["văn bản đề nghị.docx"],
    ),
    (
        "1.000423",
        "Tờ khai đề nghị cấp, cấp lại giấy phép kinh doanh vận chuyển hàng không, giấy phép kinh doanh hàng không "
        "chung1.000423.docx",
        "Tờ khai đề nghị cấp, cấp lại giấy phép kinh doanh vận chuyển hàng không, giấy phép kinh doanh hàng không "
        "chung",
        ["1.000423.docx"],
    ),
    (
        "1.014257",
        "Văn bản đề nghị cấp giấy phép khai thác khoáng sản nhóm IVMau 02 - Phu luc II_36.2025.TT-BNNMT_02.7.2025.doc",
        "Văn bản đề nghị cấp giấy phép khai thác khoáng sản nhóm IV",
        ["Mau 02 - Phu luc II_36.2025.TT-BNNMT_02.7.2025.doc"],
    ),
    (
        "1.003767",
        "- Bản đăng ký kiểm dịch nhập khẩu động vật, sản phẩm động vật thủy sảnMau 02 TS. Giay dang ky kiem dich "
        "dong vat thuy san san pham dong vat thuy san nhap khau.docx",
        "- Bản đăng ký kiểm dịch nhập khẩu động vật, sản phẩm động vật thủy sản",
        ["Mau 02 TS. Giay dang ky kiem dich dong vat thuy san san pham dong vat thuy san nhap khau.docx"],
    ),
    (
        "1.004881",
        "- Đơn đăng ký lưu hành theo mẫu quy định tại Phụ lục I ban hành kèm theo Thông tư số "
        "13/2016/TT-BNNPTNT;PHỤ LỤC I. MẪU ĐƠN ĐĂNG KÝ LƯU HÀNH THUỐC THÚ Y.docx",
        "- Đơn đăng ký lưu hành theo mẫu quy định tại Phụ lục I ban hành kèm theo Thông tư số 13/2016/TT-BNNPTNT;",
        ["PHỤ LỤC I. MẪU ĐƠN ĐĂNG KÝ LƯU HÀNH THUỐC THÚ Y.docx"],
    ),
    (
        "3.000374",
        "Bản chính hoặc bản điện tử văn bản đề nghị theo mẫu quy định (Mẫu 1, Phụ lục I ban hành kèm theo Thông tư "
        "số 31/2025/TT-BCA)12.1.PLCpgiyphpcungcpDVHKnngh.docx",
        "Bản chính hoặc bản điện tử văn bản đề nghị theo mẫu quy định (Mẫu 1, Phụ lục I ban hành kèm theo Thông tư "
        "số 31/2025/TT-BCA)",
        ["12.1.PLCpgiyphpcungcpDVHKnngh.docx"],
    ),
    (
        "1.009796",
        "e) Báo cáo về vốn điều lệ đã góp theo quy định tại Điều 4 Thông tư số 19/2025/TT-BTC ngày 05/5/2025PL 01 "
        "Bao cao ve von dieu le da gop 14.4_Approved (1).docx.docx",
        "e) Báo cáo về vốn điều lệ đã góp theo quy định tại Điều 4 Thông tư số 19/2025/TT-BTC ngày 05/5/2025",
        ["PL 01 Bao cao ve von dieu le da gop 14.4_Approved (1).docx.docx"],
    ),
    # Several forms for one document.
    (
        "1.000055",
        "- Phương án quản lý rừng bền vững theo Mẫu số 01 Phụ lục III và Phụ lục IV ban hành kèm theo Thông tư số "
        "16/2025/TT-BNNMT;Mus01.docxPhlcIV.docx",
        "- Phương án quản lý rừng bền vững theo Mẫu số 01 Phụ lục III và Phụ lục IV ban hành kèm theo Thông tư số "
        "16/2025/TT-BNNMT;",
        ["Mus01.docx", "PhlcIV.docx"],
    ),
    (
        "1.002571",
        "Các mẫu đơn và thành phần hồ sơ đã quy định cụ thể tại từng TTHCMau 1a. Don dang ky.docxMau 19.docx"
        "Mau 3. Don khai bao kiem dich.docx",
        "Các mẫu đơn và thành phần hồ sơ đã quy định cụ thể tại từng TTHC",
        ["Mau 1a. Don dang ky.docx", "Mau 19.docx", "Mau 3. Don khai bao kiem dich.docx"],
    ),
    (
        "1.009806",
        "Danh sách nhân sự được cấp không quá 06 tháng tính tới ngày nộp hồ sơMẫu số 67 - Bảng thông tin cá nhân.docx"
        "11.docxMẫu số 66 - DS nhân sự.docx",
        "Danh sách nhân sự được cấp không quá 06 tháng tính tới ngày nộp hồ sơ",
        ["Mẫu số 67 - Bảng thông tin cá nhân.docx", "11.docx", "Mẫu số 66 - DS nhân sự.docx"],
    ),
    # No .xls / .xlsx form in the 2,642 records today; spreadsheets are cut the same way.
    (
        "",
        "Bảng kê hàng hóa theo mẫu tại Phụ lục II;PL02 Bang ke.xlsPL03.xlsx",
        "Bảng kê hàng hóa theo mẫu tại Phụ lục II;",
        ["PL02 Bang ke.xls", "PL03.xlsx"],
    ),
    (
        "",
        "Danh sách hội viên theo mẫuDanh sach hoi vien.XLSX",
        "Danh sách hội viên theo mẫu",
        ["Danh sach hoi vien.XLSX"],
    ),
]


@pytest.mark.parametrize(
    ("row", "name", "forms"), [case[1:] for case in GLUED_FORMS], ids=[c[0] or "xls" for c in GLUED_FORMS]
)
def test_attached_form_files_are_cut_off_the_document_name(row, name, forms):
    text = f"--Tên giấy tờMẫu đơn, tờ khaiSố lượng{row}1 bản chính"
    (document,), issues = parse_documents(text)
    assert (document["name"], document["forms"]) == (name, forms)
    assert issues == []


def test_a_file_type_named_in_the_text_is_not_taken_for_a_form():
    row = "Tệp “.pdf” chứa nội dung đã quét (scan) của toàn bộ báo cáo (nếu nộp trực tuyến)."
    (document,), issues = parse_documents(f"--Tên giấy tờMẫu đơn, tờ khaiSố lượng{row}1 bản chính")
    assert (document["name"], document["forms"], issues) == (row, [], [])


def test_a_form_name_that_cannot_be_told_from_the_document_name_is_reported():
    # 1.008325: "01/PH" ends the document name and "01-PH.doc" is the form, but nothing marks where.
    row = "Tờ khai phí theo mẫu số 01/PH01-PH.doc"
    (document,), issues = parse_documents(f"--Tên giấy tờMẫu đơn, tờ khaiSố lượng{row}1 bản chính")
    assert (document["name"], document["forms"]) == (row, [])
    assert issues and "biểu mẫu" in issues[0] and "01-PH.doc" in issues[0]
