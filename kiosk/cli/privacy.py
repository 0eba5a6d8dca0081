"""Personal data (Law 91/2025/QH15; docs/personal-data.md):

- ``purge``: remove what is past its retention period (run daily by the scheduler);
- ``access-log --dossier CODE``: who viewed a dossier's personal data, when, through which route;
- ``breach-scope --from --to``: the dossiers and data a component exposed in a window could have reached;
- ``privacy-new-key`` and ``privacy-rotate``: rotating the key of the encrypted identification numbers.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from kiosk.core.db import new_session
from motcua.clock import now_local, parse_iso
from motcua.db import make_engine
from motcua.dossiers.codes import CodeError, canonical_code
from motcua.dossiers.models import Dossier
from motcua.privacy import crypto
from motcua.privacy.access import entries_for_dossier
from motcua.privacy.breach import breach_scope, database_scope
from motcua.privacy.retention import LABELS, TRANSCRIPTS, RetentionError, periods_from_environment, purge
from motcua.privacy.rotation import rotate_identifiers
from motcua.privacy.transcripts import purge_transcripts

# The bot's conversation store (bot/stores/configured.py): its old transcripts are purged here too.
TRACKER_STORE_URL = "RASA_TRACKER_STORE_URL"


@click.command("purge")
@with_appcontext
def purge_command() -> None:
    """Xóa dữ liệu cá nhân đã quá thời hạn lưu (không xóa hồ sơ); cả nội dung trò chuyện khi có
    RASA_TRACKER_STORE_URL."""
    now = now_local()
    try:
        with new_session() as session:
            counts = purge(session, now)
        tracker_url = current_app.config.get(TRACKER_STORE_URL) or os.environ.get(TRACKER_STORE_URL, "")
        if tracker_url:
            days = periods_from_environment()[TRANSCRIPTS]
            engine = make_engine(tracker_url)
            try:
                counts[TRANSCRIPTS] = purge_transcripts(engine, now - timedelta(days=days))
            finally:
                engine.dispose()
    except RetentionError as exc:
        raise click.ClickException(str(exc)) from exc
    for kind, count in counts.items():
        click.echo(f"{LABELS[kind]}: {count}")
    click.echo(f"Tổng cộng: {sum(counts.values())} bản ghi.")


@click.command("access-log")
@with_appcontext
@click.option("--dossier", "code", required=True, help="Mã hồ sơ, ví dụ 000.00.12.H62-260415-0001.")
def access_log_command(code: str) -> None:
    """Ai đã xem dữ liệu cá nhân của một hồ sơ, khi nào, qua đâu."""
    try:
        code = canonical_code(code)
    except CodeError as exc:
        raise click.ClickException(str(exc)) from exc
    with new_session() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == code))
        if dossier is None:
            raise click.ClickException(f"Không tìm thấy hồ sơ {code}.")
        entries = entries_for_dossier(session, dossier.id)
    if not entries:
        click.echo(f"Chưa có ai xem dữ liệu cá nhân của hồ sơ {code}.")
        return
    for entry in entries:
        click.echo(f"{entry.at:%d/%m/%Y %H:%M:%S}\t{entry.actor_kind}:{entry.actor}\t{entry.route}\t{entry.detail}")


@click.command("breach-scope")
@with_appcontext
@click.option("--from", "start", required=True, help="Đầu khoảng thời gian (ISO 8601, giờ Việt Nam).")
@click.option("--to", "end", required=True, help="Cuối khoảng thời gian (không tính).")
@click.option(
    "--component",
    type=click.Choice(["app", "database"]),
    default="app",
    show_default=True,
    help="app: những gì đã được xem qua ứng dụng (nhật ký truy cập); database: bản sao cơ sở dữ liệu hoặc bản sao lưu.",
)
def breach_scope_command(start: str, end: str, component: str) -> None:
    """Dữ liệu cá nhân và hồ sơ có thể bị lộ trong một khoảng thời gian (để thông báo trong 72 giờ)."""
    window = (_moment(start, "--from"), _moment(end, "--to"))
    if window[0] >= window[1]:
        raise click.ClickException("--from phải trước --to.")
    if component == "database":
        with new_session() as session:
            tables = database_scope(session, window[1])
        click.echo(
            f"Bản sao cơ sở dữ liệu trước {window[1]:%d/%m/%Y %H:%M}: số định danh đã mã hóa (lộ nếu lộ cả khóa)."
        )
        for item in tables:
            click.echo(f"{item.table}\t{item.rows} dòng\t{', '.join(item.personal_fields)}")
        return
    with new_session() as session:
        scope = breach_scope(session, *window)
    click.echo(f"Khoảng {window[0]:%d/%m/%Y %H:%M} – {window[1]:%d/%m/%Y %H:%M}: {scope.people} hồ sơ đã được xem.")
    for item in scope.dossiers:
        click.echo(
            f"{item.code}\t{item.applicant_initials}\t{', '.join(item.personal_fields)}\t"
            f"{item.views} lượt\t{', '.join(sorted(item.viewers))}\t{', '.join(sorted(item.routes))}"
        )
    for line in scope.bulk_views:
        click.echo(f"Xem nhiều hồ sơ: {line}")


@click.command("privacy-new-key")
@with_appcontext
def new_key_command() -> None:
    """Thêm khóa mã hóa mới (đứng đầu) vào instance/personal_data_keys; khóa cũ vẫn giải mã được."""
    if crypto.current_keys() != crypto.instance_keys(crypto.instance_folder()):
        raise click.ClickException(
            f"Khóa đang lấy từ {crypto.ENV_KEYS}: thêm khóa mới vào đầu biến đó (docs/personal-data.md)."
        )
    crypto.add_new_key(crypto.instance_folder())
    click.echo(
        f"Đã thêm khóa mới vào {Path(crypto.instance_folder()) / crypto.FILENAME}. Khởi động lại các tiến trình "
        "rồi chạy privacy-rotate."
    )


@click.command("privacy-rotate")
@with_appcontext
def rotate_command() -> None:
    """Mã hóa lại mọi số định danh bằng khóa mới nhất."""
    with new_session() as session:
        changed = rotate_identifiers(session)
    click.echo(f"Đã mã hóa lại {changed} số định danh.")


def _moment(text: str, option: str) -> datetime:
    try:
        return parse_iso(text)
    except ValueError:
        raise click.ClickException(
            f"{option}: '{text[:40]}' không phải thời điểm hợp lệ (ví dụ 2026-11-02T08:00)."
        ) from None


COMMANDS = [purge_command, access_log_command, breach_scope_command, new_key_command, rotate_command]
