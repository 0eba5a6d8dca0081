"""Theo dõi hồ sơ: the citizen is told when a dossier changes (issue 17), on the channel they chat on.

Following needs the phone check (``POST /api/v1/follows`` takes its ``rating_token``); the follower is
the channel and its recipient id, nothing more: on Zalo the Zalo user id (the conversation's sender id),
on the web widget its session id (the sender id the widget keeps in the browser). Asked before the check,
the assistant asks the code and the digits, and follows as soon as the check passes
(``follow_requested``, read by ``actions.dossier``).

``POST /api/v1/follows/inbox`` answers what the sender follows and, for a widget session, the news the
worker delivered and nobody has shown yet; the call marks them shown, so every action that calls it shows
them first. A session that starts again (``action_session_start``) calls it too: the citizen coming back
to the widget reads "Hồ sơ … đã chuyển sang: …" before anything else, and on Zalo the call tells the app
the citizen just wrote (Zalo's consultation window).
"""

from __future__ import annotations

import contextlib
import json
import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.api_client import ApiAction, ApiError, ApiUnavailable, MotCuaAPI, public_base_url
from actions.english import reply_language
from actions.privacy_notice import message_arriving, notice, session_language
from actions.replies import failure, vn_date

# The app's rule for a widget session id (kiosk/api/follows.py): other senders cannot follow on the web.
WEB_SESSION = re.compile(r"[A-Za-z0-9_-]{16,128}")
MAX_BUTTONS = 5
# What the follow flow says, in the language of the citizen's words (actions.english.reply_language).
SAY = {
    "vi": {
        "how_to_stop": "Để ngừng nhận tin, anh/chị nhắn “Hủy theo dõi”.",
        "no_lasting_session": "Cửa sổ trò chuyện này chưa nhận được tin báo khi hồ sơ thay đổi. Anh/chị có thể theo "
        "dõi hồ sơ qua Zalo OA của trung tâm, qua khung trợ lý trên trang web của trung tâm, hoặc trên trang tra cứu "
        "hồ sơ.",
        "nothing_followed": "Anh/chị chưa theo dõi hồ sơ nào. Để nhận tin khi hồ sơ chuyển bước, anh/chị nhắn “Theo "
        "dõi hồ sơ” rồi nhập mã hồ sơ và 4 số cuối số điện thoại đã đăng ký.",
        "digits_again": "Để theo dõi hồ sơ {code}, anh/chị vui lòng nhập lại 4 số cuối số điện thoại đã đăng ký khi "
        "nộp hồ sơ.",
        "ask_digits": "Để theo dõi hồ sơ {code}, anh/chị nhập 4 số cuối số điện thoại đã đăng ký khi nộp hồ sơ.",
        "ask_code": "Để nhận tin khi hồ sơ chuyển bước, anh/chị nhập mã hồ sơ in trên giấy tiếp nhận "
        "(ví dụ {example}), sau đó là 4 số cuối số điện thoại đã đăng ký.",
        "zalo": "qua Zalo",
        "web": "ngay trong khung trợ lý này lần sau anh/chị mở",
        "following": "Đã theo dõi hồ sơ {code}. Mỗi khi hồ sơ chuyển bước, trung tâm sẽ báo anh/chị {where} (không "
        "gửi tin từ 21 giờ đến 7 giờ sáng, tối đa 3 tin một ngày).",
        "count": "Anh/chị đang theo dõi {count} hồ sơ:",
        "since": " (từ {date})",
        "unknown": "chưa rõ",
        "which": "Anh/chị muốn hủy theo dõi hồ sơ nào?",
        "stopped": "Đã hủy theo dõi hồ sơ {code}. Trung tâm sẽ không gửi tin về hồ sơ này cho anh/chị nữa.",
        "not_following": "Anh/chị không theo dõi hồ sơ {code} trên kênh này.",
        "stop": "Hủy theo dõi",
    },
    "en": {
        "how_to_stop": "To stop, type “stop following”.",
        "no_lasting_session": "This chat window cannot receive news about a dossier. You can follow it on the "
        "centre's Zalo OA, in the assistant on the centre's website, or on the dossier lookup page.",
        "nothing_followed": "You are not following any dossier. To be told when a dossier moves to a new step, type "
        "“follow my application”, then the dossier code and the last 4 digits of the phone number you registered.",
        "digits_again": "To follow dossier {code}, please type the last 4 digits of the registered phone number again.",
        "ask_digits": "To follow dossier {code}, please type the last 4 digits of the phone number registered with "
        "the dossier.",
        "ask_code": "To be told when your dossier moves to a new step, please type the dossier code printed on your "
        "receipt (e.g. {example}), then the last 4 digits of the phone number you registered.",
        "zalo": "on Zalo",
        "web": "here, in this chat window, the next time you open it",
        "following": "You are now following dossier {code}. Each time it moves to a new step, the centre will tell "
        "you {where} (no messages between 9 pm and 7 am, at most 3 a day).",
        "count": "You are following {count} dossier(s):",
        "since": " (since {date})",
        "unknown": "unknown",
        "which": "Which dossier do you want to stop following?",
        "stopped": "You have stopped following dossier {code}. The centre will send you no more news about it.",
        "not_following": "You are not following dossier {code} on this channel.",
        "stop": "Stop following",
    },
}


