"""Lời chào: greet with the centre's name (read from the app, which shows on the way that it answers)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.api_client import ApiAction, ApiError, ApiUnavailable, default_unit_code

HELP = "Tôi có thể giúp anh/chị tra cứu giấy tờ, lệ phí, thời gian giải quyết thủ tục và tình trạng hồ sơ."


class ActionGreet(ApiAction):
    def name(self) -> str:
        return "action_greet"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        try:
            centre = self.api.unit(default_unit_code())["name"]
        except (ApiUnavailable, ApiError):
            dispatcher.utter_message(
                text=f"Xin chào anh/chị! {HELP} Hiện hệ thống tra cứu đang bảo trì, "
                "anh/chị vui lòng thử lại sau ít phút."
            )
            return []
        dispatcher.utter_message(text=f"Xin chào anh/chị! Tôi là trợ lý ảo của {centre}. {HELP}")
        return []
