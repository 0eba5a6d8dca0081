"""A citizen's conversation on Zalo, end to end: signed webhook calls into a real Rasa agent (trained here from
the project's domain and rules, rule policy only), the project's actions run by the Rasa SDK's executor behind
an HTTP action endpoint, the app's API answered by ``fake_app`` and Zalo's by ``FakeZalo``."""

from __future__ import annotations

import uuid

import pytest
from channels.zalo import ZaloInput, ZaloSettings
from channels.zalo_photos import PhotoReader
from rasa.core.agent import Agent
from rasa.core.channels.channel import register
from rasa.utils.endpoints import EndpointConfig
from sanic import Sanic

from bot_tests.conftest import recorded
from bot_tests.fake_zalo import (
    APP_ID,
    APP_SECRET_KEY,
    OA_SECRET_KEY,
    running_fake_photo_app,
    running_fake_zalo,
    signed,
    zalo_event,
)

UNIT = "000.00.00.H62"
USER = "2512523625412515"
SCALE = {
    "question": "Anh/chị hài lòng thế nào với việc giải quyết thủ tục?",
    "levels": [
        {"key": "rat_hai_long", "label": "Rất hài lòng"},
        {"key": "hai_long", "label": "Hài lòng"},
        {"key": "binh_thuong", "label": "Bình thường"},
        {"key": "khong_hai_long", "label": "Không hài lòng"},
        {"key": "rat_khong_hai_long", "label": "Rất không hài lòng"},
    ],
    "attitudes": [],
    "reasons": [],
}


@pytest.fixture
def fake_zalo():
    with running_fake_zalo() as fake:
        yield fake


@pytest.fixture
def served(rules_model, action_server, fake_zalo, tmp_path):
    """Rasa's server wiring: the agent behind the channels registered from credentials."""
    settings = ZaloSettings(
        app_id=APP_ID,
        oa_secret_key=OA_SECRET_KEY,
        app_secret_key=APP_SECRET_KEY,
        access_token="at-0",
        refresh_token="rt-0",
        state_url=f"sqlite:///{tmp_path}/zalo-state.db",
        api_base_url=fake_zalo.url,
        oauth_base_url=fake_zalo.url,
    )
    channel = ZaloInput(settings, backoff_seconds=0.01)
    app = Sanic(f"zalo_conversation_{uuid.uuid4().hex[:12]}")
    app.ctx.agent = Agent.load(rules_model, action_endpoint=EndpointConfig(action_server))
    register([channel], app, route="/webhooks/")
    return app, channel


async def say(served, event: dict) -> None:
    app, channel = served
    raw, headers = signed(event)
    _, response = await app.asgi_client.post("/webhooks/zalo/webhook", content=raw, headers=headers)
    assert response.status == 200, response.body
    await channel.drain()


async def test_citizen_rates_the_centre_with_zalo_buttons_and_the_rating_is_recorded_as_zalo(
    served, fake_app, fake_zalo
):
    fake_app.answer("GET", f"/api/v1/units/{UNIT}/rating-scale", 200, SCALE)
    fake_app.answer("POST", "/api/v1/ratings", 201, {"id": 7})

    await say(served, zalo_event(text="/rate_service", msg_id="m-1"))

    [notice, question] = [m["message"] for m in fake_zalo.sent]  # the personal-data notice comes first
    assert "/du-lieu-ca-nhan" in notice["text"]
    assert question["text"] == SCALE["question"]
    buttons = question["attachment"]["payload"]["buttons"]
    assert [b["title"] for b in buttons] == [level["label"] for level in SCALE["levels"]]
    assert {b["type"] for b in buttons} == {"oa.query.show"}

    # Tapping an oa.query.show button makes Zalo post its payload as the citizen's text message.
    tapped = next(b for b in buttons if b["title"] == "Hài lòng")
    await say(served, zalo_event(text=tapped["payload"], msg_id="m-2"))

    [rating] = [r["body"] for r in fake_app.requests if r["path"] == "/api/v1/ratings"]
    assert (rating["level"], rating["source"], rating["unit_code"]) == ("hai_long", "zalo", UNIT)
    thanks = fake_zalo.sent[-1]
    assert thanks["recipient"]["user_id"] == USER and thanks["message"]["text"].startswith("Cảm ơn anh/chị đã đánh giá")


async def test_new_follower_is_greeted_with_the_centres_name(served, fake_app, fake_zalo):
    fake_app.answer("GET", "/healthz", 200, {"status": "ok", "database": "ok"})
    fake_app.answer(
        "GET", f"/api/v1/units/{UNIT}", 200, {"code": UNIT, "name": "Trung tâm Phục vụ hành chính công tỉnh"}
    )

    await say(served, zalo_event("follow", user_id="9988776655"))

    [notice, greeting] = fake_zalo.sent  # the personal-data notice comes first
    assert "/du-lieu-ca-nhan" in notice["message"]["text"]
    assert greeting["recipient"]["user_id"] == "9988776655"
    assert "Trung tâm Phục vụ hành chính công tỉnh" in greeting["message"]["text"]


async def test_a_photo_of_the_receipt_gets_the_dossiers_status_and_the_phone_check_offer(
    rules_model, action_server, fake_app, fake_zalo, tmp_path
):
    """Issue 20: the photo is read by the app's photo endpoint; the assistant then answers as for a typed code."""
    status, public = recorded("dossier_public")
    code = public["code"]
    fake_app.answer("GET", f"/api/v1/dossiers/{code}", status, public)
    with running_fake_photo_app() as photo_app:
        photo_app.answer = (200, {"code": code, "source": "receipt", "status": public})
        reader = PhotoReader(photo_app.url, "assistant-key", "https://motcua.example", allow_http_media=True)
        settings = ZaloSettings(
            app_id=APP_ID,
            oa_secret_key=OA_SECRET_KEY,
            app_secret_key=APP_SECRET_KEY,
            access_token="at-0",
            refresh_token="rt-0",
            state_url=f"sqlite:///{tmp_path}/zalo-state.db",
            api_base_url=fake_zalo.url,
            oauth_base_url=fake_zalo.url,
        )
        channel = ZaloInput(settings, backoff_seconds=0.01, photos=reader)
        app = Sanic(f"zalo_photo_{uuid.uuid4().hex[:12]}")
        app.ctx.agent = Agent.load(rules_model, action_endpoint=EndpointConfig(action_server))
        register([channel], app, route="/webhooks/")
        url = fake_zalo.add_media("/photo/receipt.jpg", b"\xff\xd8\xff receipt")
        await say((app, channel), zalo_event("user_send_image", msg_id="p-1", url=url))

    texts = [m["message"]["text"] for m in fake_zalo.sent]
    assert any(f"Tình trạng: {public['state_label']}." in text for text in texts), texts
    assert "4 số cuối" in texts[-1]
    assert photo_app.received[0]["raw"] == b"\xff\xd8\xff receipt"