def follow_recipient(tracker: Tracker) -> tuple[str, str]:
    """(channel, recipient) of this conversation: the Zalo user on Zalo, the widget session elsewhere."""
    channel = "zalo" if tracker.get_latest_input_channel() == "zalo" else "web"
    return channel, tracker.sender_id


def start_following(api: MotCuaAPI, dispatcher: CollectingDispatcher, tracker: Tracker, code: str, token: str) -> list:
    """Follow ``code`` with the phone check's ``token`` and say where the news will come."""
    say = SAY[reply_language(tracker)]
    channel, recipient = follow_recipient(tracker)
    try:
        api.follow(token, channel, recipient)
    except ApiError as error:
        if error.error == "invalid_token":
            # The check expired (or was made for another conversation): check again, then follow.
            dispatcher.utter_message(text=say["digits_again"].format(code=code))
            return [SlotSet("rating_token", None), SlotSet("follow_requested", True)]
        dispatcher.utter_message(
            text=say["no_lasting_session"] if error.error == "invalid_recipient" else failure(error)
        )
        return [SlotSet("follow_requested", None)]
    except ApiUnavailable as error:
        dispatcher.utter_message(text=failure(error))
        return [SlotSet("follow_requested", None)]
    dispatcher.utter_message(
        text=say["following"].format(code=code, where=say[channel]) + " " + say["how_to_stop"],
        buttons=[_stop_button(code, say)],
    )
    return [SlotSet("follow_requested", None)]


class ActionFollowDossier(ApiAction):
    """ "Theo dõi hồ sơ": follow the dossier checked with the phone digits, or ask what the check needs."""

    def name(self) -> str:
        return "action_follow_dossier"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        from actions.dossier import CODE_EXAMPLE, verified_dossier

        verified = verified_dossier(tracker)
        if verified:
            return start_following(self.api, dispatcher, tracker, *verified)
        say = SAY[reply_language(tracker)]
        code = tracker.get_slot("dossier_code")
        if code:
            dispatcher.utter_message(text=say["ask_digits"].format(code=code))
        else:
            dispatcher.utter_message(text=say["ask_code"].format(example=CODE_EXAMPLE))
        return [SlotSet("follow_requested", True)]


class ActionListFollows(ApiAction):
    """ "Hồ sơ tôi đang theo dõi": the news not yet shown, then what this sender follows."""

    def name(self) -> str:
        return "action_list_follows"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        say = SAY[reply_language(tracker)]
        dossiers = _inbox(self.api, dispatcher, tracker, say)
        if dossiers is None:
            return []
        if not dossiers:
            dispatcher.utter_message(text=say["nothing_followed"])
            return []
        lines = [say["count"].format(count=len(dossiers))]
        lines += [
            f"• {item.get('code')}: {item.get('state_label') or say['unknown']}"
            + (
                say["since"].format(date=vn_date(item["state_at"][:10]))
                if isinstance(item.get("state_at"), str)
                else ""
            )
            for item in dossiers
        ]
        lines.append(say["how_to_stop"])
        dispatcher.utter_message(
            text="\n".join(lines),
            buttons=[_stop_button(item["code"], say, len(dossiers) > 1) for item in dossiers[:MAX_BUTTONS]],
        )
        return []


