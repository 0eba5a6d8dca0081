"""The bot's copy of the Vietnamese normaliser (bot/components/folding.py, Python 3.10 without the app
package) must fold exactly as ``motcua.text.fold``: the NLU and the catalogue search then see the same
words."""

from __future__ import annotations

import importlib.util
import unicodedata
from pathlib import Path

import pytest

from motcua.text import fold, strip_diacritics

BOT_FOLDING = Path(__file__).resolve().parents[2] / "bot" / "components" / "folding.py"

PHRASES = [
    "Đăng ký khai sinh",
    "ĐĂNG KÝ KẾT HÔN",
    "Cấp đổi GPLX hạng B2!",
    "làm CCCD cần giấy tờ gì?",
    "Sổ  Đỏ",
    "Thủ tục: xác nhận tình trạng hôn nhân (cấp xã)",
    "hồ sơ 000.00.12.H62-260921-0001 đến đâu rồi",
    "lệ phí bao nhiêu — 50.000đ",
    "Ủy ban nhân dân; Uỷ ban",
    "giấy tờ",
    "Quá hạn!!!",
    "  ",
    "",
    "👍 cảm ơn",
    "Nghị định 118/2025/NĐ-CP",
    "trẻ em dưới 6 tuổi được miễn",
    "ưu tiên người cao tuổi",
    unicodedata.normalize("NFD", "Giấy chứng nhận quyền sử dụng đất"),
]


def _bot_folding():
    spec = importlib.util.spec_from_file_location("bot_folding", BOT_FOLDING)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("phrase", PHRASES)
def test_bot_folding_matches_the_app_normaliser(phrase):
    bot = _bot_folding()
    assert bot.fold(phrase) == fold(phrase)
    assert bot.strip_diacritics(phrase) == strip_diacritics(phrase)
