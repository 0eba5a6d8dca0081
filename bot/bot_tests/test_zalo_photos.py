"""A photo sent on Zalo: fetched from Zalo's CDN (timeout, 5 MB cap), read by the app with the assistant's
key, and answered like a typed code; a picture without a code gets what to photograph; a file too large or
not an image a polite refusal, and is never passed on."""

from __future__ import annotations

import pytest
from channels.zalo_photos import (
    ALREADY_RATED,
    GUIDANCE,
    NOT_A_PHOTO,
    RATE_BUTTON,
    RATING_TOKEN_KEY,
    TOO_LARGE,
    PhotoReader,
)

from bot_tests.fake_zalo import running_fake_photo_app, running_fake_zalo, signed, zalo_event
from bot_tests.zalo_helpers import USER, EchoAssistant, make_channel, post, serve

CODE = "000.00.12.H62-260921-0001"
JPEG = b"\xff\xd8\xff\xe0" + b"receipt photo bytes" * 50


@pytest.fixture
def fake():
    with running_fake_zalo() as fake:
        yield fake


@pytest.fixture
def photo_app():
    with running_fake_photo_app() as app:
        yield app


@pytest.fixture
def channel(fake, photo_app, tmp_path):
    reader = PhotoReader(photo_app.url, "assistant-key", "https://motcua.example", allow_http_media=True)
    return make_channel(fake, f"sqlite:///{tmp_path}/zalo-state.db", photos=reader)


async def send_photo(channel, assistant, url: str, msg_id: str = "photo-1"):
    return await post(
        serve(channel, assistant), channel, *signed(zalo_event("user_send_image", msg_id=msg_id, url=url))
    )


async def test_a_receipt_photo_reaches_the_assistant_as_the_typed_code(fake, photo_app, channel):
    photo_app.answer = (200, {"code": CODE, "source": "receipt", "status": {"code": CODE}})
    assistant = EchoAssistant()
    response = await send_photo(channel, assistant, fake.add_media("/photos/1.jpg", JPEG))
    assert response.status == 200
    [message] = assistant.messages
    assert message.text == f'/give_dossier_code{{"dossier_code": "{CODE}"}}'
    assert (message.sender_id, message.input_channel) == (USER, "zalo")
    [sent] = photo_app.received
    assert sent["path"] == "/api/v1/photos/receipt" and sent["raw"] == JPEG
    assert sent["headers"]["Authorization"] == "Bearer assistant-key"
    assert sent["headers"]["Content-Type"] == "image/jpeg"
    assert sent["headers"]["X-Motcua-Conversation"] == f"zalo-{USER}"


async def test_a_rating_link_photo_starts_the_rating_of_that_dossier_with_the_links_token(fake, photo_app, channel):
    """Issue 20: the rating link's QR opens the rating conversation, not the status and a button to the page."""
    photo_app.answer = (
        200,
        {
            "code": CODE,
            "source": "rating_link",
            "status": {},
            "rating_path": "/r/abc.def",
            "rated": False,
            "rating_token": "abc.def",
        },
    )
    assistant = EchoAssistant()
    await send_photo(channel, assistant, fake.add_media("/photos/2.jpg", JPEG))
    [message] = assistant.messages
    assert message.text == f'/rate_service{{"dossier_code": "{CODE}"}}'
    assert message.metadata[RATING_TOKEN_KEY] == "abc.def" and message.input_channel == "zalo"
    # The assistant asks the questions; no button to the web page.
    assert [m["message"].get("text") for m in fake.sent] == [f"Đã nhận: {message.text}"]


async def test_a_rating_link_of_a_rated_dossier_gives_the_status_and_says_it_was_rated(fake, photo_app, channel):
    photo_app.answer = (
        200,
        {"code": CODE, "source": "rating_link", "status": {}, "rating_path": "/r/abc.def", "rated": True},
    )
    assistant = EchoAssistant()
    await send_photo(channel, assistant, fake.add_media("/photos/2.jpg", JPEG))
    assert [m.text for m in assistant.messages] == [f'/give_dossier_code{{"dossier_code": "{CODE}"}}']
    assert RATING_TOKEN_KEY not in assistant.messages[0].metadata
    assert fake.sent[-1]["message"]["text"] == ALREADY_RATED
    assert "đã được đánh giá" in ALREADY_RATED


