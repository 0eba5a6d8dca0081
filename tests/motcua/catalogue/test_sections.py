from motcua.catalogue.sections import (
    parse_conditions,
    parse_legal_basis,
    parse_levels,
    parse_results,
    parse_steps,
    parse_target_groups,
)


def test_levels_come_from_cap_thuc_hien():
    assert parse_levels("Cấp bộ, Cấp tỉnh, Cấp xã, Cơ quan khác") == (["bo", "tinh", "xa", "khac"], [])
    levels, issues = parse_levels("Cấp huyện")
    assert levels == [] and issues


def test_target_groups_keep_commas_inside_a_group():
    text = "Tổ chức (không bao gồm doanh nghiệp, HTX), Cán bộ, công chức, viên chức, Công dân Việt Nam"
    assert parse_target_groups(text) == [
        "Tổ chức (không bao gồm doanh nghiệp, HTX)",
        "Cán bộ, công chức, viên chức",
        "Công dân Việt Nam",
    ]


def test_legal_basis_rows_are_split_at_each_document_number():
    text = (
        "Tên văn bản pháp lýMã văn bản"
        "Hướng dẫn xử lý khiếu nại trong công an nhân dân68/2013/TT-BCA"
        "Luật Khiếu nại  năm 201102/2011/QH13"
        "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ123/2015/NĐ-CP"
        "Nghị định 05/2012/NĐ-CP05/2012/NĐ-CP"
        "Quyết định của Thủ tướng10/2020/QĐ-TTg"
    )
    rows, issues = parse_legal_basis(text)
    assert issues == []
    assert rows == [
        {"title": "Hướng dẫn xử lý khiếu nại trong công an nhân dân", "number": "68/2013/TT-BCA"},
        {"title": "Luật Khiếu nại năm 2011", "number": "02/2011/QH13"},
        {"title": "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ", "number": "123/2015/NĐ-CP"},
        {"title": "Nghị định 05/2012/NĐ-CP", "number": "05/2012/NĐ-CP"},
        {"title": "Quyết định của Thủ tướng", "number": "10/2020/QĐ-TTg"},
    ]


def test_a_legal_document_without_its_number_is_kept_and_reported():
    rows, issues = parse_legal_basis("Tên văn bản pháp lýMã văn bảnLuật Đất đai31/2024/QH15Thông tư hướng dẫn")
    assert rows[-1] == {"title": "Thông tư hướng dẫn", "number": ""}
    assert issues


def test_results_are_read_with_their_codes():
    text = (
        "Văn bản chấp thuậnMã: KQ.G19.000096văn bản từ chốiMã: KQ.G19.000560Từ khóaKhông có thông tin"
        "Mô tảKhông có thông tinChọn cơ quan thực hiệnTỉnh/ Thành phốNộp hồ sơ"
    )
    assert parse_results(text) == [
        {"name": "Văn bản chấp thuận", "code": "KQ.G19.000096", "description": ""},
        {"name": "văn bản từ chối", "code": "KQ.G19.000560", "description": ""},
    ]


def test_steps_are_split_on_buoc_markers_or_lines():
    assert parse_steps("Bước 1: Nộp hồ sơ\nBước 2: Nhận kết quả") == ["Nộp hồ sơ", "Nhận kết quả"]
    assert parse_steps("a) Nộp hồ sơ\n\nb) Trả kết quả") == ["a) Nộp hồ sơ", "b) Trả kết quả"]


def test_no_information_means_no_conditions():
    assert parse_conditions("Không có thông tin") == []
    assert parse_conditions("+ Đủ 18 tuổi\n+ Có năng lực hành vi") == ["+ Đủ 18 tuổi", "+ Có năng lực hành vi"]
