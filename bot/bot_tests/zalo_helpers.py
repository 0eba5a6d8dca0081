"""The Zalo channel under test: built against the fake Zalo API, registered on a Sanic app the way Rasa
registers it, a stand-in assistant that echoes each message, and posting a webhook call."""

from __future__ import annotations

import uuid

from channels.zalo import ZaloInput, ZaloSettings
from rasa.core.channels.channel import UserMessage, register
from sanic import Sanic

from bot_tests.fake_zalo import APP_ID, APP_SECRET_KEY, OA_SECRET_KEY

WEBHOOK = "/webhooks/zalo/webhook"
USER = "2512523625412515"


class EchoAssistant:
    """Stands in for Rasa's agent: records each message and answers it through the message's output channel,
    the way Rasa sends bot messages."""

    def __init__(self, fail: bool = False) -> None:
        self.messages: list[UserMessage] = []
        self.fail = fail

    async def handle_message(self, message: UserMessage) -> None:
        self.messages.append(message)
        if self.fail:
            raise RuntimeError("assistant crashed")
        await message.output_channel.send_response(message.sender_id, {"text": f"Đã nhận: {message.text}"})


def make_channel(fake, state_url: str, photos=None, **settings) -> ZaloInput:
    values = dict(
        app_id=APP_ID,
        oa_secret_key=OA_SECRET_KEY,
        app_secret_key=APP_SECRET_KEY,
        access_token="at-0",
        refresh_token="rt-0",
        state_url=state_url,
        api_base_url=fake.url,
        oauth_base_url=fake.url,
    )
    values.update(settings)
    return ZaloInput(ZaloSettings(**values), backoff_seconds=0.01, photos=photos)


def serve(channel: ZaloInput, assistant: EchoAssistant) -> Sanic:
    app = Sanic(f"zalo_test_{uuid.uuid4().hex[:12]}")
    app.ctx.agent = assistant
    register([channel], app, route="/webhooks/")
    return app


async def post(app: Sanic, channel: ZaloInput, raw: bytes, headers: dict[str, str]):
    _, response = await app.asgi_client.post(WEBHOOK, content=raw, headers=headers)
    await channel.drain()
    return response
