"""The assistant's copy of the personal-data notice (bot/actions/privacy_notice.py, Python 3.10 without the app
package) must say exactly what ``motcua.privacy.notice`` says on the app's pages, with the same link: one
wording for the chat, Zalo, the QR rating page, the complaint form and the counter intake page (issue 21)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from motcua.privacy import notice as app_notice

BOT_NOTICE = Path(__file__).resolve().parents[2] / "bot" / "actions" / "privacy_notice.py"


def _bot_notice():
    spec = importlib.util.spec_from_file_location("bot_privacy_notice", BOT_NOTICE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bot_has_the_app_wording_in_both_languages():
    bot = _bot_notice()
    assert bot.NOTICE == app_notice.NOTICE
    assert bot.PAGE_PATH == app_notice.PAGE_PATH


@pytest.mark.parametrize("lang", ["vi", "en", "fr", ""])
@pytest.mark.parametrize("base_url", ["https://motcua.example.gov.vn", "https://motcua.example.gov.vn/", ""])
def test_the_bot_notice_with_its_link_is_the_app_one(lang, base_url):
    assert _bot_notice().notice(lang, base_url) == app_notice.notice(lang, base_url)
