"""``notify-worker``: deliver the notifications of followed dossiers (one worker at a time).

Configuration by environment (or the app config of the same name):
``ZALO_ACCESS_TOKEN`` the OA's access token, ``MOTCUA_NOTIFY_ZALO_URL`` (default Zalo's API),
``MOTCUA_NOTIFY_ZALO_TEMPLATE_ID`` the transaction template used outside the consultation window,
``MOTCUA_NOTIFY_ZALO_WINDOW_HOURS`` (48), ``MOTCUA_NOTIFY_SMS_URL`` / ``MOTCUA_NOTIFY_SMS_KEY`` an HTTP
SMS gateway, ``MOTCUA_NOTIFY_QUIET_HOURS`` ("21-7"; "0-0" sends at any hour), ``MOTCUA_NOTIFY_DAILY_LIMIT`` (3).
"""

from __future__ import annotations

import os
import time as _time
from datetime import time, timedelta

import click
from flask import current_app
from flask.cli import with_appcontext

from kiosk.core.db import new_session
from motcua.clock import now_local
from motcua.notifications.providers import HttpSmsProvider, Provider, WebWidgetProvider, ZaloProvider
from motcua.notifications.worker import Policy, recover_interrupted, run_forever, run_once


@click.command("notify-worker")
@with_appcontext
@click.option("--once", is_flag=True, help="Một lượt rồi dừng (kiểm thử, cron).")
@click.option("--interval", default=5.0, show_default=True, help="Giây nghỉ khi không có gì để gửi.")
def notify_worker_command(once: bool, interval: float) -> None:
    """Gửi thông báo thay đổi trạng thái hồ sơ cho người theo dõi."""
    providers, policy = configured_providers(), configured_policy()
    if once:
        with new_session() as session:
            recover_interrupted(session, providers, now_local())
            counts = run_once(session, providers, now_local(), policy)
        click.echo(f"Đã gửi {counts['sent']}, chờ gửi lại {counts['retry']}, lỗi {counts['failed']}.")
        return
    run_forever(new_session, providers, now_local, _time.sleep, interval, policy)


def configured_providers() -> dict[str, Provider]:
    providers: dict[str, Provider] = {"web": WebWidgetProvider()}
    if _setting("ZALO_ACCESS_TOKEN"):
        providers["zalo"] = ZaloProvider(
            _setting("MOTCUA_NOTIFY_ZALO_URL", "https://openapi.zalo.me"),
            _setting("ZALO_ACCESS_TOKEN"),
            _setting("MOTCUA_NOTIFY_ZALO_TEMPLATE_ID"),
            timedelta(hours=float(_setting("MOTCUA_NOTIFY_ZALO_WINDOW_HOURS", "48"))),
        )
    if _setting("MOTCUA_NOTIFY_SMS_URL"):
        providers["sms"] = HttpSmsProvider(_setting("MOTCUA_NOTIFY_SMS_URL"), _setting("MOTCUA_NOTIFY_SMS_KEY"))
    return providers


def configured_policy() -> Policy:
    start, _, end = _setting("MOTCUA_NOTIFY_QUIET_HOURS", "21-7").partition("-")
    return Policy(
        quiet_from=time(int(start or 21)),
        quiet_until=time(int(end or 7)),
        daily_limit=int(_setting("MOTCUA_NOTIFY_DAILY_LIMIT", "3")),
    )


def _setting(name: str, default: str = "") -> str:
    return str(current_app.config.get(name) or os.environ.get(name) or default)


COMMANDS = [notify_worker_command]