async def test_a_rating_link_read_without_the_assistant_s_token_offers_the_rating_page(fake, photo_app, channel):
    """An app that does not hand out the token (older, or another key) still leads to the rating page."""
    photo_app.answer = (200, {"code": CODE, "source": "rating_link", "status": {}, "rating_path": "/r/abc.def"})
    assistant = EchoAssistant()
    await send_photo(channel, assistant, fake.add_media("/photos/2.jpg", JPEG))
    assert [m.text for m in assistant.messages] == [f'/give_dossier_code{{"dossier_code": "{CODE}"}}']
    button = fake.sent[-1]["message"]["attachment"]["payload"]["buttons"][0]
    assert button == {
        "title": RATE_BUTTON,
        "type": "oa.open.url",
        "payload": {"url": "https://motcua.example/r/abc.def"},
    }


async def test_an_unreadable_photo_gets_what_to_photograph(fake, photo_app, channel):
    assistant = EchoAssistant()
    await send_photo(channel, assistant, fake.add_media("/photos/cat.jpg", JPEG))
    assert assistant.messages == []
    assert [m["message"]["text"] for m in fake.sent] == [GUIDANCE]
    assert "mã QR ở góc trên bên trái của giấy tiếp nhận" in GUIDANCE


async def test_an_unknown_code_is_answered_as_the_app_answers_a_typed_one(fake, photo_app, channel):
    photo_app.answer = (404, {"error": "dossier_not_found", "message": "Không tìm thấy hồ sơ có mã này."})
    await send_photo(channel, EchoAssistant(), fake.add_media("/photos/3.jpg", JPEG))
    assert [m["message"]["text"] for m in fake.sent] == ["Không tìm thấy hồ sơ có mã này."]


async def test_an_oversized_photo_is_refused_politely_and_never_passed_on(fake, photo_app, channel):
    assistant = EchoAssistant()
    await send_photo(channel, assistant, fake.add_media("/photos/big.jpg", JPEG + b"\0" * (5 * 1024 * 1024)))
    assert assistant.messages == [] and photo_app.received == []
    assert [m["message"]["text"] for m in fake.sent] == [TOO_LARGE]


@pytest.mark.parametrize("content_type", ["application/pdf", "text/html", "application/zip"])
async def test_a_file_that_is_not_an_image_is_refused_politely_and_never_passed_on(
    fake, photo_app, channel, content_type
):
    assistant = EchoAssistant()
    await send_photo(channel, assistant, fake.add_media("/files/x", b"%PDF-1.7 ...", content_type))
    assert assistant.messages == [] and photo_app.received == []
    assert [m["message"]["text"] for m in fake.sent] == [NOT_A_PHOTO]


async def test_a_photo_the_cdn_no_longer_has_gets_an_apology_not_a_crash(fake, photo_app, channel):
    await send_photo(channel, EchoAssistant(), f"{fake.url}/photos/gone.jpg")
    assert photo_app.received == [] and len(fake.sent) == 1
    assert "nhắn mã hồ sơ" in fake.sent[0]["message"]["text"]


async def test_the_app_refusing_the_photo_is_relayed_politely(fake, photo_app, channel):
    photo_app.answer = (415, {"error": "not_an_image", "message": "Tệp gửi lên không phải là ảnh."})
    await send_photo(channel, EchoAssistant(), fake.add_media("/photos/4.jpg", b"GIF89a-truncated", "image/gif"))
    assert [m["message"]["text"] for m in fake.sent] == [NOT_A_PHOTO]


async def test_outside_tests_only_https_image_urls_are_fetched(fake, photo_app, tmp_path):
    reader = PhotoReader(photo_app.url, "assistant-key", "https://motcua.example")
    channel = make_channel(fake, f"sqlite:///{tmp_path}/zalo-state.db", photos=reader)
    await send_photo(channel, EchoAssistant(), fake.add_media("/photos/5.jpg", JPEG))
    assert photo_app.received == [] and [r for r in fake.requests if r["path"] == "/photos/5.jpg"] == []
    assert [m["message"]["text"] for m in fake.sent] == [NOT_A_PHOTO]
