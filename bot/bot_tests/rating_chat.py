"""Rating in the chat against a faked app: the unit's rating scale the app answers, the app's reason rule
for ``POST /api/v1/ratings``, a rules-only Rasa agent wired to them, and reading what the bot sent."""

from __future__ import annotations

from rasa.core.agent import Agent
from rasa.utils.endpoints import EndpointConfig

from bot_tests.conftest import UNIT

# What GET /api/v1/units/<code>/rating-scale answers for a unit on the default four-level scale.
SCALE = {
    "levels": [
        {"key": "rat_hai_long", "label": "Rất hài lòng", "label_en": "Very satisfied"},
        {"key": "hai_long", "label": "Hài lòng", "label_en": "Satisfied"},
        {"key": "binh_thuong", "label": "Bình thường", "label_en": "Neutral"},
        {"key": "khong_hai_long", "label": "Không hài lòng", "label_en": "Dissatisfied"},
    ],
    "lowest": "khong_hai_long",
    "bad_levels": ["khong_hai_long"],
    "question": "Thái độ của cán bộ, công chức khi giao tiếp với ông/bà như thế nào?",
    "question_en": "How did the officer treat you?",
    "attitudes": [
        {"key": "rat_lich_su", "label": "Rất lịch sự, thân thiện, dễ gần", "label_en": "Very polite"},
        {"key": "binh_thuong", "label": "Bình thường", "label_en": "Ordinary"},
        {"key": "khong_than_thien", "label": "Không thân thiện", "label_en": "Unfriendly"},
        {"key": "hach_dich", "label": "Hách dịch, nhũng nhiễu", "label_en": "Arrogant, harassing"},
    ],
    "reasons": [
        {"key": "cho_lau", "label": "Chờ lâu", "label_en": "Long wait"},
        {"key": "huong_dan_khong_ro", "label": "Hướng dẫn không rõ", "label_en": "Unclear guidance"},
        {"key": "thai_do", "label": "Thái độ", "label_en": "Attitude"},
        {"key": "khac", "label": "Khác", "label_en": "Other"},
    ],
}
REASON_REQUIRED = {"error": "reason_required", "message": "Vui lòng cho biết lý do ông/bà chọn 'Không hài lòng'."}


def ratings_api(body: dict) -> tuple[int, dict]:
    """The app's rule (motcua/feedback/ratings.py): the lowest level needs a reason key or a comment."""
    if body["level"] == SCALE["lowest"] and not body.get("reasons") and not (body.get("comment") or "").strip():
        return 422, REASON_REQUIRED
    return 201, {"id": 1, **body}


def rating_agent(rules_model, action_server, fake_app) -> Agent:
    """The rules-only agent with the project's actions, the app faked on the default scale and its reason rule."""
    fake_app.answer("GET", f"/api/v1/units/{UNIT}/rating-scale", 200, SCALE)
    fake_app.answer_with("POST", "/api/v1/ratings", ratings_api)
    return Agent.load(rules_model, action_endpoint=EndpointConfig(action_server))


def posted_ratings(fake_app) -> list[dict]:
    return [r["body"] for r in fake_app.requests if r["method"] == "POST" and r["path"] == "/api/v1/ratings"]


def titles(message: dict) -> list[str]:
    return [button["title"] for button in message.get("buttons") or []]
