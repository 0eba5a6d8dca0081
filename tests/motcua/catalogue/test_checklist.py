import pytest

from motcua.catalogue.checklist import document_count, need, ordered_documents


def _row(name, kind="nop", forms=()):
    return {"name": name, "kind": kind, "forms": list(forms), "section": ""}


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (_row("- Tờ khai đăng ký khai sinh theo mẫu"), "form"),
        (_row("Phiếu đề nghị giải quyết thủ tục về căn cước (Mẫu DC02)"), "form"),
        (_row("Đơn đề nghị cấp giấy phép xây dựng"), "form"),
        (_row("Bản sao giấy tờ về quyền sử dụng đất", forms=["Mau 01.docx"]), "form"),
        (_row("Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng"), "required"),
        (_row("Hộ chiếu/Thẻ căn cước", kind="xuat_trinh"), "required"),
        (_row("- Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi"), "conditional"),
        (_row("Văn bản ủy quyền theo quy định của pháp luật trong trường hợp ủy quyền"), "conditional"),
        (_row("Giấy tờ chứng minh nơi cư trú (nếu có)", kind="xuat_trinh"), "conditional"),
        (_row("Đối với Quân đội nhân dân: Giấy giới thiệu của đơn vị"), "conditional"),
        (_row("Trường hợp gửi hồ sơ qua bưu chính thì gửi kèm bản sao", kind="ghi_chu"), "note"),
    ],
)
def test_each_row_is_classed_by_how_many_citizens_need_it(row, expected):
    assert need(row) == expected


def test_the_form_comes_first_then_what_everyone_brings_then_the_cases_then_the_notes():
    published = [
        _row("Lưu ý: cá nhân có quyền lựa chọn nơi đăng ký", kind="ghi_chu"),
        _row("- Trường hợp trẻ em bị bỏ rơi thì phải có biên bản"),
        _row("- Giấy chứng sinh"),
        _row("- Tờ khai đăng ký khai sinh theo mẫu"),
        _row("- Hộ chiếu/Thẻ căn cước", kind="xuat_trinh"),
        _row("- Văn bản ủy quyền trong trường hợp ủy quyền"),
    ]
    assert [d["name"] for d in ordered_documents(published)] == [
        "- Tờ khai đăng ký khai sinh theo mẫu",
        "- Giấy chứng sinh",
        "- Hộ chiếu/Thẻ căn cước",
        "- Trường hợp trẻ em bị bỏ rơi thì phải có biên bản",
        "- Văn bản ủy quyền trong trường hợp ủy quyền",
        "Lưu ý: cá nhân có quyền lựa chọn nơi đăng ký",
    ]
    assert document_count(published) == 5


def test_a_form_listed_under_two_cases_is_counted_and_shown_once():
    rows = [
        _row("Tờ khai thay đổi thông tin cư trú (mẫu CT01)"),
        _row("Hợp đồng thuê nhà"),
        _row("Tờ khai thay đổi thông tin cư trú (mẫu CT01)"),
    ]
    assert [d["name"] for d in ordered_documents(rows)] == [
        "Tờ khai thay đổi thông tin cư trú (mẫu CT01)",
        "Hợp đồng thuê nhà",
    ]
    assert document_count(rows) == 2
