import pytest


def test_search_answers_a_chatty_question_without_diacritics(client, catalogue):
    body = client.get("/api/v1/procedures", query_string={"q": "cho minh hoi lam lai cccd can giay to gi"}).json
    assert body["items"][0]["code"] in ("1.014064", "1.000757")
    assert set(body["items"][0]) == {"code", "name", "levels", "field", "score"}
    assert body["total"] >= 2


def test_search_prefers_the_requested_level(client, catalogue):
    for level, code in (("xa", "1.014064"), ("bo", "1.000757")):
        body = client.get("/api/v1/procedures", query_string={"q": "cấp lại căn cước", "level": level}).json
        assert body["items"][0]["code"] == code


def test_search_limit_caps_the_items(client, catalogue):
    body = client.get("/api/v1/procedures", query_string={"q": "căn cước", "limit": 1}).json
    assert len(body["items"]) == 1 and body["total"] == 2


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({}, "empty_query"),
        ({"q": "   "}, "empty_query"),
        ({"q": "a" * 501}, "query_too_long"),
        ({"q": "ư" * 5000}, "query_too_long"),
        ({"q": "?!...,,;;--//"}, "empty_query"),
        ({"q": "khai sinh\x1b[2J\x07"}, "bad_query"),
        ({"q": "khai sinh", "limit": "nhiều"}, "bad_limit"),
        ({"q": "khai sinh", "limit": "0"}, "bad_limit"),
        ({"q": "khai sinh", "level": "huyen"}, "bad_level"),
    ],
)
def test_bad_search_input_is_a_400_in_vietnamese(client, params, error):
    response = client.get("/api/v1/procedures", query_string=params)
    assert response.status_code == 400
    assert response.json["error"] == error and response.json["message"]


def test_a_nul_character_is_a_400_in_vietnamese(client):
    response = client.get("/api/v1/procedures", query_string={"q": "khai\x00sinh"})
    assert response.status_code == 400 and "không hợp lệ" in response.json["message"]


def test_a_500_character_query_is_accepted(client, catalogue):
    assert client.get("/api/v1/procedures", query_string={"q": "khai sinh " + "a" * 490}).status_code == 200


def test_detail_returns_the_structured_record(client, catalogue):
    body = client.get("/api/v1/procedures/1.001193").json
    assert body["levels"] == ["xa"] and body["field"] == "Hộ tịch" and body["online"] is True
    assert [(d["name"], d["kind"], d["quantity"], d["copy_type"]) for d in body["documents"]] == [
        ("Tờ khai đăng ký khai sinh", "nop", 1, "bản chính"),
        ("Thẻ căn cước của người đi đăng ký", "xuat_trinh", 1, "bản chính"),
    ]
    assert body["channels"][0]["channel"] == "truc_tiep"
    assert body["channels"][0]["processing_days"] == 1 and body["channels"][0]["fee"] == "Miễn phí"
    assert body["legal_basis"] == [{"title": "Luật Hộ tịch", "number": "60/2014/QH13"}]
    assert body["results"][0]["name"] == "Giấy khai sinh"
    assert body["steps"] == ["Nộp hồ sơ", "Nhận kết quả"]
    assert body["target_groups"] == ["Công dân Việt Nam"]
    assert body["conditions"] == [] and body["portal_url"].startswith("https://dichvucong.gov.vn/")


def test_detail_states_each_processing_time_in_its_own_unit(client, catalogue):
    """ "30 Ngày" is 30 calendar days: citizens must not read it as some number of working days."""
    calendar = client.get("/api/v1/procedures/1.000757").json["channels"][0]
    working = client.get("/api/v1/procedures/1.014064").json["channels"][0]
    assert calendar["processing_label"] == "30 ngày"
    assert working["processing_label"] == "7 ngày làm việc"


def test_unknown_procedure_is_a_404_in_vietnamese(client, catalogue):
    response = client.get("/api/v1/procedures/9.999999")
    assert response.status_code == 404
    assert response.json["error"] == "procedure_not_found" and "Không tìm thấy thủ tục" in response.json["message"]


def test_search_says_how_sure_it_is_what_is_asked_and_about_what(client, catalogue):
    question = "cho em hỏi đăng ký khai sinh mất bao nhiêu tiền ạ"
    body = client.get("/api/v1/procedures", query_string={"q": question}).json
    assert body["items"][0]["code"] == "1.001193"
    assert body["match"] == "strong"
    assert body["aspect"] == "fee"
    assert body["phrase"] == "đăng ký khai sinh"


def test_a_question_with_only_an_aspect_names_no_procedure(client, catalogue):
    body = client.get("/api/v1/procedures", query_string={"q": "mất mấy ngày vậy?"}).json
    assert (body["items"], body["total"], body["match"], body["aspect"], body["phrase"]) == ([], 0, "none", "time", "")


def test_a_procedure_the_catalogue_does_not_have_is_not_found(client, catalogue):
    body = client.get("/api/v1/procedures", query_string={"q": "xin giấy phép bay flycam"}).json
    assert body["match"] == "none" and body["aspect"] is None


@pytest.mark.parametrize(
    "query",
    [
        "khai sinh " + "ư" * 490,
        "khai sinh\tcho con\n",
        "'; DROP TABLE procedures; --",
        "<script>alert('khai sinh')</script>",
        "\u202ekhai sinh\u200b\ufeff",
    ],
)
def test_odd_but_typable_queries_are_searched_as_text(client, catalogue, query):
    response = client.get("/api/v1/procedures", query_string={"q": query})
    assert response.status_code == 200
    assert response.json["match"] in ("strong", "weak", "none")


def test_detail_lists_the_documents_citizens_need_first_and_says_how_many(client, catalogue):
    body = client.get("/api/v1/procedures/1.001193").json
    assert [(d["name"], d["need"]) for d in body["documents"]] == [
        ("Tờ khai đăng ký khai sinh", "form"),
        ("Thẻ căn cước của người đi đăng ký", "required"),
    ]
    assert body["documents_total"] == 2
    assert body["page_path"] == "/thu-tuc/1.001193"


def test_detail_states_the_headline_fee_and_no_note_when_none_applies(client, catalogue):
    assert client.get("/api/v1/procedures/1.014064").json["fee"] == "30.000 đồng"
    body = client.get("/api/v1/procedures/1.001193").json
    assert (body["fee"], body["fee_note"]) == ("Miễn phí", None)
