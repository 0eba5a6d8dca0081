import pytest


def test_search_page_lists_matches_for_a_query_without_diacritics(client, catalogue):
    html = client.get("/thu-tuc", query_string={"q": "dang ky khai sinh"}).get_data(as_text=True)
    assert "Thủ tục đăng ký khai sinh" in html and "/thu-tuc/1.001193" in html


def test_search_page_without_query_offers_common_procedures(client):
    html = client.get("/thu-tuc").get_data(as_text=True)
    assert "Thủ tục thường gặp" in html and "Đăng ký khai sinh" in html


def test_detail_page_shows_documents_time_fee_and_legal_basis(client, catalogue):
    html = client.get("/thu-tuc/1.001193").get_data(as_text=True)
    for text in (
        "Giấy tờ phải nộp",
        "Tờ khai đăng ký khai sinh",
        "Giấy tờ phải xuất trình",
        "Miễn phí",
        "Luật Hộ tịch",
    ):
        assert text in html


def test_unknown_procedure_page_is_a_404(client, catalogue):
    assert client.get("/thu-tuc/9.999999").status_code == 404


def test_printable_checklist_has_a_box_per_document(client, catalogue):
    html = client.get("/thu-tuc/1.001193/in").get_data(as_text=True)
    assert html.count("☐") == 2 and "data-print" in html and "js/site.js" in html  # the Print button


@pytest.mark.browser
def test_a_citizen_finds_a_procedure_and_opens_its_checklist_on_a_phone(page, live_server, catalogue):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/thu-tuc")
    page.fill("#q", "lam lai cccd bi mat")
    page.press("#q", "Enter")
    page.wait_for_selector(".procedure-results li")
    first = page.locator(".procedure-results li a").first
    assert "Cấp lại thẻ căn cước" in first.inner_text()
    first.click()
    page.wait_for_selector("h1")
    assert "Cấp lại thẻ căn cước" in page.inner_text("h1")
    # Nothing overflows the phone screen horizontally.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.browser
def test_the_printed_checklist_hides_the_buttons(page, live_server, catalogue):
    page.goto(f"{live_server}/thu-tuc/1.001193")
    page.click("#print-checklist")
    page.wait_for_selector(".checklist")
    assert page.locator(".checklist li").count() == 2
    page.emulate_media(media="print")
    assert not page.locator("button.primary").is_visible()
    assert page.locator(".checklist li").first.is_visible()


@pytest.mark.browser
def test_kiosk_screen_reads_in_large_type(page, live_server, catalogue):
    page.set_viewport_size({"width": 1080, "height": 1920})
    page.goto(f"{live_server}/thu-tuc?q=khai+sinh")
    size = page.eval_on_selector(".procedure-results li", "el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 20
