"""Theo dõi hồ sơ in the chat (issue 17): follow after the phone check, stop, "hồ sơ tôi đang theo dõi",
and a widget session's pending notifications shown first. The app's answers are its recorded ones
(tests/bot/test_api_contract.py asks the real routes the same questions)."""

from actions.dossier import ActionDossierStatus
from actions.follow import ActionFollowDossier, ActionListFollows, ActionSessionStart, ActionUnfollowDossier
from rasa_sdk.events import SessionStarted, SlotSet

from bot_tests.conftest import make_tracker, recorded

# The dossier and recipients of the recorded answers (tests/bot/test_api_contract.py).
CODE = "000.00.12.H62-260302-0001"
WIDGET_SESSION = "web-mabc123-k3j4h5g6"
ZALO_USER = "2512523625412515"
TOKEN = "t0k"
VERIFIED = {"dossier_code": CODE, "rating_token": {"code": CODE, "token": TOKEN}}


def tracker(text="theo dõi hồ sơ", intent="follow_dossier", slots=None, sender=WIDGET_SESSION, channel="rest", **kw):
    made = make_tracker(text, intent, slots, channel=channel, **kw)
    made.sender_id = sender
    return made


def slots_of(events: list) -> dict:
    return {event["name"]: event["value"] for event in events if event["event"] == "slot"}