class ActionUnfollowDossier(ApiAction):
    """ "Hủy theo dõi": stop the dossier named (button, typed code), or the only one followed; asks which
    when several are followed."""

    def name(self) -> str:
        return "action_unfollow_dossier"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        say = SAY[reply_language(tracker)]
        code = next(tracker.get_latest_entity_values("dossier_code"), None)
        if not code:
            dossiers = _inbox(self.api, dispatcher, tracker, say)
            if dossiers is None:
                return []
            codes = [item.get("code") for item in dossiers if item.get("code")]
            if not codes:
                dispatcher.utter_message(text=say["nothing_followed"])
                return []
            if len(codes) > 1:
                dispatcher.utter_message(
                    text=say["which"], buttons=[_stop_button(item, say, True) for item in codes[:MAX_BUTTONS]]
                )
                return []
            code = codes[0]
        channel, recipient = follow_recipient(tracker)
        try:
            stopped = self.api.unfollow(code, channel, recipient).get("stopped")
        except (ApiUnavailable, ApiError) as error:
            dispatcher.utter_message(text=failure(error))
            return []
        dispatcher.utter_message(text=say["stopped" if stopped else "not_following"].format(code=code))
        return []


class ActionSessionStart(ApiAction):
    """A session (re)starts: slots carried over as the domain asks; the personal-data notice with the link to
    /du-lieu-ca-nhan (the conversation's first message, once — the session starts once), then the news
    a widget session missed, shown before anything else."""

    def name(self) -> str:
        return "action_session_start"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        carried = [
            SlotSet(name, value)
            for name, value in tracker.current_slot_values().items()
            if value is not None and name != "requested_slot"
        ]
        if not message_arriving(tracker):
            # Rasa's HTTP API (an operator) started it: nobody to tell, and the news must stay unshown (the
            # inbox marks what it returns as shown) for the citizen's own next visit.
            return [SessionStarted(), *carried, ActionExecuted("action_listen")]
        dispatcher.utter_message(text=notice(session_language(tracker, reply_language(tracker)), public_base_url()))
        channel, recipient = follow_recipient(tracker)
        if channel == "zalo" or WEB_SESSION.fullmatch(recipient):
            # Unreachable or refused: the news stays unshown and comes next time; the conversation goes on.
            with contextlib.suppress(ApiUnavailable, ApiError):
                _show_news(dispatcher, self.api.follow_inbox(channel, recipient))
        return [SessionStarted(), *carried, ActionExecuted("action_listen")]


def _inbox(
    api: MotCuaAPI, dispatcher: CollectingDispatcher, tracker: Tracker, say: dict[str, str]
) -> list[dict] | None:
    """The dossiers this sender follows, after showing the news not yet shown; None when the app refused
    or is down (said to the citizen)."""
    channel, recipient = follow_recipient(tracker)
    try:
        inbox = api.follow_inbox(channel, recipient)
    except ApiError as error:
        dispatcher.utter_message(
            text=say["no_lasting_session"] if error.error == "invalid_recipient" else failure(error)
        )
        return None
    except ApiUnavailable as error:
        dispatcher.utter_message(text=failure(error))
        return None
    _show_news(dispatcher, inbox)
    return [item for item in inbox.get("dossiers") or [] if isinstance(item, dict)]


def _show_news(dispatcher: CollectingDispatcher, inbox: Any) -> None:
    for item in (inbox or {}).get("notifications") or []:
        if isinstance(item, dict) and item.get("text"):
            dispatcher.utter_message(text=str(item["text"]))


def _stop_button(code: str, say: dict[str, str], name_it: bool = False) -> dict[str, str]:
    return {
        "title": f"{say['stop']} {code}" if name_it else say["stop"],
        "payload": "/unfollow_dossier" + json.dumps({"dossier_code": code}),
    }
