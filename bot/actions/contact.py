"""Giờ làm việc, liên hệ, gặp cán bộ: from the unit's configuration (``GET /api/v1/units/<code>``).

Handoff (asked for, or after repeated misunderstanding: ``actions.fallback``) says how to reach an officer and marks the
conversation: the ``handoff`` slot and a custom ``{"handoff": ...}`` message the channel can route.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import english
from actions.api_client import ApiAction, ApiError, ApiUnavailable, MotCuaAPI, default_unit_code
from actions.replies import UNAVAILABLE


class ActionUnitInfo(ApiAction):
    """Opening hours (ask_hours) or contacts (ask_contact) of the centre."""

    def name(self) -> str:
        return "action_unit_info"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        try:
            unit = self.api.unit(default_unit_code())
        except (ApiUnavailable, ApiError):
            dispatcher.utter_message(text=UNAVAILABLE)
            return []
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if english.reply_language(tracker) == "en":
            text = english_hours(unit) if intent == "ask_hours" else english_contact(unit)
        else:
            text = hours_text(unit) if intent == "ask_hours" else contact_text(unit)
        dispatcher.utter_message(text=text)
        return []


class ActionHumanHandoff(ApiAction):
    def name(self) -> str:
        return "action_human_handoff"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        return hand_off(self.api, dispatcher)


def hand_off(api: MotCuaAPI, dispatcher: CollectingDispatcher) -> list[dict]:
    """How to reach an officer, and the handoff mark on the conversation."""
    try:
        unit = api.unit(default_unit_code())
    except (ApiUnavailable, ApiError):
        unit = {}
    lines = ["Anh/chị có thể gặp cán bộ của trung tâm:"]
    if unit.get("hotline"):
        hours = f" (trong giờ làm việc: {unit['opening_hours']})" if unit.get("opening_hours") else ""
        lines.append(f"• Gọi đường dây nóng {unit['hotline']}{hours}")
    if unit.get("address"):
        lines.append(f"• Đến quầy tiếp nhận tại {unit['address']}")
    if unit.get("zalo_oa"):
        lines.append(f"• Nhắn tin Zalo OA: {unit['zalo_oa']}")
    if len(lines) == 1:
        lines = [UNAVAILABLE]
    else:
        lines.append("Tôi đã ghi nhận yêu cầu gặp cán bộ của anh/chị.")
    dispatcher.utter_message(text="\n".join(lines))
    dispatcher.utter_message(json_message={"handoff": {"unit": unit.get("code"), "hotline": unit.get("hotline")}})
    return [SlotSet("handoff", True)]


def hours_text(unit: dict[str, Any]) -> str:
    hours = unit.get("opening_hours")
    if not hours:
        return f"{unit['name']} chưa công bố giờ làm việc trên hệ thống. " + _call(unit)
    return f"Giờ làm việc của {unit['name']}: {hours}."


def contact_text(unit: dict[str, Any]) -> str:
    lines = [f"{unit['name']}:"]
    labels = (("address", "Địa chỉ"), ("hotline", "Đường dây nóng"), ("email", "Email"), ("zalo_oa", "Zalo OA"))
    lines += [f"• {label}: {unit[key]}" for key, label in labels if unit.get(key)]
    if unit.get("opening_hours"):
        lines.append(f"• Giờ làm việc: {unit['opening_hours']}")
    return "\n".join(lines)


def _call(unit: dict[str, Any]) -> str:
    return f"Anh/chị vui lòng gọi {unit['hotline']}." if unit.get("hotline") else ""


def english_hours(unit: dict[str, Any]) -> str:
    """Opening hours for an English question (the hours as the unit publishes them, in Vietnamese)."""
    hours = unit.get("opening_hours")
    call = f" Please call {unit['hotline']}." if unit.get("hotline") else ""
    return (
        f"Opening hours of {unit['name']}: {hours}." if hours else f"{unit['name']} has not published its hours.{call}"
    )


def english_contact(unit: dict[str, Any]) -> str:
    labels = (("address", "Address"), ("hotline", "Hotline"), ("email", "Email"), ("zalo_oa", "Zalo OA"))
    lines = [f"{unit['name']}:"] + [f"• {label}: {unit[key]}" for key, label in labels if unit.get(key)]
    if unit.get("opening_hours"):
        lines.append(f"• Opening hours: {unit['opening_hours']}")
    return "\n".join(lines)