def test_following_after_the_phone_check_sends_the_token_the_channel_and_the_widget_session(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", "/api/v1/follows", "follow_created")

    events = ActionFollowDossier(api).answer(dispatcher, tracker(slots=VERIFIED), {})

    request = fake_app.requests[-1]
    assert request["body"] == {"token": TOKEN, "channel": "web", "recipient": WIDGET_SESSION}
    text = dispatcher.messages[0]["text"]
    assert f"Đã theo dõi hồ sơ {CODE}" in text and "Hủy theo dõi" in text
    assert "khung trợ lý" in text  # where the web citizen will read the news
    assert dispatcher.messages[0]["buttons"][0]["payload"].startswith("/unfollow_dossier")
    assert TOKEN not in text
    assert slots_of(events).get("follow_requested", None) is None


def test_on_zalo_the_recipient_is_the_zalo_user_and_the_news_comes_by_zalo(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", "/api/v1/follows", "follow_created_zalo")

    ActionFollowDossier(api).answer(dispatcher, tracker(slots=VERIFIED, sender=ZALO_USER, channel="zalo"), {})

    assert fake_app.requests[-1]["body"] == {"token": TOKEN, "channel": "zalo", "recipient": ZALO_USER}
    assert fake_app.requests[-1]["headers"]["X-Motcua-Conversation"] == ZALO_USER
    assert "qua Zalo" in dispatcher.messages[0]["text"]


def test_without_the_phone_check_the_code_and_digits_are_asked_then_the_follow_is_made(fake_app, api, dispatcher):
    """ "Theo dõi hồ sơ" before any check: the assistant asks the code, then the digits, then follows."""
    events = ActionFollowDossier(api).answer(dispatcher, tracker(), {})
    assert fake_app.requests == []
    assert "mã hồ sơ" in dispatcher.messages[0]["text"]
    assert slots_of(events) == {"follow_requested": True}

    # Code known (typed with the request or looked up before) but not checked: the digits are asked.
    dispatcher.messages.clear()
    events = ActionFollowDossier(api).answer(dispatcher, tracker(slots={"dossier_code": CODE}), {})
    assert "4 số cuối" in dispatcher.messages[0]["text"] and CODE in dispatcher.messages[0]["text"]
    assert slots_of(events) == {"follow_requested": True}

    # The phone check then follows at once.
    fake_app.answer_recorded("POST", f"/api/v1/dossiers/{CODE}/verify", "dossier_supplement_verified")
    fake_app.answer_recorded("POST", "/api/v1/follows", "follow_created")
    dispatcher.messages.clear()
    slots = {"dossier_code": CODE, "phone_last4": "5678", "follow_requested": True}
    events = ActionDossierStatus(api).answer(dispatcher, tracker("5678", "give_dossier_code", slots), {})
    follow = fake_app.requests[-1]
    assert follow["path"] == "/api/v1/follows" and follow["body"]["recipient"] == WIDGET_SESSION
    assert any(f"Đã theo dõi hồ sơ {CODE}" in (m.get("text") or "") for m in dispatcher.messages)
    assert SlotSet("follow_requested", None) in events


def test_the_phone_check_of_a_dossier_in_progress_offers_to_follow_it(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", f"/api/v1/dossiers/{CODE}/verify", "dossier_supplement_verified")
    ActionDossierStatus(api).answer(
        dispatcher, tracker("5678", "give_dossier_code", {"dossier_code": CODE, "phone_last4": "5678"}), {}
    )
    assert [b["payload"] for b in dispatcher.messages[-1]["buttons"]] == ["/follow_dossier", "/deny"]
    assert all(r["path"] != "/api/v1/follows" for r in fake_app.requests)  # offered, not made


def test_an_expired_check_asks_for_the_digits_again_and_keeps_the_request(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", "/api/v1/follows", "follow_invalid_token")
    events = ActionFollowDossier(api).answer(dispatcher, tracker(slots=VERIFIED), {})
    assert "4 số cuối" in dispatcher.messages[0]["text"]
    assert slots_of(events) == {"rating_token": None, "follow_requested": True}


def test_a_chat_without_a_lasting_session_is_told_where_following_works(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", "/api/v1/follows", "follow_invalid_recipient")
    events = ActionFollowDossier(api).answer(dispatcher, tracker(slots=VERIFIED, sender="test-user"), {})
    text = dispatcher.messages[0]["text"]
    assert "Zalo" in text and "recipient" not in text
    assert slots_of(events) == {"follow_requested": None}


def test_the_app_down_is_said_plainly(dispatcher):
    from actions.api_client import MotCuaAPI

    ActionFollowDossier(MotCuaAPI(base_url="http://127.0.0.1:9")).answer(dispatcher, tracker(slots=VERIFIED), {})
    assert "tạm thời gián đoạn" in dispatcher.messages[0]["text"]


def test_what_i_follow_lists_the_dossiers_after_the_news_not_yet_shown(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", "/api/v1/follows/inbox", "follow_inbox")

    ActionListFollows(api).answer(dispatcher, tracker("hồ sơ tôi đang theo dõi", "list_follows"), {})

    assert fake_app.requests[-1]["body"] == {"channel": "web", "recipient": WIDGET_SESSION}
    news, listing = dispatcher.messages
    assert news["text"].startswith(f"Hồ sơ {CODE} đã chuyển sang: Đã trả kết quả")
    assert f"{CODE}: Đã trả kết quả" in listing["text"]
    assert listing["buttons"][0]["payload"] == '/unfollow_dossier{"dossier_code": "' + CODE + '"}'


def test_nothing_followed_says_how_to_follow(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", "/api/v1/follows/inbox", "follow_inbox_empty")
    ActionListFollows(api).answer(dispatcher, tracker("hồ sơ tôi đang theo dõi", "list_follows"), {})
    [message] = dispatcher.messages
    assert "chưa theo dõi hồ sơ nào" in message["text"] and "Theo dõi hồ sơ" in message["text"]


def test_stop_following_the_only_dossier_followed(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", "/api/v1/follows/inbox", "follow_inbox_zalo")
    fake_app.answer_recorded("POST", "/api/v1/follows/stop", "follow_stopped")

    ActionUnfollowDossier(api).answer(
        dispatcher, tracker("hủy theo dõi", "unfollow_dossier", sender=ZALO_USER, channel="zalo"), {}
    )

    stop = fake_app.requests[-1]
    assert stop["path"] == "/api/v1/follows/stop"
    assert stop["body"] == {"code": CODE, "channel": "zalo", "recipient": ZALO_USER}
    assert f"Đã hủy theo dõi hồ sơ {CODE}" in dispatcher.messages[-1]["text"]


def test_stop_following_a_dossier_named_in_the_message(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", "/api/v1/follows/stop", "follow_stopped")
    entities = [{"entity": "dossier_code", "value": CODE}]
    ActionUnfollowDossier(api).answer(
        dispatcher, tracker("/unfollow_dossier", "unfollow_dossier", entities=entities), {}
    )
    assert [r["path"] for r in fake_app.requests] == ["/api/v1/follows/stop"]
    assert f"Đã hủy theo dõi hồ sơ {CODE}" in dispatcher.messages[-1]["text"]


def test_stop_following_with_several_followed_asks_which(fake_app, api, dispatcher):
    status, inbox = recorded("follow_inbox_zalo")
    other = {**inbox["dossiers"][0], "code": "000.00.12.H62-260302-0002"}
    fake_app.answer("POST", "/api/v1/follows/inbox", status, {**inbox, "dossiers": [*inbox["dossiers"], other]})
    ActionUnfollowDossier(api).answer(dispatcher, tracker("hủy theo dõi", "unfollow_dossier"), {})
    assert all(r["path"] != "/api/v1/follows/stop" for r in fake_app.requests)
    assert len(dispatcher.messages[-1]["buttons"]) == 2


def test_stop_following_when_nothing_is_followed(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", "/api/v1/follows/inbox", "follow_inbox_empty")
    ActionUnfollowDossier(api).answer(dispatcher, tracker("hủy theo dõi", "unfollow_dossier"), {})
    assert "chưa theo dõi hồ sơ nào" in dispatcher.messages[-1]["text"]


def test_a_widget_session_coming_back_sees_its_pending_news_first(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", "/api/v1/follows/inbox", "follow_inbox")
    carried = {"dossier_code": CODE}
    returning = tracker("", "greet", carried)
    # The citizen's message starts it (Rasa has just set the widget's metadata).
    returning.events.append({"event": "slot", "name": "session_started_metadata", "value": {"lang": "vi"}})
    events = ActionSessionStart(api).answer(dispatcher, returning, {})
    assert events[0] == SessionStarted()
    assert SlotSet("dossier_code", CODE) in events and events[-1]["name"] == "action_listen"
    notice, news = dispatcher.messages[:2]
    assert "/du-lieu-ca-nhan" in notice["text"] and news["text"].startswith(f"Hồ sơ {CODE} đã chuyển sang")


def test_a_session_start_asks_nothing_for_a_chat_that_cannot_follow_and_survives_the_app_down(dispatcher):
    from actions.api_client import MotCuaAPI

    events = ActionSessionStart(MotCuaAPI(base_url="http://127.0.0.1:9")).answer(
        dispatcher, tracker("", "greet", sender="test-user"), {}
    )
    assert events[0] == SessionStarted() and dispatcher.messages == []
    events = ActionSessionStart(MotCuaAPI(base_url="http://127.0.0.1:9")).answer(dispatcher, tracker("", "greet"), {})
    assert events[0] == SessionStarted() and dispatcher.messages == []


def test_following_asked_in_english_is_answered_in_english(fake_app, api, dispatcher):
    ActionFollowDossier(api).answer(dispatcher, tracker("follow my application", "follow_dossier"), {})
    assert "please type the dossier code printed on your receipt" in dispatcher.messages[0]["text"]

    fake_app.answer_recorded("POST", "/api/v1/follows", "follow_created")
    dispatcher.messages.clear()
    ActionFollowDossier(api).answer(dispatcher, tracker("follow my application please", slots=VERIFIED), {})
    [message] = dispatcher.messages
    assert f"You are now following dossier {CODE}" in message["text"] and "stop following" in message["text"]
    assert message["buttons"][0]["title"] == "Stop following"


def test_stop_following_in_english(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", "/api/v1/follows/inbox", "follow_inbox")
    fake_app.answer_recorded("POST", "/api/v1/follows/stop", "follow_stopped")
    ActionUnfollowDossier(api).answer(dispatcher, tracker("stop following my application", "unfollow_dossier"), {})
    assert dispatcher.messages[0]["text"].startswith(f"Hồ sơ {CODE} đã chuyển sang")  # the app's news, as sent
    assert f"You have stopped following dossier {CODE}" in dispatcher.messages[-1]["text"]
