from actions.greeting import ActionGreet

from bot_tests.conftest import make_tracker


def test_greeting_names_the_centre_from_the_app(fake_app, api, dispatcher):
    fake_app.answer("GET", "/healthz", 200, {"status": "ok", "database": "ok"})
    fake_app.answer(
        "GET",
        "/api/v1/units/000.00.00.H62",
        200,
        {"code": "000.00.00.H62", "name": "Trung tâm Phục vụ hành chính công tỉnh"},
    )
    events = ActionGreet(api).answer(dispatcher, make_tracker("xin chao"), {})
    assert events == []
    assert dispatcher.messages[0]["text"].startswith(
        "Xin chào anh/chị! Tôi là trợ lý ảo của Trung tâm Phục vụ hành chính công tỉnh"
    )


def test_greeting_stays_polite_when_the_app_is_down(api, dispatcher, fake_app):
    fake_app.answer("GET", "/healthz", 503, {"status": "error", "database": "unreachable"})
    ActionGreet(api).answer(dispatcher, make_tracker("xin chao"), {})
    text = dispatcher.messages[0]["text"]
    assert "bảo trì" in text and "Traceback" not in text


def test_greeting_survives_an_unreachable_app(dispatcher):
    from actions.api_client import MotCuaAPI

    ActionGreet(MotCuaAPI(base_url="http://127.0.0.1:9")).answer(dispatcher, make_tracker("chao"), {})
    assert "bảo trì" in dispatcher.messages[0]["text"]


async def test_actions_calling_the_app_run_off_the_event_loop(fake_app, api, dispatcher):
    fake_app.answer("GET", "/healthz", 200, {"status": "ok", "database": "ok"})
    fake_app.answer("GET", "/api/v1/units/000.00.00.H62", 200, {"code": "000.00.00.H62", "name": "Trung tâm"})
    events = await ActionGreet(api).run(dispatcher, make_tracker("xin chao"), {})
    assert events == [] and "Trung tâm" in dispatcher.messages[0]["text"]
