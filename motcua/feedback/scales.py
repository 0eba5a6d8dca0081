"""Thang đánh giá — the satisfaction scale, the attitude question and the reasons for a bad rating.

Centres differ (docs/domain.md): the national portal's form has three levels, many centres four (adding
"Bình thường"), ministries' web forms five. The scale is configuration per unit (``Unit.rating_scale``);
the keys are the same everywhere so reports can add them up.
"""

from __future__ import annotations

from motcua.errors import Invalid
from motcua.text import fold

LEVEL_LABELS = {
    "rat_hai_long": ("Rất hài lòng", "Very satisfied"),
    "hai_long": ("Hài lòng", "Satisfied"),
    "binh_thuong": ("Bình thường", "Neutral"),
    "khong_hai_long": ("Không hài lòng", "Dissatisfied"),
    "rat_khong_hai_long": ("Rất không hài lòng", "Very dissatisfied"),
}

# Best first, as the faces are laid out on the kiosk.
SCALES = {
    3: ["rat_hai_long", "hai_long", "khong_hai_long"],
    4: ["rat_hai_long", "hai_long", "binh_thuong", "khong_hai_long"],
    5: ["rat_hai_long", "hai_long", "binh_thuong", "khong_hai_long", "rat_khong_hai_long"],
}
DEFAULT_SCALE = 4

ATTITUDE_QUESTION = (
    "Thái độ của cán bộ, công chức khi giao tiếp với ông/bà như thế nào?",
    "How did the officer treat you?",
)
ATTITUDE_LABELS = {
    "rat_lich_su": ("Rất lịch sự, thân thiện, dễ gần", "Very polite and friendly"),
    "binh_thuong": ("Bình thường", "Ordinary"),
    "khong_than_thien": ("Không thân thiện", "Unfriendly"),
    "hach_dich": ("Hách dịch, nhũng nhiễu", "Arrogant, harassing"),
}

REASON_LABELS = {
    "cho_lau": ("Chờ lâu", "Long wait"),
    "huong_dan_khong_ro": ("Hướng dẫn không rõ", "Unclear guidance"),
    "them_giay_to": ("Yêu cầu thêm giấy tờ ngoài quy định", "Asked for papers beyond the rules"),
    "thai_do": ("Thái độ", "Attitude"),
    "nhung_nhieu": ("Nhũng nhiễu", "Harassment"),
    "khac": ("Khác", "Other"),
}

# Ratings the manager sees in the alert list, on any scale.
BAD_LEVELS = frozenset({"khong_hai_long", "rat_khong_hai_long"})
BAD_ATTITUDES = frozenset({"khong_than_thien", "hach_dich"})
SATISFIED_LEVELS = frozenset({"rat_hai_long", "hai_long"})


def scale_for(unit) -> list[tuple[str, str]]:
    """The unit's levels, best first, as ``(key, Vietnamese label)``; the default four for no unit."""
    return [(key, LEVEL_LABELS[key][0]) for key in level_keys(unit)]


def level_keys(unit) -> list[str]:
    """The level keys of the unit's scale, best first."""
    size = getattr(unit, "rating_scale", None) or DEFAULT_SCALE
    return SCALES.get(size, SCALES[DEFAULT_SCALE])


def lowest_level(unit) -> str:
    """The level for which a reason is required."""
    return level_keys(unit)[-1]


def is_bad(level: str, attitude: str | None) -> bool:
    """A rating the centre's manager must look at: dissatisfied, or an unfriendly or harassing officer."""
    return level in BAD_LEVELS or attitude in BAD_ATTITUDES


def match_level(text: str) -> str | None:
    """The level key for a key or a label typed any way ("Rất hài lòng", "rat hai long", "RAT_HAI_LONG")."""
    return _match(text, _LEVEL_INDEX)


def match_attitude(text: str) -> str | None:
    """The attitude key for a key or a label ("lịch sự", "hach dich, nhung nhieu", "rat_lich_su")."""
    return _match(text, _ATTITUDE_INDEX) or _match_prefix(text, ATTITUDE_LABELS)


def match_reason(text: str) -> str | None:
    """The reason key for a key or a label ("chờ lâu", "cho_lau")."""
    return _match(text, _REASON_INDEX)


def describe(unit) -> dict:
    """The scale as the API and the kiosk page hand it out (Vietnamese labels plus English)."""
    return {
        "levels": [_choice(key, LEVEL_LABELS) for key in level_keys(unit)],
        "lowest": lowest_level(unit),
        "question": ATTITUDE_QUESTION[0],
        "question_en": ATTITUDE_QUESTION[1],
        "attitudes": [_choice(key, ATTITUDE_LABELS) for key in ATTITUDE_LABELS],
        "reasons": [_choice(key, REASON_LABELS) for key in REASON_LABELS],
        "bad_levels": sorted(BAD_LEVELS),
        "bad_attitudes": sorted(BAD_ATTITUDES),
    }


def set_scale(unit, levels: object) -> None:
    """Give ``unit`` a scale of 3, 4 or 5 levels (a number or its text)."""
    size = {str(size): size for size in SCALES}.get(str(levels).strip())
    if size is None:
        raise Invalid("Thang đánh giá phải có 3, 4 hoặc 5 mức.", field="levels")
    unit.rating_scale = size


def _choice(key: str, labels: dict[str, tuple[str, str]]) -> dict:
    return {"key": key, "label": labels[key][0], "label_en": labels[key][1]}


def _index(labels: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Folded key and labels → key, built once: matching runs on every rating received."""
    index = {}
    for key, (vi, en) in labels.items():
        index.update({fold(en): key, fold(vi): key, fold(key): key, key: key})
    return index


def _match(text: str, index: dict[str, str]) -> str | None:
    return index.get(text) or index.get(fold(text or ""))


def _match_prefix(text: str, labels: dict[str, tuple[str, str]]) -> str | None:
    """Paper forms abbreviate long labels ("rất lịch sự" for "Rất lịch sự, thân thiện, dễ gần")."""
    wanted = fold(text or "")
    hits = [key for key, (vi, _en) in labels.items() if wanted and fold(vi).startswith(wanted)]
    return hits[0] if len(hits) == 1 else None


_LEVEL_INDEX = _index(LEVEL_LABELS)
_ATTITUDE_INDEX = _index(ATTITUDE_LABELS)
_REASON_INDEX = _index(REASON_LABELS)
